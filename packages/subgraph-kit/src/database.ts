/**
 * A subgraph's own database: embedded PostgreSQL (PGlite) in a locked directory by
 * default, or a PostgreSQL server when a connection URL is configured. Both give the
 * same Prisma adapter and the same raw `Sql`, so no service code knows which it has.
 */
import { PGlite, type Transaction } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { PrismaPg } from '@prisma/adapter-pg';
import type { SqlDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import pg from 'pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { chmodr } from 'chmodr';
import getFolderSize from 'get-folder-size';
import { existsSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { lockDataDir, OWNER_ONLY_FILE } from './data-dir-lock.js';
import { preparedStatements } from './pglite-statements.js';
import { copyOutStatement, copyStatement, ISO_DATES, writeWithoutEnding, type QueryOptions, type Sql } from './sql.js';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';

export interface Database {
  kind: 'embedded' | 'server';
  /** Where the data lives, for logs: a directory, or host:port/database (never a password). */
  location: string;
  /** What PrismaClient is constructed with. */
  adapter: SqlDriverAdapterFactory;
  sql: Sql;
  close(): Promise<void>;
}

export type DatabaseTarget =
  /** A PostgreSQL server. */
  | { url: string }
  /** Embedded in this directory (created on first open). */
  | { dir: string }
  /**
   * Embedded in memory, gone on close: for tests. `from` is an empty cluster dumped by
   * `dumpEmptyCluster` (in another process, say), started from instead of this process's own.
   */
  | { memory: true; from?: Blob };

/** Opens (and, embedded, locks) the database a target names. */
export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  return 'url' in target ? openServer(target.url) : openEmbedded(target);
}

/** Whether the target is an embedded database not created yet (its directory may exist, holding other files). */
export function embeddedDatabaseMissing(target: DatabaseTarget): boolean {
  return 'dir' in target && !existsSync(pgdataOf(target.dir));
}

const pgdataOf = (dir: string) => join(dir, 'pgdata');

async function openEmbedded(target: { dir: string } | { memory: true; from?: Blob }): Promise<Database> {
  const unlock = 'dir' in target ? lockDataDir(target.dir) : () => {};
  try {
    let pglite: PGlite;
    if ('dir' in target) {
      const pgdata = pgdataOf(target.dir);
      if (!existsSync(pgdata)) await createCluster(pgdata);
      pglite = await startPGlite(pgdata);
    } else {
      pglite = await startPGlite('memory://', target.from ?? (await emptyCluster()));
    }
    // The database is its owner's alone (issue 16 §4: any local user could rewrite the
    // append-only logs). PGlite sets most files of a new data directory to 0666 itself, past
    // any umask, so the modes are set here, on every open (which also mends older directories);
    // what PostgreSQL creates afterwards it creates 0600.
    if ('dir' in target) await chmodr(target.dir, OWNER_ONLY_FILE);
    return {
      kind: 'embedded',
      location: 'dir' in target ? target.dir : 'memory',
      adapter: new PrismaPGlite(pglite) as unknown as SqlDriverAdapterFactory,
      sql: pgliteSql(pglite),
      async close() {
        try {
          await pglite.close();
        } finally {
          unlock();
        }
      },
    };
  } catch (error) {
    unlock();
    throw error;
  }
}

/**
 * Every new embedded database starts as a copy of one empty cluster, made by PGlite's initdb
 * in memory once per process and kept as a tarball: initdb straight into a directory takes
 * several times as long as loading the tarball there, and a first start creates a database
 * per subgraph (bench/pglite-create.ts; bench/README.md, "Measured choices"). A process that
 * created one keeps the tarball (some 40 MB) for the next; `tepat start` creates the
 * databases in a `tepat migrate` of its own, so no service holds it. `make` is how the
 * process's first call gets it (the test suite reads one kept across its files).
 */
export function emptyCluster(make: () => Promise<Blob> = dumpEmptyCluster): Promise<Blob> {
  // A failed attempt is forgotten, so the next database asks again.
  emptyClusterDump ??= make().catch((error: unknown) => {
    emptyClusterDump = undefined;
    throw error;
  });
  return emptyClusterDump;
}
let emptyClusterDump: Promise<Blob> | undefined;

/**
 * Creates the cluster at `pgdata` whole or not at all: the empty cluster is loaded into a
 * directory beside it, renamed into place once PGlite has closed it, so a first start cut
 * short leaves no half-made database for the next open to resume.
 */
async function createCluster(pgdata: string): Promise<void> {
  const creating = `${pgdata}.creating`;
  // A creation cut short left this; the caller holds the directory's lock, so no one else uses it.
  rmSync(creating, { recursive: true, force: true });
  const pglite = await startPGlite(creating, await emptyCluster());
  await pglite.close();
  renameSync(creating, pgdata);
}

/**
 * PostgreSQL's shared buffers in an embedded database, sized by the database at start: a
 * quarter of its size on disk, from 16 to 128 MB. They live in PGlite's WebAssembly memory,
 * which is resident once touched and never given back: PGlite's default of 128 MB for every
 * database cost each service over 100 MB more resident memory than 16 MB (bench/pglite-memory.ts),
 * and issue 20 aims at the whole hub in under 2 GB. But pages beyond the buffers come from the
 * operating system's file cache one read() at a time: on a million persons an operator's name
 * search spent 41 % of the records process's time in that call, and with 128 MB the operator's
 * screen went from 54 to 91-94 req/s (bench/README.md, "Measured choices"). A small database
 * keeps 16 MB, so the 100,000-person demo's memory stays as it was. The size is read as the
 * service starts (under 0.1 s for 1.4 GB): a database an import grew while it ran gets its
 * buffers at the next start.
 */
const SHARED_BUFFERS_MB = { min: 16, max: 128, shareOfDatabase: 1 / 4 };

async function sharedBuffersMb(pgdata: string): Promise<number> {
  if (pgdata.startsWith('memory://')) return SHARED_BUFFERS_MB.min;
  const bytes = await getFolderSize.loose(pgdata);
  const mb = Math.round((bytes * SHARED_BUFFERS_MB.shareOfDatabase) / 1024 / 1024);
  return Math.min(SHARED_BUFFERS_MB.max, Math.max(SHARED_BUFFERS_MB.min, mb));
}

/**
 * Starts PGlite with the hub's settings, given as the server's command-line options at every
 * start (they win over any postgresql.conf, so older directories get them too). Writing them
 * with ALTER SYSTEM and starting again, as before, left a second database's worth of
 * WebAssembly memory with each service that opened a new directory.
 */
async function startPGlite(dataDir: string, loadDataDir?: Blob): Promise<PGlite> {
  return PGlite.create({
    dataDir,
    loadDataDir,
    extensions: { pg_trgm },
    startParams: [...PGlite.defaultStartParams, '-c', `shared_buffers=${await sharedBuffersMb(dataDir)}MB`],
  });
}

/** A new embedded cluster with nothing in it yet, as a tarball PGlite loads (`loadDataDir`). */
export async function dumpEmptyCluster(): Promise<Blob> {
  const pglite = await startPGlite('memory://');
  try {
    return await pglite.dumpDataDir('none');
  } finally {
    await pglite.close();
  }
}

function pgliteSql(db: PGlite | Transaction): Sql {
  // A transaction's statements run as PGlite runs them: they are few, and it holds the locks.
  const prepared = 'transaction' in db ? preparedStatements(db) : null;
  return {
    async query<Row>(text: string, params: unknown[] = [], options?: QueryOptions) {
      return prepared ? prepared.query<Row>(text, params, options) : (await db.query<Row>(text, params)).rows;
    },
    async exec(script) {
      await db.exec(script);
    },
    async transaction(work) {
      if (!('transaction' in db)) throw new Error('Nested transactions are not supported.');
      return db.transaction((tx) => work(pgliteSql(tx)));
    },
    async copyCsv(table, columns, csv) {
      // PGlite reads COPY input from a virtual file, given as a Blob.
      await db.query(copyStatement(table, columns, "'/dev/blob'"), [], { blob: new Blob([csv]) });
    },
    async copyOut(select, out) {
      // PGlite writes COPY output to a virtual file, returned whole as a Blob; it has no
      // streaming COPY, so the blob is handed on in chunks as `out` takes them.
      const copy = async (tx: Transaction) => {
        await tx.exec(ISO_DATES);
        return (await tx.query(copyOutStatement(select, "'/dev/blob'"))).blob;
      };
      const blob = 'transaction' in db ? await db.transaction(copy) : await copy(db);
      if (blob) await writeWithoutEnding(blob.stream(), out);
    },
  };
}

async function openServer(url: string): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // An idle connection the server ends (a restart, an administrator, a dropped database) is
  // discarded by the pool and the next query opens another; unheard, its error would end the
  // whole process.
  pool.on('error', (error) => console.error(`PostgreSQL at ${describeUrl(url)}: an idle connection was ended: ${error.message}`));
  // Fail at start with a clear message rather than on the first request.
  const client = await pool.connect().catch(async (error: Error) => {
    await pool.end();
    throw new Error(`Cannot connect to the PostgreSQL server at ${describeUrl(url)}: ${error.message}`);
  });
  client.release();
  return {
    kind: 'server',
    location: describeUrl(url),
    adapter: new PrismaPg(pool),
    sql: poolSql(pool),
    close: () => pool.end(),
  };
}

