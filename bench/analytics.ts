/**
 * Benchmark: the analytics refresh (analytics/sql/ on chdb in-process) at the demo's size and at
 * 1, 5 and 20 million disbursements with persons in proportion, policy simulation, and the metric
 * queries through the gateway. For each size it prints:
 *
 *   1. the refresh: seconds and the process's RSS high point per step (each staged file, each
 *      SQL file, the invariants with the publishing of the build), the whole refresh, and the
 *      process's peak memory (maxRSS);
 *   2. the floors, over the same staged rows in the same engine, best of two runs each: one
 *      raw `GROUP BY program_code, period, district_code` with count(), uniqExact(nik) and
 *      sum(amount_idr), and the leakage join alone (disbursements LEFT JOIN persons on nik
 *      with a category per row), each written into a table as the steps write theirs;
 *   3. whether the build's NATIONAL figures equal the generator's manifest (times the copies);
 *   4. one policy simulation, cold (a new Simulator and MetricReader over the build, as a newly
 *      served build has): PKH in the middle month with the DTKS rule set's decile threshold
 *      lowered from 4 to 3, its seconds, the process's RSS high point during it, the seconds of
 *      each engine query it ran (the units pass over person_fact, the payments pass over
 *      disbursement_fact, the median, the served figures and axis), then a second draft
 *      (threshold 5) on the same programme-month.
 *
 * On the smallest build, simulateRuleSet through the gateway at 4 clients with autocannon, as an
 * ANALYST: every request a draft not asked before (decile threshold 1 to 10 x four check lists x
 * programmes x months), since the gateway keeps whole answers per build and the Simulator keeps
 * each (programme, month, draft) it computed; then the same load over 8 drafts already answered,
 * the figure of a kept answer.
 *
 * Then, on the largest build, metric query latency through the gateway (@tepat/gateway
 * in-process over the analytics subgraph; the other subgraphs' URLs point at a closed port)
 * at 16 clients with autocannon, as an ANALYST: targetingAccuracy, leakage and
 * regionalEquity(level: DISTRICT), every request another programme and month (the gateway keeps
 * whole answers per analytics build, so after the first of each programme-month they are
 * kept answers; the breakdown also times a gateway that keeps none). It ends with a
 * summary: ratios refresh / floor, seconds per million disbursements at each size, per-step
 * seconds, the simulations, and the aims (20 M disbursements over 5 M persons refreshed in under
 * 90 s; metric queries under 100 ms p99; a simulation in under 1 s on the demo and under 10 s on
 * 20 M).
 *
 *   npx tsx bench/analytics.ts [--sizes demo,1,5,20] [--seconds S] [--seed N] [--scratch DIR] [--max-wait W] [--keep] [--skip-serve]
 *
 *   --sizes       `demo` (a base generated with the demo's 100,000 persons, as `tepat start`
 *                 makes one) and millions of disbursements, whole numbers from 1 to 99
 *                 (default demo,1,5,20)
 *   --seconds S   load per metric query and per simulation load (default 30, after a 5 s warm-up)
 *   --seed N      generator seed (default 1)
 *   --scratch DIR where data and engines go (default /tmp/tepat-bench-analytics). The data
 *                 folders stay there and the next run reuses them (each gets a marker file when
 *                 complete); delete the folder to free the space.
 *   --max-wait W  before generating, before each size and before each measured load, wait up to W
 *                 seconds (default 600) until the rest of the machine uses under a quarter of a
 *                 core (this script's own processes aside; the serving child counts, so abandoned
 *                 requests of the previous load drain first); past that, measure anyway and say so
 *   --keep        keep each size's chdb directory (its build) as well
 *   --skip-serve  no load through the gateway (no metric queries, no simulation load)
 *
 * Data. `generate` writes about 3.5 disbursements per person at about 19,000-21,000 persons a
 * second here (283,000 in 13.7-15.1 s), so the 5.66 M persons of 20 M disbursements would take
 * some five minutes, and hold them all in memory. The script generates one base of 283,000
 * persons (about 1.0 M disbursements) and makes size k from k copies of every source file,
 * written by chdb (`INSERT INTO FUNCTION file(...)`): NIKs, KKs and disbursement ids unique per
 * copy (NIKs and KKs stay 16 digits: the first six kept, then the copy, then a running number),
 * village codes, dates and amounts kept, the programmes once. Each copy is the base over again,
 * so every size has the generator's proportions and a build's national figures are k times the
 * manifest's (checked). Persons follow the generator's proportion: 20 M disbursements come with
 * about 5.66 M persons, 13 % more than the aim's 5 M. The demo size is a base of its own,
 * generated with 100,000 persons, and never copied.
 *
 * Memory. chdb runs inside the process, so the process's RSS is the engine's too. maxRSS only
 * grows, so generation and each size run in a child process of their own (this script again,
 * with --child), each reporting its own peak.
 *
 * Figures depend on the machine; nothing is asserted.
 */
import { folderSources, MetricReader, openEngine, refresh, Simulator, type Engine } from '@tepat/analytics';
import { manifestFigures } from '../analytics/src/testing/manifest-figures.js';
import { serveAnalytics } from '@tepat/analytics-subgraph';
import { FORWARDED_CALLER_HEADER, issueToken, signForwardedCaller } from '@tepat/auth';
import { loadRegions } from '@tepat/core';
import { startGateway, type GatewayEnv } from '@tepat/gateway';
import { generate, type Manifest } from '@tepat/generator';
import type { RuleSetInput } from '@tepat/rules';
import { SUPERGRAPH_NAMES, type SupergraphMember } from '@tepat/subgraph-kit';
import autocannon from 'autocannon';
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, readSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { cpuBetween, sampleCpu } from './support/cpu.js';
import { printTable, whole } from './support/table.js';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: 'demo,1,5,20' },
    seconds: { type: 'string', default: '30' },
    seed: { type: 'string', default: '1' },
    scratch: { type: 'string', default: join(tmpdir(), 'tepat-bench-analytics') },
    keep: { type: 'boolean', default: false },
    'skip-serve': { type: 'boolean', default: false },
    'max-wait': { type: 'string', default: '600' },
    // Internal: what a child process of this script does (`prepare`, or `size` with --size),
    // and what the parent measures through the gateway a size child serves (--serve metrics,simulation).
    child: { type: 'string' },
    size: { type: 'string' },
    serve: { type: 'string', default: '' },
  },
});
/** Sizes in millions of disbursements, copies of the base; DEMO (0) is the demo-sized base of its own. */
const DEMO = 0;
const SIZES = [...new Set(values.sizes.split(',').map((s) => (s.trim() === 'demo' ? DEMO : Number(s.trim()))))].sort((a, b) => a - b);
if (SIZES.length === 0 || SIZES.some((s) => s !== DEMO && (!Number.isInteger(s) || s < 1 || s > 99))) {
  throw new Error(`--sizes must be demo and whole numbers of millions from 1 to 99, e.g. demo,1,5,20, not ${values.sizes}`);
}
const SECONDS = Number(values.seconds);
if (!Number.isInteger(SECONDS) || SECONDS < 1) throw new Error(`--seconds must be a positive integer, not ${values.seconds}`);
const SEED = Number(values.seed);
if (!Number.isInteger(SEED)) throw new Error(`--seed must be an integer, not ${values.seed}`);
const SCRATCH = values.scratch;
const MAX_WAIT = Number(values['max-wait']);
if (!Number.isInteger(MAX_WAIT) || MAX_WAIT < 0) throw new Error(`--max-wait must be a whole number of seconds, not ${values['max-wait']}`);

const SCRIPT = fileURLToPath(import.meta.url);
// About 3.53 disbursements per person (seed 1): a base of about 1.0 M, so size k is k copies.
const BASE_PERSONS = 283_000;
/** TEPAT_DEMO_PERSONS' default (packages/cli): what `tepat start` generates. */
const DEMO_PERSONS = 100_000;
const CONNECTIONS = 16;
/** Clients of the simulation load: a few analysts trying drafts at once. */
const SIMULATION_CONNECTIONS = 4;
/** Drafts already answered that the kept-answer simulation load cycles over. */
const KEPT_DRAFTS = 8;
const WARM_UP_SECONDS = 5;
const AIM = { millions: 20, persons: 5_000_000, refreshSeconds: 90, p99Ms: 100, simulationDemoSeconds: 1, simulationSeconds: 10 };
/** High enough that the gateway's rate limits never refuse the load. */
const RATE_LIMIT_OFF = 100_000_000;
const RSS_SAMPLE_MS = 100;
/** Requests timed one at a time on each path, after 3 warm-ups; and rounds of 16 reader calls at once. */
const SEQUENTIAL = 20;
const PARALLEL_ROUNDS = 3;
/** Quiet: everything but this process together under this much of one core, over QUIET_WINDOW_MS. */
const QUIET_PCT = 25;
const QUIET_WINDOW_MS = 3000;
const MARKER = '.bench-complete';
/** The source files copied per copy; the programmes (aid/programs.csv) are written once. */
const COPIED_FILES = ['population/persons.csv', 'dtks/members.csv', 'vaccination/doses.csv', 'civil-service/personnel.csv', 'aid/disbursements.csv'];
const PROGRAMS_FILE = 'aid/programs.csv';
/** Columns made unique per copy; every other column is copied as it is. */
const PER_COPY = new Set(['id', 'nik', 'kk']);

