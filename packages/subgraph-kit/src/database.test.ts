/**
 * The embedded database's own settings: PGlite's shared buffers are cut to what the hub needs
 * (database.ts, issue 20's memory aim), on a new directory, on every open after it, and in
 * memory.
 */
import { expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from './database.js';

it('starts an embedded database with 16 MB of shared buffers, on a new directory and on every open after', async () => {
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
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const memory = await openDatabase({ memory: true });
  expect(await memory.sql.query('SHOW shared_buffers')).toEqual([{ shared_buffers: '16MB' }]);
  await memory.close();
});
