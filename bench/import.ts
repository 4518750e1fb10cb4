/**
 * Benchmark: `tepat import` of a generated folder (DATA.md) of N persons, into embedded
 * storage and, given a server, into PostgreSQL; there, the same CSV files loaded by
 * PostgreSQL's own COPY into freshly migrated tables (same columns, same indexes) are the
 * floor the importer is compared with. Generation and every import run as child
 * processes, as a person runs them, so their wall time and peak memory are theirs alone.
 *
 *   npx tsx bench/import.ts [--persons N] [--seed S] [--reuse DIR] [--server URL]
 *
 *   --persons N   persons to generate (default 1000000)
 *   --seed S      generator seed (default 1)
 *   --reuse DIR   import an existing generated folder (with manifest.json) instead of generating
 *   --server URL  a PostgreSQL server, e.g. postgresql://postgres@127.0.0.1:54329/postgres
 *                 (or env BENCH_POSTGRES_URL), PostgreSQL 13 or later; the role must be allowed
 *                 to create databases.
 *                 Two sets of databases tepat_bench_<pid>_* (one per subgraph) are created on it
 *                 and dropped at the end.
 *
 * Figures depend on the machine; nothing is asserted.
 */
import { AGENCY_FILES, type AgencyFile } from '@tepat/core';
import { envSuffix, SUBGRAPH_NAMES } from '@tepat/subgraph-kit';
import type pg from 'pg';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { BenchDatabases, connect, copyFloor, endConnections, where, type CopyTime } from './import/server.js';
import { parseSummaries, type FileResult } from './import/summaries.js';
import { bytesUnder } from './support/files.js';
import { secs, whole } from './support/format.js';
import { TEPAT } from './support/hub.js';
import { PEAK_HOOK_ARGS, readPeak } from './support/memory.js';
import { positiveInteger } from './support/options.js';
import { signalAll, spawnNode } from './support/processes.js';
import { printTable } from './support/table.js';

const { values } = parseArgs({
  options: {
    persons: { type: 'string', default: '1000000' },
    seed: { type: 'string', default: '1' },
    reuse: { type: 'string' },
    server: { type: 'string' },
  },
});
const PERSONS = positiveInteger('persons', values.persons);
const SEED = Number(values.seed);
if (!Number.isInteger(SEED)) throw new Error(`--seed must be an integer, not ${values.seed}`);
const SERVER = values.server ?? process.env.BENCH_POSTGRES_URL;
if (SERVER && !/^postgres(ql)?:\/\//.test(SERVER)) throw new Error(`--server must be a postgresql:// URL, not ${SERVER}`);

// ---------------------------------------------------------------------------------------------
// Child processes, with their peak memory

interface ChildRun {
  /** stdout and stderr, line by line. */
  output: string;
  seconds: number;
  /** Peak resident memory of the child, MB; null if it died before it could tell. */
  peakMb: number | null;
}

const scratch = mkdtempSync(join(tmpdir(), 'tepat-bench-import-'));

let interrupted = false;
const onSignal = (signal: NodeJS.Signals) => {
  // Stop the child; its failure unwinds main() through the cleanup below.
  interrupted = true;
  console.error(`\n${signal}: stopping and cleaning up...`);
  signalAll('SIGTERM');
  endConnections();
};
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);

let runs = 0;
/** Runs `tepat <args>`, its output passed through indented and kept for the summary lines. */
async function tepat(args: string[], env: NodeJS.ProcessEnv): Promise<ChildRun> {
  if (interrupted) throw new Error('interrupted');
  const peakFile = join(scratch, `peak-${++runs}.json`);
  const started = process.hrtime.bigint();
  const lines: string[] = [];
  const run = spawnNode([...PEAK_HOOK_ARGS, TEPAT, ...args], {
    env: { ...env, BENCH_PEAK_FILE: peakFile },
    onLine: (line) => {
      lines.push(line);
      console.log(`    ${line}`);
    },
  });
  const code = await run.exited;
  if (code !== 0) throw new Error(`tepat ${args[0]} failed (${run.child.signalCode ?? `exit code ${code}`}):\n${run.tail()}`);
  const peak = readPeak(peakFile);
  return { output: lines.join('\n'), seconds: Number(process.hrtime.bigint() - started) / 1e9, peakMb: peak ? Math.round(peak.maxRss / 1024) : null };
}

