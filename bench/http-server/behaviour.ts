/**
 * What both servers share, so that they differ only in the HTTP server: the same limits,
 * authenticate, preHandler, context, ready, streamed route and, for the parity checks, the
 * same response cache.
 */
import { createTokenVerifier, withServiceTokens, type Caller } from '@tepat/auth';
import { ErrorCode } from '@tepat/core';
import { rateLimiter } from '@tepat/gateway';
import type { CachedResponse, ResponseCache } from '@tepat/subgraph-kit';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** The gateway's default TEPAT_MAX_REQUEST_BYTES (gateway/src/env.ts). */
export const MAX_BODY_BYTES = 1024 * 1024;
/** Node's default `requestTimeout`, which serveHttp keeps when given none (the gateway's case); Fastify's own default is no limit. */
export const REQUEST_TIMEOUT_MS = 300_000;
/** Node's default; Fastify's own is 72 s. */
export const KEEP_ALIVE_TIMEOUT_MS = 5_000;
/** The gateway's header for an auditor's stated purpose (gateway/src/gateway.ts). */
const PURPOSE_HEADER = 'x-tepat-purpose';
/** Low enough for the parity checks to reach it; the load is sent with a token, under the callers' limit. */
export const PARITY_PUBLIC_PER_MINUTE = 6;
const LOAD_CALLER_PER_MINUTE = 1_000_000_000;

export interface BenchContext {
  caller: Caller;
}

export const errorBody = (code: ErrorCode, message: string) => ({ errors: [{ message, extensions: { code } }] });

/**
 * The behaviour both servers are given. The keys come from the environment the parent sets
 * (child.ts); `parity` adds the response cache and lowers the public's rate limit.
 */
export function sharedBehaviour(parity: boolean) {
  const secret = Buffer.from(process.env.BENCH_JWT_SECRET!, 'base64url');
  const internal = Buffer.from(process.env.BENCH_INTERNAL_KEY!, 'base64url');
  const verifier = withServiceTokens(createTokenVerifier({ kind: 'secret', secret }), internal);
  return {
    /** As the gateway's (gateway/src/gateway.ts, startGateway). */
    async authenticate(req: IncomingMessage): Promise<Caller> {
      const caller = await verifier.verify(req.headers.authorization);
      const purpose = req.headers[PURPOSE_HEADER];
      return typeof purpose === 'string' && purpose.trim() ? { ...caller, purpose: purpose.trim().slice(0, 200) } : caller;
    },
    /** The gateway's rate limits (gateway/src/limits.ts). */
    preHandler: rateLimiter({
      publicPerMinute: parity ? PARITY_PUBLIC_PER_MINUTE : LOAD_CALLER_PER_MINUTE,
      callerPerMinute: LOAD_CALLER_PER_MINUTE,
      publicWorkflowPerMinute: LOAD_CALLER_PER_MINUTE,
    }),
    context: (caller: Caller): BenchContext => ({ caller }),
    ready: async () => true,
    /** A prefix route reading and writing its own streams, as the import endpoints and the web app's files do. */
    async files(req: IncomingMessage, res: ServerResponse): Promise<void> {
      const path = new URL(req.url ?? '/', 'http://localhost').pathname;
      if (path === '/files/fail') throw new Error('A route that fails.');
      if (path === '/files/echo') {
        res.writeHead(200, { 'content-type': 'application/octet-stream' });
        return pipeline(req, res);
      }
      res.writeHead(200, { 'content-type': 'text/plain' });
      return pipeline(Readable.from([`file ${path}\n`, 'x'.repeat(64 * 1024)]), res);
    },
    responseCache: parity ? parityCache() : undefined,
  };
}

/**
 * A response cache for the parity checks: every answer kept by its body and caller, marked so
 * that a kept one shows; `x-store-fails` makes the lookup fail and `x-bad-answer` gives a
 * response that cannot be written (http-server.test.ts does the same).
 */
function parityCache(): ResponseCache {
  const kept = new Map<string, CachedResponse>();
  return {
    async lookup({ body, headers, caller }) {
      if (headers.get('x-store-fails')) throw new RangeError('Maximum call stack size exceeded');
      if (headers.get('x-bad-answer')) return { response: { status: 99, headers: [], body: '' }, store: async () => {} };
      const key = `${caller.role}|${caller.subject ?? ''}|${JSON.stringify(body)}`;
      return {
        response: kept.get(key),
        store: async (response) => void kept.set(key, { ...response, headers: [...response.headers, ['x-cache', 'hit']] }),
      };
    },
  };
}
