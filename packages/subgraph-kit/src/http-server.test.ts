/** The kit's HTTP server answers every request it takes (issue 16 §3), over a one-field schema. */
import { ApolloServer } from '@apollo/server';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { AuthError, type Caller } from '@tepat/auth';
import { request } from 'node:http';
import { serveHttp, type RunningHttpServer } from './http-server.js';

const LIMIT = 1024;
let served: RunningHttpServer;
let apollo: ApolloServer;

beforeAll(async () => {
  apollo = new ApolloServer({ typeDefs: 'type Query { hello: String }', resolvers: { Query: { hello: () => 'world' } } });
  await apollo.start();
  served = await serveHttp({
    apollo,
    authenticate: async (req): Promise<Caller> => {
      if (req.headers.authorization) throw new AuthError('No tokens here.');
      return { role: 'PUBLIC' };
    },
    context: () => ({}),
    ready: async () => true,
    host: '127.0.0.1',
    port: 0,
    maxBodyBytes: LIMIT,
    responseCache: {
      async lookup({ headers }) {
        if (headers.get('x-store-fails')) throw new RangeError('Maximum call stack size exceeded');
        // A response that cannot be written: the server fails once the body was read.
        if (headers.get('x-bad-answer')) return { response: { status: 99, headers: [], body: '' }, store: async () => {} };
        return undefined;
      },
    },
  });
});

afterAll(async () => {
  await served.close();
  await apollo.stop();
});

/** Status and body of one request, or 'no answer' when none came within `ms`. */
function send(options: { headers?: Record<string, string>; chunks: string[]; end: boolean; ms?: number }): Promise<{ status?: number; body?: string; after: number }> {
  const started = Date.now();
  return new Promise((resolve) => {
    const req = request(served.url, { method: 'POST', headers: { 'content-type': 'application/json', ...options.headers } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode, body, after: Date.now() - started }));
    });
    const timer = setTimeout(() => {
      req.destroy();
      resolve({ after: Date.now() - started });
    }, options.ms ?? 3_000);
    req.on('close', () => clearTimeout(timer));
    req.on('error', () => {});
    for (const chunk of options.chunks) req.write(chunk);
    if (options.end) req.end();
  });
}

const code = (body: string | undefined) => (JSON.parse(body ?? '{}') as { errors?: { extensions: { code: string } }[] }).errors?.[0]?.extensions.code;

describe('serveHttp', () => {
  it('refuses a chunked body over the limit with 413 at once, while the client is still sending', async () => {
    const res = await send({ headers: { 'transfer-encoding': 'chunked' }, chunks: ['{"query":"', 'x'.repeat(2 * LIMIT)], end: false });
    expect(res.status).toBe(413);
    expect(code(res.body)).toBe('REQUEST_TOO_LARGE');
    expect(res.after).toBeLessThan(2_000);
  });

  it('refuses a body whose announced length is over the limit before reading it', async () => {
    const res = await send({ headers: { 'content-length': String(10 * LIMIT) }, chunks: ['{'], end: false });
    expect(res.status).toBe(413);
  });

  it('answers an error after the body was read with 500 INTERNAL_SERVER_ERROR, never silence', async () => {
    const res = await send({ headers: { 'x-bad-answer': '1' }, chunks: ['{"query":"{ hello }"}'], end: true });
    expect(res.status).toBe(500);
    expect(code(res.body)).toBe('INTERNAL_SERVER_ERROR');
  });

  it('runs the request when the answer store fails', async () => {
    const res = await send({ headers: { 'x-store-fails': '1' }, chunks: ['{"query":"{ hello }"}'], end: true });
    expect(res).toMatchObject({ status: 200, body: '{"data":{"hello":"world"}}\n' });
  });

  it('answers a refused token with 401 without reading the body', async () => {
    const res = await send({ headers: { authorization: 'Bearer x' }, chunks: ['{"query":"{ hello }"}'], end: true });
    expect(res.status).toBe(401);
  });
});
