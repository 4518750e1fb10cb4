/**
 * Benchmark: eligibility on the whole federated hub. The script starts `tepat start` itself
 * on a fresh data directory (the demo of N persons, free ports) and prints:
 *
 *   1. single checks (`eligibility`, rule set DTKS, asOf 2025-06-30) through the gateway at
 *      1, 16 and 64 concurrent clients, every request another NIK: requests/s, p50/p95/p99,
 *      errors (non-200, GraphQL errors, UNDETERMINED), and the CPU each process used;
 *   2. where the time of one check and of one 10,000-NIK batch goes (the eligibility subgraph
 *      called directly, its facts query through the gateway, each source's `_entities`
 *      fetch), then `tepat screen --batch 10000` of M NIKs: NIKs/s and peak memory;
 *   3. one person query on @apollo/gateway and on Hive Gateway (router runtime) over the same
 *      subgraphs and supergraph at 16 clients (eligibility's own facts query always goes
 *      through the Apollo gateway, so the peer comparison uses a query without eligibility),
 *      both giving the subgraphs the same caller, SERVICE: Apollo verifies a SERVICE bearer
 *      token and signs `x-tepat-caller` itself, Hive propagates the `x-tepat-caller` this
 *      script signs (gateway.config.mjs, propagateHeaders); then Apollo as an AUDITOR, whose
 *      every read also writes the access log;
 *   4. after the hub stops, the SQL floor: the same DTKS decisions for the same M NIKs from one
 *      query per database per 10,000-NIK batch straight on the PGlite directories, plus the
 *      same evaluateEligibility;
 *   5. CPU profiles of the gateway, population and eligibility during P seconds of single
 *      checks at 16 clients (each service started by `tepat serve` under `node --cpu-prof`).
 *
 *   npx tsx bench/eligibility.ts [--persons N] [--seconds S] [--screen M] [--profile-seconds P]
 *                                [--max-wait W] [--database-url URL] [--keep]
 *
 *   --persons N          demo persons (default 100000)
 *   --seconds S          per load level (default 30)
 *   --screen M           NIKs screened in part 2 and decided in part 4 (default 1000000; the
 *                        population's NIKs repeated)
 *   --profile-seconds P  load while profiling (default 15)
 *   --max-wait W         before each measurement, wait up to W seconds (default 1200) for the
 *                        1-minute load average to fall below 1.5; past that, measure anyway
 *                        and say so in the output
 *   --database-url URL   every subgraph on this PostgreSQL server, a database of its own
 *                        (created, loaded with the same demo, dropped at the end); the SQL
 *                        floor then reads those databases
 *   --keep               keep the scratch directory (data, decisions, profiles)
 *
 * Who asks: eligibility/callers.ts. Each part is a module of bench/eligibility/, the hub
 * (support/hub.ts) is shared with the other benches; its rate limits are set out of the way.
 *
 * Figures depend on the machine; nothing is asserted.
 */
import { cpus, loadavg, tmpdir } from 'node:os';
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { demoPersons } from './support/demo-persons.js';
import { whole } from './support/format.js';
import { hubSetup, startHub, type BenchHub } from './support/hub.js';
import { positiveInteger } from './support/options.js';
import { isAlive, signalAll } from './support/processes.js';
import { anatomy } from './eligibility/anatomy.js';
import { callersOf } from './eligibility/callers.js';
import { AS_OF, RULE_SET, RULE_SET_CODE } from './eligibility/checks.js';
import type { Context } from './eligibility/context.js';
import { tracked } from './eligibility/load.js';
import { peerGateway } from './eligibility/peer-gateway.js';
import { profiles } from './eligibility/profiles.js';
import { screening } from './eligibility/screening.js';
import { singleChecks } from './eligibility/single-checks.js';
import { sqlFloorPart } from './eligibility/sql-floor.js';
import { printSummary, type Summary } from './eligibility/summary.js';

