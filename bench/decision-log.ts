/**
 * The decision log's group commit (subgraphs/eligibility/src/decision-log.ts): single checks
 * arriving N at a time, as at N clients, written through the DecisionLog (requests arriving
 * while a write is under way share the next statement), against one statement per request as
 * before, on the same embedded database. CPU is this process's (PGlite runs in it). Then a
 * screening's batch: BATCH decisions of one eligibilityBatch call as one row each (as before)
 * against one batch row (`recordBatch`, as eligibilityBatch writes them now), alternating.
 *
 *   npx tsx bench/decision-log.ts [--requests 3000] [--batch 10000] [--rounds 5]
 */
import type { Caller } from '@tepat/auth';
import { DecisionLog } from '@tepat/eligibility';
import type { EligibilityResult } from '@tepat/rules';
import { migrate, openDatabase, readMigrations } from '@tepat/subgraph-kit';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { positiveInteger } from './support/options.js';
import { median } from './support/quantile.js';
import { printTable } from './support/table.js';

const { values } = parseArgs({
  options: { requests: { type: 'string', default: '3000' }, batch: { type: 'string', default: '10000' }, rounds: { type: 'string', default: '5' } },
});
const REQUESTS = positiveInteger('requests', values.requests);
const BATCH = positiveInteger('batch', values.batch);
const ROUNDS = positiveInteger('rounds', values.rounds);

const db = await openDatabase({ memory: true });
await migrate(db.sql, readMigrations(fileURLToPath(new URL('../subgraphs/eligibility/prisma/migrations', import.meta.url))));
const caller = { role: 'ADMIN', subject: 'bench' } as Caller;
// A DTKS decision as the service logs it: every check with its reason and evidence.
const checks = ['IDENTITY', 'ALIVE', 'IN_DTKS', 'WELFARE_DECILE', 'NOT_CIVIL_SERVANT'].map((code) => ({
  code,
  outcome: 'PASS',
  reason: `${code} holds according to the registry on 2025-06-30`,
  evidence: { source: 'population', value: '3510010101800001' },
}));
const decision = (i: number) =>
  ({ nik: String(3510010000000000 + i), ruleSet: 'DTKS', ruleSetVersion: 1, program: null, asOf: '2025-06-30', decision: 'ELIGIBLE', checks }) as unknown as EligibilityResult;

/** REQUESTS single-decision requests, `clients` in flight at a time, each written by `write`. */
async function measure(clients: number, write: (i: number) => Promise<unknown>) {
  let next = 0;
  const cpu = process.cpuUsage();
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (next < REQUESTS) await write(next++);
    }),
  );
  const { user, system } = process.cpuUsage(cpu);
  return [(REQUESTS / ((performance.now() - started) / 1000)).toFixed(0), ((user + system) / 1000 / REQUESTS).toFixed(3)];
}

const grouped = new DecisionLog(db.sql);
const alone = (i: number) => new DecisionLog(db.sql).record(caller, [decision(i)]);
// Warm both paths (JIT, PGlite's caches) before anything is timed.
for (let i = 0; i < 300; i++) await Promise.all([alone(i), grouped.record(caller, [decision(i)])]);
const rows: (string | number)[][] = [];
for (const clients of [1, 4, 16]) {
  rows.push([clients, 'one statement per request', ...(await measure(clients, alone))]);
  rows.push([clients, 'group commit', ...(await measure(clients, (i) => grouped.record(caller, [decision(i)])))]);
}
printTable(['clients', 'decision log', 'decisions/s', 'CPU ms per decision'], rows);

// A screening's batch, each way ROUNDS times, alternating, on the same database (which grows
// as a screening's would); every batch other NIKs.
let nextNik = 1_000_000;
const batchOf = () => Array.from({ length: BATCH }, () => decision(nextNik++));
const ways = {
  'a row per decision (record)': (results: EligibilityResult[]) => grouped.record(caller, results),
  'one batch row (recordBatch)': (results: EligibilityResult[]) => grouped.recordBatch(caller, results),
};
const times = new Map<string, number[]>(Object.keys(ways).map((way) => [way, []]));
for (const write of Object.values(ways)) await write(batchOf());
for (let round = 0; round < ROUNDS; round++) {
  for (const [way, write] of Object.entries(ways)) {
    const results = batchOf();
    const started = performance.now();
    await write(results);
    times.get(way)!.push(performance.now() - started);
  }
}
printTable(
  [`${BATCH} decisions`, 'median ms', 'min-max ms', 'decisions/s'],
  [...times].map(([way, ms]) => [way, median(ms).toFixed(0), `${Math.min(...ms).toFixed(0)}-${Math.max(...ms).toFixed(0)}`, (BATCH / (median(ms) / 1000)).toFixed(0)]),
);
await db.close();