const baseDir = join(SCRATCH, 'data', `base-p${BASE_PERSONS}-s${SEED}`);
const demoDir = join(SCRATCH, 'data', `base-p${DEMO_PERSONS}-s${SEED}`);
const folderOf = (copies: number) => (copies === DEMO ? demoDir : copies === 1 ? baseDir : `${baseDir}-x${copies}`);
const engineDirOf = (copies: number) => join(SCRATCH, `engine-${copies === DEMO ? 'demo' : copies}`);
const sizeLabel = (copies: number) => (copies === DEMO ? 'demo' : `${copies} M`);

/**
 * The simulation measured cold at every size: PKH under the DTKS rule set with its decile
 * threshold lowered from 4 to 3 (packages/rules, BUILT_IN_RULE_SETS), then 5 on the warm reader.
 */
const SIMULATED_PROGRAM = 'PKH';
const DTKS_CHECKS = ['IDENTITY', 'ALIVE', 'IN_DTKS', 'WELFARE_DECILE', 'NOT_CIVIL_SERVANT'];
const draftWithThreshold = (decileThreshold: number): RuleSetInput => ({ code: 'DTKS', name: `DTKS, poorest ${decileThreshold} deciles`, checks: DTKS_CHECKS, decileThreshold });
/** Check lists the simulation load varies, each with WELFARE_DECILE so every threshold counts. */
const SIMULATION_CHECK_LISTS = [
  DTKS_CHECKS,
  ['IDENTITY', 'ALIVE', 'IN_DTKS', 'WELFARE_DECILE'],
  [...DTKS_CHECKS, 'NO_PRIOR_AID'],
  [...DTKS_CHECKS, 'VACCINATED'],
];
/** What the simulation screen reads of one draft (web/src/screens/simulation/documents.ts), at PROVINCE level. */
const SIMULATE_QUERY = `query ($draft: RuleSetInput!, $program: String!, $period: String!) {
  simulateRuleSet(draft: $draft, program: $program, period: $period) {
    draft { ...figures } current { ...figures }
    entering leaving medianPayment budgetChange
    movesByRegion { region name entering leaving }
    movesByDecile { decile entering leaving }
  }
}
fragment figures on ProgramFigures {
  targetingAccuracy { recipients eligible coverage inclusionErrorRate exclusionErrorRate }
  leakage { leakageRate byCategory { category amount } }
  regionalEquity { giniCoverage }
  budget
  incidence { poorest40Share coadyGroshHoddinott }
}`;

type ProgramMonth = { program: string; period: string };

const METRIC_QUERIES: { name: string; field: string; query: string; read: (metrics: MetricReader, args: ProgramMonth) => Promise<unknown> }[] = [
  {
    name: 'targetingAccuracy',
    field: 'targetingAccuracy',
    read: (metrics, args) => metrics.targetingAccuracy(args),
    query: `query ($program: String!, $period: String!) {
  targetingAccuracy(program: $program, period: $period) { recipients eligible inclusionErrorRate exclusionErrorRate coverage }
}`,
  },
  {
    name: 'leakage',
    field: 'leakage',
    read: (metrics, args) => metrics.leakage(args),
    query: `query ($program: String!, $period: String!) {
  leakage(program: $program, period: $period) { totalAmount leakageAmount leakageRate byCategory { category rows amount } }
}`,
  },
  {
    name: 'regionalEquity(level: DISTRICT)',
    field: 'regionalEquity',
    read: (metrics, args) => metrics.regionalEquity({ ...args, level: 'DISTRICT' }),
    query: `query ($program: String!, $period: String!) {
  regionalEquity(program: $program, period: $period, level: DISTRICT) { giniCoverage regions { region name eligible recipients amount coverage allocationRatio } }
}`,
  },
];

// ---------------------------------------------------------------------------------------------
// Helpers

const secs = (s: number) => `${s.toFixed(1)} s`;
const mb = (bytes: number) => `${whole(bytes / 2 ** 20)} MB`;
const ms1 = (n: number) => n.toFixed(1);
const millions = (n: number) => `${(n / 1e6).toFixed(2)} M`;
const quantile = (sorted: number[], q: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]! : NaN);
const peakRss = () => process.resourceUsage().maxRSS * 1024;
const load1 = () => loadavg()[0]!;


function bytesUnder(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) total += statSync(join(entry.parentPath, entry.name)).size;
  }
  return total;
}

/** The column names of a CSV file's header row. */
function headerOf(path: string): string[] {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(4096);
    const read = readSync(fd, buffer, 0, buffer.length, 0);
    return buffer.subarray(0, read).toString('utf8').split(/\r?\n/)[0]!.replace(/^\uFEFF/, '').split(',');
  } finally {
    closeSync(fd);
  }
}

/** For samples of this script and the machine only. */
const NO_PROCESSES = new Map<string, number>();

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** What was measured although the machine was not quiet, for the summary. */
const notQuiet: string[] = [];

/** Waits until every process but this one uses under QUIET_PCT % of one core, at most MAX_WAIT seconds. */
async function waitForQuiet(what: string): Promise<void> {
  const started = Date.now();
  let announced = false;
  for (;;) {
    const before = await sampleCpu(NO_PROCESSES);
    await sleep(QUIET_WINDOW_MS);
    const busy = cpuBetween(before, await sampleCpu(NO_PROCESSES)).others;
    if (busy < QUIET_PCT) {
      if (announced) console.log(`  quiet after ${Math.round((Date.now() - started) / 1000)} s`);
      return;
    }
    if (Date.now() - started > MAX_WAIT * 1000) {
      console.log(`  other processes still use ${Math.round(busy)} % of a core after ${MAX_WAIT} s: measuring ${what} anyway`);
      notQuiet.push(`${what} (${Math.round(busy)} % of a core busy)`);
      return;
    }
    if (!announced) {
      console.log(`  waiting for the machine to be quiet before ${what} (other processes use ${Math.round(busy)} % of a core)...`);
      announced = true;
    }
  }
}

/** The process's RSS high point while it runs `work`, sampled (chdb's async calls leave the event loop free). */
async function withRssHigh<T>(work: () => Promise<T>): Promise<{ value: T; rssHigh: number }> {
  let high = process.memoryUsage.rss();
  const timer = setInterval(() => (high = Math.max(high, process.memoryUsage.rss())), RSS_SAMPLE_MS);
  try {
    const value = await work();
    return { value, rssHigh: Math.max(high, process.memoryUsage.rss()) };
  } finally {
    clearInterval(timer);
  }
}

const readManifest = (dir: string) => JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest;
const isComplete = (dir: string) => existsSync(join(dir, MARKER));

// ---------------------------------------------------------------------------------------------
// What the children report

interface Generation {
  seconds: number;
  peak: number;
  /** Whether this run generated it (else an earlier run did). */
  now: boolean;
}

interface Prepared {
  persons: number;
  families: number;
  disbursements: number;
  generation: Generation;
  /** The demo-sized base, when --sizes asks for it. */
  demo: { persons: number; disbursements: number; generation: Generation } | null;
  copies: { copies: number; seconds: number | null; bytes: number }[];
  /** Peak memory of the child while it wrote copies (chdb), if it did. */
  copyPeak: number | null;
}

interface StepTime {
  step: string;
  seconds: number;
  rssHigh: number;
}

interface FloorRuns {
  seconds: number[];
  rssHigh: number;
}

interface SizeResult {
  copies: number;
  chdbVersion: string;
  disbursements: number;
  persons: number;
  refreshSeconds: number;
  steps: StepTime[];
  refreshPeak: number;
  peak: number;
  onDisk: number;
  groupBy: FloorRuns;
  join: FloorRuns;
  agreement: { agreed: number; compared: number; firstDifference: string | null };
  cpuSelf: number;
  cpuOthers: number;
  loadBefore: number;
  loadAfter: number;
  simulation: ColdSimulation;
  /** Where a metric answer's time goes, on the served size only. */
  breakdown?: Breakdown[];
}

/** One simulation on a build no reader has read yet, then a second draft on the same programme-month. */
interface ColdSimulation {
  program: string;
  period: string;
  seconds: number;
  rssBefore: number;
  rssHigh: number;
  /** Seconds of each engine query the cold simulation ran, by what it reads (concurrent ones overlap). */
  parts: { part: string; seconds: number }[];
  /** Units in E under the rule set in force and under the draft, and those leaving and entering. */
  eligibleNow: number;
  eligibleDraft: number;
  leaving: number;
  entering: number;
  /** The second draft (threshold 5): the served figures and the axis already read, the draft computed. */
  secondSeconds: number;
  secondRssHigh: number;
  secondParts: { part: string; seconds: number }[];
}

