/**
 * Making the embedded databases of a first start (packages/subgraph-kit/src/database.ts): one
 * per subgraph in one process, as `tepat migrate` does before `tepat start`, by PGlite's
 * initdb into each directory against the hub's way (one empty cluster made in memory per
 * process, loaded into each directory); then an in-memory test database, by initdb against
 * loading an empty cluster dumped before (as the test suite does from its temporary
 * directory). Each way in a fresh process, so its one-off costs count.
 *
 *   npx tsx bench/pglite-create.ts [--rounds N]
 */
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { dumpEmptyCluster, openDatabase, SUBGRAPH_NAMES } from '@tepat/subgraph-kit';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { positiveInteger } from './support/options.js';
import { median } from './support/quantile.js';
import { printTable } from './support/table.js';

const WAYS = {
  'initdb into each directory': async (dir: string) => {
    for (const name of SUBGRAPH_NAMES) {
      mkdirSync(join(dir, name));
      await (await PGlite.create({ dataDir: join(dir, name, 'pgdata'), extensions: { pg_trgm } })).close();
    }
  },
  'one empty cluster, loaded into each directory': async (dir: string) => {
    for (const name of SUBGRAPH_NAMES) await (await openDatabase({ dir: join(dir, name) })).close();
  },
  // Both in-memory ways time a second database, so neither pays the process's first start of PGlite.
  'in memory, initdb': async () => {
    await (await PGlite.create({ dataDir: 'memory://', extensions: { pg_trgm } })).close();
    const started = performance.now();
    await (await PGlite.create({ dataDir: 'memory://', extensions: { pg_trgm } })).close();
    return performance.now() - started;
  },
  'in memory, loading an empty cluster dumped before': async () => {
    const from = await dumpEmptyCluster();
    const started = performance.now();
    await (await openDatabase({ memory: true, from })).close();
    return performance.now() - started;
  },
} satisfies Record<string, (dir: string) => Promise<number | void>>;
type Way = keyof typeof WAYS;

if (process.argv[2] === '--child') {
  const way = process.argv[3] as Way;
  const dir = mkdtempSync(join(tmpdir(), 'tepat-pglite-create-'));
  try {
    const started = performance.now();
    const own = await WAYS[way](dir);
    console.log(JSON.stringify({ ms: own ?? performance.now() - started }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
} else {
  const { values } = parseArgs({ options: { rounds: { type: 'string', default: '3' } } });
  const rounds = positiveInteger('rounds', values.rounds);
  const rows: (string | number)[][] = [];
  for (const way of Object.keys(WAYS) as Way[]) {
    const times: number[] = [];
    for (let round = 0; round < rounds; round++) {
      const child = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--child', way], { encoding: 'utf8' });
      if (child.status !== 0) throw new Error(child.stderr);
      times.push((JSON.parse(child.stdout.trim().split('\n').at(-1)!) as { ms: number }).ms);
    }
    const databases = way.startsWith('in memory') ? 1 : SUBGRAPH_NAMES.length;
    rows.push([way, databases, (median(times) / 1000).toFixed(2), (median(times) / databases / 1000).toFixed(2)]);
  }
  printTable(['way', 'databases', `s in all (median of ${rounds})`, 's per database'], rows);
}
