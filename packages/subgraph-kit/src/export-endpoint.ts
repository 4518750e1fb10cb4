/**
 * Reading a subgraph's tables in bulk as CSV, for analytics. An embedded database is open
 * in one process only (shared/notes/prisma.md), so while its service runs the rows come
 * through that service's `/export`, guarded by the same service.json token as `/import`;
 * otherwise, and always on a PostgreSQL server, the reader opens the database itself.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Writable } from 'node:stream';
import type { DatabaseTarget } from './database.js';
import { getTimed } from './http-client.js';
import { readServiceFile, serviceAnswers, type ServiceFile } from './service-discovery.js';
import { writeWithoutEnding, type Sql } from './sql.js';
import { exportSources, fingerprintStatement, openAndMigrate, type ExportSource, type SubgraphDefinition } from './subgraph.js';

export const EXPORT_PATH = '/export';

/**
 * How long a reader waits for an export's first bytes, and for more once it flows: an
 * embedded database writes nothing until its whole COPY output is ready. Five minutes, as
 * the WHATWG fetch this replaced waited by default.
 */
const EXPORT_TIMEOUT_MS = 300_000;

/**
 * The service side: `GET /export?file=<path>` answers the file as CSV, streamed;
 * `GET /export?file=<path>&fingerprint` answers `{ fingerprint }` (fingerprintStatement).
 */
export function exportHandler(sql: Sql, sources: readonly ExportSource[], serviceToken: string) {
  return async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    req.resume();
    if (req.method !== 'GET' || req.headers.authorization !== `Bearer ${serviceToken}`) {
      res.writeHead(403, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: 'Exports need GET and the token in this service’s service.json.' }));
      return;
    }
    const source = sources.find((s) => s.path === url.searchParams.get('file'));
    if (!source) {
      res.writeHead(400, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: `This service exports ${describePaths(sources)}.` }));
      return;
    }
    if (url.searchParams.has('fingerprint')) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ fingerprint: await fingerprintOf(sql, source) }));
      return;
    }
    // Headers go out with the first rows, so a query that fails at once still gets a proper status.
    res.statusCode = 200;
    res.setHeader('content-type', 'text/csv; charset=utf-8');
    try {
      await sql.copyOut(source.select, res);
      res.end();
    } catch (error) {
      if (req.destroyed || res.destroyed) return; // the reader went away
      console.error(`Export of ${source.path} failed:`, error);
      if (res.headersSent) {
        // Part of the file is out: break the connection, so the reader sees a cut-short body, never a short file.
        res.destroy();
        return;
      }
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: `The export of ${source.path} failed; the service's log says why.` }));
    }
  };
}

/**
 * The client side: writes one file the service exports into `out`, leaving `out` open.
 * Through the kit's undici client, not the WHATWG fetch: Node 20's fetch spent the reader's
 * CPU re-joining its socket's small chunks, and a 1,000,000-person hub's disbursements
 * (331 MB) came at about 100 KB/s, keeping analytics' refresh after `tepat start` busy
 * for over twenty minutes (bench/README.md, Measured choices).
 */
export async function exportThroughService(service: ServiceFile, path: string, out: Writable): Promise<void> {
  const params = new URLSearchParams({ file: path });
  const response = await getTimed(`${service.url}${EXPORT_PATH}?${params}`, { authorization: `Bearer ${service.serviceToken}` }, EXPORT_TIMEOUT_MS);
  if (response.statusCode !== 200) {
    throw new Error(`The service at ${service.url} refused the export of ${path} (${response.statusCode}): ${await response.body.text()}`);
  }
  await writeWithoutEnding(received(response.body, service, path), out);
}

/** The response body, its failure (the service died or gave up mid-file) told as such. */
async function* received(body: AsyncIterable<Uint8Array>, service: ServiceFile, path: string): AsyncIterable<Uint8Array> {
  try {
    for await (const chunk of body) yield chunk;
  } catch (error) {
    throw new Error(`The service at ${service.url} cut short the export of ${path} (${(error as Error).message}); what was written is incomplete.`);
  }
}

/**
 * Writes one exported file of a subgraph into `out` (left open), from wherever its rows
 * can be read now: the running service that holds an embedded directory, or else the
 * database opened here for the copy and closed after it.
 */
export function exportSource(options: { definition: SubgraphDefinition; target: DatabaseTarget; path: string; out: Writable }): Promise<void> {
  const { out } = options;
  return readSource(options, {
    throughService: (service, path) => exportThroughService(service, path, out),
    direct: (sql, source) => sql.copyOut(source.select, out),
  });
}

/** The fingerprint of one exported file (fingerprintStatement), read from wherever its rows can be read now. */
export function fingerprintSource(options: { definition: SubgraphDefinition; target: DatabaseTarget; path: string }): Promise<string> {
  return readSource(options, {
    async throughService(service, path) {
      const params = new URLSearchParams({ file: path, fingerprint: '' });
      const response = await getTimed(`${service.url}${EXPORT_PATH}?${params}`, { authorization: `Bearer ${service.serviceToken}` }, EXPORT_TIMEOUT_MS);
      if (response.statusCode !== 200) {
        throw new Error(`The service at ${service.url} refused the fingerprint of ${path} (${response.statusCode}): ${await response.body.text()}`);
      }
      return ((await response.body.json()) as { fingerprint: string }).fingerprint;
    },
    direct: fingerprintOf,
  });
}

async function fingerprintOf(sql: Sql, source: ExportSource): Promise<string> {
  const [row] = await sql.query<{ fingerprint: string }>(fingerprintStatement(source));
  return row!.fingerprint;
}

/** Reads a source through the running service that holds an embedded directory, else from the database itself. */
async function readSource<T>(
  options: { definition: SubgraphDefinition; target: DatabaseTarget; path: string },
  read: { throughService(service: ServiceFile, path: string): Promise<T>; direct(sql: Sql, source: ExportSource): Promise<T> },
): Promise<T> {
  const { definition, target, path } = options;
  const sources = exportSources(definition);
  const source = sources.find((s) => s.path === path);
  if (!source) throw new Error(`The ${definition.name} subgraph exports ${describePaths(sources)}; not ${path}.`);
  if ('dir' in target) {
    const service = readServiceFile(target.dir);
    if (service && (await serviceAnswers(service))) return read.throughService(service, path);
  }
  // No service holds it: a database that has only been imported into, or never touched
  // (eligibility's, whose rule sets no import brings), is made what a start would make it.
  const { db } = await openAndMigrate(definition, target, { seed: true });
  try {
    return await read.direct(db.sql, source);
  } finally {
    await db.close();
  }
}

function describePaths(sources: readonly ExportSource[]): string {
  return sources.length ? sources.map((s) => s.path).join(', ') : 'no files';
}