interface Breakdown {
  name: string;
  /** p50 ms, one request at a time. */
  reader: number;
  subgraph: number;
  /** Through the gateway as it runs: answers kept per build (gateway/src/answer-cache.ts). */
  gateway: number;
  /** Through a gateway that keeps no answers: every request parsed, shaped and serialised again. */
  gatewayNotKept: number;
  /** Wall ms of 16 reader calls at once (median of the rounds). */
  sixteenAtOnce: number;
}

interface Serving {
  url: string;
  headers: Record<string, string>;
  programs: string[];
  periods: string[];
}

type ChildMessage = { kind: 'result'; result: unknown } | { kind: 'serving'; serving: Serving };

function send(message: ChildMessage): Promise<void> {
  return new Promise((resolve, reject) => process.send!(message, (error: Error | null) => (error ? reject(error) : resolve())));
}

// ---------------------------------------------------------------------------------------------
// Child: the data, generated once, copied for the larger sizes

/** A generated base of `persons` in `dir`, or the one an earlier run left there. */
async function generateBase(dir: string, persons: number): Promise<Generation> {
  if (isComplete(dir)) {
    console.log(`  base: ${dir} (reused)`);
    return { ...(JSON.parse(readFileSync(join(dir, MARKER), 'utf8')) as Generation), now: false };
  }
  rmSync(dir, { recursive: true, force: true });
  console.log(`  generate: ${whole(persons)} persons, seed ${SEED}, into ${dir}`);
  const started = performance.now();
  await generate({
    persons,
    seed: SEED,
    out: dir,
    onProgress: (message) => {
      if (!/^population: \d+ of/.test(message) && !/^aid: /.test(message)) console.log(`    ${message}`);
    },
  });
  // maxRSS only grows: the peak of the second base generated in a child is the larger of the two.
  const generation = { seconds: (performance.now() - started) / 1000, peak: peakRss(), now: true };
  writeFileSync(join(dir, MARKER), JSON.stringify({ seconds: generation.seconds, peak: generation.peak }));
  return generation;
}

async function prepareData(): Promise<Prepared> {
  let demo: Prepared['demo'] = null;
  if (SIZES.includes(DEMO)) {
    const generation = await generateBase(demoDir, DEMO_PERSONS);
    const manifest = readManifest(demoDir);
    demo = { persons: manifest.persons, disbursements: manifest.files['aid/disbursements.csv']!, generation };
  }
  const generation = await generateBase(baseDir, BASE_PERSONS);
  const manifest = readManifest(baseDir);
  const prepared: Prepared = {
    persons: manifest.persons,
    families: manifest.families,
    disbursements: manifest.files['aid/disbursements.csv']!,
    generation,
    demo,
    copies: [],
    copyPeak: null,
  };

  const toWrite = SIZES.filter((k) => k > 1 && !isComplete(folderOf(k)));
  for (const k of SIZES.filter((k) => k > 1 && isComplete(folderOf(k)))) {
    prepared.copies.push({ copies: k, seconds: null, bytes: bytesUnder(folderOf(k)) });
  }
  if (toWrite.length > 0) {
    // chdb only to write the copies; its directory goes when done.
    const engineDir = join(SCRATCH, 'engine-copies');
    rmSync(engineDir, { recursive: true, force: true });
    const engine = await openEngine({ dir: engineDir });
    try {
      await indexKeys(engine);
      for (const k of toWrite) {
        const started = performance.now();
        await writeCopies(engine, k);
        const seconds = (performance.now() - started) / 1000;
        prepared.copies.push({ copies: k, seconds, bytes: bytesUnder(folderOf(k)) });
        console.log(`  ${k} copies: ${folderOf(k)} written in ${secs(seconds)}`);
      }
    } finally {
      await engine.close();
      rmSync(engineDir, { recursive: true, force: true });
    }
    prepared.copyPeak = peakRss();
  }
  prepared.copies.sort((a, b) => a.copies - b.copies);
  return prepared;
}

/**
 * A running number per NIK (and per KK) among those sharing its first six digits, over every
 * file of the base that names one: ghost NIKs of disbursements and DTKS members outside
 * population included, so a NIK maps to the same new NIK in every file of a copy.
 */
async function indexKeys(engine: Engine): Promise<void> {
  await engine.command('CREATE DATABASE IF NOT EXISTS bench_copies');
  for (const column of ['nik', 'kk']) {
    const files = COPIED_FILES.filter((f) => headerOf(join(baseDir, f)).includes(column)).map((f) => join(baseDir, f));
    const params = Object.fromEntries(files.map((file, i) => [`f${i}`, file]));
    const union = files.map((_, i) => `SELECT ${column} FROM file({f${i}:String}, 'CSVWithNames', '${column} String')`).join(' UNION ALL ');
    await engine.command(
      `CREATE TABLE bench_copies.${column}_index ENGINE = MergeTree ORDER BY ${column} AS
       SELECT ${column}, toUInt32(row_number() OVER (PARTITION BY left(${column}, 6) ORDER BY ${column}) - 1) AS j
       FROM (SELECT DISTINCT ${column} FROM (${union})) WHERE ${column} != ''`,
      params,
    );
    const [top] = await engine.query<{ n: string }>(`SELECT max(j) AS n FROM bench_copies.${column}_index`);
    // Eight digits for the running number, two for the copy, six kept: 16 in all.
    if (Number(top!.n) >= 1e8) throw new Error(`too many ${column}s share their first six digits to number them in eight digits`);
  }
}

/** Writes k copies of every source file of the base into folderOf(k), then its marker. */
async function writeCopies(engine: Engine, k: number): Promise<void> {
  const out = folderOf(k);
  rmSync(out, { recursive: true, force: true });
  for (const file of COPIED_FILES) {
    mkdirSync(dirname(join(out, file)), { recursive: true });
    const columns = headerOf(join(baseDir, file));
    if (columns.some((c) => !/^[a-z_]+$/.test(c))) throw new Error(`${file}: unexpected header ${columns.join(',')}`);
    const keys: string[] = columns.filter((c) => c === 'nik' || c === 'kk');
    // Keys as strings; everything else passes through as text, empty fields as NULL (written \N).
    const structure = columns.map((c) => `${c} ${PER_COPY.has(c) ? 'String' : 'Nullable(String)'}`).join(', ');
    const select = columns.map((c) => {
      if (c === 'id') return `concat(s.id, '-', toString(copy)) AS id`;
      if (keys.includes(c)) {
        return `if(s.${c} = '', '', concat(left(s.${c}, 6), leftPad(toString(copy), 2, '0'), leftPad(toString(s.${c}_j), 8, '0'))) AS ${c}`;
      }
      return `s.${c} AS ${c}`;
    });
    await engine.command(
      `INSERT INTO FUNCTION file({out:String}, 'CSVWithNames', {structure:String})
       SELECT ${select.join(', ')}
       FROM (
         SELECT ${[...columns.map((c) => `f.${c} AS ${c}`), ...keys.map((c) => `ifNull(${c}_index.j, 0) AS ${c}_j`)].join(', ')}
         FROM file({src:String}, 'CSVWithNames', {structure:String}) AS f
         ${keys.map((c) => `LEFT JOIN bench_copies.${c}_index AS ${c}_index ON ${c}_index.${c} = f.${c}`).join('\n')}
       ) AS s
       ARRAY JOIN range({copies:UInt32}) AS copy`,
      { out: join(out, file), src: join(baseDir, file), structure, copies: k },
    );
  }
  mkdirSync(join(out, 'aid'), { recursive: true });
  copyFileSync(join(baseDir, PROGRAMS_FILE), join(out, PROGRAMS_FILE));
  writeFileSync(join(out, MARKER), JSON.stringify({ copies: k, of: baseDir }));
}

// ---------------------------------------------------------------------------------------------
// Child: one size: refresh, floors, agreement with the manifest, and serving when asked

/** What a refresh progress line is about: a staged file, an SQL step, or the invariants. */
function stepOf(message: string): string {
  const staged = /^staged (\S+):/.exec(message);
  if (staged) return `01_stage_sources: ${staged[1]}`;
  const ran = /^ran (\S+)\.sql/.exec(message);
  if (ran) return ran[1]!;
  if (message.startsWith('serving')) return '09_invariants, then publish';
  return message;
}

