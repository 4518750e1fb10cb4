/**
 * A child's job: one size. The refresh timed per step, the floors over the same staged rows,
 * the build's NATIONAL figures against the generator's manifest, one cold policy simulation,
 * and, when asked, serving the build through the gateway while the parent loads it.
 */
import { folderSources, openEngine, refresh, type Engine } from '@tepat/analytics';
import type { Manifest } from '@tepat/generator';
import { cpus, loadavg } from 'node:os';
import { rmSync } from 'node:fs';
import { manifestFigures } from '../../analytics/src/testing/manifest-figures.js';
import { cpuBetween, sampleCpu } from '../support/cpu.js';
import { bytesUnder } from '../support/files.js';
import { megabytes, oneDecimal as ms1, secs, whole } from '../support/format.js';
import { ownPeakRss, withRssHigh } from '../support/memory.js';
import { simulateCold, type ColdSimulation } from './cold-simulation.js';
import { isComplete, readManifest } from './data.js';
import { baseDir, DEMO, demoDir, engineDirOf, folderOf } from './options.js';
import { serveUntilDone, type Breakdown } from './serve.js';

/** For samples of this process and the machine only. */
const NO_PROCESSES = new Map<string, number>();
/** How often the RSS is sampled during the refresh, ms. */
const RSS_SAMPLE_MS = 100;

export interface StepTime {
  step: string;
  seconds: number;
  rssHigh: number;
}

export interface FloorRuns {
  seconds: number[];
  rssHigh: number;
}

export interface SizeResult {
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

/** What a refresh progress line is about: a staged file, an SQL step, or the invariants. */
function stepOf(message: string): string {
  const staged = /^staged (\S+):/.exec(message);
  if (staged) return `01_stage_sources: ${staged[1]}`;
  const ran = /^ran (\S+)\.sql/.exec(message);
  if (ran) return ran[1]!;
  if (message.startsWith('serving')) return '09_invariants, then publish';
  return message;
}

export async function measureSize(copies: number, serve: Set<string>): Promise<SizeResult> {
  const folder = folderOf(copies);
  if (!isComplete(folder)) throw new Error(`${folder} is not complete: run without --child`);
  const manifest = readManifest(copies === DEMO ? demoDir : baseDir);
  const engineDir = engineDirOf(copies);
  rmSync(engineDir, { recursive: true, force: true });
  const engine = await openEngine({ dir: engineDir });
  try {
    const [{ version }] = (await engine.query<{ version: string }>('SELECT version() AS version')) as [{ version: string }];

    // 1. The refresh, timed per step by its progress lines.
    const loadBefore = loadavg()[0]!;
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
          console.log(`    ${step.step.padEnd(48)} ${secs(step.seconds).padStart(8)}   RSS high ${megabytes(step.rssHigh).padStart(9)}`);
          last = now;
          high = process.memoryUsage.rss();
        },
      });
    } finally {
      clearInterval(sampler);
    }
    const refreshCpu = cpuBetween(cpuBefore, await sampleCpu(NO_PROCESSES));
    const loadAfter = loadavg()[0]!;
    const refreshPeak = ownPeakRss();
    const disbursements = build.sources['aid/disbursements.csv']!;
    const persons = build.sources['population/persons.csv']!;
    console.log(
      `  refresh: ${secs(build.seconds)} for ${whole(disbursements)} disbursements over ${whole(persons)} persons ` +
        `(${ms1(build.seconds / (disbursements / 1e6))} s per million), peak memory ${megabytes(refreshPeak)}`,
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
      `  floors (2 runs each): GROUP BY ${runs.groupBy.seconds.map(secs).join(', ')}, RSS high ${megabytes(runs.groupBy.rssHigh)}; ` +
        `leakage join ${runs.join.seconds.map(secs).join(', ')}, RSS high ${megabytes(runs.join.rssHigh)} (rows by category: ${categories})`,
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
      peak: ownPeakRss(),
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