/** The environment of a child, without any DATABASE_URL_* of ours, plus `extra`. */
function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of SUBGRAPH_NAMES) delete env[`DATABASE_URL_${envSuffix(name)}`];
  return { ...env, ...extra };
}

/** A child's peak memory, MB, as the hook reported it. */
const mb = (n: number | null) => (n === null ? 'n/a' : `${whole(n)} MB`);

async function main(): Promise<void> {
  console.log(`machine: ${cpus().length} cores, Node ${process.versions.node}; scratch: ${scratch}`);

  // Check the server first: no point generating for ten minutes to fail on a typo.
  let admin: pg.Client | undefined;
  if (SERVER) {
    try {
      admin = await connect(SERVER, false);
    } catch (error) {
      throw new Error(
        `cannot reach the PostgreSQL server at ${where(SERVER)} (${(error as Error).message}). ` +
          'Start one (see bench/README.md) or leave out --server / BENCH_POSTGRES_URL to measure embedded storage only.',
      );
    }
    const [{ server_version }] = (await admin.query<{ server_version: string }>('SHOW server_version')).rows as [{ server_version: string }];
    console.log(`server: PostgreSQL ${server_version} at ${where(SERVER)}`);
  }
  const databases = admin && SERVER ? new BenchDatabases(admin, SERVER) : undefined;
  try {
    await measure(databases);
  } finally {
    if (admin) {
      await databases?.dropAll();
      await admin.end();
    }
  }
}

