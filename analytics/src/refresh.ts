/**
 * `tepat analytics refresh`: stage every source, run the steps of `analytics/sql/` into a
 * fresh build database, check the invariants, then serve it (builds.ts). Whatever fails,
 * the build being served stays as it was.
 */
import { isIsoDate, todayInJakarta } from '@tepat/core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBuildDatabase, currentBuild, dropDatabase, ensureMeta, publishBuild, type Build } from './builds.js';
import type { Engine } from './engine.js';
import { breachedInvariants, readSteps, runStep } from './pipeline.js';
import { STAGED_SOURCES, type SourceFiles } from './sources.js';

export interface RefreshOptions {
  sources: SourceFiles;
  /** Where source files are staged while the refresh runs (default: the system's temporary folder). */
  scratchDir?: string;
  /** Read every source again, even those whose fingerprint says they are unchanged since the served build. */
  full?: boolean;
  /**
   * The build's day, YYYY-MM-DD: overdue complaints are counted as of it (08b_metric_cases.sql).
   * Today in Asia/Jakarta, where intake's due days are, unless a test fixes it.
   */
  asOf?: string;
  onProgress?(message: string): void;
}

export class InvariantError extends Error {}

export async function refresh(engine: Engine, options: RefreshOptions): Promise<Build> {
  const log = options.onProgress ?? (() => {});
  const started = performance.now();
  const since = () => `${((performance.now() - started) / 1000).toFixed(1)} s`;
  const asOf = options.asOf ?? todayInJakarta();
  if (!isIsoDate(asOf)) throw new Error(`asOf must be a day YYYY-MM-DD, not "${asOf}".`);
  await ensureMeta(engine);
  // Sources unchanged since the served build are copied from it rather than read again.
  const previous = options.full ? null : await currentBuild(engine);
  const db = await createBuildDatabase(engine);
  const scratch = mkdtempSync(join(options.scratchDir ?? tmpdir(), 'tepat-refresh-'));
  try {
    const [stage, ...steps] = readSteps();
    await runStep(engine, db, stage!);
    const sources: Record<string, number> = {};
    const fingerprints: Record<string, string> = {};
    for (const { path, table } of STAGED_SOURCES) {
      const fingerprint = await options.sources.fingerprint?.(path);
      if (fingerprint !== undefined) fingerprints[path] = fingerprint;
      if (previous && fingerprint !== undefined && previous.fingerprints[path] === fingerprint) {
        await engine.command('INSERT INTO {db:Identifier}.{table:Identifier} SELECT * FROM {from:Identifier}.{table:Identifier}', {
          db,
          table,
          from: previous.database,
        });
        sources[path] = await countRows(engine, db, table);
        log(`kept ${path}: ${sources[path]} rows, unchanged since ${previous.builtAt} (${since()})`);
        continue;
      }
      const file = await options.sources.file(path, scratch);
      await engine.loadCsv(db, table, file, await stagedColumns(engine, db, table));
      sources[path] = await countRows(engine, db, table);
      log(`staged ${path}: ${sources[path]} rows from ${options.sources.describe()} (${since()})`);
    }
    for (const step of steps) {
      await runStep(engine, db, step, { as_of: asOf });
      log(`ran ${step.file} (${since()})`);
    }
    const breaches = await breachedInvariants(engine, db);
    if (breaches.length > 0) {
      const detail = breaches.map((b) => `- ${b.invariant}: ${JSON.stringify(b.rows.slice(0, 3))}`).join('\n');
      throw new InvariantError(`The new build breaks ${breaches.length} invariant(s); the previous build stays served:\n${detail}`);
    }
    const build: Build = {
      database: db,
      builtAt: new Date().toISOString(),
      asOf,
      seconds: (performance.now() - started) / 1000,
      sources,
      fingerprints,
    };
    await publishBuild(engine, build);
    log(`serving ${db}: refreshed in ${since()}`);
    return build;
  } catch (error) {
    await dropDatabase(engine, db).catch(() => {});
    throw error;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** The columns a staging table loads from its file (not the ones it computes), with their types. */
async function stagedColumns(engine: Engine, db: string, table: string): Promise<Record<string, string>> {
  const rows = await engine.query<{ name: string; type: string }>(
    `SELECT name, type FROM system.columns
     WHERE database = {db:String} AND table = {table:String} AND default_kind = ''
     ORDER BY position`,
    { db, table },
  );
  return Object.fromEntries(rows.map((r) => [r.name, r.type]));
}

async function countRows(engine: Engine, db: string, table: string): Promise<number> {
  const [row] = await engine.query<{ n: string }>('SELECT count() AS n FROM {db:Identifier}.{table:Identifier}', { db, table });
  return Number(row!.n);
}
