/**
 * Benchmark: the analytics refresh (analytics/sql/, chdb in-process) at 1, 5 and 20 million
 * disbursements with persons in proportion, and the metric queries through the gateway.
 * Prints, for each size:
 *
 *   1. the refresh: seconds and the process's RSS high point per step (each staged file,
 *      each SQL file, the invariants), the whole refresh, peak memory (maxRSS);
 *   2. the floors, on the same staged rows in the same engine, best of two runs each: one
 *      raw `GROUP BY program_code, period, district_code` with count(), uniqExact(nik),
 *      sum(amount_idr), and the leakage join alone (disbursements LEFT JOIN persons on nik,
 *      a category per row), each into a table as the steps write theirs; refresh / floor;
 *   3. whether the build's NATIONAL figures equal the generator's manifest (times the copies);
 *
 * then, on the largest build, metric query latency through the gateway (@tepat/gateway
 * in-process over the analytics subgraph; the other subgraphs' URLs point at a closed port)
 * at 16 clients with autocannon, as an ANALYST: targetingAccuracy, leakage and
 * regionalEquity(level: DISTRICT), every request another programme and month. It ends with
 * a summary against the aims: 20 M disbursements over 5 M persons refreshed in under 90 s,
 * metric queries under 100 ms p99.
 *
 *   npx tsx bench/analytics.ts [--sizes 1,5,20] [--seconds S] [--seed N] [--scratch DIR] [--keep] [--skip-serve]
 *
 *   --sizes       millions of disbursements, whole numbers up to 99 (default 1,5,20)
 *   --seconds S   load per metric query (default 30, after a 5 s warm-up)
 *   --seed N      generator seed (default 1)
 *   --scratch DIR where data and engines go (default /tmp/tepat-bench-analytics). Data folders
 *                 stay there and are reused by the next run (each has a marker file once
 *                 complete); delete the folder to free the space.
 *   --keep        keep each size's chdb directory (its builds) too
 *   --skip-serve  no metric queries
 *
 * Data: `generate` writes about 3.5 disbursements per person and about 10,000 persons a
 * second here, so 5.7 M persons would take some ten minutes. The script therefore generates
 * one base of 283,000 persons (about 1.0 M disbursements) and builds size k as k copies of
 * every source file, written by chdb (`INSERT INTO FUNCTION file(...)`): NIKs, KKs and
 * disbursement ids made unique per copy (16-digit NIKs and KKs that keep the first six
 * digits, then the copy, then a running number), village codes, dates and amounts kept; the
 * programmes once. Every copy is the base over again, so each size has the generator's
 * proportions, and the build's national figures are k times the manifest's (checked).
 * Persons are in the generator's proportion: 20 M disbursements come with about 5.7 M
 * persons, a little more than the aim's 5 M.
 *
 * Memory: chdb runs in the process, so the process's RSS is the engine's too. maxRSS only
 * grows, so generation and every size run in a child process of their own (this script again
 * with --child), each reporting its own peak.
 *
 * Figures depend on the machine; nothing is asserted.
 */
import { folderSources, openEngine, refresh, type Build, type Engine } from '@tepat/analytics';
import { serveAnalytics } from '@tepat/analytics-subgraph';
import { issueToken } from '@tepat/auth';
import { startGateway, type GatewayEnv } from '@tepat/gateway';
import { generate, LEAKAGE_CATEGORIES, type Manifest } from '@tepat/generator';
import { SUPERGRAPH_NAMES, type SupergraphMember } from '@tepat/subgraph-kit';
import autocannon from 'autocannon';
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '1,5,20' },
    seconds: { type: 'string', default: '30' },
    seed: { type: 'string', default: '1' },
    scratch: { type: 'string', default: join(tmpdir(), 'tepat-bench-analytics') },
    keep: { type: 'boolean', default: false },
    'skip-serve': { type: 'boolean', default: false },
    // Internal: what a child process of this script does.
    child: { type: 'string' },
    size: { type: 'string' },
    serve: { type: 'boolean', default: false },
  },
});
const SIZES = [...new Set(values.sizes.split(',').map((s) => Number(s.trim())))].sort((a, b) => a - b);
if (SIZES.length === 0 || SIZES.some((s) => !Number.isInteger(s) || s < 1 || s > 99)) {
  throw new Error(`--sizes must be whole numbers of millions from 1 to 99, e.g. 1,5,20, not ${values.sizes}`);
}
const SECONDS = Number(values.seconds);
if (!Number.isInteger(SECONDS) || SECONDS < 1) throw new Error(`--seconds must be a positive integer, not ${values.seconds}`);
const SEED = Number(values.seed);
if (!Number.isInteger(SEED)) throw new Error(`--seed must be an integer, not ${values.seed}`);
const SCRATCH = values.scratch;