async function measureSize(copies: number, serve: Set<string>): Promise<SizeResult> {
  const folder = folderOf(copies);
  if (!isComplete(folder)) throw new Error(`${folder} is not complete: run without --child`);
  const manifest = readManifest(copies === DEMO ? demoDir : baseDir);
  const engineDir = engineDirOf(copies);
  rmSync(engineDir, { recursive: true, force: true });
  const engine = await openEngine({ dir: engineDir });
  try {
    const [{ version }] = (await engine.query<{ version: string }>('SELECT version() AS version')) as [{ version: string }];

    // 1. The refresh, timed per step by its progress lines.
    const loadBefore = load1();
    const cpuBefore = await sampleCpu(NO_PROCESSES);
    const steps: StepTime[] = [];
    let last = performance.now();
    let high = process.memoryUsage.rss();
    const sampler = setInterval(() => (high = Math.max(high, process.memoryUsage.rss())), RSS_SAMPLE_MS);
    let build;
    try {
      build = await refresh(engine, {
        sources: folderSources(folder),
        onProgress: (message) => {
          const now = performance.now();
          const step: StepTime = { step: stepOf(message), seconds: (now - last) / 1000, rssHigh: Math.max(high, process.memoryUsage.rss()) };
          steps.push(step);
          console.log(`    ${step.step.padEnd(48)} ${secs(step.seconds).padStart(8)}   RSS high ${mb(step.rssHigh).padStart(9)}`);
          last = now;
          high = process.memoryUsage.rss();
        },
      });
    } finally {
      clearInterval(sampler);
    }
    const refreshCpu = cpuBetween(cpuBefore, await sampleCpu(NO_PROCESSES));
    const loadAfter = load1();
    const refreshPeak = peakRss();
    const disbursements = build.sources['aid/disbursements.csv']!;
    const persons = build.sources['population/persons.csv']!;
    console.log(
      `  refresh: ${secs(build.seconds)} for ${whole(disbursements)} disbursements over ${whole(persons)} persons ` +
        `(${ms1(build.seconds / (disbursements / 1e6))} s per million), peak memory ${mb(refreshPeak)}`,
    );
    console.log(
      `  cpu during the refresh, % of one core (${cpus().length} cores = ${cpus().length * 100}): this process ${Math.round(refreshCpu.self)}, ` +
        `other processes ${Math.round(refreshCpu.others)}; load average ${loadBefore.toFixed(2)} before, ${loadAfter.toFixed(2)} after`,
    );

    // 2. The floors, over the build's staged tables.
    const db = build.database;
    await engine.command('CREATE DATABASE IF NOT EXISTS bench_floor');
    const floors = {
      groupBy: `CREATE TABLE bench_floor.group_by ENGINE = MergeTree ORDER BY tuple() AS
        SELECT program_code, period, district_code, count() AS payments, uniqExact(nik) AS persons, sum(amount_idr) AS amount
        FROM {db:Identifier}.disbursement
        GROUP BY program_code, period, district_code`,
      join: `CREATE TABLE bench_floor.leakage_join ENGINE = MergeTree ORDER BY tuple() AS
        SELECT d.id AS id, d.amount_idr AS amount,
          toLowCardinality(multiIf(p.nik IS NULL, 'GHOST', ifNull(p.death_date < d.disbursed_on, 0), 'DECEASED', '')) AS category
        FROM {db:Identifier}.disbursement AS d
        LEFT JOIN {db:Identifier}.person AS p ON p.nik = d.nik`,
    };
    const runs: Record<keyof typeof floors, FloorRuns> = { groupBy: { seconds: [], rssHigh: 0 }, join: { seconds: [], rssHigh: 0 } };
    for (let round = 0; round < 2; round++) {
      for (const name of ['groupBy', 'join'] as const) {
        await engine.command('DROP TABLE IF EXISTS bench_floor.group_by SYNC');
        await engine.command('DROP TABLE IF EXISTS bench_floor.leakage_join SYNC');
        const started = performance.now();
        const { rssHigh } = await withRssHigh(() => engine.command(floors[name], { db }));
        runs[name].seconds.push((performance.now() - started) / 1000);
        runs[name].rssHigh = Math.max(runs[name].rssHigh, rssHigh);
      }
    }
    const [{ categories }] = (await engine.query<{ categories: string }>(
      `SELECT arrayStringConcat(groupArray(concat(if(category = '', 'none', toString(category)), ' ', toString(n))), ', ') AS categories
       FROM (SELECT category, count() AS n FROM bench_floor.leakage_join GROUP BY category ORDER BY category)`,
    )) as [{ categories: string }];
    await engine.command('DROP DATABASE bench_floor SYNC');
    console.log(
      `  floors (2 runs each): GROUP BY ${runs.groupBy.seconds.map(secs).join(', ')}, RSS high ${mb(runs.groupBy.rssHigh)}; ` +
        `leakage join ${runs.join.seconds.map(secs).join(', ')}, RSS high ${mb(runs.join.rssHigh)} (rows by category: ${categories})`,
    );

    // 3. The build against the generator's manifest, times the copies.
    const agreement = await agreeWithManifest(engine, db, manifest, Math.max(copies, 1));
    console.log(
      `  NATIONAL targeting figures equal ${Math.max(copies, 1)} x the manifest's for ${agreement.agreed} of ${agreement.compared} programme-months` +
        (agreement.firstDifference ? `; first difference: ${agreement.firstDifference}` : ''),
    );
    const onDisk = bytesUnder(engineDir);

    // 4. One policy simulation on the build, cold.
    const simulation = await simulateCold(engine, db, manifest);

    const breakdown = serve.size > 0 ? await serveUntilDone(engine, build, manifest, serve.has('metrics')) : undefined;

    return {
      copies,
      chdbVersion: version,
      disbursements,
      persons,
      refreshSeconds: build.seconds,
      steps,
      refreshPeak,
      peak: peakRss(),
      onDisk,
      groupBy: runs.groupBy,
      join: runs.join,
      agreement,
      cpuSelf: refreshCpu.self,
      cpuOthers: refreshCpu.others,
      loadBefore,
      loadAfter,
      simulation,
      breakdown,
    };
  } finally {
    await engine.close();
  }
}

async function agreeWithManifest(engine: Engine, db: string, manifest: Manifest, copies: number): Promise<SizeResult['agreement']> {
  const rows = await engine.query<Record<string, string>>(`SELECT * FROM {db:Identifier}.targeting WHERE level = 'NATIONAL'`, { db });
  const byKey = new Map(rows.map((r) => [`${r.program} ${r.period}`, r]));
  let agreed = 0;
  let compared = 0;
  let firstDifference: string | null = null;
  for (const [program, { months }] of Object.entries(manifest.programs)) {
    for (const [period, m] of Object.entries(months)) {
      compared++;
      const row = byKey.get(`${program} ${period}`);
      const expected = manifestFigures(m);
      const wrong = Object.entries(expected).filter(([column, value]) => Number(row?.[column] ?? NaN) !== copies * value);
      if (wrong.length === 0) agreed++;
      else firstDifference ??= `${program} ${period}: ${wrong.map(([c, v]) => `${c} ${row?.[c] ?? 'missing'}, expected ${copies * v}`).join('; ')}`;
    }
  }
  return { agreed, compared, firstDifference };
}

/** What an engine query of the Simulator reads, by its tables (analytics/src/simulation.ts). */
function simulationPart(sql: string): string {
  if (sql.includes('person_fact') && sql.includes('disbursement_fact')) return 'payments pass (disbursement_fact, INELIGIBLE against the draft)';
  if (sql.includes('person_fact')) return 'units pass (person_fact, both rule sets)';
  if (sql.includes('disbursement_fact')) return 'median payment';
  return 'served figures and axis';
}

/** The engine with every query's seconds added to `parts`, by simulationPart. */
function timedEngine(engine: Engine, parts: { part: string; seconds: number }[]): Engine {
  const query: Engine['query'] = async (sql, params) => {
    const started = performance.now();
    try {
      return await engine.query(sql, params);
    } finally {
      parts.push({ part: simulationPart(sql), seconds: (performance.now() - started) / 1000 });
    }
  };
  return new Proxy(engine, { get: (target, name) => (name === 'query' ? query : Reflect.get(target, name)) });
}

/** Seconds per part, summed, in the order first seen. */
function sumParts(parts: { part: string; seconds: number }[]): { part: string; seconds: number }[] {
  const sums = new Map<string, number>();
  for (const p of parts) sums.set(p.part, (sums.get(p.part) ?? 0) + p.seconds);
  return [...sums].map(([part, seconds]) => ({ part, seconds }));
}

