/**
 * Serves an Apollo Server over node:http: `/graphql` for operations, `/health` (the
 * process is up) and `/ready` (its database answers) for orchestrators and `tepat start`.
 */
import { ApolloServer, HeaderMap, type BaseContext } from '@apollo/server';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface HttpServerOptions<Context extends BaseContext> {
  apollo: ApolloServer<Context>;
  context: (req: IncomingMessage) => Promise<Context> | Context;
  /** Answers whether the service can serve requests (its database is reachable). */
  ready: () => Promise<boolean>;
  host: string;
  port: number;
  /** Largest request body accepted on /graphql, in bytes. */
  maxBodyBytes?: number;
  /** Further endpoints by path, which read their own (streamed) bodies. */
  routes?: Record<string, (req: IncomingMessage, res: ServerResponse) => Promise<void>>;
}

export interface RunningHttpServer {
  /** The GraphQL endpoint, e.g. http://127.0.0.1:4001/graphql. */
  url: string;
  port: number;
  server: Server;
  close(): Promise<void>;
}

class BodyTooLargeError extends Error {}

/** Starts the HTTP server; the Apollo Server must already be started. */
export async function serveHttp<Context extends BaseContext>(
  options: HttpServerOptions<Context>,
): Promise<RunningHttpServer> {
  const maxBodyBytes = options.maxBodyBytes ?? 32 * 1024 * 1024;
  const server = createServer((req, res) => {
    handle(req, res).catch((error) => {
      const tooLarge = error instanceof BodyTooLargeError;
      if (!tooLarge) console.error('Unhandled error serving a request:', error);
      if (!res.headersSent) {
        res.writeHead(tooLarge ? 413 : 500, { 'content-type': 'application/json' });
      }
      res.end(JSON.stringify({ errors: [{ message: tooLarge ? `Request body over ${maxBodyBytes} bytes.` : 'Internal error.' }] }));
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/health') return sendJson(res, 200, { status: 'ok' });
    if (url.pathname === '/ready') {
      const ready = await options.ready().catch(() => false);
      return sendJson(res, ready ? 200 : 503, { status: ready ? 'ready' : 'unavailable' });
    }
    const route = options.routes?.[url.pathname];
    if (route) return route(req, res);
    if (url.pathname !== '/graphql') return sendJson(res, 404, { error: 'Not found: the endpoint is /graphql.' });

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
        return sendJson(res, 400, { errors: [{ message: 'The request body is not valid JSON.', extensions: { code: 'BAD_REQUEST' } }] });
      }
    }
    const response = await options.apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: req.method ?? 'GET', headers, search: url.search, body },
      context: () => Promise.resolve(options.context(req)),
    });
    for (const [key, value] of response.headers) res.setHeader(key, value);
    res.statusCode = response.status ?? 200;
    if (response.body.kind === 'complete') {
      res.end(response.body.string);
    } else {
      for await (const chunk of response.body.asyncIterator) res.write(chunk);
      res.end();
    }
  }

  // Imports stream files of any size through one request; Node's default would cut them at 5 minutes.
  if (options.routes) server.requestTimeout = 0;
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

function sendJson(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage, limit: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new BodyTooLargeError();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
