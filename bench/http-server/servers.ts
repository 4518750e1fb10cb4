/**
 * The two servers under comparison, each given the same Apollo Server and the same shared
 * behaviour (behaviour.ts): the kit's `serveHttp` (node:http), and Fastify with Apollo's
 * integration made to behave alike (issue 22).
 */
import { HeaderMap, type ApolloServer } from '@apollo/server';
import { fastifyApolloHandler } from '@as-integrations/fastify';
import { AuthError, PUBLIC_CALLER, type Caller } from '@tepat/auth';
import { ErrorCode } from '@tepat/core';
import { serveHttp, type CacheEntry } from '@tepat/subgraph-kit';
import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify';
import type { Server } from 'node:http';
import { errorBody, KEEP_ALIVE_TIMEOUT_MS, MAX_BODY_BYTES, REQUEST_TIMEOUT_MS, sharedBehaviour, type BenchContext } from './behaviour.js';

export const SERVERS = ['ours', 'fastify'] as const;
export type ServerName = (typeof SERVERS)[number];
export const LABEL: Record<ServerName, string> = { ours: 'serveHttp (node:http)', fastify: 'Fastify + @as-integrations/fastify' };

/** The kit's own server, as every service runs it. */
export async function serveOurs(apollo: ApolloServer<BenchContext>, port: number, parity: boolean): Promise<{ server: Server; version: string }> {
  const shared = sharedBehaviour(parity);
  const running = await serveHttp<BenchContext>({
    apollo,
    authenticate: shared.authenticate,
    preHandler: shared.preHandler,
    context: (_req, caller) => shared.context(caller),
    ready: shared.ready,
    host: '127.0.0.1',
    port,
    maxBodyBytes: MAX_BODY_BYTES,
    routes: { '/files/': shared.files },
    requestTimeoutMs: REQUEST_TIMEOUT_MS,
    responseCache: shared.responseCache,
  });
  return { server: running.server, version: `Node ${process.versions.node}` };
}

/**
 * serveHttp's behaviour on Fastify. What Fastify does itself: the body limit (413 from the
 * announced length, or as soon as a chunked body passes it), JSON parsing, routing, timeouts
 * once set. What it needed here: authentication and the preHandler in an `onRequest` hook (so
 * before the body is read), the answers' shapes (an error handler and a not-found handler),
 * a catch-all content-type parser (Apollo answers other types itself), the response cache in
 * two hooks, and for the streamed route an encapsulated context without parsers, `hijack`, and
 * its own 500.
 */
