/** The analytics bench's closing tables: sizes side by side, growth, steps, loads, simulations, and the aims. */
import { cpus } from 'node:os';
import { megabytes, millions, oneDecimal as ms1, secs, whole } from '../support/format.js';
import { measuredAnyway, OTHERS_CPU } from '../support/quiet.js';
import { printTable } from '../support/table.js';
import type { Prepared } from './data.js';
import { SIMULATION_CONNECTIONS, type QueryLoad, type SimulationLoad } from './loads.js';
import type { FloorRuns, SizeResult } from './measure-size.js';
import { CONNECTIONS, DEMO, SECONDS, SEED, sizeLabel, values } from './options.js';

export const AIM = { millions: 20, persons: 5_000_000, refreshSeconds: 90, p99Ms: 100, simulationDemoSeconds: 1, simulationSeconds: 10 };
const QUIET_PCT = OTHERS_CPU.below;

export function summarise(prepared: Prepared, results: SizeResult[], queries: QueryLoad[] | undefined, simulations: SimulationLoad | undefined): void {
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
      column('peak memory of the refresh (maxRSS)', (r) => megabytes(r.refreshPeak)),
      column('build on disk', (r) => megabytes(r.onDisk)),
      column('floor: GROUP BY program, period, district', (r) => secs(best(r.groupBy))),
      column('floor: leakage join', (r) => secs(best(r.join))),
      column('floor: leakage join, RSS high', (r) => megabytes(r.join.rssHigh)),
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
        megabytes(lastStep.rssHigh),
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
          whole(q.bytesPerAnswer),
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
      column('RSS before -> high point during it', (r) => `${megabytes(r.simulation.rssBefore)} -> ${megabytes(r.simulation.rssHigh)}`),
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
    rows.push([`one simulation, cold, ${label}`, `${s.seconds.toFixed(2)} s, RSS high ${megabytes(s.rssHigh)}`, `< ${aim} s`, s.seconds < aim ? 'yes' : 'no']);
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
    measuredAnyway.length
      ? `\nstarted although other processes were busy: ${measuredAnyway.join('; ')}`
      : `\nevery measurement started with the rest of the machine under ${QUIET_PCT} % of a core`,
  );
  if (busyDuring.length) console.log(`other processes used a quarter of a core or more on average during: ${busyDuring.join('; ')}`);
}

// ---------------------------------------------------------------------------------------------
