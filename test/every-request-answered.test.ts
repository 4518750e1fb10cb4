/**
 * No request goes unanswered (issue 16 §3): the two that never got an answer from the real
 * gateway (a chunked body over the limit; a metric query whose variables nest 8,000 deep), and
 * a fuzz run of raw HTTP requests, each of which must be answered within seconds.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startGateway, type RunningGateway } from '@tepat/gateway';
import fc from 'fast-check';
import { request } from 'node:http';
import { connect } from 'node:net';
import { csv, startFederatedHub, type FederatedHub } from './support/federated-hub.js';

const LIMIT = 128 * 1024;
const METRIC = 'query ($p: String!, $t: String!) { targetingAccuracy(program: $p, period: $t) { recipients coverage } }';

let hub: FederatedHub;
/** The hub's gateway with a small body limit, so that the fuzz run's oversized bodies stay small. */
let gateway: RunningGateway;

beforeAll(async () => {
  hub = await startFederatedHub({ analytics: true });
  await hub.load({
    'population/persons.csv': csv([
      'nik,kk,full_name,sex,birth_date,relationship,village_code,death_date',
      '3510010404800001,3510010101100001,Budi Santoso,L,1980-04-04,HEAD,35.10.01.2001,',
    ]),
    'aid/programs.csv': csv(['code,name,unit,rule_set', 'BLT,Bantuan Langsung Tunai,PERSON,DTKS']),
    'aid/disbursements.csv': csv([
      'id,program_code,nik,kk,period,amount_idr,disbursed_on,district_code',
      'D1,BLT,3510010404800001,3510010101100001,2025-05,300000,2025-05-02,35.10.01',
    ]),
  });
  // A build, so that metric requests go through the gateway's kept answers.
  await hub.refreshAnalytics();
  gateway = await startGateway({ ...hub.gatewayEnv, maxRequestBytes: LIMIT });
}, 300_000);

afterAll(async () => {
  await gateway?.close();
  await hub?.close();
});

/** Variables nested `depth` objects deep, as JSON text. */
const nested = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;

