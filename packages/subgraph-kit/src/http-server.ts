/**
 * Serves an Apollo Server over node:http: `/graphql` for operations, `/health` (the
 * process is up) and `/ready` (its database answers) for orchestrators and `tepat start`.
 *
 * Our own rather than Fastify (issue 22 weighed it): Fastify with `@as-integrations/fastify`,
 * made to behave alike (authentication and limits before the body is read, 413 without
 * reading the rest, the response cache, streamed prefix routes that still answer on failure,
 * Node's timeouts), took the same or slightly more CPU per request with the same p99, and
 * needed about 90 lines of hooks and handlers to match this file (bench/http-server.ts;
 * bench/README.md, "Measured choices").
 */
import { ApolloServer, HeaderMap, type BaseContext } from '@apollo/server';
import { AuthError, PUBLIC_CALLER, type Caller } from '@tepat/auth';
import { ErrorCode } from '@tepat/core';
import getRawBody from 'raw-body';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** How long the server keeps an idle connection open: well past its clients' idle time. */
const KEEP_ALIVE_MS = 60_000;

export interface HttpServerOptions<Context extends BaseContext> {
  apollo: ApolloServer<Context>;
  /**
   * Who sends a /graphql request. An AuthError refuses it with 401 and UNAUTHENTICATED
   * before anything is parsed or executed.
   */
  authenticate: (req: IncomingMessage) => Promise<Caller>;
  context: (req: IncomingMessage, caller: Caller) => Promise<Context> | Context;
  /**
   * Refuses a request before it runs (rate limits); undefined admits it. Asked for the caller
   * a token proved, and for PUBLIC when the token was refused, before answering 401.
   */
  preHandler?: (req: IncomingMessage, caller: Caller) => Promise<Refusal | undefined>;
  /** Answers whether the service can serve requests (its database is reachable). */
  ready: () => Promise<boolean>;
  host: string;
  port: number;
  /** Largest request body accepted on /graphql, in bytes. */
  maxBodyBytes?: number;
  /**
   * Further endpoints by path, which read their own (streamed) bodies. A path ending in `/`
   * also answers every path under it (the web app's own routes and files).
   */
  routes?: Record<string, (req: IncomingMessage, res: ServerResponse) => Promise<void>>;
  /** How long one request may take, body included: Node's default (5 minutes) when absent, 0 for no limit. */
  requestTimeoutMs?: number;
  /** The response cache: whole responses kept for requests that would get the same one; asked once a request is admitted. */
  responseCache?: ResponseCache;
}

/** A complete HTTP response to a GraphQL request, as sent. */
export interface CachedResponse {
  status: number;
  headers: [string, string][];
  body: string;
}

/** Where whole responses are kept; what may be shared, and with whom, is the cache's to decide. */
export interface ResponseCache {
  /** What is kept for this request (its JSON body, already parsed), or undefined when it must run and not be kept. */
  lookup(request: { body: unknown; headers: HeaderMap; caller: Caller }): Promise<CacheEntry | undefined>;
}

export interface CacheEntry {
  /** The response kept for the request, when there is one. */
  response?: CachedResponse;
  /** Offered the response the request got once run; stores it if it may. Never throws. */
  store(response: CachedResponse): Promise<void>;
}

/** A request turned away before execution, with its HTTP status and GraphQL error code. */
export interface Refusal {
  status: number;
  code: ErrorCode;
  message: string;
  headers?: Record<string, string>;
}

export interface RunningHttpServer {
  /** The GraphQL endpoint, e.g. http://127.0.0.1:4001/graphql. */
  url: string;
  port: number;
  server: Server;
  close(): Promise<void>;
}

/** The body could not be read as sent: too large, or not the length it announced. */
class BodyError extends Error {
  constructor(
    readonly status: 400 | 413,
    message: string,
  ) {
    super(message);
  }
}

/** The route of the longest `/`-ending path that `pathname` lies under. */
function prefixRoute<R>(routes: Record<string, R> | undefined, pathname: string): R | undefined {
  let best: string | undefined;
  for (const path of Object.keys(routes ?? {})) {
    if (path.endsWith('/') && path !== '/' && pathname.startsWith(path) && (!best || path.length > best.length)) best = path;
  }
  return best ? routes![best] : undefined;
}