export async function serveFastify(apollo: ApolloServer<BenchContext>, port: number, parity: boolean): Promise<{ server: Server; version: string }> {
  const shared = sharedBehaviour(parity);
  const app = Fastify({ bodyLimit: MAX_BODY_BYTES, requestTimeout: REQUEST_TIMEOUT_MS, keepAliveTimeout: KEEP_ALIVE_TIMEOUT_MS, logger: false });
  const callers = new WeakMap<FastifyRequest, Caller>();

  app.setErrorHandler((error: Error & { code?: string }, request, reply) => {
    if (error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') {
      return reply.code(400).send(errorBody(ErrorCode.BAD_REQUEST, 'The request body is not valid JSON.'));
    }
    const tooLarge = error.code === 'FST_ERR_CTP_BODY_TOO_LARGE';
    if (tooLarge || error.code === 'FST_ERR_CTP_INVALID_CONTENT_LENGTH') {
      // As serveHttp: a body refused as sent is not read to its end; drop the rest and close.
      request.raw.resume();
      const [status, code, message] = tooLarge
        ? [413, ErrorCode.REQUEST_TOO_LARGE, `Request body over ${MAX_BODY_BYTES} bytes.`]
        : [400, ErrorCode.BAD_REQUEST, 'The request body is not what its headers announce.'];
      return reply.code(status).header('connection', 'close').send(errorBody(code, message));
    }
    console.error('Unhandled error serving a request:', error);
    return reply.code(500).send(errorBody(ErrorCode.INTERNAL_SERVER_ERROR, 'Internal error.'));
  });
  app.setNotFoundHandler((_request, reply) => reply.code(404).send({ error: 'Not found: the endpoint is /graphql.' }));
  // Apollo answers a body of any other type itself (a 400 it words), as it does behind serveHttp.
  app.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => done(null, body));

  app.all('/health', async () => ({ status: 'ok' }));
  app.all('/ready', async (_request, reply) => {
    const ready = await shared.ready().catch(() => false);
    return reply.code(ready ? 200 : 503).send({ status: ready ? 'ready' : 'unavailable' });
  });

  await app.register(async (files) => {
    // The route reads its own body as it streams (an import of any size): no parser, no body limit.
    files.removeAllContentTypeParsers();
    files.addContentTypeParser('*', (_request, _payload, done) => done(null));
    files.all('/files/*', async (request, reply) => {
      reply.hijack();
      // Past hijack Fastify answers nothing: every request gets an answer, as serveHttp's.
      await shared.files(request.raw, reply.raw).catch((error) => {
        const res = reply.raw;
        if (res.destroyed || res.writableEnded) return;
        console.error('Unhandled error serving a request:', error);
        if (res.headersSent) return void res.end();
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify(errorBody(ErrorCode.INTERNAL_SERVER_ERROR, 'Internal error.')));
      });
    });
  });

  const refuse = (reply: FastifyReply, status: number, body: unknown, headers: Record<string, string> = {}) => reply.code(status).headers(headers).send(body);

  // /graphql in a context of its own, so that its hooks run for it alone.
  await app.register(async (graphql) => {
    // Before the body is read, as serveHttp: a refused caller costs no parsing.
    graphql.addHook('onRequest', async (request, reply) => {
      let caller: Caller;
      try {
        caller = await shared.authenticate(request.raw);
      } catch (error) {
        if (!(error instanceof AuthError)) throw error;
        const refusal = await shared.preHandler(request.raw, PUBLIC_CALLER);
        if (refusal) return refuse(reply, refusal.status, errorBody(refusal.code, refusal.message), refusal.headers);
        return refuse(reply, 401, errorBody(ErrorCode.UNAUTHENTICATED, error.message), { 'www-authenticate': 'Bearer' });
      }
      const refusal = await shared.preHandler(request.raw, caller);
      if (refusal) return refuse(reply, refusal.status, errorBody(refusal.code, refusal.message), refusal.headers);
      callers.set(request, caller);
    });

    // The response cache: looked up once the body is parsed, offered the answer as it is sent.
    const cache = shared.responseCache;
    if (cache) {
      const entries = new WeakMap<FastifyRequest, CacheEntry>();
      graphql.addHook('preHandler', async (request, reply) => {
        if (request.body === undefined || request.body === '') return;
        const headers = new HeaderMap();
        for (const [key, value] of Object.entries(request.headers)) {
          if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
        }
        // A cache that fails costs its saving, never the answer.
        const entry = await cache
          .lookup({ body: request.body, headers, caller: callers.get(request)! })
          .catch((error) => void console.error('Response cache failed; running the request:', error));
        if (entry?.response) {
          const { status, headers: kept, body } = entry.response;
          return reply.code(status).headers(Object.fromEntries(kept)).send(body);
        }
        if (entry) entries.set(request, entry);
      });
      graphql.addHook('onSend', async (request, reply, payload) => {
        const entry = entries.get(request);
        if (entry && typeof payload === 'string') {
          const headers = Object.entries(reply.getHeaders()).map(([key, value]) => [key, String(value)] as [string, string]);
          void entry.store({ status: reply.statusCode, headers, body: payload });
        }
        return payload;
      });
    }

    graphql.route({
      method: ['GET', 'POST', 'OPTIONS'],
      url: '/graphql',
      handler: fastifyApolloHandler<BenchContext>(apollo, { context: async (request) => shared.context(callers.get(request)!) }),
    });
  });

  await app.listen({ host: '127.0.0.1', port });
  return { server: app.server, version: `Fastify ${app.version}` };
}
