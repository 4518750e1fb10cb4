/**
 * The PostgreSQL server side of bench/import.ts: connections an interrupt can end, one set of
 * fresh databases per run (dropped at the end), and the floor, PostgreSQL's own COPY of the
 * same CSV files into freshly migrated tables.
 */
import type { AgencyFile } from '@tepat/core';
import { envSuffix, SUBGRAPH_NAMES, type SubgraphName } from '@tepat/subgraph-kit';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { headerOf } from '../support/files.js';
import { secs, whole } from '../support/format.js';

// An interrupt ends the COPY connections (`track`), not the one that drops the databases.
const openClients = new Set<pg.Client>();

export async function connect(url: string, track = true): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  await client.connect();
  if (track) openClients.add(client);
  return client;
}

async function disconnect(client: pg.Client): Promise<void> {
  openClients.delete(client);
  await client.end();
}

/** Ends every tracked connection (on an interrupt: a COPY under way fails and unwinds). */
export function endConnections(): void {
  for (const client of openClients) void client.end().catch(() => {});
}

/** host:port of a server URL, for messages. */
export function where(server: string): string {
  const url = new URL(server);
  return `${url.hostname}:${url.port || 5432}`;
}

function databaseUrl(server: string, database: string): string {
  const url = new URL(server);
  url.pathname = `/${database}`;
  return url.toString();
}

/** The databases of one run on a server, created on demand and dropped together. */
export class BenchDatabases {
  private readonly created: string[] = [];

  constructor(
    private readonly admin: pg.Client,
    private readonly server: string,
  ) {}

  /** One fresh database per subgraph; their DATABASE_URL_* variables. */
  async createSet(tag: string): Promise<Record<string, string>> {
    const urls: Record<string, string> = {};
    for (const name of SUBGRAPH_NAMES) {
      const database = `tepat_bench_${process.pid}_${tag}_${envSuffix(name).toLowerCase()}`;
      await this.admin.query(`CREATE DATABASE "${database}"`);
      this.created.push(database);
      urls[`DATABASE_URL_${envSuffix(name)}`] = databaseUrl(this.server, database);
    }
    return urls;
  }

  async dropAll(): Promise<void> {
    if (this.created.length === 0) return;
    let dropped = 0;
    for (const database of this.created) {
      await this.admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`).then(
        () => dropped++,
        (error: Error) => console.error(`could not drop database ${database}: ${error.message}`),
      );
    }
    console.log(`dropped ${dropped} of ${this.created.length} databases`);
    this.created.length = 0;
  }
}

export interface CopyTime {
  seconds: number;
  analyzeSeconds: number;
}

/**
 * COPY ... FROM STDIN of each file into the migrated databases `urls`, then ANALYZE, in
 * import order (programmes before the disbursements whose foreign key needs them).
 */
export async function copyFloor(folder: string, files: AgencyFile[], urls: Record<string, string>, rows: (f: AgencyFile) => number) {
  const floor = new Map<string, CopyTime>();
  for (const file of files) {
    const client = await connect(urls[`DATABASE_URL_${envSuffix(file.subgraph as SubgraphName)}`]!);
    try {
      const path = join(folder, file.path);
      const columns = headerOf(path).map((c) => `"${c}"`).join(', ');
      let started = process.hrtime.bigint();
      await pipeline(
        createReadStream(path, { highWaterMark: 1 << 20 }),
        client.query(copyFrom(`COPY "${file.table}" (${columns}) FROM STDIN WITH (FORMAT csv, HEADER true)`)),
      );
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      started = process.hrtime.bigint();
      await client.query(`ANALYZE "${file.table}"`);
      const analyzeSeconds = Number(process.hrtime.bigint() - started) / 1e9;
      floor.set(file.path, { seconds, analyzeSeconds });
      console.log(
        `    ${file.path}: ${whole(rows(file))} rows, COPY ${secs(seconds)} (${whole(rows(file) / seconds)} rows/s), then ANALYZE ${secs(analyzeSeconds)}`,
      );
    } finally {
      await disconnect(client);
    }
  }
  return floor;
}