// About 3.53 disbursements per person (seed 1): a base of about 1.0 M, so size k is k copies.
const BASE_PERSONS = 283_000;
const CONNECTIONS = 16;
const WARM_UP_SECONDS = 5;
const AIM_REFRESH = { millions: 20, persons: 5_000_000, seconds: 90 };
const AIM_P99_MS = 100;
/** High enough that the gateway's per-caller rate limits never refuse the load. */
const RATE_LIMIT_OFF = 100_000_000;
const RSS_SAMPLE_MS = 100;
const CLK_TCK = 100; // Linux USER_HZ: /proc times are in hundredths of a second
const MARKER = '.bench-complete';
/** The source files DATA.md names, as `generate` writes them; programmes are not copied. */
const COPIED_FILES = ['population/persons.csv', 'dtks/members.csv', 'vaccination/doses.csv', 'civil-service/personnel.csv', 'aid/disbursements.csv'];
const PROGRAMS_FILE = 'aid/programs.csv';

const baseDir = join(SCRATCH, 'data', `base-p${BASE_PERSONS}-s${SEED}`);
const folderOf = (copies: number) => (copies === 1 ? baseDir : `${baseDir}-x${copies}`);
const engineDirOf = (copies: number) => join(SCRATCH, `engine-${copies}`);

// ---------------------------------------------------------------------------------------------
// Helpers

const fmt = (n: number) => Math.round(n).toLocaleString('en');
const secs = (s: number) => `${s.toFixed(1)} s`;
const mb = (bytes: number) => `${fmt(bytes / 2 ** 20)} MB`;
const ms1 = (n: number) => n.toFixed(1);
const quantile = (sorted: number[], q: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]! : NaN);
const peakRss = () => process.resourceUsage().maxRSS * 1024;
const load1 = () => loadavg()[0]!;

function printTable(header: string[], rows: string[][], indent = '  '): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => indent + cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  console.log(line(header));
  for (const row of rows) console.log(line(row));
}

function bytesUnder(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) total += statSync(join(entry.parentPath, entry.name)).size;
  }
  return total;
}

/** user + system CPU ticks of a process (all its threads: chdb's included). */
function ticksOf(pid: number | 'self'): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

function machineBusyTicks(): number {
  const [, ...parts] = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/);
  const [user, nice, system, , , irq, softirq, steal] = parts.map(Number);
  return user! + nice! + system! + irq! + softirq! + steal!;
}

/** How busy the rest of the machine was while `pids` worked: % of one core, this script's processes excluded. */
function cpuWatch(pids: (number | 'self')[]) {
  const started = performance.now();
  const machine = machineBusyTicks();
  const own = pids.map(ticksOf);
  return () => {
    const seconds = (performance.now() - started) / 1000;
    const ownNow = pids.map(ticksOf);
    const pct = (ticks: number) => (ticks / CLK_TCK / seconds) * 100;
    const byPid = ownNow.map((t, i) => pct(t - own[i]!));
    const others = Math.max(0, machineBusyTicks() - machine - ownNow.reduce((a, t, i) => a + t - own[i]!, 0));
    return { byPid, others: pct(others) };
  };
}

/** The highest RSS sampled while `work` runs (chdb's async calls leave the event loop free). */
async function withRssHighPoint<T>(work: () => Promise<T>): Promise<{ value: T; rssHigh: number }> {
  let high = process.memoryUsage.rss();
  const timer = setInterval(() => (high = Math.max(high, process.memoryUsage.rss())), RSS_SAMPLE_MS);
  try {
    const value = await work();
    return { value, rssHigh: Math.max(high, process.memoryUsage.rss()) };
  } finally {
    clearInterval(timer);
  }
}

const isComplete = (dir: string) => existsSync(join(dir, MARKER));

function readHeader(path: string): string[] {
  // The header is the first line; files are plain CSV as `generate` writes them.
  const fd = readFileSync(path, { encoding: 'utf8', flag: 'r' }).slice(0, 0); // keeps types simple below
  void fd;
  const buffer = Buffer.alloc(4096);
  const handle = require_openSync(path);
  try {
    const read = handle.read(buffer);
    return buffer.subarray(0, read).toString('utf8').split(/\r?\n/)[0]!.replace(/^\uFEFF/, '').split(',');
  } finally {
    handle.close();
  }
}
