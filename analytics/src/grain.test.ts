/**
 * Each table a refresh writes says its grain, the columns one row stands for, in a
 * `-- Grain:` line directly above its CREATE TABLE (dbt's habit: a grain test beside each
 * model); this test holds every table of a build of generated data, with a few intake cases,
 * to it. A step that fans out a join (two rows per NIK in `person_fact`, two per region in
 * `targeting`) fails here by name rather than as a figure off somewhere downstream.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { generate } from '@tepat/generator';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { folderSources, openEngine, readSteps, refresh, SQL_DIR, type Engine } from './index.js';

/** Each table created by a step, with the grain its file declares. */
function declaredGrains(): { file: string; table: string; grain: string | undefined }[] {
  return readSteps().flatMap(({ file }) => {
    const lines = readFileSync(join(SQL_DIR, file), 'utf8').split('\n');
    return lines.flatMap((line, i) => {
      const created = /^CREATE TABLE \{db:Identifier\}\.(\w+)/.exec(line);
      if (!created) return [];
      const grain = /^-- Grain: (.+)\.$/.exec(lines[i - 1] ?? '')?.[1];
      return [{ file, table: created[1]!, grain }];
    });
  });
}

let dir: string;
let engineDir: string;
let engine: Engine | undefined;
let db: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tepat-grain-data-'));
  engineDir = mkdtempSync(join(tmpdir(), 'tepat-grain-engine-'));
  await generate({ persons: 1_000, seed: 7, out: dir });
  // Cases of every kind, open and closed, so the case tables have rows to hold to their grain.
  mkdirSync(join(dir, 'intake'), { recursive: true });
  writeFileSync(
    join(dir, 'intake/cases.csv'),
    [
      'id,kind,status,program,district_code,filed_at,closed_at,due_on',
      '1,APPLICATION,ACCEPTED,BLT,51.01.01,2025-03-02T01:00:00.000Z,2025-03-02T01:00:01.000Z,',
      '2,REPORT,QUEUED,,35.10.02,2025-03-03T02:00:00.000Z,,',
      '3,COMPLAINT,RESOLVED,PKH,35.10.02,2025-03-04T03:00:00.000Z,2025-03-05T03:00:00.000Z,2025-03-18',
      '4,OBJECTION,QUEUED,,51.01.01,2025-03-05T04:00:00.000Z,,2025-03-19',
      '5,PROPOSAL,ACCEPTED,,,2025-03-06T05:00:00.000Z,2025-03-07T05:00:00.000Z,',
    ].join('\n') + '\n',
  );
  engine = await openEngine({ dir: engineDir });
  ({ database: db } = await refresh(engine, { sources: folderSources(dir) }));
}, 300_000);

afterAll(async () => {
  await engine?.close();
  for (const d of [dir, engineDir]) if (d) rmSync(d, { recursive: true, force: true });
});

describe('the grain of every table a refresh writes', () => {
  it('is declared above its CREATE TABLE', () => {
    const tables = declaredGrains();
    expect(tables.length).toBeGreaterThan(20);
    expect(tables.filter((t) => !t.grain).map((t) => `${t.file}: ${t.table}`)).toEqual([]);
  });

  it('holds: one row per grain, and no table empty', async () => {
    const found = [];
    for (const { table, grain } of declaredGrains()) {
      const key = grain === 'one row' ? 'tuple()' : `tuple(${grain})`;
      const [row] = await engine!.query<{ rows: string; grains: string }>(
        `SELECT count() AS rows, uniqExact(${key}) AS grains FROM {db:Identifier}.{table:Identifier}`,
        { db, table },
      );
      found.push({ table, grain, rows: Number(row!.rows), grains: Number(row!.grains) });
    }
    expect(found.filter((t) => t.rows !== t.grains || t.rows === 0)).toEqual([]);
  });
});