async function simulateCold(engine: Engine, db: string, manifest: Manifest): Promise<ColdSimulation> {
  const regions = await loadRegions();
  const parts: { part: string; seconds: number }[] = [];
  const timed = timedEngine(engine, parts);
  const simulator = new Simulator(timed, db, regions, new MetricReader(timed, db, regions));
  const args = { program: SIMULATED_PROGRAM, period: manifest.periods[Math.floor(manifest.periods.length / 2)]! };
  const rssBefore = process.memoryUsage.rss();
  let started = performance.now();
  const cold = await withRssHigh(() => simulator.simulate({ ...args, drafts: [draftWithThreshold(3)] }));
  const seconds = (performance.now() - started) / 1000;
  const coldParts = sumParts(parts.splice(0));
  started = performance.now();
  const second = await withRssHigh(() => simulator.simulate({ ...args, drafts: [draftWithThreshold(5)] }));
  const secondSeconds = (performance.now() - started) / 1000;
  const [s] = cold.value;
  const result: ColdSimulation = {
    ...args,
    seconds,
    rssBefore,
    rssHigh: cold.rssHigh,
    parts: coldParts,
    eligibleNow: Number(s!.current.targetingAccuracy.eligible),
    eligibleDraft: Number(s!.draft.targetingAccuracy.eligible),
    leaving: s!.leaving,
    entering: s!.entering,
    secondSeconds,
    secondRssHigh: second.rssHigh,
    secondParts: sumParts(parts),
  };
  const partsText = (list: { part: string; seconds: number }[]) => list.map((p) => `${p.part} ${p.seconds.toFixed(2)} s`).join(', ');
  console.log(
    `  simulation, cold: ${SIMULATED_PROGRAM} ${args.period} with DTKS's decile threshold 4 -> 3: ${result.seconds.toFixed(2)} s, RSS ${mb(rssBefore)} before, ` +
      `high ${mb(result.rssHigh)}; E ${whole(result.eligibleNow)} -> ${whole(result.eligibleDraft)} units (${whole(result.leaving)} leaving, ${whole(result.entering)} entering)`,
  );
  console.log(`    its engine queries: ${partsText(result.parts)}`);
  console.log(`  simulation, threshold 5 next on the same reader: ${result.secondSeconds.toFixed(2)} s (${partsText(result.secondParts)})`);
  return result;
}

/**
 * The analytics subgraph and the gateway over this engine: first where one answer's time goes
 * (the served metric reader alone, the subgraph over HTTP, the gateway), then serving until the
 * parent has measured them under load.
 */
async function serveUntilDone(engine: Engine, build: Awaited<ReturnType<typeof refresh>>, manifest: Manifest, withBreakdown: boolean): Promise<Breakdown[]> {
  const jwtSecret = randomBytes(32);
  const internalKey = randomBytes(32);
  const keysDir = mkdtempSync(join(tmpdir(), 'tepat-bench-analytics-keys-'));
  const analytics = await serveAnalytics({ engine, listen: { host: '127.0.0.1', port: 0 }, internalKey: new Uint8Array(internalKey) });
  analytics.served.switchTo(build);
  const env: GatewayEnv = {
    host: '127.0.0.1',
    port: 0,
    subgraphUrls: {
      // Only analytics is needed; the others fail as a subgraph that is down would (port 9 is closed).
      ...(Object.fromEntries(SUPERGRAPH_NAMES.map((name) => [name, 'http://127.0.0.1:9/graphql'])) as Record<SupergraphMember, string>),
      analytics: analytics.url,
    },
    subgraphTimeoutMs: 10_000,
    eligibilityTimeoutMs: 60_000,
    auth: { dataDir: keysDir, jwtSecret: jwtSecret.toString('base64url'), internalKey: internalKey.toString('base64url') },
    introspection: false,
    rateLimits: { publicPerMinute: RATE_LIMIT_OFF, callerPerMinute: RATE_LIMIT_OFF, publicWorkflowPerMinute: RATE_LIMIT_OFF },
    maxRequestBytes: 1024 * 1024,
    responseCacheBytes: 64 * 1024 * 1024,
  };
  const gateway = await startGateway(env);
  const gatewayNotKept = await startGateway({ ...env, responseCacheBytes: 0 });
  try {
    const token = await issueToken({ role: 'ANALYST', subject: 'bench-analytics', ttl: '4h' }, new Uint8Array(jwtSecret));
    const caller = { role: 'ANALYST' as const, subject: 'bench-analytics' };
    const paths = {
      subgraph: { url: analytics.url, headers: { [FORWARDED_CALLER_HEADER]: await signForwardedCaller(caller, new Uint8Array(internalKey)) } },
      gateway: { url: gateway.url, headers: { authorization: `Bearer ${token}` } },
      gatewayNotKept: { url: gatewayNotKept.url, headers: { authorization: `Bearer ${token}` } },
    };
    const { metrics } = await analytics.served.require();
    const breakdown = withBreakdown ? await whereTimeGoes(metrics, paths, manifest) : [];
    const done = new Promise<void>((resolve) => process.once('message', () => resolve()));
    await send({
      kind: 'serving',
      serving: { url: gateway.url, headers: { authorization: `Bearer ${token}` }, programs: Object.keys(manifest.programs), periods: manifest.periods },
    });
    await done;
    return breakdown;
  } finally {
    await gateway.close();
    await gatewayNotKept.close();
    await analytics.close();
    rmSync(keysDir, { recursive: true, force: true });
  }
}

async function postOk(path: { url: string; headers: Record<string, string> }, query: (typeof METRIC_QUERIES)[number], variables: ProgramMonth) {
  const res = await fetch(path.url, { method: 'POST', headers: { 'content-type': 'application/json', ...path.headers }, body: JSON.stringify({ query: query.query, variables }) });
  const text = await res.text();
  if (res.status !== 200 || text.includes('"errors"') || !text.includes(`"${query.field}"`)) throw new Error(`${query.name} at ${path.url}: ${res.status} ${text.slice(0, 400)}`);
  return text;
}

/** p50 and 16-at-once figures per metric query, on each path in turn; printed here, returned for the summary. */
async function whereTimeGoes(
  metrics: MetricReader,
  paths: Record<'subgraph' | 'gateway' | 'gatewayNotKept', { url: string; headers: Record<string, string> }>,
  manifest: Manifest,
): Promise<Breakdown[]> {
  const combos = Object.keys(manifest.programs).flatMap((program) => manifest.periods.map((period) => ({ program, period })));
  const p50 = async (call: (args: ProgramMonth) => Promise<unknown>) => {
    for (let i = 0; i < 3; i++) await call(combos[i % combos.length]!);
    const times: number[] = [];
    for (let i = 0; i < SEQUENTIAL; i++) {
      const started = performance.now();
      await call(combos[i % combos.length]!);
      times.push(performance.now() - started);
    }
    return quantile(times.sort((a, b) => a - b), 0.5);
  };
  // The reader keeps each programme-month's rows once read (metrics.ts): the first answer
  // of one reads them from chdb, later ones do not. First answers, one at a time, in order:
  const firsts: number[] = [];
  for (const combo of combos.slice(0, 8)) {
    const started = performance.now();
    await metrics.targetingAccuracy(combo);
    firsts.push(performance.now() - started);
  }
  console.log(
    `\n  first answer of a programme and month (its rows read from chdb), targetingAccuracy, ${firsts.length} of them: ` +
      `p50 ${ms1(quantile([...firsts].sort((a, b) => a - b), 0.5))} ms, max ${ms1(Math.max(...firsts))} ms`,
  );
  const breakdown: Breakdown[] = [];
  for (const query of METRIC_QUERIES) {
    const walls: number[] = [];
    for (let round = 0; round < PARALLEL_ROUNDS; round++) {
      const started = performance.now();
      await Promise.all(Array.from({ length: CONNECTIONS }, (_, i) => query.read(metrics, combos[(round * CONNECTIONS + i) % combos.length]!)));
      walls.push(performance.now() - started);
    }
    breakdown.push({
      name: query.name,
      reader: await p50((args) => query.read(metrics, args)),
      subgraph: await p50((args) => postOk(paths.subgraph, query, args)),
      gateway: await p50((args) => postOk(paths.gateway, query, args)),
      gatewayNotKept: await p50((args) => postOk(paths.gatewayNotKept, query, args)),
      sixteenAtOnce: quantile(walls.sort((a, b) => a - b), 0.5),
    });
  }
  console.log(`\n  where an answer's time goes: p50 ms of ${SEQUENTIAL} requests one at a time, and the wall time of ${CONNECTIONS} reader calls at once`);
  printTable(
    ['query', 'metric reader alone (rows kept per programme-month, then JS)', 'analytics subgraph over HTTP', 'through the gateway (answers kept per build)', 'through a gateway keeping none', `${CONNECTIONS} reader calls at once`],
    breakdown.map((b) => [b.name, ms1(b.reader), ms1(b.subgraph), ms1(b.gateway), ms1(b.gatewayNotKept), `${ms1(b.sixteenAtOnce)} (${ms1(b.sixteenAtOnce / b.reader)}x one)`]),
  );
  return breakdown;
}

// ---------------------------------------------------------------------------------------------
// Parent: the metric queries under load

interface LoadResult {
  name: string;
  requests: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  errors: number;
  firstError: string | null;
  bytesPerResponse: number;
  serverCpu: number;
  loadGeneratorCpu: number;
  others: number;
  load: number;
}

/** A load: its clients, and the body of each request in turn. */
interface Load {
  name: string;
  /** The root field every answer must hold. */
  field: string;
  connections: number;
  body: () => string;
}

