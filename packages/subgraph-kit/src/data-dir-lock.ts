/**
 * An exclusive lock on an embedded database directory. PGlite takes none of its own,
 * and two processes on one directory silently corrupt it (shared/notes/prisma.md), so
 * every open goes through here first.
 *
 * Our own rather than proper-lockfile (issue 22 weighed it): the lock file holds the
 * holder's pid, so a hub killed with -9 frees its directory the moment it is gone (the next
 * open finds the pid dead) and a refusal names the process to stop. proper-lockfile records
 * no pid and judges a lock stale by its age: a killed hub's directory stays locked for its
 * stale period (10 s by default, kept alive by a timer refreshing the lock's mtime every 5 s
 * in every holder), and the refusal cannot say who holds it.
 */
import { chmodSync, closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/** Raised when another live process (or this one) already holds the directory. */
export class DataDirInUseError extends Error {
  constructor(
    readonly dir: string,
    readonly pid: number,
  ) {
    super(
      pid === process.pid
        ? `The data directory ${dir} is already open in this process.`
        : `The data directory ${dir} is in use by another Tepat process (pid ${pid}). ` +
            'Stop that hub first, or set TEPAT_DATA_DIR to another directory.',
    );
    this.name = 'DataDirInUseError';
  }
}

const LOCK_FILE = 'tepat.lock';

/** Modes of what the hub keeps on disk: readable and writable by its owner only (issue 16 §4). */
export const OWNER_ONLY_DIR = 0o700;
export const OWNER_ONLY_FILE = 0o600;

/** Takes the lock on `dir` (creating the directory, its owner's alone); returns the function that releases it. */
export function lockDataDir(dir: string): () => void {
  mkdirSync(dir, { recursive: true, mode: OWNER_ONLY_DIR });
  chmodSync(dir, OWNER_ONLY_DIR);
  const path = join(dir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx', OWNER_ONLY_FILE);
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => release(path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = readHolder(path);
      if (holder !== null && isAlive(holder)) throw new DataDirInUseError(dir, holder);
      // The holder died without releasing (killed with -9): its lock is stale.
      unlinkSync(path);
    }
  }
  throw new Error(`Could not take the lock ${path}: another process keeps recreating it.`);
}

function release(path: string): void {
  if (readHolder(path) === process.pid) unlinkSync(path);
}

function readHolder(path: string): number | null {
  try {
    const pid = Number(readFileSync(path, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
