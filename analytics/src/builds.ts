/**
 * Builds aside, then swap. Each refresh builds into a database of its own; when every
 * step and invariant has passed, one row in `tepat_analytics.build` makes it the one
 * served. A refresh that fails or is interrupted never touches the served build, and the
 * previous build is kept one refresh longer for queries still reading it.
 */
import { randomBytes } from 'node:crypto';
import type { Engine } from './engine.js';

export const META_DB = 'tepat_analytics';
const BUILD_PREFIX = 'tepat_build_';

export interface Build {
  database: string;
  builtAt: string;
  /** The build's day in Asia/Jakarta, YYYY-MM-DD: what "overdue" is counted on (08b_metric_cases.sql). */
  asOf: string;
  seconds: number;
  /** Rows staged per source file. */
  sources: Record<string, number>;
  /** Per source file, what its fingerprint was when staged; a later refresh reuses the rows while it holds. */
  fingerprints: Record<string, string>;
}

export async function ensureMeta(engine: Engine): Promise<void> {
  await engine.command('CREATE DATABASE IF NOT EXISTS {meta:Identifier}', { meta: META_DB });
  await engine.command(
    `CREATE TABLE IF NOT EXISTS {meta:Identifier}.build (
       database String,
       built_at DateTime64(3, 'UTC'),
       seconds Float64,
       sources Map(String, UInt64)
     ) ENGINE = MergeTree ORDER BY built_at`,
    { meta: META_DB },
  );
  // Added after the first builds: a meta table from before gains it.
  await engine.command('ALTER TABLE {meta:Identifier}.build ADD COLUMN IF NOT EXISTS fingerprints Map(String, String)', { meta: META_DB });
  // Added with the case figures (issue 17): builds from before have no case tables to read it for.
  await engine.command('ALTER TABLE {meta:Identifier}.build ADD COLUMN IF NOT EXISTS as_of Date', { meta: META_DB });
}

/** A fresh, empty database to build into. */
export async function createBuildDatabase(engine: Engine): Promise<string> {
  const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
  const db = `${BUILD_PREFIX}${stamp}_${randomBytes(3).toString('hex')}`;
  await engine.command('CREATE DATABASE {db:Identifier}', { db });
  return db;
}

export async function dropDatabase(engine: Engine, db: string): Promise<void> {
  await engine.command('DROP DATABASE IF EXISTS {db:Identifier} SYNC', { db });
}

/** Makes a finished build the served one, then drops every build older than the one before it. */
export async function publishBuild(engine: Engine, build: Build): Promise<void> {
  await engine.command(
    `INSERT INTO {meta:Identifier}.build (database, built_at, as_of, seconds, sources, fingerprints)
     VALUES ({database:String}, {builtAt:DateTime64(3)}, {asOf:Date}, {seconds:Float64}, {sources:Map(String, UInt64)}, {fingerprints:Map(String, String)})`,
    { meta: META_DB, ...build, builtAt: build.builtAt.replace('T', ' ').replace('Z', '') },
  );
  const kept = new Set((await recentBuilds(engine, 2)).map((b) => b.database));
  const existing = await engine.query<{ name: string }>(
    'SELECT name FROM system.databases WHERE startsWith(name, {prefix:String})',
    { prefix: BUILD_PREFIX },
  );
  for (const { name } of existing) if (!kept.has(name)) await dropDatabase(engine, name);
}

/** The build being served, or null before the first refresh. */
export async function currentBuild(engine: Engine): Promise<Build | null> {
  const [build] = await recentBuilds(engine, 1);
  return build ?? null;
}

async function recentBuilds(engine: Engine, count: number): Promise<Build[]> {
  const exists = await engine.query('SELECT 1 FROM system.tables WHERE database = {meta:String} AND name = {table:String}', {
    meta: META_DB,
    table: 'build',
  });
  if (exists.length === 0) return [];
  const rows = await engine.query<{
    database: string;
    built_at: string;
    as_of: string;
    seconds: number;
    sources: Record<string, string>;
    fingerprints: Record<string, string>;
  }>(
    `SELECT database, built_at, toString(as_of) AS as_of, seconds, sources, fingerprints FROM {meta:Identifier}.build
     WHERE database IN (SELECT name FROM system.databases)
     ORDER BY built_at DESC LIMIT {count:UInt32}`,
    { meta: META_DB, count },
  );
  return rows.map((r) => ({
    database: r.database,
    builtAt: `${r.built_at.replace(' ', 'T')}Z`,
    asOf: r.as_of,
    seconds: Number(r.seconds),
    sources: Object.fromEntries(Object.entries(r.sources).map(([k, v]) => [k, Number(v)])),
    fingerprints: r.fingerprints,
  }));
}