describe('the requests that went unanswered', () => {
  it('a chunked body over TEPAT_MAX_REQUEST_BYTES gets 413 at once, while the client is still sending', async () => {
    const started = Date.now();
    const status = await new Promise<number | undefined>((resolve) => {
      const req = request(gateway.url, { method: 'POST', headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' } }, (res) => {
        res.resume();
        resolve(res.statusCode);
      });
      req.on('error', () => resolve(undefined));
      req.write(`{"query":"{ programs { code } }","variables":{"pad":"${'x'.repeat(2 * LIMIT)}`);
      setTimeout(() => {
        req.destroy();
        resolve(undefined);
      }, 5_000);
    });
    expect(status).toBe(413);
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it('a metric query whose variables nest 8,000 deep is answered as it would be without them', async () => {
    // An admin: the nation here has one recipient, which an analyst would read withheld (small cells).
    const headers = await hub.headersFor({ role: 'ADMIN', subject: 'deep' });
    const ask = async (extra: string) => {
      const res = await fetch(gateway.url, {
        method: 'POST',
        headers,
        body: `{"query":${JSON.stringify(METRIC)},"variables":{"p":"BLT","t":"2025-05"${extra}}}`,
        signal: AbortSignal.timeout(5_000),
      });
      return { status: res.status, body: await res.json() };
    };
    const plain = await ask('');
    expect(plain.body).toMatchObject({ data: { targetingAccuracy: { recipients: 1 } } });
    expect(await ask(`,"deep":${nested(8_000)}`)).toEqual(plain);
  });
});

describe('fuzz: every request is answered within seconds', () => {
  /** Sends raw bytes and resolves with the status of the first answer, or 'none' after `ms`. */
  function raw(head: string, body: Buffer, ms = 5_000): Promise<number | 'none'> {
    return new Promise((resolve) => {
      const socket = connect(gateway.port, '127.0.0.1');
      let received = '';
      const done = (status: number | 'none') => {
        clearTimeout(timer);
        socket.destroy();
        resolve(status);
      };
      const timer = setTimeout(() => done('none'), ms);
      socket.on('data', (chunk) => {
        received += chunk.toString('latin1');
        const line = /^HTTP\/1\.1 (\d{3})/.exec(received);
        if (line) done(Number(line[1]));
      });
      // The server may close while a refused body is still being written: the answer came first.
      socket.on('error', () => {});
      socket.on('close', () => done('none'));
      // Written, not ended: a client that half-closes has said it is gone (Node then answers nothing).
      socket.write(head);
      socket.write(body);
    });
  }

  it('whatever the method, path, headers and body', async () => {
    const tokens = {
      none: undefined,
      analyst: (await hub.headersFor({ role: 'ANALYST', subject: 'fuzz' })).authorization,
      auditor: (await hub.headersFor({ role: 'AUDITOR', subject: 'fuzz', purpose: 'fuzz' })).authorization,
      garbage: 'Bearer abc.def.ghi',
      basic: 'Basic Zm9vOmJhcg==',
    };
    const SEEDS = [
      METRIC,
      '{ programs { code } }',
      'query ($nik: String!) { person(nik: $nik) { fullName aidHistory { amountIdr } } }',
      'query A { programs { code } } query B { ruleSets { code } }',
      'subscription { programs { code } }',
      'query ($v: String!) { searchPersons(name: $v) { totalCount } }',
      '{ programs { code }',
    ];
    const graphqlBody = fc
      .record({
        query: fc.constantFrom(...SEEDS),
        operationName: fc.option(fc.constantFrom('A', 'B', 'Z', ''), { nil: undefined }),
        variables: fc.oneof(
          fc.constant('{"p":"BLT","t":"2025-05","nik":"3510010404800001","v":"Budi"}'),
          fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)),
          fc.integer({ min: 1, max: 15_000 }).map((depth) => `{"p":"BLT","t":"2025-05","deep":${nested(depth)}}`),
          fc.string({ maxLength: 40 }).map((v) => JSON.stringify({ p: v, t: v, nik: v, v })),
        ),
      })
      .map(({ query, operationName, variables }) => `{"query":${JSON.stringify(query)},${operationName === undefined ? '' : `"operationName":${JSON.stringify(operationName)},`}"variables":${variables}}`);
    const body = fc.oneof(
      { weight: 4, arbitrary: graphqlBody.map((text) => Buffer.from(text)) },
      { weight: 1, arbitrary: fc.string({ maxLength: 200 }).map((text) => Buffer.from(text)) },
      { weight: 1, arbitrary: fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes)) },
      { weight: 1, arbitrary: fc.integer({ min: LIMIT + 1, max: 2 * LIMIT }).map((n) => Buffer.from(`{"query":"${'x'.repeat(n)}"}`)) },
      { weight: 1, arbitrary: fc.constant(Buffer.alloc(0)) },
    );
    const requests = fc.record({
      method: fc.oneof({ weight: 6, arbitrary: fc.constant('POST') }, { weight: 1, arbitrary: fc.constantFrom('GET', 'PUT', 'OPTIONS', 'DELETE', 'HEAD') }),
      path: fc.oneof(
        { weight: 6, arbitrary: fc.constant('/graphql') },
        { weight: 1, arbitrary: fc.constantFrom('/graphql?query=%7B%20programs%20%7B%20code%20%7D%20%7D', '/health', '/ready', '/dashboard', '/elsewhere') },
      ),
      contentType: fc.oneof(
        { weight: 6, arbitrary: fc.constant('application/json') },
        { weight: 1, arbitrary: fc.constantFrom(undefined, 'application/json; charset=utf-8', 'text/plain', 'application/x-www-form-urlencoded') },
      ),
      token: fc.constantFrom(...(Object.keys(tokens) as (keyof typeof tokens)[])),
      preflight: fc.boolean(),
      chunked: fc.boolean(),
      body,
    });

    await fc.assert(
      fc.asyncProperty(requests, async ({ method, path, contentType, token, preflight, chunked, body }) => {
        const headers = [`${method} ${path} HTTP/1.1`, 'host: 127.0.0.1', 'connection: close'];
        if (contentType) headers.push(`content-type: ${contentType}`);
        if (tokens[token]) headers.push(`authorization: ${tokens[token]}`);
        if (preflight) headers.push('apollo-require-preflight: true');
        headers.push(chunked ? 'transfer-encoding: chunked' : `content-length: ${body.length}`);
        const framed = chunked ? Buffer.concat([Buffer.from(`${body.length.toString(16)}\r\n`), body, Buffer.from('\r\n0\r\n\r\n')]) : body;
        const status = await raw(`${headers.join('\r\n')}\r\n\r\n`, chunked && body.length === 0 ? Buffer.from('0\r\n\r\n') : framed);
        expect(status).not.toBe('none');
        // Answered, and never with a failure of the gateway's own.
        expect(status).not.toBe(500);
      }),
      { numRuns: 400, seed: 20261216 },
    );
  }, 300_000);
});
