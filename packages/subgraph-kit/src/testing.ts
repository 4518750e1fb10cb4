/**
 * Test databases and servers for a subgraph: embedded in memory by default, or a fresh
 * database on the PostgreSQL server named by DATABASE_URL_<SUBGRAPH> (how CI runs the
 * suite a second time), dropped again when the test ends.
 */
import { FORWARDED_CALLER_HEADER, SERVICE_ROLE, signForwardedCaller, type Caller } from '@tepat/auth';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, lstatSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { dumpEmptyCluster, emptyCluster, openDatabase, type Database, type DatabaseTarget } from './database.js';
import { migrate, readMigrations } from './migrations.js';
import { serveSubgraph } from './serve.js';
import { envSuffix, SUBGRAPH_NAMES, type SubgraphName } from './services.js';
import type { SubgraphDefinition } from './subgraph.js';

/** The PostgreSQL server the suite runs against for this subgraph, if any. */
export function testServerUrl(name: SubgraphName): string | undefined {
  return process.env[`DATABASE_URL_${envSuffix(name)}`] || undefined;
}

/** A fresh, empty database on the test server; `drop` removes it. */
export async function createServerTestDatabase(serverUrl: string, name: SubgraphName) {
  const dbName = `tepat_test_${name.replace(/-/g, '_')}_${randomBytes(6).toString('hex')}`;
  await adminQuery(serverUrl, `CREATE DATABASE ${dbName}`);
  const url = new URL(serverUrl);
  url.pathname = `/${dbName}`;
  return { url: url.toString(), drop: () => adminQuery(serverUrl, `DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`) };
}

/** An empty database for one test: a fresh server database or an in-memory embedded one. */
export async function createTestDatabase(name: SubgraphName): Promise<Database> {
  const serverUrl = testServerUrl(name);
  if (!serverUrl) return openDatabase({ memory: true, from: await emptyCluster(readOrDumpEmptyCluster) });
  const { url, drop } = await createServerTestDatabase(serverUrl, name);
  const db = await openDatabase({ url } satisfies DatabaseTarget);
  return {
    ...db,
    async close() {
      await db.close();
      await drop();
    },
  };
}

/**
 * The empty cluster every embedded test database starts from. A process makes its own once
 * (database.ts, `emptyCluster`), but each test file runs in a module registry of its own, and
 * most open a hub; so the first file to need one dumps it into the temporary directory, once
 * per PGlite build, and the rest load it from there.
 */
async function readOrDumpEmptyCluster(): Promise<Blob> {
  const resolve = createRequire(import.meta.url).resolve;
  const build = createHash('sha256');
  for (const file of ['@electric-sql/pglite/initdb.wasm', '@electric-sql/pglite/pglite.wasm', '@electric-sql/pglite/pglite.data']) build.update(readFileSync(resolve(file)));
  const path = join(tmpdir(), `tepat-test-cluster-${build.digest('hex').slice(0, 16)}.tar`);
  if (existsSync(path)) return new Blob([readFileSync(path)]);
  const dump = await dumpEmptyCluster();
  // Written whole under another name first, so a test file starting meanwhile reads either
  // nothing or all of it.
  const partial = `${path}.${process.pid}`;
  writeFileSync(partial, new Uint8Array(await dump.arrayBuffer()), { mode: 0o600 });
  renameSync(partial, path);
  return dump;
}

async function adminQuery(url: string, text: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/** The caller subgraph tests send by default: the hub itself, which may read everything. */
export const TEST_CALLER: Caller = { role: SERVICE_ROLE, subject: 'test' };

/**
 * A migrated test database with the subgraph served on a free port. Its requests carry a
 * caller signed with `internalKey` (a fresh one unless a hub's is given), as from the gateway.
 */
export async function startTestSubgraph(definition: SubgraphDefinition, internalKey = new Uint8Array(randomBytes(32))) {
  const db = await createTestDatabase(definition.name);
  await migrate(db.sql, readMigrations(definition.migrationsDir));
  const running = await serveSubgraph(definition, db, { host: '127.0.0.1', port: 0 }, { internalKey });
  return {
    ...running,
    internalKey,
    /** Sends one GraphQL operation as `caller` and returns the parsed response. */
    async request<Data = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, caller: Caller = TEST_CALLER) {
      const response = await fetch(running.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [FORWARDED_CALLER_HEADER]: await signForwardedCaller(caller, internalKey) },
        body: JSON.stringify({ query, variables }),
      });
      return (await response.json()) as { data?: Data; errors?: { message: string; extensions?: Record<string, unknown> }[] };
    },
    async close() {
      await running.close();
      await db.close();
    },
  };
}
/**
 * An environment for commands whose subgraph databases are all fresh: a new data
 * directory, and on a test server (DATABASE_URL_<X> set) new databases dropped by `cleanup`.
 */
export async function createTestHubEnv(): Promise<{ env: NodeJS.ProcessEnv; dataDir: string; cleanup(): Promise<void> }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tepat-test-'));
  const env: NodeJS.ProcessEnv = { ...process.env, TEPAT_DATA_DIR: dataDir };
  const drops: (() => Promise<void>)[] = [];
  for (const name of SUBGRAPH_NAMES) {
    const key = `DATABASE_URL_${envSuffix(name)}`;
    delete env[key];
    const serverUrl = testServerUrl(name);
    if (!serverUrl) continue;
    const { url, drop } = await createServerTestDatabase(serverUrl, name);
    env[key] = url;
    drops.push(drop);
  }
  return {
    env,
    dataDir,
    async cleanup() {
      for (const drop of drops) await drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Everything under `dir`, itself included, that is not its owner's alone (a directory not
 * 0700, a file not 0600), as `path mode`; symbolic links and paths gone meanwhile are skipped.
 */
export function notOwnerOnly(dir: string): string[] {
  const found: string[] = [];
  const visit = (path: string) => {
    const stat = lstatSync(path, { throwIfNoEntry: false });
    if (!stat || stat.isSymbolicLink()) return;
    const mode = stat.mode & 0o777;
    if (mode !== (stat.isDirectory() ? 0o700 : 0o600)) found.push(`${path} ${mode.toString(8)}`);
    if (!stat.isDirectory()) return;
    // A running service may remove a directory (a finished insert's) while it is listed.
    let entries: string[] = [];
    try {
      entries = readdirSync(path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    for (const entry of entries) visit(join(path, entry));
  };
  visit(dir);
  return found;
}

export * from './entities.js';