/** Starts the HTTP server; the Apollo Server must already be started. */
export async function serveHttp<Context extends BaseContext>(
  options: HttpServerOptions<Context>,
): Promise<RunningHttpServer> {
  const maxBodyBytes = options.maxBodyBytes ?? 32 * 1024 * 1024;
  const server = createServer((req, res) => {
    handle(req, res).catch((error) => answerFailure(req, res, error));
  });

  /**
   * Every request gets an answer, whatever failed once it was taken (issue 16): only a client
   * that went away, or a response already ended, has no one to answer.
   */
  function answerFailure(req: IncomingMessage, res: ServerResponse, error: unknown) {
    if (res.destroyed || res.writableEnded || (error as NodeJS.ErrnoException).code === 'ECONNRESET') return;
    const refused = error instanceof BodyError;
    if (!refused) console.error('Unhandled error serving a request:', error);
    if (res.headersSent) return void res.end();
    const [status, code, message] = refused
      ? [error.status, error.status === 413 ? ErrorCode.REQUEST_TOO_LARGE : ErrorCode.BAD_REQUEST, error.message]
      : [500, ErrorCode.INTERNAL_SERVER_ERROR, 'Internal error.'];
    // A refused body is not read to its end: answer, close, and drop what still comes meanwhile,
    // so that the client sees the answer rather than a reset while it is still sending.
    if (refused) req.resume();
    sendJson(res, status, { errors: [{ message, extensions: { code } }] }, refused ? { connection: 'close' } : {});
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/health') return sendJson(res, 200, { status: 'ok' });
    if (url.pathname === '/ready') {
      const ready = await options.ready().catch(() => false);
      return sendJson(res, ready ? 200 : 503, { status: ready ? 'ready' : 'unavailable' });
    }
    const route = options.routes?.[url.pathname] ?? prefixRoute(options.routes, url.pathname);
    if (route) return route(req, res);
    if (url.pathname !== '/graphql') return sendJson(res, 404, { error: 'Not found: the endpoint is /graphql.' });

    let caller: Caller;
    try {
      caller = await options.authenticate(req);
    } catch (error) {
      if (!(error instanceof AuthError)) throw error;
      req.resume();
      // A refused token counts against its sender as a request without one (issue 16: tokens
      // that failed were never limited, so guessing them cost nothing).
      const refusal = await options.preHandler?.(req, PUBLIC_CALLER);
      if (refusal) return refuse(res, refusal);
      return sendJson(res, 401, { errors: [{ message: error.message, extensions: { code: ErrorCode.UNAUTHENTICATED } }] }, { 'www-authenticate': 'Bearer' });
    }

    const refusal = await options.preHandler?.(req, caller);
    if (refusal) {
      req.resume();
      return refuse(res, refusal);
    }

    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    const raw = req.method === 'POST' ? await readBody(req, maxBodyBytes) : '';
    let body: unknown = raw;
    if (raw && headers.get('content-type')?.startsWith('application/json')) {
      try {
        body = JSON.parse(raw);
      } catch {
        return sendJson(res, 400, { errors: [{ message: 'The request body is not valid JSON.', extensions: { code: ErrorCode.BAD_REQUEST } }] });
      }
    }
    // A cache that fails costs its saving, never the answer.
    const entry = raw
      ? await options.responseCache?.lookup({ body, headers, caller }).catch((error) => void console.error('Response cache failed; running the request:', error))
      : undefined;
    if (entry?.response) {
      res.writeHead(entry.response.status, entry.response.headers);
      return void res.end(entry.response.body);
    }
    const response = await options.apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: req.method ?? 'GET', headers, search: url.search, body },
      context: () => Promise.resolve(options.context(req, caller)),
    });
    for (const [key, value] of response.headers) res.setHeader(key, value);
    res.statusCode = response.status ?? 200;
    if (response.body.kind === 'complete') {
      res.end(response.body.string);
      await entry?.store({ status: res.statusCode, headers: [...response.headers], body: response.body.string });
    } else {
      for await (const chunk of response.body.asyncIterator) res.write(chunk);
      res.end();
    }
  }

  if (options.requestTimeoutMs !== undefined) server.requestTimeout = options.requestTimeoutMs;
  // An idle connection is closed by its client (http-client.ts, 10 s) long before the server
  // would (Node's default is 5 s, which undici trusts less 2 s): a server closing a pooled
  // connection as the client sends on it fails that call with "other side closed".
  server.keepAliveTimeout = KEEP_ALIVE_MS;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${options.host}:${port}/graphql`,
    port,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function refuse(res: ServerResponse, refusal: Refusal) {
  sendJson(res, refusal.status, { errors: [{ message: refusal.message, extensions: { code: refusal.code } }] }, refusal.headers);
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

/** The whole body as text, refused (BodyError) past `limit` bytes, announced or sent, without waiting for the rest. */
async function readBody(req: IncomingMessage, limit: number): Promise<string> {
  try {
    return await getRawBody(req, { limit, length: req.headers['content-length'], encoding: 'utf8' });
  } catch (error) {
    const { status, type } = error as { status?: number; type?: string };
    if (type === 'entity.too.large') throw new BodyError(413, `Request body over ${limit} bytes.`);
    if (status === 400 && type !== 'request.aborted') throw new BodyError(400, 'The request body is not what its headers announce.');
    throw error;
  }
}