const { values } = parseArgs({
  options: {
    persons: { type: 'string', default: '100000' },
    seconds: { type: 'string', default: '30' },
    screen: { type: 'string', default: '1000000' },
    'profile-seconds': { type: 'string', default: '15' },
    'max-wait': { type: 'string', default: '1200' },
    'database-url': { type: 'string' },
    keep: { type: 'boolean', default: false },
  },
});
const PERSONS = positiveInteger('persons', values.persons);
const SECONDS = positiveInteger('seconds', values.seconds);
const SCREEN = positiveInteger('screen', values.screen);
const PROFILE_SECONDS = positiveInteger('profile-seconds', values['profile-seconds']);
const MAX_WAIT = positiveInteger('max-wait', values['max-wait']);

const scratch = mkdtempSync(join(tmpdir(), 'tepat-bench-eligibility-'));
let interrupted = false;

async function main(): Promise<void> {
  const summary: Summary = { single: [] };
  console.log(
    `machine: ${cpus().length} cores, Node ${process.versions.node}; persons ${whole(PERSONS)}, ${SECONDS} s per level, screen ${whole(SCREEN)} NIKs; scratch ${scratch}`,
  );
  console.log(`rule set ${RULE_SET_CODE} (${RULE_SET.checks.join(', ')}), asOf ${AS_OF}; load average now ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);

  const setup = await hubSetup({ persons: PERSONS, dataDir: join(scratch, 'data'), serverUrl: values['database-url'] });
  console.log(
    `\nstarting the hub (tepat start, TEPAT_DATA_DIR=${setup.dataDir}, ${setup.storage}, gateway port ${setup.ports.gateway}): generates and imports the demo first`,
  );
  const startedAt = performance.now();
  const hub: BenchHub = await startHub(setup, { echo: true });
  let hubLines = 0;
  let hubStopped = false;
  try {
    console.log(`  ready after ${whole((performance.now() - startedAt) / 1000)} s`);
    for (const [name, pid] of hub.services()) tracked.set(name, pid);
    console.log(`  processes: ${[...tracked].map(([n, p]) => `${n} ${p}`).join(', ')}`);
    const callers = await callersOf(hub);
    console.log(
      '  callers: ADMIN bearer token for eligibility via the gateway and tepat screen; SERVICE token for the facts query via the gateway; ' +
        'x-tepat-caller ADMIN (eligibility) or SERVICE (_entities) straight to subgraphs',
    );
    const niks = demoPersons(hub.demoFolder).map((p) => p.nik).filter((nik) => /^\d{16}$/.test(nik));
    console.log(`  ${whole(niks.length)} NIKs in demo-data/population/persons.csv`);
    let next = 0;
    const context: Context = { hub, callers, niks, nextNik: () => niks[next++ % niks.length]!, scratch, seconds: SECONDS, maxWait: MAX_WAIT };

    summary.single = await singleChecks(context);
    await anatomy(context);
    summary.screen = await screening(context, SCREEN);
    summary.peer = await peerGateway(context);

    // The floor needs the databases to itself.
    hubLines = hub.linesAfterReady();
    console.log('\nstopping the hub');
    await hub.stop();
    tracked.clear();
    hubStopped = true;
    summary.floor = await sqlFloorPart(hub.env, summary.screen, MAX_WAIT);
    await profiles(context, PROFILE_SECONDS);
  } finally {
    if (!hubStopped) await hub.stop();
    if (!values.keep) await setup.dropDatabases();
  }
  printSummary(summary, hubLines);
}

process.on('SIGINT', () => onSignal('SIGINT'));
process.on('SIGTERM', () => onSignal('SIGTERM'));
function onSignal(signal: NodeJS.Signals) {
  interrupted = true;
  console.error(`\n${signal}: stopping every process this script started...`);
  signalAll('SIGTERM');
  for (const pid of tracked.values()) if (isAlive(pid)) process.kill(pid, 'SIGTERM');
  setTimeout(() => process.exit(130), 15_000).unref();
}

try {
  await main();
} catch (error) {
  console.error(`\nbench/eligibility: ${interrupted ? 'interrupted' : ((error as Error).stack ?? (error as Error).message)}`);
  process.exitCode = 1;
} finally {
  signalAll('SIGKILL');
  for (const pid of tracked.values()) if (isAlive(pid)) process.kill(pid, 'SIGKILL');
  if (values.keep) console.log(`kept ${scratch}`);
  else rmSync(scratch, { recursive: true, force: true });
}
