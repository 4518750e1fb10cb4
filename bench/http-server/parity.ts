/**
 * The parity checks: on a fresh pair of servers with a response cache and a low public rate
 * limit, every request is sent to both and both must answer as expected (the same query answer,
 * 401 without a valid token, 413 before the body is read, ...), and alike.
 */
import { printTable } from '../support/table.js';
import { MAX_BODY_BYTES, PARITY_PUBLIC_PER_MINUTE } from './behaviour.js';
import { startChild, stopChild } from './child.js';
import { QUERIES, QUERY_NAMES } from './schema.js';
import { bearer, send, type Answer } from './send.js';
import { LABEL, SERVERS } from './servers.js';

const codeOf = (body: string) => {
  try {
    return (JSON.parse(body) as { errors?: { extensions?: { code?: string } }[] }).errors?.[0]?.extensions?.code ?? '-';
  } catch {
    return 'not JSON';
  }
};

interface ParityCheck {
  name: string;
  expect: string;
  /** What was answered in a few words, and the whole (last) answer, compared between the servers. */
  run(base: string, token: string): Promise<[outcome: string, whole: string]>;
}

/**
 * Status and error code of an answer and what else the check looks at; then the answer whole.
 * Fastify adds `; charset=utf-8` to the JSON it sends: a parameter JSON has no use for (RFC
 * 8259 §11), so not a difference.
 */
const said = (res: Answer, more = ''): [string, string] => [
  `${res.status ?? 'no answer'} ${codeOf(res.body)}${more}`,
  `${res.status} ${String(res.headers['content-type']).replace(/^application\/json; charset=utf-8$/, 'application/json')} ${res.body}`,
];
const inTime = (res: Answer) => (res.after < 2_000 ? ' in time' : ` after ${res.after} ms`);

