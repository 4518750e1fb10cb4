/**
 * The gateway's kept analytics answers, against a stand-in for the analytics service's
 * `/build`: what may be kept, for whom, and for how long.
 */
import { HeaderMap } from '@apollo/server';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import type { Caller } from '@tepat/auth';
import type { ResponseCache, CachedResponse } from '@tepat/subgraph-kit';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { responseCache } from './response-cache.js';

let server: Server;
let analyticsUrl: string;
/** What the stand-in serves, and how often it was asked. */
let served: { build: string | null; asked: number; status: number; delayMs: number };
let store: ResponseCache;

const ANALYST: Caller = { role: 'ANALYST', subject: 'a' };
const EQUITY = '{ regionalEquity(program: "PKH", period: "2025-01", level: DISTRICT) { giniCoverage } }';
const answer = (body: string): CachedResponse => ({ status: 200, headers: [['content-type', 'application/json']], body });

async function lookup(body: unknown, caller: Caller = ANALYST, accept = 'application/json') {
  const headers = new HeaderMap([['accept', accept]]);
  return store.lookup({ body, headers, caller });
}

/** Runs a request as serveHttp does: the kept answer, or `run` and offer its answer. */
async function ask(body: unknown, run: () => CachedResponse, caller: Caller = ANALYST): Promise<CachedResponse> {
  const entry = await lookup(body, caller);
  if (entry?.response) return entry.response;
  const ran = run();
  await entry?.store(ran);
  return ran;
}

beforeAll(async () => {
  server = createServer((req, res) => {
    served.asked++;
    // The build served when the question came, answered after the delay.
    const { build, status } = served;
    setTimeout(() => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ build }));
    }, served.delayMs);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  analyticsUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  served = { build: 'tepat_build_1', asked: 0, status: 200, delayMs: 0 };
  store = responseCache({ analyticsUrl, maxBytes: 1024 * 1024, timeoutMs: 2_000, trustedRoles: ['REGIONAL_APP'] });
});

describe('responseCache', () => {
  it('gives a metric answer again, for the same request, caller role and region, while its build is served', async () => {
    let runs = 0;
    const run = () => answer(`{"data":{"regionalEquity":{"giniCoverage":${++runs}}}}`);
    const first = await ask({ query: EQUITY }, run);
    expect(await ask({ query: EQUITY }, run)).toEqual(first);
    expect(runs).toBe(1);
    // Another role, another region, other variables or another content type: run again.
    await ask({ query: EQUITY }, run, { role: 'AUDITOR', subject: 'x' });
    await ask({ query: EQUITY }, run, { role: 'ANALYST', region: '35', subject: 'x' });
    await ask({ query: EQUITY, variables: { a: 1 } }, run);
    expect((await lookup({ query: EQUITY }, ANALYST, 'application/graphql-response+json'))?.response).toBeUndefined();
    expect(runs).toBe(4);
  });

  it('forgets every answer when another build is served, and asks which build for every request', async () => {
    await ask({ query: EQUITY }, () => answer('{"data":{"old":1}}'));
    served.build = 'tepat_build_2';
    const entry = await lookup({ query: EQUITY });
    expect(entry).toBeDefined();
    expect(entry?.response).toBeUndefined();
    // Back to the first build: its answers were dropped, not hidden.
    served.build = 'tepat_build_1';
    expect((await lookup({ query: EQUITY }))?.response).toBeUndefined();
    // Before and after the run that was kept, then once per lookup.
    expect(served.asked).toBe(4);
  });

  it('does not keep an answer whose build changed while it ran, nor one with errors or another status', async () => {
    const changing = await lookup({ query: EQUITY });
    served.build = 'tepat_build_2';
    await changing?.store(answer('{"data":{"x":1}}'));
    expect((await lookup({ query: EQUITY }))?.response).toBeUndefined();

    for (const bad of [
      answer('{"errors":[{"message":"no"}],"data":null}'),
      { ...answer('{"data":{"x":1}}'), status: 500 },
    ]) {
      await (await lookup({ query: EQUITY }))?.store(bad);
      expect((await lookup({ query: EQUITY }))?.response).toBeUndefined();
    }
  });

  it('keeps nothing but queries of build-answered fields, and nothing for roles bound to trusted documents', async () => {
    for (const body of [
      { query: '{ person(nik: "3510010101900001") { nik } }' },
      { query: `{ flaggedDisbursements(program: "PKH", period: "2025-01") { totalCount } }` },
      { query: '{ leakage(program: "PKH", period: "2025-01") { leakageRate } person(nik: "3510010101900001") { nik } }' },
      { query: 'mutation { saveRuleSet(code: "X") { code } }' },
      { query: '{ leakage(program: "PKH", period: "2025-01") @skip(if: false) { leakageRate } }' },
      { query: '{ __typename }' },
      { query: '{ leakage(' },
      { query: EQUITY, extensions: { persistedQuery: { version: 1, sha256Hash: 'abc' } } },
      { extensions: { persistedQuery: { version: 1, sha256Hash: 'abc' } } },
      'not json',
    ]) {
      expect(await lookup(body)).toBeUndefined();
    }
    expect(await lookup({ query: EQUITY }, { role: 'REGIONAL_APP', region: '35.10', subject: 'app' })).toBeUndefined();
    expect(served.asked).toBe(0);
    // The operation named picks what the request runs.
    const two = `query A { leakage(program: "PKH", period: "2025-01") { leakageRate } } query B { person(nik: "3510010101900001") { nik } }`;
    expect(await lookup({ query: two, operationName: 'A' })).toBeDefined();
    expect(await lookup({ query: two, operationName: 'B' })).toBeUndefined();
  });

  it('runs the request when analytics cannot say which build it serves, or has none', async () => {
    served.status = 503;
    expect(await lookup({ query: EQUITY })).toBeUndefined();
    served.status = 200;
    served.build = null;
    expect(await lookup({ query: EQUITY })).toBeUndefined();
  });

  it('runs, and keeps nothing of, a request whose variables are nested too deep to serialise (issue 16)', async () => {
    let variables: unknown = 1;
    for (let i = 0; i < 8_000; i++) variables = { a: variables };
    await expect(lookup({ query: EQUITY, variables: { x: variables } })).resolves.toBeUndefined();
  });

  it('asks once for requests that come together, and never answers from a question asked before a request came', async () => {
    served.delayMs = 50;
    await ask({ query: EQUITY }, () => answer('{"data":{"x":1}}'));
    served.asked = 0;
    const first = lookup({ query: EQUITY });
    // These come while the first question is under way: they wait for the next one.
    const together = Array.from({ length: 15 }, () => lookup({ query: EQUITY }));
    await new Promise((resolve) => setTimeout(resolve, 10));
    served.build = 'tepat_build_2';
    expect((await first)?.response?.body).toBe('{"data":{"x":1}}');
    for (const entry of await Promise.all(together)) expect(entry?.response).toBeUndefined();
    expect(served.asked).toBe(2);
  });
});
