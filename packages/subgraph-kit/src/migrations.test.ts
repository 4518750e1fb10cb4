import { afterEach, describe, expect, it } from '@jest/globals';
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from './database.js';
import { appliedMigrations, migrate, readMigrations } from './migrations.js';
import { createTestDatabase } from './testing.js';

// Runs on the population subgraph's real migrations: the first creates the tables, the second adds search.
const POPULATION_MIGRATIONS = new URL('../../../subgraphs/population/prisma/migrations', import.meta.url).pathname;

let db: Database | undefined;
afterEach(async () => {
  await db?.close();
  db = undefined;
});

describe('migrate', () => {
  it('upgrades a database created by the first migration, keeping its rows', async () => {
    db = await createTestDatabase('population');
    const all = readMigrations(POPULATION_MIGRATIONS);
    expect(all.length).toBeGreaterThanOrEqual(2);
    expect(await migrate(db.sql, all.slice(0, 1))).toEqual([all[0].name]);
    await db.sql.query(
      `INSERT INTO person (nik, kk, full_name, sex, birth_date, relationship, village_code)
       VALUES ('5101010101800001', '5101010000000001', 'Made Wirawan', 'L', '1980-01-01', 'HEAD', '51.01.01.2001')`,
    );

    expect(await migrate(db.sql, all)).toEqual(all.slice(1).map((m) => m.name));
    expect(await appliedMigrations(db.sql)).toEqual(all.map((m) => m.name));
    expect(await db.sql.query('SELECT full_name FROM person')).toEqual([{ full_name: 'Made Wirawan' }]);
    const indexes = await db.sql.query<{ indexname: string }>(`SELECT indexname FROM pg_indexes WHERE tablename = 'person'`);
    expect(indexes.map((i) => i.indexname)).toContain('person_full_name_trgm_idx');
    // Applying again does nothing.
    expect(await migrate(db.sql, all)).toEqual([]);
  });

  it('rolls back a failing migration whole and records nothing of it', async () => {
    db = await createTestDatabase('population');
    const dir = mkdtempSync(join(tmpdir(), 'tepat-migrations-'));
    mkdirSync(join(dir, '001_ok'));
    writeFileSync(join(dir, '001_ok', 'migration.sql'), 'CREATE TABLE a (id int);');
    mkdirSync(join(dir, '002_broken'));
    writeFileSync(join(dir, '002_broken', 'migration.sql'), 'CREATE TABLE b (id int);\nCREATE TABLE a (id int);');
    await expect(migrate(db.sql, readMigrations(dir))).rejects.toThrow(/already exists/);
    expect(await appliedMigrations(db.sql)).toEqual(['001_ok']);
    expect(await db.sql.query(`SELECT to_regclass('b') AS b`)).toEqual([{ b: null }]);
  });

  it('refuses a migration edited after it was applied', async () => {
    db = await createTestDatabase('population');
    const dir = mkdtempSync(join(tmpdir(), 'tepat-migrations-'));
    mkdirSync(join(dir, '001_first'));
    writeFileSync(join(dir, '001_first', 'migration.sql'), 'CREATE TABLE a (id int);');
    await migrate(db.sql, readMigrations(dir));
    writeFileSync(join(dir, '001_first', 'migration.sql'), 'CREATE TABLE a (id bigint);');
    await expect(migrate(db.sql, readMigrations(dir))).rejects.toThrow(/001_first was changed after it was applied/);
  });
});
