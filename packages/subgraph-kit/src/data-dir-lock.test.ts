import { describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from './database.js';
import { DataDirInUseError, lockDataDir } from './data-dir-lock.js';
import { notOwnerOnly } from './testing.js';

const freshDir = () => mkdtempSync(join(tmpdir(), 'tepat-lock-'));

describe('lockDataDir', () => {
  it('refuses a directory held by another live process, naming it', async () => {
    const dir = freshDir();
    const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']);
    try {
      writeFileSync(join(dir, 'tepat.lock'), String(other.pid));
      expect(() => lockDataDir(dir)).toThrow(DataDirInUseError);
      expect(() => lockDataDir(dir)).toThrow(new RegExp(`in use by another Tepat process \\(pid ${other.pid}\\)`));
    } finally {
      other.kill('SIGKILL');
    }
  });

  it('takes over the lock of a process that died without releasing it', async () => {
    const dir = freshDir();
    const dead = spawn(process.execPath, ['-e', '0']);
    await new Promise((resolve) => dead.on('exit', resolve));
    writeFileSync(join(dir, 'tepat.lock'), String(dead.pid));
    const release = lockDataDir(dir);
    release();
    expect(existsSync(join(dir, 'tepat.lock'))).toBe(false);
  });

  it('keeps a second open of an embedded database away from the first', async () => {
    const dir = freshDir();
    const db = await openDatabase({ dir });
    try {
      await db.sql.exec('CREATE TABLE t (id int); INSERT INTO t VALUES (1);');
      await expect(openDatabase({ dir })).rejects.toThrow(/already open in this process/);
    } finally {
      await db.close();
    }
    const again = await openDatabase({ dir });
    expect(await again.sql.query('SELECT id FROM t')).toEqual([{ id: 1 }]);
    await again.close();
  });
});

describe('an embedded database on disk', () => {
  it('is its owner\'s alone, whatever the umask: directories 0700, files 0600, mended on every open (issue 16)', async () => {
    const previous = process.umask(0o022);
    try {
      const dir = join(freshDir(), 'population');
      const db = await openDatabase({ dir });
      try {
        await db.sql.exec('CREATE TABLE t (id int); INSERT INTO t SELECT generate_series(1, 1000);');
        expect(readdirSync(dir)).toEqual(expect.arrayContaining(['pgdata', 'tepat.lock']));
        expect(notOwnerOnly(dir)).toEqual([]);
      } finally {
        await db.close();
      }
      expect(notOwnerOnly(dir)).toEqual([]);
      // A directory left by an older version, open to all, is mended when it is opened.
      chmodSync(dir, 0o777);
      chmodSync(join(dir, 'pgdata', 'PG_VERSION'), 0o666);
      await (await openDatabase({ dir })).close();
      expect(notOwnerOnly(dir)).toEqual([]);
    } finally {
      process.umask(previous);
    }
  });
});