function poolSql(pool: pg.Pool | pg.PoolClient): Sql {
  return {
    async query<Row>(text: string, params: unknown[] = []) {
      return (await pool.query(text, params)).rows as Row[];
    },
    async exec(script) {
      await pool.query(script);
    },
    async transaction(work) {
      if (!(pool instanceof pg.Pool)) throw new Error('Nested transactions are not supported.');
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await work(poolSql(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
    async copyCsv(table, columns, csv) {
      const client = pool instanceof pg.Pool ? await pool.connect() : pool;
      try {
        await pipeline(Readable.from([csv]), client.query(copyFrom(copyStatement(table, columns, 'STDIN'))));
      } finally {
        if (pool instanceof pg.Pool) (client as pg.PoolClient).release();
      }
    },
    async copyOut(select, out) {
      const own = pool instanceof pg.Pool;
      const client = own ? await pool.connect() : (pool as pg.PoolClient);
      let failure: Error | undefined;
      try {
        // SET LOCAL needs a transaction; inside one already, the setting lasts until it ends.
        if (own) await client.query('BEGIN');
        await client.query(ISO_DATES);
        await writeWithoutEnding(client.query(copyTo(copyOutStatement(select, 'STDOUT'))), out);
        if (own) await client.query('COMMIT');
      } catch (error) {
        failure = error as Error;
        throw error;
      } finally {
        // A copy stopped half-way leaves the connection mid-COPY: the pool must drop it, not reuse it.
        if (own) client.release(failure);
      }
    },
  };
}

/** host:port/database of a connection URL, without user or password. */
export function describeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || 5432}${u.pathname}`;
  } catch {
    return 'an unparseable URL';
  }
}
