/**
 * Refreshing (issue 7): sources unchanged since the served build are kept rather than read
 * again, `full` reads everything, and a build that breaks an invariant is never served.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { todayInJakarta } from '@tepat/core';
import { generate } from '@tepat/generator';
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { currentBuild, folderSources, InvariantError, openEngine, refresh, type Build, type Engine } from './index.js';

let root: string;
let dataDir: string;
let engine: Engine;
let first: Build;
/** Today in Jakarta just before the first refresh: its day, unless midnight passed meanwhile. */
let dayBefore: string;

/** A refresh of the folder, with the progress lines it printed. */
async function refreshed(options: { full?: boolean } = {}) {
  const lines: string[] = [];
  const build = await refresh(engine, { sources: folderSources(dataDir), onProgress: (l) => lines.push(l), ...options });
  return { build, kept: lines.filter((l) => l.startsWith('kept ')).map((l) => l.split(':')[0]!.slice('kept '.length)) };
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'tepat-refresh-'));
  dataDir = join(root, 'data');
  await generate({ persons: 300, seed: 3, out: dataDir });
  engine = await openEngine({ dir: join(root, 'clickhouse') });
  dayBefore = todayInJakarta();
  first = (await refreshed()).build;
});

afterAll(async () => {
  await engine?.close();
  rmSync(root, { recursive: true, force: true });
});

async function buildDatabases(): Promise<string[]> {
  const rows = await engine.query<{ name: string }>("SELECT name FROM system.databases WHERE startsWith(name, 'tepat_build_') ORDER BY name");
  return rows.map((r) => r.name);
}

describe('refresh', () => {
  it('writes every table of a build as one that is never merged', async () => {
    const tables = await engine.query<{ name: string; engine_full: string }>(
      'SELECT name, engine_full FROM system.tables WHERE database = {db:String} ORDER BY name',
      { db: first.database },
    );
    expect(tables.map((t) => t.name)).toEqual(expect.arrayContaining(['disbursement', 'eligibility', 'disbursement_fact', 'targeting']));
    const merged = tables.filter((t) => !/max_bytes_to_merge_at_max_space_in_pool = 1\b/.test(t.engine_full)).map((t) => t.name);
    expect(merged).toEqual([]);
  });

  it('records the day it was made in Jakarta, which overdue cases are counted on, with the build served', async () => {
    expect([dayBefore, todayInJakarta()]).toContain(first.asOf);
    expect((await currentBuild(engine))!.asOf).toBe(first.asOf);
  });

  it('keeps every source that has not changed since the served build, with the same figures', async () => {
    const { build, kept } = await refreshed();
    expect(kept).toHaveLength(8);
    expect(build.sources).toEqual(first.sources);
    const figures = (db: string) => engine.query('SELECT * FROM {db:Identifier}.targeting ORDER BY program, period, level, region', { db });
    expect(await figures(build.database)).toEqual(await figures(first.database));
  });

  it('reads again only the source that changed', async () => {
    const file = join(dataDir, 'aid/disbursements.csv');
    const [, firstRow] = readFileSync(file, 'utf8').split('\n');
    const [, program, nik, kk, period, amount, disbursedOn, district] = firstRow!.split(',');
    // A second payment to the same unit the same day, after the first by id: its rank is 2.
    appendFileSync(file, `ZZ-EXTRA-1,${program},${nik},${kk},${period},${amount},${disbursedOn},${district}\n`);
    const { build, kept } = await refreshed();
    expect(kept).not.toContain('aid/disbursements.csv');
    expect(kept).toHaveLength(7);
    expect(build.sources['aid/disbursements.csv']).toBe(first.sources['aid/disbursements.csv']! + 1);
    const [extra] = await engine.query<{ payment_rank: string }>(
      "SELECT payment_rank FROM {db:Identifier}.disbursement_fact WHERE id = 'ZZ-EXTRA-1'",
      { db: build.database },
    );
    expect(extra?.payment_rank).toBe('2');
  });

  it('reads every source again when full', async () => {
    const { kept } = await refreshed({ full: true });
    expect(kept).toEqual([]);
  });

  it('reads again a source whose staging table has gained a column since the served build', async () => {
    // As a build made before dtks_member staged DTKS's kk (for the data-quality queues).
    const served = (await currentBuild(engine))!;
    await engine.command('ALTER TABLE {db:Identifier}.dtks_member DROP COLUMN kk', { db: served.database });
    const { build, kept } = await refreshed();
    expect(kept).not.toContain('dtks/members.csv');
    expect(kept).toHaveLength(7);
    const [row] = await engine.query<{ zero: string; rows: string }>(
      'SELECT countIf(kk = 0) AS zero, count() AS rows FROM {db:Identifier}.dtks_member',
      { db: build.database },
    );
    expect(row).toEqual({ zero: '0', rows: String(first.sources['dtks/members.csv']) });
  });

  it('keeps only the served build and the one before it', async () => {
    const databases = await buildDatabases();
    expect(databases).toHaveLength(2);
    expect(databases).toContain((await currentBuild(engine))!.database);
  });

  it('never serves a build that breaks an invariant, and leaves nothing of it behind', async () => {
    const served = (await currentBuild(engine))!;
    const before = await buildDatabases();
    // A programme whose rule set eligibility does not have.
    writeFileSync(join(dataDir, 'aid/programs.csv'), `${readFileSync(join(dataDir, 'aid/programs.csv'), 'utf8')}BLT_X,Bantuan X,PERSON,NO_SUCH_RULES\n`);
    const failed = refreshed();
    await expect(failed).rejects.toThrow(InvariantError);
    await expect(failed).rejects.toThrow("every programme's rule set exists in eligibility");
    expect((await currentBuild(engine))!.database).toBe(served.database);
    expect(await buildDatabases()).toEqual(before);
  });
});
