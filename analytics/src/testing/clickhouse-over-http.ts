/**
 * ClickHouse's HTTP interface over chdb, for testing the server path. No ClickHouse
 * server this code targets (24+) can be installed here (shared/notes/clickhouse-embedded.md),
 * so tests point `openEngine({ url })` at this instead: the client speaks real HTTP (query
 * in the body, `param_*` and settings in the URL, inserts streamed as the body after a
 * `query=INSERT ... FORMAT` URL), and the same engine answers as a server would.
 */
import { createChdbConnection } from 'chdb/connection';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';

export interface ClickHouseOverHttp {
  url: string;
  /** Every statement received, for tests that check what crossed the wire. */
  received: string[];
  close(): Promise<void>;
}

/** Parameters of the HTTP interface that are neither settings nor query parameters. */
const PROTOCOL_PARAMS = new Set(['query', 'query_id', 'database', 'session_id', 'default_format', 'user', 'password']);

export async function startClickHouseOverHttp(path: string): Promise<ClickHouseOverHttp> {
  const connection = createChdbConnection({ path });
  const received: string[] = [];
  const server: Server = createServer((req, res) => {
    answer(req)
      .then(({ body }) => {
        res.writeHead(200, { 'content-type': 'text/plain; charset=UTF-8', 'x-clickhouse-summary': '{}' });
        res.end(body);
      })
      .catch((error: { code?: string; type?: string; message: string }) => {
        // The shape @clickhouse/client parses a server's error from.
        res.writeHead(500, { 'content-type': 'text/plain; charset=UTF-8', 'x-clickhouse-exception-code': String(error.code ?? 0) });
        res.end(`Code: ${error.code ?? 0}. DB::Exception: ${error.message}. (${error.type ?? 'UNKNOWN'})\n`);
      });
  });

  async function answer(req: IncomingMessage): Promise<{ body: Buffer }> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/ping') return { body: Buffer.from('Ok.\n') };
    const query_params: Record<string, string> = {};
    const clickhouse_settings: Record<string, string> = {};
    for (const [key, value] of url.searchParams) {
      if (key.startsWith('param_')) query_params[key.slice('param_'.length)] = value;
      else if (!PROTOCOL_PARAMS.has(key)) clickhouse_settings[key] = value;
    }
    const urlQuery = url.searchParams.get('query');
    if (urlQuery) {
      // An insert: the statement in the URL, the rows streamed as the body.
      received.push(urlQuery);
      await connection.insert({ query: urlQuery, values: Readable.from(req), query_params, clickhouse_settings } as never);
      return { body: Buffer.alloc(0) };
    }
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const query = Buffer.concat(chunks).toString('utf8');
    received.push(query);
    const result = await connection.exec({ query, query_params, clickhouse_settings } as never);
    const out: Buffer[] = [];
    for await (const chunk of result.stream) out.push(Buffer.from(chunk as Uint8Array));
    return { body: Buffer.concat(out) };
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await connection.close();
    },
  };
}
