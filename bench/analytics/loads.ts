/**
 * The parent's loads through the gateway a size child serves: the metric queries at 16 clients
 * on the largest build, and simulateRuleSet at 4 on the smallest (new drafts, then kept answers).
 */
import type { RuleSetInput } from '@tepat/rules';
import { loadavg } from 'node:os';
import { whole } from '../support/format.js';
import { LOAD_COLUMNS, loadCells, runLoad, type LoadResult } from '../support/load.js';
import { OTHERS_CPU, waitForQuiet } from '../support/quiet.js';
import { printTable } from '../support/table.js';
import { CONNECTIONS, MAX_WAIT, SECONDS } from './options.js';
import { METRIC_QUERIES, SIMULATE_QUERY, SIMULATION_CHECK_LISTS } from './queries.js';
import type { Serving } from './serve.js';

/** Clients of the simulation load: a few analysts trying drafts at once. */
export const SIMULATION_CONNECTIONS = 4;
/** Drafts already answered that the kept-answer simulation load cycles over. */
const KEPT_DRAFTS = 8;
const WARM_UP_SECONDS = 5;

/** Waits, up to --max-wait, until the rest of the machine (the serving child included) is quiet. */
export const untilQuiet = (what: string) => waitForQuiet(what, { maxSeconds: MAX_WAIT, gauge: OTHERS_CPU });

export interface QueryLoad extends LoadResult {
  name: string;
  /** The 1-minute load average when it started. */
  load: number;
  /** % of one core: the serving child, autocannon in this process, everything else. */
  serverCpu: number;
  loadGeneratorCpu: number;
  others: number;
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

async function loadRun(serving: Serving, load: Load, seconds: number, serverPid: number): Promise<QueryLoad> {
  const loadBefore = loadavg()[0]!;
  const result = await runLoad({
    url: serving.url,
    connections: load.connections,
    seconds,
    body: load.body,
    headers: () => serving.headers,
    ok: (status, body) => status === 200 && !body.includes('"errors"') && body.includes(`"${load.field}"`),
    processes: new Map([['server', serverPid]]),
  });
  const { cpu } = result;
  return { ...result, name: load.name, load: loadBefore, serverCpu: cpu.byProcess[0]?.[1] ?? NaN, loadGeneratorCpu: cpu.self, others: cpu.others };
}

export async function measureQueries(serving: Serving, serverPid: number): Promise<QueryLoad[]> {
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
  const results: QueryLoad[] = [];
  for (const query of METRIC_QUERIES) {
    await loadRun(serving, metricLoad(serving, query), WARM_UP_SECONDS, serverPid);
    // The warm-up's abandoned requests finish on the server first.
    await untilQuiet(`the load of ${query.name}`);
    results.push(await loadRun(serving, metricLoad(serving, query), SECONDS, serverPid));
  }
  printLoads(results);
  return results;
}

function printLoads(results: QueryLoad[]): void {
  printTable(
    ['query', ...LOAD_COLUMNS, 'bytes/answer', 'cpu %: server', 'load gen.', 'others', 'load before'],
    results.map((r) => [r.name, ...loadCells(r), whole(r.bytesPerAnswer), whole(r.serverCpu), whole(r.loadGeneratorCpu), whole(r.others), r.load.toFixed(2)]),
  );
  for (const r of results) if (r.firstError) console.log(`    ${r.name}, first error: ${r.firstError}`);
  console.log('  (server: the child process with the gateway, the analytics subgraph and chdb; load gen.: autocannon in this process)');
}

export interface SimulationLoad {
  copies: number;
  /** Every request a draft not asked before, while `drafts` lasted. */
  fresh: QueryLoad;
  /** KEPT_DRAFTS drafts already answered, over and over: the gateway's kept answers. */
  kept: QueryLoad;
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

export async function measureSimulations(serving: Serving, serverPid: number, copies: number): Promise<SimulationLoad> {
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
  await untilQuiet('the simulation load');
  const freshResult = await loadRun(serving, fresh, SECONDS, serverPid);
  const asked = next;
  let k = 0;
  const kept: Load = { ...fresh, name: `simulateRuleSet, ${KEPT_DRAFTS} kept answers`, body: () => JSON.stringify({ query: SIMULATE_QUERY, variables: drafts[k++ % KEPT_DRAFTS] }) };
  await untilQuiet('the kept simulation load');
  const keptResult = await loadRun(serving, kept, SECONDS, serverPid);
  printLoads([freshResult, keptResult]);
  if (asked > drafts.length) console.log(`  the drafts ran out: ${whole(asked - drafts.length)} of ${whole(asked)} requests repeated one`);
  return { copies, fresh: freshResult, kept: keptResult, drafts: drafts.length, asked };
}
