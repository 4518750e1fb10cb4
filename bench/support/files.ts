/** Sizes of folders and headers of CSV files, for the data a bench generates or imports. */
import { closeSync, openSync, readdirSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Bytes of every file below `dir`. */
export function bytesUnder(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) total += statSync(join(entry.parentPath, entry.name)).size;
  }
  return total;
}

/** The column names of a CSV file's header row (read from its first 4 kB, not the whole file). */
export function headerOf(path: string): string[] {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(4096);
    const read = readSync(fd, buffer, 0, buffer.length, 0);
    return buffer.subarray(0, read).toString('utf8').split(/\r?\n/)[0]!.replace(/^\uFEFF/, '').split(',');
  } finally {
    closeSync(fd);
  }
}
