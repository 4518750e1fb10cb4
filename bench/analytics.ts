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
import { cpus, loadavg, totalmem } from 'node:os';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { bytesUnder } from './support/files.js';
import { megabytes, secs, whole } from './support/format.js';
import { isInterrupted, runChild, send, stopChildren } from './analytics/child.js';
import { prepareData, type Prepared } from './analytics/data.js';
import { measureQueries, measureSimulations, untilQuiet, type QueryLoad, type SimulationLoad } from './analytics/loads.js';
import { measureSize, type SizeResult } from './analytics/measure-size.js';
import { BASE_PERSONS, DEMO, DEMO_PERSONS, engineDirOf, SCRATCH, SIZES, sizeLabel, values } from './analytics/options.js';
import { AIM, summarise } from './analytics/summary.js';

async function main(): Promise<void> {
  console.log(
    `machine: ${cpus().length} cores (${cpus()[0]?.model.trim()}), ${whole(totalmem() / 2 ** 30)} GiB, Node ${process.versions.node}; ` +
      `load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}; scratch ${SCRATCH}`,
  );
  console.log(`sizes: ${SIZES.map(sizeLabel).join(', ')} (millions of disbursements, copies of a generated base of about 1 M; demo: ${whole(DEMO_PERSONS)} persons)`);

  console.log('\ndata:');
  await untilQuiet('the data');
  const prepared = await runChild<Prepared>(['--child', 'prepare']);
  const g = prepared.generation;
  console.log(
    `  base: ${whole(prepared.persons)} persons in ${whole(prepared.families)} families, ${whole(prepared.disbursements)} disbursements ` +
      `(${(prepared.disbursements / prepared.persons).toFixed(2)} per person); generated ${g.now ? 'now' : 'by an earlier run'} in ${secs(g.seconds)} ` +
      `(${whole(BASE_PERSONS / g.seconds)} persons/s, peak memory ${megabytes(g.peak)}): ${whole(AIM.persons)} persons directly would take about ${secs((AIM.persons / BASE_PERSONS) * g.seconds)}`,
  );
  for (const c of prepared.copies) {
    console.log(`  ${c.copies} copies: ${megabytes(c.bytes)}, ${c.seconds === null ? 'reused' : `written in ${secs(c.seconds)}`}`);
  }
  if (prepared.copyPeak !== null) console.log(`  peak memory while writing copies: ${megabytes(prepared.copyPeak)}`);
  if (prepared.demo) {
    const d = prepared.demo;
    console.log(
      `  demo base: ${whole(d.persons)} persons, ${whole(d.disbursements)} disbursements; generated ${d.generation.now ? 'now' : 'by an earlier run'} in ${secs(d.generation.seconds)}`,
    );
  }

  const [smallest, largest] = [SIZES[0]!, SIZES.at(-1)!];
  const results: SizeResult[] = [];
  const failures: string[] = [];
  let queries: QueryLoad[] | undefined;
  let simulations: SimulationLoad | undefined;
  for (const copies of SIZES) {
    // The simulation load on the smallest build (the demo's when asked), the metric queries on the largest.
    const serve = values['skip-serve'] ? [] : [...(copies === smallest ? ['simulation'] : []), ...(copies === largest ? ['metrics'] : [])];
    const what = copies === DEMO ? `the demo's ${whole(DEMO_PERSONS)} persons` : copies === 1 ? 'the base' : `${copies} copies of the base`;
    console.log(`\n${sizeLabel(copies)} (${what}): refresh on chdb in a child process, per step:`);
    await untilQuiet(`the refresh of ${sizeLabel(copies)}`);
    try {
      const serveArgs = serve.length ? ['--serve', serve.join(',')] : [];
      const result = await runChild<SizeResult>(['--child', 'size', '--size', String(copies), ...serveArgs], async (serving, child) => {
        if (serve.includes('simulation')) simulations = await measureSimulations(serving, child.pid!, copies);
        if (serve.includes('metrics')) queries = await measureQueries(serving, child.pid!);
      });
      results.push(result);
    } catch (error) {
      if (isInterrupted()) throw error;
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
  console.log(`data folders (reused next run): ${join(SCRATCH, 'data')}, ${megabytes(bytesUnder(join(SCRATCH, 'data')))}`);
}

function onSignal(signal: string) {
  console.error(`\n${signal}: stopping the child process and cleaning up...`);
  stopChildren('SIGTERM');
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
    console.error(`\nbench/analytics: ${isInterrupted() ? 'interrupted' : ((error as Error).stack ?? (error as Error).message)}`);
    process.exitCode = 1;
  } finally {
    stopChildren('SIGKILL');
    if (!values.keep) for (const copies of SIZES) rmSync(engineDirOf(copies), { recursive: true, force: true });
  }
}