/** A metric query's load: every request another programme and month, so no answer is served twice in a row. */
function metricLoad(serving: Serving, query: (typeof METRIC_QUERIES)[number]): Load {
  const combos = serving.programs.flatMap((program) => serving.periods.map((period) => ({ program, period })));
  let next = 0;
  return { name: query.name, field: query.field, connections: CONNECTIONS, body: () => JSON.stringify({ query: query.query, variables: combos[next++ % combos.length] }) };
}

async function loadRun(serving: Serving, load: Load, seconds: number, serverPid: number): Promise<LoadResult> {
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | null = null;
  const loadBefore = load1();
  const servers = new Map([['server', serverPid]]);
  const cpuBefore = await sampleCpu(servers);
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: serving.url,
        connections: load.connections,
        duration: seconds,
        timeout: 60,
        method: 'POST',
        headers: { 'content-type': 'application/json', ...serving.headers },
        requests: [
          {
            setupRequest: (request) => ({ ...request, body: load.body() }),
            onResponse: (status, body) => {
              if (status !== 200 || body.includes('"errors"') || !body.includes(`"${load.field}"`)) {
                errors++;
                firstError ??= `${status} ${body.slice(0, 300)}`;
              }
            },
          },
        ],
      },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
    // autocannon 9 emits (client, statusCode, bytes, milliseconds); the typings omit the client.
    instance.on('response', ((_client: unknown, _status: number, _bytes: number, milliseconds: number) => {
      latencies.push(milliseconds);
    }) as never);
  });
  const used = cpuBetween(cpuBefore, await sampleCpu(servers));
  latencies.sort((a, b) => a - b);
  if (result.errors && !firstError) firstError = `${result.errors} connection errors/timeouts`;
  return {
    name: load.name,
    requests: latencies.length,
    rps: latencies.length / result.duration,
    p50: quantile(latencies, 0.5),
    p95: quantile(latencies, 0.95),
    p99: quantile(latencies, 0.99),
    max: latencies.at(-1) ?? NaN,
    errors: errors + result.errors,
    firstError,
    bytesPerResponse: result.throughput.total / Math.max(latencies.length, 1),
    serverCpu: used.byProcess[0]?.[1] ?? NaN,
    loadGeneratorCpu: used.self,
    others: used.others,
    load: loadBefore,
  };
}

async function measureQueries(serving: Serving, serverPid: number): Promise<LoadResult[]> {
  console.log(`\n  metric queries through the gateway (${serving.url}) as an ANALYST, ${CONNECTIONS} clients, ${SECONDS} s each after a ${WARM_UP_SECONDS} s warm-up;`);
  console.log(`  every request another of ${serving.programs.length} programmes x ${serving.periods.length} months, nationally (regionalEquity: every district)`);
  const sample = { program: serving.programs[0]!, period: serving.periods[Math.floor(serving.periods.length / 2)]! };
  for (const query of METRIC_QUERIES) {
    const res = await fetch(serving.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...serving.headers },
      body: JSON.stringify({ query: query.query, variables: sample }),
    });
    const text = await res.text();
    const body = JSON.parse(text) as { data?: Record<string, any>; errors?: unknown[] };
    if (res.status !== 200 || body.errors || !body.data?.[query.field]) throw new Error(`${query.name} failed: ${res.status} ${text.slice(0, 500)}`);
    const data = body.data[query.field];
    const shown = query.field === 'regionalEquity' ? { giniCoverage: data.giniCoverage, regions: data.regions.length } : data;
    console.log(`    ${query.name} ${sample.program} ${sample.period}: ${JSON.stringify(shown).slice(0, 160)} (${whole(text.length)} bytes)`);
  }
  const results: LoadResult[] = [];
  for (const query of METRIC_QUERIES) {
    await loadRun(serving, metricLoad(serving, query), WARM_UP_SECONDS, serverPid);
    // The warm-up's abandoned requests finish on the server first.
    await waitForQuiet(`the load of ${query.name}`);
    results.push(await loadRun(serving, metricLoad(serving, query), SECONDS, serverPid));
  }
  printLoads(results);
  return results;
}

function printLoads(results: LoadResult[]): void {
  printTable(
    ['query', 'requests', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'errors', 'bytes/answer', 'cpu %: server', 'load gen.', 'others', 'load before'],
    results.map((r) => [
      r.name,
      whole(r.requests),
      whole(r.rps),
      ms1(r.p50),
      ms1(r.p95),
      ms1(r.p99),
      ms1(r.max),
      whole(r.errors),
      whole(r.bytesPerResponse),
      whole(r.serverCpu),
      whole(r.loadGeneratorCpu),
      whole(r.others),
      r.load.toFixed(2),
    ]),
  );
  for (const r of results) if (r.firstError) console.log(`    ${r.name}, first error: ${r.firstError}`);
  console.log('  (server: the child process with the gateway, the analytics subgraph and chdb; load gen.: autocannon in this process)');
}

interface SimulationLoad {
  copies: number;
  /** Every request a draft not asked before, while `drafts` lasted. */
  fresh: LoadResult;
  /** KEPT_DRAFTS drafts already answered, over and over: the gateway's kept answers. */
  kept: LoadResult;
  drafts: number;
  /** Drafts asked in the warm-up and the fresh load together; past `drafts` they repeat. */
  asked: number;
}

/** Every (decile threshold, check list, programme, month) once, the month changing fastest. */
function simulationDrafts(serving: Serving): { draft: RuleSetInput; program: string; period: string }[] {
  return Array.from({ length: 10 }, (_, i) => i + 1).flatMap((decileThreshold) =>
    SIMULATION_CHECK_LISTS.flatMap((checks, list) =>
      serving.programs.flatMap((program) =>
        serving.periods.map((period) => ({ draft: { code: 'DRAFT', name: `Draft ${list + 1}, deciles 1-${decileThreshold}`, checks, decileThreshold }, program, period })),
      ),
    ),
  );
}

async function measureSimulations(serving: Serving, serverPid: number, copies: number): Promise<SimulationLoad> {
  const drafts = simulationDrafts(serving);
  console.log(
    `\n  simulateRuleSet through the gateway (${serving.url}) as an ANALYST, ${SIMULATION_CONNECTIONS} clients, ${SECONDS} s each after a ${WARM_UP_SECONDS} s warm-up;`,
  );
  console.log(
    `  every request a draft not asked before, of ${whole(drafts.length)}: decile threshold 1-10 x ${SIMULATION_CHECK_LISTS.length} check lists x ` +
      `${serving.programs.length} programmes x ${serving.periods.length} months; then ${KEPT_DRAFTS} drafts already answered, over and over`,
  );
  let next = 0;
  const fresh: Load = {
    name: 'simulateRuleSet, a new draft each',
    field: 'simulateRuleSet',
    connections: SIMULATION_CONNECTIONS,
    body: () => JSON.stringify({ query: SIMULATE_QUERY, variables: drafts[next++ % drafts.length] }),
  };
  await loadRun(serving, fresh, WARM_UP_SECONDS, serverPid);
  await waitForQuiet('the simulation load');
  const freshResult = await loadRun(serving, fresh, SECONDS, serverPid);
  const asked = next;
  let k = 0;
  const kept: Load = { ...fresh, name: `simulateRuleSet, ${KEPT_DRAFTS} kept answers`, body: () => JSON.stringify({ query: SIMULATE_QUERY, variables: drafts[k++ % KEPT_DRAFTS] }) };
  await waitForQuiet('the kept simulation load');
  const keptResult = await loadRun(serving, kept, SECONDS, serverPid);
  printLoads([freshResult, keptResult]);
  if (asked > drafts.length) console.log(`  the drafts ran out: ${whole(asked - drafts.length)} of ${whole(asked)} requests repeated one`);
  return { copies, fresh: freshResult, kept: keptResult, drafts: drafts.length, asked };
}

// ---------------------------------------------------------------------------------------------
// Parent: the children, then the summary

const children = new Set<ChildProcess>();
let interrupted = false;

function runChild<R>(args: string[], onServing?: (serving: Serving, child: ChildProcess) => Promise<void>): Promise<R> {
  if (interrupted) return Promise.reject(new Error('interrupted'));
  const shared = ['--sizes', values.sizes, '--seed', String(SEED), '--scratch', SCRATCH];
  return new Promise((resolve, reject) => {
    // In production mode, as `tepat` runs the hub (packages/cli/bin/tepat.js).
    const child = fork(SCRIPT, [...shared, ...args], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], env: { ...process.env, NODE_ENV: 'production' } });
    children.add(child);
    let result: R | undefined;
    let failure: Error | undefined;
    child.on('message', (message: ChildMessage) => {
      if (message.kind === 'result') result = message.result as R;
      else if (message.kind === 'serving' && onServing) {
        onServing(message.serving, child).then(
          () => child.send({ kind: 'done' }),
          (error: Error) => {
            failure = error;
            child.send({ kind: 'done' });
          },
        );
      }
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      children.delete(child);
      if (failure) reject(failure);
      else if (code === 0 && result !== undefined) resolve(result);
      else reject(new Error(`the child (${args.join(' ')}) ended with ${signal ?? `exit code ${code}`}`));
    });
  });
}

