/**
 * Resident memory of an embedded database against PostgreSQL's shared buffers
 * (packages/subgraph-kit/src/database.ts): PGlite's default (128 MB) and the hub's (16 MB),
 * each in a process of its own on a file-backed database of 400,000 rows, after a full scan and
 * 10,000 indexed reads of one row, with the CPU per read.
 *
 *   npx tsx bench/pglite-memory.ts
 */
import { PGlite } from '@electric-sql/pglite';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { printTable } from './support/table.js';

const ROWS = 400_000;
const READS = 10_000;

/** In the child: build, restart with `buffers` (null: PGlite's default), read, report as JSON. */
async function measure(dir: string, buffers: string | null) {
  const build = await PGlite.create({ dataDir: dir });
  await build.exec(`CREATE TABLE person (nik bigint PRIMARY KEY, kk bigint, name text);
    INSERT INTO person SELECT 3510010000000000 + g, 3510010000000000 + g / 4, repeat('n', 150) FROM generate_series(1, ${ROWS}) g;`);
  if (buffers) await build.query(`ALTER SYSTEM SET shared_buffers = '${buffers}'`);
  await build.close();
  const db = await PGlite.create({ dataDir: dir });
  const [{ shared_buffers }] = (await db.query<{ shared_buffers: string }>('SHOW shared_buffers')).rows as [{ shared_buffers: string }];
  await db.query('SELECT count(*), max(name) FROM person');
  const cpu = process.cpuUsage();
  for (let i = 0; i < READS; i++) await db.query('SELECT * FROM person WHERE nik = ANY($1)', [[3510010000000000 + ((i * 104_729) % ROWS) + 1]]);
  const { user, system } = process.cpuUsage(cpu);
  console.log(JSON.stringify({ shared_buffers, cpuMs: (user + system) / 1000 / READS, rssMb: process.memoryUsage.rss() / 1048576 }));
  await db.close();
}

if (process.argv[2] === '--child') {
  await measure(process.argv[3]!, process.argv[4] === 'default' ? null : process.argv[4]!);
} else {
  const rows: (string | number)[][] = [];
  for (const round of [1, 2]) {
    for (const buffers of ['default', '16MB']) {
      const dir = mkdtempSync(join(tmpdir(), 'tepat-pglite-memory-'));
      try {
        const child = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--child', dir, buffers], { encoding: 'utf8' });
        if (child.status !== 0) throw new Error(child.stderr);
        const { shared_buffers, cpuMs, rssMb } = JSON.parse(child.stdout.trim().split('\n').at(-1)!) as { shared_buffers: string; cpuMs: number; rssMb: number };
        rows.push([round, shared_buffers, cpuMs.toFixed(3), rssMb.toFixed(0)]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
  }
  printTable(['round', 'shared buffers', 'CPU ms per indexed read', 'resident MB after'], rows);
}