/** In the order sent: the public's requests count against its limit, which the last check reaches. */
const PARITY_CHECKS: ParityCheck[] = [
  ...QUERY_NAMES.map((query) => ({
    name: `${query} query, with a token: the expected answer`,
    expect: '200 - same',
    async run(base: string, token: string) {
      const res = await send(base, { headers: bearer(token), chunks: [QUERIES[query].body] });
      return said(res, res.body === QUERIES[query].answer ? ' same' : ' other');
    },
  })),
  {
    name: 'the same again: from the response cache',
    expect: '200 - same, x-cache hit',
    async run(base, token) {
      const res = await send(base, { headers: bearer(token), chunks: [QUERIES.small.body] });
      return said(res, `${res.body === QUERIES.small.answer ? ' same' : ' other'}, x-cache ${res.headers['x-cache'] ?? 'none'}`);
    },
  },
  {
    name: 'the response cache failing: the request runs',
    expect: '200 - same',
    async run(base, token) {
      const res = await send(base, { headers: { ...bearer(token), 'x-store-fails': '1' }, chunks: [QUERIES.small.body] });
      return said(res, res.body === QUERIES.small.answer ? ' same' : ' other');
    },
  },
  {
    name: 'a response that cannot be written: 500, never silence',
    expect: '500 INTERNAL_SERVER_ERROR',
    run: async (base, token) => said(await send(base, { headers: { ...bearer(token), 'x-bad-answer': '1' }, chunks: [QUERIES.small.body] })),
  },
  {
    name: 'no token: the public',
    expect: '200 -',
    run: async (base) => said(await send(base, { chunks: [QUERIES.small.body] })),
  },
  {
    name: 'a bad token: 401 with www-authenticate',
    expect: '401 UNAUTHENTICATED Bearer',
    async run(base) {
      const res = await send(base, { headers: { authorization: 'Bearer not.a.jwt' }, chunks: [QUERIES.small.body] });
      return said(res, ` ${res.headers['www-authenticate']}`);
    },
  },
  {
    name: 'a body announced over the limit: 413 before it is sent',
    expect: '413 REQUEST_TOO_LARGE in time',
    async run(base, token) {
      const res = await send(base, { headers: { ...bearer(token), 'content-length': String(10 * MAX_BODY_BYTES) }, chunks: ['{'], end: false });
      return said(res, inTime(res));
    },
  },
  {
    name: 'a chunked body over the limit: 413 while still sending',
    expect: '413 REQUEST_TOO_LARGE in time',
    async run(base, token) {
      const chunks = ['{"query":"', 'x'.repeat(2 * MAX_BODY_BYTES)];
      const res = await send(base, { headers: { ...bearer(token), 'transfer-encoding': 'chunked' }, chunks, end: false });
      return said(res, inTime(res));
    },
  },
  {
    name: 'a body just under the limit: read and run',
    expect: '200 -',
    async run(base, token) {
      const padded = JSON.stringify({ ...JSON.parse(QUERIES.small.body), extensions: { pad: 'x'.repeat(MAX_BODY_BYTES - 500) } });
      return said(await send(base, { headers: bearer(token), chunks: [padded] }));
    },
  },
  {
    name: 'invalid JSON: 400',
    expect: '400 BAD_REQUEST',
    run: async (base, token) => said(await send(base, { headers: bearer(token), chunks: ['{"query": '] })),
  },
  {
    name: 'not JSON at all: Apollo says why',
    expect: '400 BAD_REQUEST',
    run: async (base, token) => said(await send(base, { headers: { ...bearer(token), 'content-type': 'text/plain' }, chunks: ['{ person }'] })),
  },
  {
    name: '/health, then /ready',
    expect: '200 - 200 -',
    async run(base) {
      const [health, ready] = [await send(base, { method: 'GET', path: '/health' }), await send(base, { method: 'GET', path: '/ready' })];
      return [`${said(health)[0]} ${said(ready)[0]}`, `${said(health)[1]} ${said(ready)[1]}`];
    },
  },
  {
    name: 'an unknown path: 404',
    expect: '404 -',
    run: async (base) => said(await send(base, { method: 'GET', path: '/nowhere' })),
  },
  {
    name: 'a prefix route, its answer streamed',
    expect: `200 not JSON, ${'file /files/a/b.txt\n'.length + 64 * 1024} bytes`,
    async run(base) {
      const res = await send(base, { method: 'GET', path: '/files/a/b.txt' });
      return said(res, `, ${res.body.length} bytes`);
    },
  },
  {
    name: 'a prefix route reading its own body, past the limit',
    expect: `200 not JSON, ${2 * MAX_BODY_BYTES} bytes`,
    async run(base) {
      const res = await send(base, { path: '/files/echo', headers: { 'content-type': 'text/csv' }, chunks: [Buffer.alloc(2 * MAX_BODY_BYTES, 'a')] });
      return said(res, `, ${res.body.length} bytes`);
    },
  },
  {
    name: 'a prefix route that fails: 500',
    expect: '500 INTERNAL_SERVER_ERROR',
    run: async (base) => said(await send(base, { method: 'GET', path: '/files/fail' })),
  },
  {
    name: `the public's rate limit (${PARITY_PUBLIC_PER_MINUTE} a minute): 429 with retry-after`,
    // The two requests above without a valid token counted already.
    expect: `429 RATE_LIMITED with retry-after, at request ${PARITY_PUBLIC_PER_MINUTE - 2 + 1} more`,
    async run(base) {
      for (let i = 1; ; i++) {
        const res = await send(base, { chunks: [QUERIES.small.body] });
        if (res.status !== 200 || i === 10) return said(res, ` ${res.headers['retry-after'] ? 'with' : 'without'} retry-after, at request ${i} more`);
      }
    },
  },
];

/** Runs every check on both servers and prints the table; true when all are as expected and alike. */
export async function checkParity(token: string): Promise<boolean> {
  const servers = await Promise.all(SERVERS.map((name) => startChild(name, true)));
  try {
    const rows: string[][] = [];
    const differences: string[] = [];
    let all = true;
    for (const check of PARITY_CHECKS) {
      const answers: [string, string][] = [];
      for (const server of servers) answers.push(await check.run(server.base, token));
      const expected = answers.every(([outcome]) => outcome === check.expect);
      const same = answers.every(([, whole]) => whole === answers[0]![1]);
      all &&= expected && same;
      if (!same) differences.push(`${check.name}:\n${answers.map(([, whole], i) => `  ${servers[i]!.name}: ${whole.slice(0, 300)}`).join('\n')}`);
      rows.push([check.name, ...answers.map(([outcome]) => outcome), expected ? 'yes' : `NO (expected ${check.expect})`, same ? 'yes' : 'NO']);
    }
    const timeouts = servers.map((server) => server.timeouts);
    const sameTimeouts = timeouts[0] === timeouts[1];
    rows.push(['node:http timeouts', ...timeouts, '', sameTimeouts ? 'yes' : 'NO']);
    printTable(['parity check', ...servers.map((server) => LABEL[server.name]), 'as expected', 'same answer (status, content-type, body)'], rows);
    for (const difference of differences) console.log(difference);
    return all && sameTimeouts;
  } finally {
    await Promise.all(servers.map(stopChild));
  }
}
