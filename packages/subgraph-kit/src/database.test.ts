/**
 * The embedded database's own settings: PGlite's shared buffers are cut to what the hub needs
 * (database.ts, issue 20's memory aim), on a new directory, on every open after it, and in
 * memory, and grow with a large database, up to a limit; and how a new one is made: from one empty cluster per process, whole or not at all.
 */
import { expect, it } from '@jest/globals';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from './database.js';

it('starts an embedded database with 16 MB of shared buffers, on a new directory and on every open after, more for a large one', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tepat-database-'));
  try {
    const first = await openDatabase({ dir });
    expect(await first.sql.query('SHOW shared_buffers')).toEqual([{ shared_buffers: '16MB' }]);
    await first.sql.exec(`CREATE TABLE kept (nik text PRIMARY KEY); INSERT INTO kept VALUES ('3510010101800001')`);
    await first.close();

    const again = await openDatabase({ dir });
    expect(await again.sql.query('SHOW shared_buffers')).toEqual([{ shared_buffers: '16MB' }]);
    expect(await again.sql.query('SELECT nik FROM kept')).toEqual([{ nik: '3510010101800001' }]);
    await again.close();

    // A large database gets a quarter of its size (here 400 MB of data and the cluster's own
    // files), at most 128 MB. A sparse file stands for the data: its size counts, unwritten.
    const bulk = join(dir, 'pgdata', 'bulk-for-test');
    writeFileSync(bulk, '');
    const buffersWith = async (mb: number) => {
      truncateSync(bulk, mb * 1024 * 1024);
      const large = await openDatabase({ dir });
      try {
        expect(await large.sql.query('SELECT nik FROM kept')).toEqual([{ nik: '3510010101800001' }]);
        const [{ shared_buffers }] = await large.sql.query<{ shared_buffers: string }>('SHOW shared_buffers');
        return Number(/^(\d+)MB$/.exec(shared_buffers)?.[1]);
      } finally {
        await large.close();
      }
    };
    const quarter = await buffersWith(400);
    expect(quarter).toBeGreaterThanOrEqual(100);
    expect(quarter).toBeLessThan(128);
    expect(await buffersWith(2048)).toBe(128);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const memory = await openDatabase({ memory: true });
  expect(await memory.sql.query('SHOW shared_buffers')).toEqual([{ shared_buffers: '16MB' }]);
  await memory.close();
});

it('makes every new database of a process from one empty cluster, each its own, with nothing left beside them', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tepat-database-'));
  try {
    // A creation cut short (the hub stopped during its first start) left a partial directory.
    mkdirSync(join(dir, 'dtks', 'pgdata.creating', 'base'), { recursive: true });
    writeFileSync(join(dir, 'dtks', 'pgdata.creating', 'PG_VERSION'), 'half');
    const [population, dtks] = [await openDatabase({ dir: join(dir, 'population') }), await openDatabase({ dir: join(dir, 'dtks') })];
    await population.sql.exec(`CREATE TABLE person (nik text PRIMARY KEY); INSERT INTO person VALUES ('3510010101800001')`);
    expect(await dtks.sql.query("SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'")).toEqual([{ n: 0 }]);
    await Promise.all([population.close(), dtks.close()]);
    for (const name of ['population', 'dtks']) expect(readdirSync(join(dir, name)).sort()).toEqual(['pgdata']);

    const again = await openDatabase({ dir: join(dir, 'population') });
    expect(await again.sql.query('SELECT nik FROM person')).toEqual([{ nik: '3510010101800001' }]);
    await again.close();
    expect(existsSync(join(dir, 'dtks', 'pgdata', 'PG_VERSION'))).toBe(true);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