async function main(): Promise<void> {
  console.log(
    `machine: ${cpus().length} cores (${cpus()[0]?.model.trim()}), ${whole(totalmem() / 2 ** 30)} GiB, Node ${process.versions.node}; ` +
      `load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}; scratch ${SCRATCH}`,
  );
  console.log(`sizes: ${SIZES.map(sizeLabel).join(', ')} (millions of disbursements, copies of a generated base of about 1 M; demo: ${whole(DEMO_PERSONS)} persons)`);

  console.log('\ndata:');
  await waitForQuiet('the data');
  const prepared = await runChild<Prepared>(['--child', 'prepare']);
  const g = prepared.generation;
  console.log(
    `  base: ${whole(prepared.persons)} persons in ${whole(prepared.families)} families, ${whole(prepared.disbursements)} disbursements ` +
      `(${(prepared.disbursements / prepared.persons).toFixed(2)} per person); generated ${g.now ? 'now' : 'by an earlier run'} in ${secs(g.seconds)} ` +
      `(${whole(BASE_PERSONS / g.seconds)} persons/s, peak memory ${mb(g.peak)}): ${whole(AIM.persons)} persons directly would take about ${secs((AIM.persons / BASE_PERSONS) * g.seconds)}`,
  );
  for (const c of prepared.copies) {
    console.log(`  ${c.copies} copies: ${mb(c.bytes)}, ${c.seconds === null ? 'reused' : `written in ${secs(c.seconds)}`}`);
  }
  if (prepared.copyPeak !== null) console.log(`  peak memory while writing copies: ${mb(prepared.copyPeak)}`);
  if (prepared.demo) {
    const d = prepared.demo;
    console.log(
      `  demo base: ${whole(d.persons)} persons, ${whole(d.disbursements)} disbursements; generated ${d.generation.now ? 'now' : 'by an earlier run'} in ${secs(d.generation.seconds)}`,
    );
  }

  const [smallest, largest] = [SIZES[0]!, SIZES.at(-1)!];
  const results: SizeResult[] = [];
  const failures: string[] = [];
  let queries: LoadResult[] | undefined;
  let simulations: SimulationLoad | undefined;
  for (const copies of SIZES) {
    // The simulation load on the smallest build (the demo's when asked), the metric queries on the largest.
    const serve = values['skip-serve'] ? [] : [...(copies === smallest ? ['simulation'] : []), ...(copies === largest ? ['metrics'] : [])];
    const what = copies === DEMO ? `the demo's ${whole(DEMO_PERSONS)} persons` : copies === 1 ? 'the base' : `${copies} copies of the base`;
    console.log(`\n${sizeLabel(copies)} (${what}): refresh on chdb in a child process, per step:`);
    await waitForQuiet(`the refresh of ${sizeLabel(copies)}`);
    try {
      const serveArgs = serve.length ? ['--serve', serve.join(',')] : [];
      const result = await runChild<SizeResult>(['--child', 'size', '--size', String(copies), ...serveArgs], async (serving, child) => {
        if (serve.includes('simulation')) simulations = await measureSimulations(serving, child.pid!, copies);
        if (serve.includes('metrics')) queries = await measureQueries(serving, child.pid!);
      });
      results.push(result);
    } catch (error) {
      if (interrupted) throw error;
      failures.push(`${sizeLabel(copies)}: ${(error as Error).message}`);
      console.log(`  FAILED: ${(error as Error).message}`);
    } finally {
      if (!values.keep) rmSync(engineDirOf(copies), { recursive: true, force: true });
    }
  }
  summarise(prepared, results, queries, simulations);
  if (failures.length) {
    console.log(`\nfailed: ${failures.join('; ')}`);
    process.exitCode = 1;
  }
  if (values.keep) console.log(`\nkept the engines: ${SIZES.map(engineDirOf).join(', ')}`);
  console.log(`data folders (reused next run): ${join(SCRATCH, 'data')}, ${mb(bytesUnder(join(SCRATCH, 'data')))}`);
}

