/** A child's cold policy simulation: a new Simulator and MetricReader over the build, as a newly served build has, each engine query timed. */
import { MetricReader, Simulator, type Engine } from '@tepat/analytics';
import { loadRegions } from '@tepat/core';
import type { Manifest } from '@tepat/generator';
import { megabytes, whole } from '../support/format.js';
import { withRssHigh } from '../support/memory.js';
import { draftWithThreshold, SIMULATED_PROGRAM } from './queries.js';

/** One simulation on a build no reader has read yet, then a second draft on the same programme-month. */
export interface ColdSimulation {
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

export async function simulateCold(engine: Engine, db: string, manifest: Manifest): Promise<ColdSimulation> {
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
    `  simulation, cold: ${SIMULATED_PROGRAM} ${args.period} with DTKS's decile threshold 4 -> 3: ${result.seconds.toFixed(2)} s, RSS ${megabytes(rssBefore)} before, ` +
      `high ${megabytes(result.rssHigh)}; E ${whole(result.eligibleNow)} -> ${whole(result.eligibleDraft)} units (${whole(result.leaving)} leaving, ${whole(result.entering)} entering)`,
  );
  console.log(`    its engine queries: ${partsText(result.parts)}`);
  console.log(`  simulation, threshold 5 next on the same reader: ${result.secondSeconds.toFixed(2)} s (${partsText(result.secondParts)})`);
  return result;
}