async function measure(databases: BenchDatabases | undefined): Promise<void> {
  // 1. The folder.
  let folder: string;
  let generation: ChildRun | undefined;
  if (values.reuse) {
    folder = resolve(values.reuse);
    if (!existsSync(join(folder, 'manifest.json'))) throw new Error(`--reuse ${folder}: no manifest.json there (not a generated folder)`);
  } else {
    folder = join(scratch, 'data');
    console.log(`\ngenerate: ${whole(PERSONS)} persons, seed ${SEED}`);
    generation = await tepat(['generate', '--persons', String(PERSONS), '--seed', String(SEED), '--out', folder], childEnv({}));
  }
  const manifest = JSON.parse(readFileSync(join(folder, 'manifest.json'), 'utf8')) as {
    persons: number;
    seed: number;
    files: Record<string, number>;
  };
  const files = AGENCY_FILES.filter((f) => existsSync(join(folder, f.path)));
  const rows = (f: AgencyFile) => manifest.files[f.path] ?? 0;
  const totalRows = files.reduce((n, f) => n + rows(f), 0);
  const folderBytes = bytesUnder(folder);
  console.log(
    `\nfolder: ${folder}, ${whole(manifest.persons)} persons (seed ${manifest.seed}), ${whole(totalRows)} rows in ${files.length} files, ` +
      `${whole(folderBytes / 2 ** 20)} MB`,
  );
  if (generation) {
    console.log(
      `generation: ${secs(generation.seconds)} (${whole(totalRows / generation.seconds)} rows/s written), peak memory ${mb(generation.peakMb)}`,
    );
  } else {
    console.log('generation: not measured (--reuse)');
  }

  // 2. Embedded storage, fresh.
  const dataDir = join(scratch, 'embedded');
  console.log(`\nimport into embedded storage (TEPAT_DATA_DIR=${dataDir}):`);
  const embeddedRun = await tepat(['import', folder, '--report', join(scratch, 'report-embedded')], childEnv({ TEPAT_DATA_DIR: dataDir }));
  const embedded = parseSummaries(embeddedRun.output, files);
  const embeddedBytes = bytesUnder(dataDir);
  rmSync(dataDir, { recursive: true, force: true });
  console.log(
    `embedded: whole command ${secs(embeddedRun.seconds)} (each database created and migrated, then its files), ` +
      `peak memory ${mb(embeddedRun.peakMb)}, ${whole(embeddedBytes / 2 ** 20)} MB on disk`,
  );

  // 3. PostgreSQL server: the importer, then COPY as the floor.
  let server: Map<string, FileResult> | undefined;
  let serverRun: ChildRun | undefined;
  let floor = new Map<string, CopyTime>();
  // A failure here still leaves the figures above worth printing.
  let serverFailure: Error | undefined;
  try {
    if (databases) {
      const importUrls = await databases.createSet('import');
      console.log(`\nimport into PostgreSQL (${SUBGRAPH_NAMES.length} fresh databases tepat_bench_${process.pid}_import_*):`);
      serverRun = await tepat(
        ['import', folder, '--report', join(scratch, 'report-server')],
        childEnv({ TEPAT_DATA_DIR: join(scratch, 'server-run'), ...importUrls }),
      );
      server = parseSummaries(serverRun.output, files);
      console.log(`server: whole command ${secs(serverRun.seconds)}, peak memory ${mb(serverRun.peakMb)}`);

      const copyUrls = await databases.createSet('copy');
      console.log(`\nfloor: COPY ... FROM STDIN (FORMAT csv, HEADER true) into freshly migrated tables (tepat_bench_${process.pid}_copy_*):`);
      await tepat(['migrate'], childEnv({ TEPAT_DATA_DIR: join(scratch, 'server-run'), ...copyUrls }));
      floor = await copyFloor(folder, files, copyUrls, rows);
    }
  } catch (error) {
    if (interrupted) throw error;
    serverFailure = error as Error;
    server = undefined;
  } finally {
    await databases?.dropAll();
  }

  // 4. Summary.
  console.log(`\nsummary (${whole(manifest.persons)} persons; rows/s = rows read / the importer's own time for the file, ANALYZE included):`);
  const header = ['file', 'rows', 'embedded rows/s', ...(server ? ['server rows/s', 'COPY rows/s', 'importer / COPY'] : [])];
  const table = files.map((f) => {
    const cells = [f.path, whole(rows(f)), whole(embedded.get(f.path)!.rowsPerSecond)];
    if (server) {
      const s = server.get(f.path)!;
      const c = floor.get(f.path)!;
      cells.push(whole(s.rowsPerSecond), whole(rows(f) / c.seconds), `${(s.seconds / c.seconds).toFixed(2)}x`);
    }
    return cells;
  });
  const sum = (results: Map<string, FileResult>) => files.reduce((t, f) => t + results.get(f.path)!.seconds, 0);
  const total = ['all files', whole(totalRows), whole(totalRows / sum(embedded))];
  if (server) {
    const copySeconds = files.reduce((t, f) => t + floor.get(f.path)!.seconds, 0);
    total.push(whole(totalRows / sum(server)), whole(totalRows / copySeconds), `${(sum(server) / copySeconds).toFixed(2)}x`);
  }
  printTable(header, [...table, total]);
  console.log(
    `\n${generation ? `generation ${secs(generation.seconds)}, peak ${mb(generation.peakMb)}; ` : ''}` +
      `import, embedded: files ${secs(sum(embedded))} of ${secs(embeddedRun.seconds)} wall, peak ${mb(embeddedRun.peakMb)}` +
      (server && serverRun ? `; import, server: files ${secs(sum(server))} of ${secs(serverRun.seconds)} wall, peak ${mb(serverRun.peakMb)}` : ''),
  );
  if (serverFailure) throw new Error(`the PostgreSQL part failed, so it has no figures: ${serverFailure.message}`);
}

try {
  await main();
} catch (error) {
  console.error(interrupted ? '\nbench/import: interrupted' : `\nbench/import: ${(error as Error).message}`);
  process.exitCode = interrupted ? 130 : 1;
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