function summarise(prepared: Prepared, results: SizeResult[], queries: LoadResult[] | undefined, simulations: SimulationLoad | undefined): void {
  if (results.length === 0) return;
  const best = (runs: FloorRuns) => Math.min(...runs.seconds);
  console.log(`\nsummary (chdb ${results[0]!.chdbVersion} in-process, ${cpus().length} cores, Node ${process.versions.node}; floors: best of 2 runs)`);
  const column = (label: string, cell: (r: SizeResult) => string) => [label, ...results.map(cell)];
  printTable(
    ['', ...results.map((r) => sizeLabel(r.copies))],
    [
      column('disbursements', (r) => whole(r.disbursements)),
      column('persons', (r) => whole(r.persons)),
      column('refresh', (r) => secs(r.refreshSeconds)),
      column('refresh, s per million disbursements', (r) => ms1(r.refreshSeconds / (r.disbursements / 1e6))),
      column('peak memory of the refresh (maxRSS)', (r) => mb(r.refreshPeak)),
      column('build on disk', (r) => mb(r.onDisk)),
      column('floor: GROUP BY program, period, district', (r) => secs(best(r.groupBy))),
      column('floor: leakage join', (r) => secs(best(r.join))),
      column('floor: leakage join, RSS high', (r) => mb(r.join.rssHigh)),
      column('refresh / GROUP BY floor', (r) => `${(r.refreshSeconds / best(r.groupBy)).toFixed(1)}x`),
      column('refresh / join floor', (r) => `${(r.refreshSeconds / best(r.join)).toFixed(1)}x`),
      column('refresh / (GROUP BY + join)', (r) => `${(r.refreshSeconds / (best(r.groupBy) + best(r.join))).toFixed(1)}x`),
      column('NATIONAL figures = copies x manifest', (r) => `${r.agreement.agreed}/${r.agreement.compared}`),
      column('cpu % during the refresh: refresh', (r) => whole(r.cpuSelf)),
      column('cpu % during the refresh: other processes', (r) => whole(r.cpuOthers)),
      column('load average before -> after', (r) => `${r.loadBefore.toFixed(1)} -> ${r.loadAfter.toFixed(1)}`),
    ],
  );
  const g = prepared.generation;
  console.log(
    `  data: a generated base of ${whole(prepared.persons)} persons and ${whole(prepared.disbursements)} disbursements (seed ${SEED}; ` +
      `generation ${secs(g.seconds)}, ${whole(prepared.persons / g.seconds)} persons/s); size k is k copies of it`,
  );

  if (results.length > 1) {
    console.log('\nhow time grows with rows (exponent: time grows as rows^e):');
    for (let i = 1; i < results.length; i++) {
      const [a, b] = [results[i - 1]!, results[i]!];
      const rows = b.disbursements / a.disbursements;
      const growth = (ta: number, tb: number) => `x${(tb / ta).toFixed(2)} (e ${(Math.log(tb / ta) / Math.log(rows)).toFixed(2)})`;
      console.log(
        `  ${sizeLabel(a.copies)} -> ${sizeLabel(b.copies)}: rows x${rows.toFixed(2)}; refresh ${growth(a.refreshSeconds, b.refreshSeconds)}, ` +
          `GROUP BY floor ${growth(best(a.groupBy), best(b.groupBy))}, join floor ${growth(best(a.join), best(b.join))}`,
      );
    }
  }

  const last = results.at(-1)!;
  console.log(`\nper step, seconds (RSS high point of the process during the step at ${sizeLabel(last.copies)}):`);
  const stepNames = last.steps.map((s) => s.step);
  printTable(
    ['step', ...results.map((r) => sizeLabel(r.copies)), `share at ${sizeLabel(last.copies)}`, `RSS high at ${sizeLabel(last.copies)}`],
    stepNames.map((name) => {
      const at = (r: SizeResult) => r.steps.find((s) => s.step === name);
      const lastStep = at(last)!;
      return [
        name,
        ...results.map((r) => (at(r) ? at(r)!.seconds.toFixed(1) : '-')),
        `${Math.round((lastStep.seconds / last.refreshSeconds) * 100)} %`,
        mb(lastStep.rssHigh),
      ];
    }),
  );
  const dominant = [...last.steps].sort((a, b) => b.seconds - a.seconds)[0]!;
  console.log(`  at ${sizeLabel(last.copies)} the longest step is ${dominant.step}: ${secs(dominant.seconds)}, ${Math.round((dominant.seconds / last.refreshSeconds) * 100)} % of the refresh`);

  if (queries) {
    console.log(`\nmetric queries on ${sizeLabel(last.copies)}, through the gateway at ${CONNECTIONS} clients (${SECONDS} s each) and one at a time (p50 ms):`);
    printTable(
      ['query', 'req/s', 'p50 ms', 'p99 ms', 'errors', 'bytes/answer', 'one at a time: reader', 'subgraph', 'gateway', 'gateway keeping none', `${CONNECTIONS} reader calls at once`],
      queries.map((q) => {
        const b = last.breakdown?.find((x) => x.name === q.name);
        return [
          q.name,
          whole(q.rps),
          ms1(q.p50),
          ms1(q.p99),
          whole(q.errors),
          whole(q.bytesPerResponse),
          b ? ms1(b.reader) : '-',
          b ? ms1(b.subgraph) : '-',
          b ? ms1(b.gateway) : '-',
          b ? ms1(b.gatewayNotKept) : '-',
          b ? ms1(b.sixteenAtOnce) : '-',
        ];
      }),
    );
  }

  const sim = results[0]!.simulation;
  console.log(
    `\npolicy simulation: ${sim.program} ${sim.period}, DTKS's decile threshold 4 -> 3, cold (a new reader over the build), ` +
      `then threshold 5 on the same reader; seconds of its engine queries (concurrent ones overlap)`,
  );
  const partNames = [...new Set(results.flatMap((r) => r.simulation.parts.map((p) => p.part)))];
  const partOf = (list: { part: string; seconds: number }[], name: string) => list.find((p) => p.part === name)?.seconds.toFixed(2) ?? '-';
  // What the Simulator does outside engine queries: summing districts into every level, the figures.
  const rest = (seconds: number, list: { part: string; seconds: number }[]) => Math.max(0, seconds - list.reduce((sum, p) => sum + p.seconds, 0)).toFixed(2);
  printTable(
    ['', ...results.map((r) => sizeLabel(r.copies))],
    [
      column('persons', (r) => whole(r.persons)),
      column('simulation, cold, s', (r) => r.simulation.seconds.toFixed(2)),
      column('RSS before -> high point during it', (r) => `${mb(r.simulation.rssBefore)} -> ${mb(r.simulation.rssHigh)}`),
      ...partNames.map((name) => column(`  ${name}`, (r) => partOf(r.simulation.parts, name))),
      column('  the rest, outside engine queries', (r) => rest(r.simulation.seconds, r.simulation.parts)),
      column('units in E: now -> draft', (r) => `${whole(r.simulation.eligibleNow)} -> ${whole(r.simulation.eligibleDraft)}`),
      column('next draft (threshold 5), same reader, s', (r) => r.simulation.secondSeconds.toFixed(2)),
      ...[...new Set(results.flatMap((r) => r.simulation.secondParts.map((p) => p.part)))].map((name) =>
        column(`  ${name}`, (r) => partOf(r.simulation.secondParts, name)),
      ),
      column('  the rest, outside engine queries', (r) => rest(r.simulation.secondSeconds, r.simulation.secondParts)),
    ],
  );
  if (simulations) {
    console.log(`\nsimulateRuleSet on ${sizeLabel(simulations.copies)} through the gateway at ${SIMULATION_CONNECTIONS} clients (${SECONDS} s each):`);
    printTable(
      ['load', 'requests', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'errors', 'cpu %: server'],
      [simulations.fresh, simulations.kept].map((q) => [q.name, whole(q.requests), ms1(q.rps), ms1(q.p50), ms1(q.p95), ms1(q.p99), ms1(q.max), whole(q.errors), whole(q.serverCpu)]),
    );
    if (simulations.asked > simulations.drafts) console.log(`  the ${whole(simulations.drafts)} drafts ran out: ${whole(simulations.asked - simulations.drafts)} requests repeated one`);
  }

  console.log('\naims:');
  const rows: string[][] = [];
  const atAim = results.find((r) => r.copies === AIM.millions);
  if (atAim) {
    rows.push([
      `refresh of ${AIM.millions} M disbursements over ${millions(AIM.persons)} persons`,
      `${secs(atAim.refreshSeconds)} (${millions(atAim.disbursements)} over ${millions(atAim.persons)} persons)`,
      `< ${AIM.refreshSeconds} s`,
      atAim.refreshSeconds < AIM.refreshSeconds ? 'yes' : 'no',
    ]);
  } else {
    rows.push([`refresh of ${AIM.millions} M disbursements over ${millions(AIM.persons)} persons`, `not measured (--sizes ${values.sizes})`, `< ${AIM.refreshSeconds} s`, '']);
  }
  for (const q of queries ?? []) {
    rows.push([
      `${q.name}, ${CONNECTIONS} clients, on ${sizeLabel(last.copies)}: p50 / p99`,
      `${ms1(q.p50)} / ${ms1(q.p99)} ms${q.errors ? `, ${whole(q.errors)} errors` : ''}`,
      `p99 < ${AIM.p99Ms} ms`,
      q.p99 < AIM.p99Ms && q.errors === 0 ? 'yes' : 'no',
    ]);
  }
  if (!queries) rows.push(['metric queries', values['skip-serve'] ? 'not measured (--skip-serve)' : 'not measured', `p99 < ${AIM.p99Ms} ms`, '']);
  const smallest = results[0]!;
  const simulationAim = (r: SizeResult, label: string, aim: number) => {
    const s = r.simulation;
    rows.push([`one simulation, cold, ${label}`, `${s.seconds.toFixed(2)} s, RSS high ${mb(s.rssHigh)}`, `< ${aim} s`, s.seconds < aim ? 'yes' : 'no']);
  };
  simulationAim(
    smallest,
    smallest.copies === DEMO ? `on the demo (${whole(smallest.persons)} persons)` : `on ${sizeLabel(smallest.copies)} (${whole(smallest.persons)} persons, standing in for the demo)`,
    AIM.simulationDemoSeconds,
  );
  if (atAim) simulationAim(atAim, `on ${AIM.millions} M (${millions(atAim.persons)} persons)`, AIM.simulationSeconds);
  else rows.push([`one simulation, cold, on ${AIM.millions} M`, `not measured (--sizes ${values.sizes})`, `< ${AIM.simulationSeconds} s`, '']);
  if (simulations) {
    for (const q of [simulations.fresh, simulations.kept]) {
      rows.push([
        `${q.name}, ${SIMULATION_CONNECTIONS} clients, on ${sizeLabel(simulations.copies)}: req/s, p50 / p99`,
        `${ms1(q.rps)}/s, ${ms1(q.p50)} / ${ms1(q.p99)} ms${q.errors ? `, ${whole(q.errors)} errors` : ''}`,
        'none set',
        '',
      ]);
    }
  }
  printTable(['measure', 'figure', 'aim', 'met'], rows);
  // Waiting helps only at the start: other jobs that begin during a measurement show here.
  const busyDuring = [
    ...results.filter((r) => r.cpuOthers >= QUIET_PCT).map((r) => `the refresh of ${sizeLabel(r.copies)} (${Math.round(r.cpuOthers)} %)`),
    ...[...(queries ?? []), ...(simulations ? [simulations.fresh, simulations.kept] : [])]
      .filter((q) => q.others >= QUIET_PCT)
      .map((q) => `the load of ${q.name} (${Math.round(q.others)} %)`),
  ];
  console.log(
    notQuiet.length
      ? `\nstarted although other processes were busy: ${notQuiet.join('; ')}`
      : `\nevery measurement started with the rest of the machine under ${QUIET_PCT} % of a core`,
  );
  if (busyDuring.length) console.log(`other processes used a quarter of a core or more on average during: ${busyDuring.join('; ')}`);
}

// ---------------------------------------------------------------------------------------------

function onSignal(signal: string) {
  interrupted = true;
  console.error(`\n${signal}: stopping the child process and cleaning up...`);
  for (const child of children) child.kill('SIGTERM');
}

if (values.child) {
  // A child: one job, its result to the parent, then exit (chdb's threads must not keep it alive).
  try {
    const result =
      values.child === 'prepare'
        ? await prepareData()
        : values.child === 'size'
          ? await measureSize(Number(values.size), new Set(values.serve.split(',').filter(Boolean)))
          : (() => {
              throw new Error(`unknown --child ${values.child}`);
            })();
    await send({ kind: 'result', result });
    process.exit(0);
  } catch (error) {
    console.error(`  ${(error as Error).stack ?? (error as Error).message}`);
    process.exit(1);
  }
} else {
  process.on('SIGINT', () => onSignal('SIGINT'));
  process.on('SIGTERM', () => onSignal('SIGTERM'));
  try {
    await main();
  } catch (error) {
    console.error(`\nbench/analytics: ${interrupted ? 'interrupted' : ((error as Error).stack ?? (error as Error).message)}`);
    process.exitCode = 1;
  } finally {
    for (const child of children) child.kill('SIGKILL');
    if (!values.keep) for (const copies of SIZES) rmSync(engineDirOf(copies), { recursive: true, force: true });
  }
}
