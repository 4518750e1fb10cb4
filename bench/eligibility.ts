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
 *                                [--max-wait W] [--keep]
 *
 *   --persons N          demo persons (default 100000)
 *   --seconds S          per load level (default 30)
 *   --screen M           NIKs screened in part 2 and decided in part 4 (default 1000000; the
 *                        population's NIKs repeated)
 *   --profile-seconds P  load while profiling (default 15)
 *   --max-wait W         before each measurement, wait up to W seconds (default 1200) for the
 *                        1-minute load average to fall below 1.5; past that, measure anyway
 *                        and say so in the output
 *   --keep               keep the scratch directory (data, decisions, profiles)
 *
 * Who asks (the hub authenticates every request; the keys are the ones `tepat start` makes in
 * the data directory): an ADMIN bearer token for eligibility through the gateway and for
 * `tepat screen` (ADMIN's checks are not access-logged); a SERVICE token, as eligibility
 * itself presents, for its facts query through the gateway; and, for calls straight to a
 * subgraph, the `x-tepat-caller` header the gateway would forward (ADMIN for eligibility,
 * SERVICE for the sources' `_entities`), signed with the hub's internal key and renewed
 * every 30 s. Part 3 is described where it runs. The gateway's rate limits are set out of
 * the way (TEPAT_RATE_PER_MINUTE, TEPAT_RATE_PUBLIC_PER_MINUTE).
 *
 * Figures depend on the machine; nothing is asserted.
 */
import { dataDirKey, FORWARDED_CALLER_HEADER, issueToken, serviceTokens, signForwardedCaller, type Caller } from '@tepat/auth';
import { BUILT_IN_RULE_SETS, evaluateEligibility, type RuleSet, type ServiceFacts } from '@tepat/rules';
import { envSuffix, openDatabase, SUBGRAPH_NAMES, type Database, type SubgraphName } from '@tepat/subgraph-kit';
import autocannon from 'autocannon';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { factsNeeded, factsQuery } from '../subgraphs/eligibility/src/facts.ts';
import getPort from 'get-port';
import { cpuBetween, describeCpu, sampleCpu, type CpuUse } from './support/cpu.js';
import { printTable, whole } from './support/table.js';

const { values } = parseArgs({
  options: {
    persons: { type: 'string', default: '100000' },
    seconds: { type: 'string', default: '30' },
    screen: { type: 'string', default: '1000000' },
    'profile-seconds': { type: 'string', default: '15' },
    'max-wait': { type: 'string', default: '1200' },
    keep: { type: 'boolean', default: false },
  },
});
const positive = (name: string, value: string | undefined) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive integer, not ${value}`);
  return n;
};
const PERSONS = positive('persons', values.persons);
const SECONDS = positive('seconds', values.seconds);
const SCREEN = positive('screen', values.screen);
const PROFILE_SECONDS = positive('profile-seconds', values['profile-seconds']);
const MAX_WAIT = positive('max-wait', values['max-wait']);

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const TEPAT = join(ROOT, 'packages/cli/bin/tepat.js');
const HIVE_BIN = join(ROOT, 'node_modules/@graphql-hive/gateway/dist/bin.js');
const RULE_SET_CODE = 'DTKS';
const AS_OF = '2025-06-30';
const BATCH = 10_000;
const LEVELS = [1, 16, 64];
const PEER_CONNECTIONS = 16;
const QUIET_LOAD = 1.5;
const WARM_UP_SECONDS = 20;
/** Forwarded callers live 2 minutes: headers are signed anew this often. */
const RENEW_MS = 30_000;
/** High enough that the gateway's per-caller rate limits never refuse the load. */
const RATE_LIMIT_OFF = '100000000';
const PURPOSE = 'benchmark: peer gateway comparison';
const RULE_SET: RuleSet = BUILT_IN_RULE_SETS.find((r) => r.code === RULE_SET_CODE)!;

const ELIGIBILITY_QUERY = `query Check($nik: String!) {
  eligibility(nik: $nik, ruleSet: "${RULE_SET_CODE}", asOf: "${AS_OF}") { nik decision ruleSet ruleSetVersion asOf checks { code status } }
}`;
const BATCH_QUERY = `query Batch($niks: [String!]!) {
  eligibilityBatch(niks: $niks, ruleSet: "${RULE_SET_CODE}", asOf: "${AS_OF}") { nik decision ruleSet ruleSetVersion asOf checks { code status } }
}`;
// The facts query eligibility sends through the gateway for this rule set, from its own code.
const FACTS_QUERY = factsQuery(factsNeeded(RULE_SET));
const PERSON_QUERY = `query Person($nik: String!) {
  person(nik: $nik) { fullName dtks { decile } vaccinations { dose } civilService { corps } aidHistory { amountIdr } family { members { nik } } }
}`;
// What the gateway asks each source for, for the DTKS facts (as its query plan does).
const ENTITY_SELECTIONS: [SubgraphName, string][] = [
  ['population', 'registry { fullName kk villageCode deathDate }'],
  ['dtks', 'dtks { status statusReason decile }'],
  ['civil-service', 'civilService { corps agency startDate endDate }'],
];
const entitiesQuery = (selection: string) =>
  `query Entities($representations: [_Any!]!) { _entities(representations: $representations) { ... on Person { ${selection} } } }`;

// ---------------------------------------------------------------------------------------------
// Helpers

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const ms1 = (n: number) => n.toFixed(1);
const quantile = (sorted: number[], q: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] : NaN);
const median = (xs: number[]) => quantile([...xs].sort((a, b) => a - b), 0.5);
const now = () => Number(process.hrtime.bigint()) / 1e6;



type HeaderSet = Record<string, string>;

/**
 * Headers that carry a token that expires, for requests sent at any rate: signed once,
 * then anew every RENEW_MS in the background, and read without waiting.
 */
async function renewed(make: () => Promise<HeaderSet>): Promise<() => HeaderSet> {
  let current = await make();
  const timer = setInterval(() => {
    make().then(
      (headers) => (current = headers),
      (error) => console.error(`  could not renew a token: ${(error as Error).message}`),
    );
  }, RENEW_MS);
  timer.unref();
  return () => current;
}

/** The `x-tepat-caller` header the gateway would send a subgraph for `caller`. */
const forwardedAs = (caller: Caller, internalKey: Uint8Array) =>
  renewed(async () => ({ [FORWARDED_CALLER_HEADER]: await signForwardedCaller(caller, internalKey) }));

async function post(url: string, query: string, variables: Record<string, unknown>, headers: HeaderSet = {}): Promise<{ status: number; body: any }> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }) });
  const text = await res.text();
  try {
    return { status: res.status, body: JSON.parse(text) };
  } catch {
    return { status: res.status, body: { errors: [{ message: `not JSON: ${text.slice(0, 200)}` }] } };
  }
}

/** Peak and current resident memory of a live process, MB; null when it is gone. The peak (VmHWM) is read from /proc: pidusage gives the current RSS only. */
function memoryOf(pid: number | undefined): { hwm: number; rss: number } | null {
  if (!pid) return null;
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
    return { hwm: Math.round(kb('VmHWM') / 1024), rss: Math.round(kb('VmRSS') / 1024) };
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------------------------------------
// Who used the CPU during a measurement: each of our processes, and everything else

/** Our processes by name (services, Hive Gateway); the script itself is measured separately. */
const tracked = new Map<string, number>();

// ---------------------------------------------------------------------------------------------
// Waiting for a quiet machine (another benchmark may be running)

const notQuiet: string[] = [];

async function waitForQuiet(what: string): Promise<number> {
  const started = Date.now();
  let announced = false;
  while (loadavg()[0]! >= QUIET_LOAD) {
    if (Date.now() - started > MAX_WAIT * 1000) {
      console.log(`  the 1-minute load average is still ${loadavg()[0]!.toFixed(2)} after ${MAX_WAIT} s: measuring ${what} anyway`);
      notQuiet.push(`${what} (load ${loadavg()[0]!.toFixed(2)})`);
      return loadavg()[0]!;
    }
    if (!announced) {
      console.log(`  waiting for the 1-minute load average (${loadavg()[0]!.toFixed(2)}) to fall below ${QUIET_LOAD} before ${what}...`);
      announced = true;
    }
    await sleep(5000);
  }
  if (announced) console.log(`  load ${loadavg()[0]!.toFixed(2)} after ${Math.round((Date.now() - started) / 1000)} s`);
  return loadavg()[0]!;
}

// ---------------------------------------------------------------------------------------------
// Load: autocannon, a body per request, every response checked

type Verdict = 'ok' | 'error' | 'undetermined';

interface LoadResult {
  label: string;
  connections: number;
  requests: number;
  seconds: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  errors: number;
  undetermined: number;
  firstError: string | null;
  cpu: CpuUse;
  load: number;
}

async function loadRun(options: {
  label: string;
  url: string;
  connections: number;
  seconds: number;
  body: () => string;
  /** Per request, besides content-type (tokens are renewed during a run). */
  headers: () => HeaderSet;
  verdict: (status: number, body: string) => Verdict;
  quiet?: boolean;
}): Promise<LoadResult> {
  const load = options.quiet === false ? loadavg()[0]! : await waitForQuiet(options.label);
  const latencies: number[] = [];
  let errors = 0;
  let undetermined = 0;
  let firstError: string | null = null;
  const before = await sampleCpu(tracked);
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: options.url,
        connections: options.connections,
        duration: options.seconds,
        timeout: 60,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        requests: [
          {
            setupRequest: (request) => ({ ...request, headers: { ...request.headers, ...options.headers() }, body: options.body() }),
            onResponse: (status, body) => {
              const verdict = options.verdict(status, body);
              if (verdict === 'error') {
                errors++;
                firstError ??= `${status} ${body.slice(0, 300)}`;
              } else if (verdict === 'undetermined') {
                undetermined++;
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
  const cpu = cpuBetween(before, await sampleCpu(tracked));
  latencies.sort((a, b) => a - b);
  // Connection errors and timeouts never reach onResponse.
  const connectionErrors = result.errors;
  if (connectionErrors && !firstError) firstError = `${connectionErrors} connection errors/timeouts`;
  return {
    label: options.label,
    connections: options.connections,
    requests: latencies.length,
    seconds: result.duration,
    rps: latencies.length / result.duration,
    p50: quantile(latencies, 0.5),
    p95: quantile(latencies, 0.95),
    p99: quantile(latencies, 0.99),
    max: latencies.at(-1) ?? NaN,
    errors: errors + connectionErrors,
    undetermined,
    firstError,
    cpu,
    load,
  };
}

function printLoad(results: LoadResult[]): void {
  printTable(
    ['run', 'clients', 'requests', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'errors', 'undetermined', 'load before'],
    results.map((r) => [
      r.label,
      String(r.connections),
      whole(r.requests),
      whole(r.rps),
      ms1(r.p50),
      ms1(r.p95),
      ms1(r.p99),
      ms1(r.max),
      whole(r.errors),
      whole(r.undetermined),
      r.load.toFixed(2),
    ]),
  );
  for (const r of results) {
    console.log(`  ${r.label}, ${r.connections} clients: ${describeCpu(r.cpu)}`);
    const perRequest = (pct: number) => ((pct / 100) * r.cpu.seconds * 1000) / Math.max(r.requests, 1);
    const services = r.cpu.byProcess.filter(([, p]) => p >= 1);
    console.log(
      `    cpu per request: ${ms1(perRequest(services.reduce((t, [, p]) => t + p, 0)))} ms in the hub ` +
        `(${services.map(([n, p]) => `${n} ${ms1(perRequest(p))}`).join(', ')}), ${ms1(perRequest(r.cpu.self))} ms in the load generator`,
    );
    if (r.firstError) console.log(`    first error: ${r.firstError}`);
  }
}

/** Cycles through the population's NIKs: every request another NIK. */
function nikCycle(niks: string[]) {
  let next = 0;
  return () => niks[next++ % niks.length]!;
}

const eligibilityVerdict = (status: number, body: string): Verdict =>
  status !== 200 || body.includes('"errors"') || !body.includes('"decision"') ? 'error' : body.includes('"UNDETERMINED"') ? 'undetermined' : 'ok';
const personVerdict = (status: number, body: string): Verdict =>
  status !== 200 || body.includes('"errors"') || body.includes('"person":null') || !body.includes('"fullName"') ? 'error' : 'ok';

// ---------------------------------------------------------------------------------------------
// Child processes

const children = new Set<ChildProcess>();
let interrupted = false;

interface Service {
  child: ChildProcess;
  /** Everything it printed, for errors. */
  tail: () => string;
  exited: Promise<number | null>;
}

/** Spawns node with `args`; output lines go through `onLine` (and are kept for errors). */
function spawnNode(args: string[], env: NodeJS.ProcessEnv, onLine: (line: string) => void, cwd = ROOT): Service {
  const child = spawn(process.execPath, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  let tail = '';
  let partial = '';
  const take = (text: string) => {
    tail = (tail + text).slice(-6000);
    const lines = (partial + text).split('\n');
    partial = lines.pop()!;
    for (const line of lines) onLine(line);
  };
  child.stdout!.setEncoding('utf8').on('data', take);
  child.stderr!.setEncoding('utf8').on('data', take);
  const exited = new Promise<number | null>((resolve) =>
    child.on('close', (code) => {
      children.delete(child);
      resolve(code);
    }),
  );
  return { child, tail: () => tail, exited };
}

async function stop(service: Service | undefined, what: string, graceMs = 30_000): Promise<void> {
  if (!service || service.child.exitCode !== null || service.child.signalCode !== null) return;
  service.child.kill('SIGTERM');
  const timedOut = await Promise.race([service.exited.then(() => false), sleep(graceMs).then(() => true)]);
  if (timedOut) {
    console.log(`  ${what} did not stop within ${graceMs / 1000} s of SIGTERM: killing it`);
    service.child.kill('SIGKILL');
    await service.exited;
  }
}

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function waitReady(base: string, what: string, service: Service, timeoutMs = 180_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (service.child.exitCode !== null) throw new Error(`${what} exited (code ${service.child.exitCode}):\n${service.tail()}`);
    if (await fetch(`${base}/ready`).then((r) => r.ok, () => false)) return;
    if (Date.now() > deadline) throw new Error(`${what} was not ready within ${timeoutMs / 1000} s:\n${service.tail()}`);
    await sleep(250);
  }
}

process.on('SIGINT', () => onSignal('SIGINT'));
process.on('SIGTERM', () => onSignal('SIGTERM'));
function onSignal(signal: string) {
  interrupted = true;
  console.error(`\n${signal}: stopping every process this script started...`);
  for (const child of children) child.kill('SIGTERM');
  for (const pid of tracked.values()) if (isAlive(pid)) process.kill(pid, 'SIGTERM');
  setTimeout(() => process.exit(130), 15_000).unref();
}

// ---------------------------------------------------------------------------------------------
// The hub

interface Ports {
  gateway: number;
  hive: number;
  subgraphs: Record<SubgraphName, number>;
}

function hubEnv(dataDir: string, ports: Ports): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of SUBGRAPH_NAMES) {
    delete env[`DATABASE_URL_${envSuffix(name)}`];
    delete env[`TEPAT_${envSuffix(name)}_URL`];
  }
  delete env.TEPAT_GATEWAY_URL;
  // The keys come from the data directory (where this script reads them too), no token from outside.
  for (const name of ['TEPAT_JWT_SECRET', 'TEPAT_JWKS_URL', 'TEPAT_JWT_ISSUER', 'TEPAT_JWT_AUDIENCE', 'TEPAT_INTERNAL_KEY', 'TEPAT_TOKEN', 'TEPAT_TRUSTED_DOCUMENTS']) {
    delete env[name];
  }
  return {
    ...env,
    TEPAT_RATE_PER_MINUTE: RATE_LIMIT_OFF,
    TEPAT_RATE_PUBLIC_PER_MINUTE: RATE_LIMIT_OFF,
    TEPAT_DATA_DIR: dataDir,
    TEPAT_DEMO_PERSONS: String(PERSONS),
    TEPAT_HOST: '127.0.0.1',
    TEPAT_PORT: String(ports.gateway),
    ...Object.fromEntries(SUBGRAPH_NAMES.map((name) => [`TEPAT_${envSuffix(name)}_PORT`, String(ports.subgraphs[name])])),
  };
}

/** The services `tepat start` spawned, by name, from /proc. */
function servicesOf(startPid: number): Map<string, number> {
  const found = new Map<string, number>();
  const pids = readFileSync(`/proc/${startPid}/task/${startPid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  for (const pid of pids) {
    const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    const at = argv.indexOf('serve');
    if (at >= 0 && argv[at + 1]) found.set(argv[at + 1]!, pid);
  }
  return found;
}

let hubLinesAfterReady = 0;
let hubLinesWhileRunning = 0;
const HUB_LINES_SHOWN = 40;

async function startHub(env: NodeJS.ProcessEnv): Promise<Service> {
  let ready = false;
  let resolveReady!: () => void;
  const readyPromise = new Promise<void>((resolve) => (resolveReady = resolve));
  let banner = true;
  const hub = spawnNode([TEPAT, 'start'], env, (line) => {
    if (!ready || banner) {
      console.log(`    ${line}`);
      if (line.includes('Tepat is running')) {
        ready = true;
        resolveReady();
      }
      // The banner after "Tepat is running" ends with how to stop.
      if (line.includes('Press Ctrl+C')) banner = false;
      return;
    }
    // After start, the hub prints only errors (and its stop): show the first few, count the rest.
    if (++hubLinesAfterReady <= HUB_LINES_SHOWN) console.log(`    hub: ${line}`);
    else if (hubLinesAfterReady === HUB_LINES_SHOWN + 1) console.log('    hub: (further hub output counted, not shown)');
  });
  const failed = hub.exited.then((code) => {
    if (!ready) throw new Error(`tepat start exited (code ${code}) before "Tepat is running":\n${hub.tail()}`);
  });
  await Promise.race([readyPromise, failed]);
  return hub;
}

// ---------------------------------------------------------------------------------------------
// Part 2: anatomy of one check and one batch, sequential calls

async function timeCalls(
  url: string,
  headers: () => HeaderSet,
  query: string,
  variables: () => Record<string, unknown>,
  count: number,
  check: (body: any) => string | null,
) {
  const times: number[] = [];
  let problem: string | null = null;
  for (let i = 0; i < count; i++) {
    const t = now();
    const { status, body } = await post(url, query, variables(), headers());
    times.push(now() - t);
    problem ??= status !== 200 ? `HTTP ${status}: ${JSON.stringify(body).slice(0, 300)}` : body.errors ? JSON.stringify(body.errors).slice(0, 300) : check(body);
  }
  return { times, problem };
}

const representations = (niks: string[]) => niks.map((nik) => ({ __typename: 'Person', nik }));

// ---------------------------------------------------------------------------------------------
// Part 4: the SQL floor

interface FloorResult {
  niks: number;
  seconds: number;
  parts: Record<'population' | 'dtks' | 'civil-service' | 'decide' | 'log', number>;
  mismatches: number;
  compared: number;
}

async function sqlFloor(dataDir: string, screenNiks: string[], screenDecisions: Map<string, string>): Promise<FloorResult> {
  const open = async (name: SubgraphName) => openDatabase({ dir: join(dataDir, name) });
  const dbs: Database[] = [];
  try {
    const population = await open('population');
    dbs.push(population);
    const dtks = await open('dtks');
    dbs.push(dtks);
    const civil = await open('civil-service');
    dbs.push(civil);
    const eligibility = await open('eligibility');
    dbs.push(eligibility);
    const parts = { population: 0, dtks: 0, 'civil-service': 0, decide: 0, log: 0 };
    let mismatches = 0;
    let compared = 0;
    // One warm-up batch (page cache, plans), not counted.
    await population.sql.query(`SELECT nik FROM person WHERE nik = ANY($1::text[])`, [screenNiks.slice(0, BATCH)]);
    for (let from = 0; from < screenNiks.length; from += BATCH) {
      const batch = screenNiks.slice(from, from + BATCH);
      const distinct = [...new Set(batch)];
      let t = now();
      const people = await population.sql.query<{ nik: string; full_name: string; kk: string; village_code: string; death_date: string | null }>(
        `SELECT nik, full_name, kk, village_code, to_char(death_date, 'YYYY-MM-DD') AS death_date FROM person WHERE nik = ANY($1::text[])`,
        [distinct],
      );
      parts.population += now() - t;
      t = now();
      const members = await dtks.sql.query<{ nik: string; status: 'ACTIVE' | 'INACTIVE'; status_reason: string | null; decile: number }>(
        `SELECT nik, status::text AS status, status_reason::text AS status_reason, decile FROM dtks_member WHERE nik = ANY($1::text[])`,
        [distinct],
      );
      parts.dtks += now() - t;
      t = now();
      const personnel = await civil.sql.query<{ nik: string; corps: 'ASN' | 'TNI' | 'POLRI'; agency: string; start_date: string; end_date: string | null }>(
        `SELECT nik, corps::text AS corps, agency, to_char(start_date, 'YYYY-MM-DD') AS start_date, to_char(end_date, 'YYYY-MM-DD') AS end_date
           FROM personnel WHERE nik = ANY($1::text[]) ORDER BY nik, start_date`,
        [distinct],
      );
      parts['civil-service'] += now() - t;
      t = now();
      const personOf = new Map(people.map((p) => [p.nik, p]));
      const dtksOf = new Map(members.map((m) => [m.nik, m]));
      const serviceOf = new Map<string, ServiceFacts[]>();
      for (const r of personnel) {
        const list = serviceOf.get(r.nik) ?? [];
        list.push({ corps: r.corps, agency: r.agency, startDate: r.start_date, endDate: r.end_date });
        serviceOf.set(r.nik, list);
      }
      const notAsked = { ok: false as const, reason: 'not asked: the rule set has no check that needs it' };
      const results = batch.map((nik) => {
        const p = personOf.get(nik);
        const d = dtksOf.get(nik);
        return evaluateEligibility(
          {
            nik,
            population: { ok: true, value: p ? { fullName: p.full_name, kk: p.kk, villageCode: p.village_code, deathDate: p.death_date } : null },
            dtks: { ok: true, value: d ? { status: d.status, statusReason: d.status_reason, decile: d.decile } : null },
            civilService: { ok: true, value: serviceOf.get(nik) ?? [] },
            vaccination: notAsked,
            aid: notAsked,
            familyAid: notAsked,
          },
          RULE_SET,
          AS_OF,
        );
      });
      parts.decide += now() - t;
      // Not part of the floor: the decision log insert, the statement decision-log.ts sends.
      t = now();
      await eligibility.sql.query(
        `INSERT INTO decision (caller_role, caller_subject, nik, rule_set, rule_set_version, as_of, decision, checks)
         SELECT $1::text, $2::text, nik, rule_set, version, as_of::date, decision, checks::jsonb
         FROM unnest($3::text[], $4::text[], $5::int[], $6::text[], $7::text[], $8::text[]) AS d(nik, rule_set, version, as_of, decision, checks)`,
        [
          'BENCH',
          null,
          results.map((r) => r.nik),
          results.map((r) => r.ruleSet),
          results.map((r) => r.ruleSetVersion),
          results.map((r) => r.asOf),
          results.map((r) => r.decision),
          results.map((r) => JSON.stringify(r.checks)),
        ],
      );
      parts.log += now() - t;
      for (const r of results) {
        const screened = screenDecisions.get(r.nik);
        if (screened === undefined) continue;
        compared++;
        if (screened !== r.decision) mismatches++;
      }
    }
    const seconds = (parts.population + parts.dtks + parts['civil-service'] + parts.decide) / 1000;
    return { niks: screenNiks.length, seconds, parts, mismatches, compared };
  } finally {
    for (const db of dbs.reverse()) await db.close();
  }
}

// ---------------------------------------------------------------------------------------------
// Part 5: CPU profiles

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** Where a script belongs: an npm package, Node itself, or this repository. */
function areaOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  if (url.startsWith('node:internal/deps/undici')) return 'node: undici (fetch, the client side)';
  if (/^node:(_http_|http$|internal\/http)/.test(url)) return 'node: http (the server side)';
  if (/^node:(net$|stream$|internal\/stream|internal\/streams)/.test(url)) return 'node: net and streams';
  if (/^node:(internal\/abort_controller|internal\/worker\/js_transferable|timers$|internal\/timers)/.test(url)) return 'node: AbortSignal and timers';
  if (url.startsWith('node:')) return 'node: other internals';
  const nm = url.lastIndexOf('/node_modules/');
  if (nm >= 0) {
    const [first, second] = url.slice(nm + '/node_modules/'.length).split('/');
    return first!.startsWith('@') ? `${first}/${second}` : first!;
  }
  if (url.includes('/work/main/') || url.startsWith('file://')) return 'tepat (this repository)';
  return url;
}

const shortUrl = (url: string) => {
  const nm = url.lastIndexOf('/node_modules/');
  if (nm >= 0) return url.slice(nm + '/node_modules/'.length);
  return url.replace(pathToFileURL(ROOT).href, '').replace(/^file:\/\//, '');
};

// tsx runs this repository's TypeScript as transformed code, whose line numbers mean nothing here.
const whereOf = (url: string, lineNumber: number) => (url.endsWith('.ts') ? shortUrl(url) : `${shortUrl(url)}:${lineNumber + 1}`);

interface ProfileSummary {
  name: string;
  windowed: boolean;
  totalMs: number;
  idleMs: number;
  top: { fn: string; where: string; ms: number }[];
  areas: { area: string; ms: number }[];
  /** This repository's functions by inclusive time (synchronous stacks only: time after an await is its own stack). */
  ours: { fn: string; where: string; ms: number }[];
}

/** Self time per function and per package, over the samples taken between `fromUs` and `toUs` (monotonic µs). */
function summariseProfile(name: string, path: string, fromUs: number, toUs: number): ProfileSummary {
  const profile = JSON.parse(readFileSync(path, 'utf8')) as CpuProfile;
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfByNode = new Map<number, number>();
  let at = profile.startTime;
  let windowed = true;
  const inWindow: [number, number][] = [];
  for (let i = 0; i < profile.samples.length; i++) {
    at += profile.timeDeltas[i]!;
    const duration = profile.timeDeltas[i + 1] ?? 0;
    if (at >= fromUs && at <= toUs) inWindow.push([profile.samples[i]!, duration]);
  }
  let samples = inWindow;
  if (samples.length === 0) {
    // The clocks did not line up: fall back to the whole profile.
    windowed = false;
    samples = profile.samples.map((id, i) => [id, profile.timeDeltas[i + 1] ?? 0]);
  }
  for (const [id, us] of samples) selfByNode.set(id, (selfByNode.get(id) ?? 0) + us);
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const child of n.children ?? []) parent.set(child, n.id);
  const isOurs = (url: string) => url.startsWith(pathToFileURL(ROOT).href) && !url.includes('/node_modules/') && !url.includes('/generated/');
  const inclusive = new Map<string, { fn: string; where: string; ms: number }>();
  for (const [id, us] of selfByNode) {
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const { functionName, url, lineNumber } = nodes.get(at)!.callFrame;
      if (!isOurs(url)) continue;
      const where = whereOf(url, lineNumber);
      const key = `${functionName}@${where}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const entry = inclusive.get(key) ?? { fn: functionName || '(anonymous)', where, ms: 0 };
      entry.ms += us / 1000;
      inclusive.set(key, entry);
    }
  }
  const byFunction = new Map<string, { fn: string; where: string; ms: number }>();
  const byArea = new Map<string, number>();
  let totalMs = 0;
  let idleMs = 0;
  for (const [id, us] of selfByNode) {
    const { functionName, url, lineNumber } = nodes.get(id)!.callFrame;
    const msSpent = us / 1000;
    totalMs += msSpent;
    if (functionName === '(idle)') {
      idleMs += msSpent;
      continue;
    }
    const fn = functionName || '(anonymous)';
    const where = url ? whereOf(url, lineNumber) : '';
    const key = `${fn}@${where}`;
    const entry = byFunction.get(key) ?? { fn, where, ms: 0 };
    entry.ms += msSpent;
    byFunction.set(key, entry);
    const area = areaOf(url, functionName);
    byArea.set(area, (byArea.get(area) ?? 0) + msSpent);
  }
  return {
    name,
    windowed,
    totalMs,
    idleMs,
    top: [...byFunction.values()].sort((a, b) => b.ms - a.ms).slice(0, 15),
    areas: [...byArea.entries()].map(([area, msSpent]) => ({ area, ms: msSpent })).sort((a, b) => b.ms - a.ms).slice(0, 12),
    ours: [...inclusive.values()].sort((a, b) => b.ms - a.ms).slice(0, 8),
  };
}

function printProfile(p: ProfileSummary): void {
  const busy = p.totalMs - p.idleMs;
  console.log(
    `\n  ${p.name}: ${whole(busy)} ms on the CPU of ${whole(p.totalMs)} ms sampled (${Math.round((busy / Math.max(p.totalMs, 1)) * 100)} % busy)` +
      (p.windowed ? ', samples during the load only' : ', WHOLE profile (start-up included: the load window could not be matched)'),
  );
  console.log('  by package (self time, % of busy):');
  for (const a of p.areas) console.log(`    ${((a.ms / busy) * 100).toFixed(1).padStart(5)} %  ${a.area}`);
  console.log('  top functions (self time, % of busy):');
  for (const f of p.top) console.log(`    ${((f.ms / busy) * 100).toFixed(1).padStart(5)} %  ${f.fn}  ${f.where}`);
  console.log("  this repository's functions (inclusive time of their synchronous stacks, % of busy):");
  for (const f of p.ours) console.log(`    ${((f.ms / busy) * 100).toFixed(1).padStart(5)} %  ${f.fn}  ${f.where}`);
}

// ---------------------------------------------------------------------------------------------

const scratch = mkdtempSync(join(tmpdir(), 'tepat-bench-eligibility-'));
const RSS_HOOK = join(scratch, 'peak.mjs');
writeFileSync(
  RSS_HOOK,
  `import { writeFileSync } from 'node:fs';
process.on('exit', () => { try { const u = process.resourceUsage(); writeFileSync(process.env.BENCH_PEAK_FILE, JSON.stringify({ maxRss: u.maxRSS, cpuUs: u.userCPUTime + u.systemCPUTime })); } catch {} });
`,
);

interface Summary {
  single: LoadResult[];
  peer?: { apollo: LoadResult; hive: LoadResult; apolloAuditor: LoadResult; identical: number; compared: number };
  screen?: { niks: number; seconds: number; ownRate: number; wallSeconds: number; undetermined: number; peakMb: number | null };
  floor?: FloorResult;
  batchAnatomy?: Record<string, number>;
}

async function main(): Promise<void> {
  const summary: Summary = { single: [] };
  console.log(
    `machine: ${cpus().length} cores, Node ${process.versions.node}; persons ${whole(PERSONS)}, ${SECONDS} s per level, screen ${whole(SCREEN)} NIKs; scratch ${scratch}`,
  );
  console.log(`rule set ${RULE_SET_CODE} (${RULE_SET.checks.join(', ')}), asOf ${AS_OF}; load average now ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);

  const dataDir = join(scratch, 'data');
  const ports: Ports = {
    gateway: await getPort({ host: '127.0.0.1' }),
    hive: await getPort({ host: '127.0.0.1' }),
    subgraphs: Object.fromEntries(await Promise.all(SUBGRAPH_NAMES.map(async (n) => [n, await getPort({ host: '127.0.0.1' })] as const))) as Record<SubgraphName, number>,
  };
  const env = hubEnv(dataDir, ports);
  const gatewayUrl = `http://127.0.0.1:${ports.gateway}/graphql`;
  const subgraphUrl = (name: SubgraphName) => `http://127.0.0.1:${ports.subgraphs[name]}/graphql`;

  // ---- The hub, with the demo.
  console.log(`\nstarting the hub (tepat start, TEPAT_DATA_DIR=${dataDir}, gateway port ${ports.gateway}): generates and imports the demo first`);
  const startedAt = now();
  const hub = await startHub(env);
  console.log(`  ready after ${whole((now() - startedAt) / 1000)} s`);
  tracked.set('tepat start', hub.child.pid!);
  for (const [name, pid] of servicesOf(hub.child.pid!)) tracked.set(name, pid);
  console.log(`  processes: ${[...tracked].map(([n, p]) => `${n} ${p}`).join(', ')}`);

  // ---- Credentials, from the keys the hub made in its data directory.
  const jwtKey = dataDirKey(dataDir, 'jwt');
  const internalKey = dataDirKey(dataDir, 'internal');
  const adminToken = await issueToken({ role: 'ADMIN', subject: 'bench', ttl: '48h' }, jwtKey);
  const auditorToken = await issueToken({ role: 'AUDITOR', subject: 'bench', ttl: '48h' }, jwtKey);
  const asAdmin = (): HeaderSet => ({ authorization: `Bearer ${adminToken}` });
  const asAuditor = (): HeaderSet => ({ authorization: `Bearer ${auditorToken}`, 'x-tepat-purpose': PURPOSE });
  const serviceToken = serviceTokens('bench', internalKey);
  const asService = await renewed(async () => ({ authorization: `Bearer ${await serviceToken()}` }));
  const forwardedAdmin = await forwardedAs({ role: 'ADMIN', subject: 'bench' }, internalKey);
  const forwardedService = await forwardedAs({ role: 'SERVICE', subject: 'bench' }, internalKey);
  console.log(
    '  callers: ADMIN bearer token for eligibility via the gateway and tepat screen; SERVICE token for the facts query via the gateway; ' +
      'x-tepat-caller ADMIN (eligibility) or SERVICE (_entities) straight to subgraphs',
  );

  const personsCsv = readFileSync(join(dataDir, 'demo-data/population/persons.csv'), 'utf8').split('\n');
  const niks = personsCsv.slice(1).map((line) => line.slice(0, line.indexOf(','))).filter((nik) => /^\d{16}$/.test(nik));
  console.log(`  ${whole(niks.length)} NIKs in demo-data/population/persons.csv`);
  const nextNik = nikCycle(niks);

  let hive: Service | undefined;
  let hubStopped = false;
  try {
    // ---- 1. Single checks.
    console.log(`\n1. single checks: eligibility(nik, ruleSet: ${RULE_SET_CODE}, asOf: ${AS_OF}) through the gateway, every request another NIK`);
    const eligibilityBody = () => JSON.stringify({ query: ELIGIBILITY_QUERY, variables: { nik: nextNik() } });
    // Fresh processes answer at half speed until the JIT has seen enough requests.
    await loadRun({ label: 'warm-up', url: gatewayUrl, connections: 16, seconds: WARM_UP_SECONDS, body: eligibilityBody, headers: asAdmin, verdict: eligibilityVerdict, quiet: false });
    for (const connections of LEVELS) {
      summary.single.push(
        await loadRun({ label: 'eligibility', url: gatewayUrl, connections, seconds: SECONDS, body: eligibilityBody, headers: asAdmin, verdict: eligibilityVerdict }),
      );
      const r = summary.single.at(-1)!;
      console.log(`  ${connections} clients: ${whole(r.rps)} req/s, p99 ${ms1(r.p99)} ms, ${r.errors} errors`);
    }
    printLoad(summary.single);

    // ---- 2. Anatomy of one check and of one batch, then the screening.
    console.log(`\n2a. one check, sequential calls (300 each, another NIK each; median and p95 ms):`);
    await waitForQuiet('the anatomy of one check');
    const one = () => nextNik();
    const checkRows: [string, number[]][] = [];
    const anatomyProblems: string[] = [];
    const record = (label: string, r: { times: number[]; problem: string | null }) => {
      checkRows.push([label, r.times]);
      if (r.problem) anatomyProblems.push(`${label}: ${r.problem}`);
    };
    const decided = (field: string) => (body: any) => (body.data?.[field]?.decision ? null : `no decision: ${JSON.stringify(body).slice(0, 200)}`);
    record('eligibility via the gateway', await timeCalls(gatewayUrl, asAdmin, ELIGIBILITY_QUERY, () => ({ nik: one() }), 300, decided('eligibility')));
    record(
      'eligibility on its subgraph directly',
      await timeCalls(subgraphUrl('eligibility'), forwardedAdmin, ELIGIBILITY_QUERY, () => ({ nik: one() }), 300, decided('eligibility')),
    );
    record('its facts query via the gateway', await timeCalls(gatewayUrl, asService, FACTS_QUERY, () => ({ niks: [one()] }), 300, () => null));
    for (const [name, selection] of ENTITY_SELECTIONS) {
      record(
        `_entities on ${name} directly`,
        await timeCalls(subgraphUrl(name), forwardedService, entitiesQuery(selection), () => ({ representations: representations([one()]) }), 300, () => null),
      );
    }
    printTable(
      ['call', 'p50 ms', 'p95 ms'],
      checkRows.map(([label, times]) => [label, ms1(median(times)), ms1(quantile([...times].sort((a, b) => a - b), 0.95))]),
    );

    console.log(`\n2b. one batch of ${whole(BATCH)} NIKs, sequential calls (1 warm-up, then 3; median ms):`);
    await waitForQuiet('the anatomy of one batch');
    const batchRows: [string, number[]][] = [];
    const batchNiks = () => Array.from({ length: BATCH }, () => nextNik());
    const timeBatch = async (
      label: string,
      url: string,
      headers: () => HeaderSet,
      query: string,
      variables: () => Record<string, unknown>,
      check: (body: any) => string | null,
    ) => {
      await timeCalls(url, headers, query, variables, 1, check);
      const r = await timeCalls(url, headers, query, variables, 3, check);
      batchRows.push([label, r.times]);
      if (r.problem) anatomyProblems.push(`${label}: ${r.problem}`);
    };
    const batchDecided = (body: any) => {
      const list = body.data?.eligibilityBatch as { decision: string }[] | undefined;
      if (!list || list.length !== BATCH) return `expected ${BATCH} decisions: ${JSON.stringify(body).slice(0, 200)}`;
      const undeterminedCount = list.filter((d) => d.decision === 'UNDETERMINED').length;
      return undeterminedCount ? `${undeterminedCount} UNDETERMINED` : null;
    };
    await timeBatch('eligibilityBatch via the gateway', gatewayUrl, asAdmin, BATCH_QUERY, () => ({ niks: batchNiks() }), batchDecided);
    await timeBatch('eligibilityBatch on its subgraph directly', subgraphUrl('eligibility'), forwardedAdmin, BATCH_QUERY, () => ({ niks: batchNiks() }), batchDecided);
    await timeBatch('its facts query via the gateway', gatewayUrl, asService, FACTS_QUERY, () => ({ niks: batchNiks() }), () => null);
    for (const [name, selection] of ENTITY_SELECTIONS) {
      await timeBatch(
        `_entities on ${name} directly`,
        subgraphUrl(name),
        forwardedService,
        entitiesQuery(selection),
        () => ({ representations: representations(batchNiks()) }),
        () => null,
      );
    }
    printTable(
      ['call', 'median ms', 'min ms', `NIKs/s`],
      batchRows.map(([label, times]) => [label, whole(median(times)), whole(Math.min(...times)), whole(BATCH / (median(times) / 1000))]),
    );
    summary.batchAnatomy = Object.fromEntries(batchRows.map(([label, times]) => [label, median(times)]));
    for (const p of anatomyProblems) console.log(`  PROBLEM ${p}`);

    // The screening: the population's NIKs repeated up to SCREEN.
    console.log(`\n2c. tepat screen --rule-set ${RULE_SET_CODE} --batch ${BATCH} of ${whole(SCREEN)} NIKs (the ${whole(niks.length)} NIKs repeated):`);
    const screenNiks = Array.from({ length: SCREEN }, (_, i) => niks[i % niks.length]!);
    const niksFile = join(scratch, 'niks.csv');
    writeFileSync(niksFile, `nik\n${screenNiks.join('\n')}\n`);
    const decisionsFile = join(scratch, 'decisions.csv');
    const peakFile = join(scratch, 'screen-peak.json');
    const memBefore = new Map([...tracked].map(([n, pid]) => [n, memoryOf(pid)]));
    const screenLoad = await waitForQuiet('the screening');
    const before = await sampleCpu(tracked);
    const t0 = now();
    const screen = spawnNode(
      ['--import', pathToFileURL(RSS_HOOK).href, TEPAT, 'screen', '--rule-set', RULE_SET_CODE, '--in', niksFile, '--out', decisionsFile, '--batch', String(BATCH), '--as-of', AS_OF, '--token', adminToken],
      { ...env, TEPAT_GATEWAY_URL: gatewayUrl, BENCH_PEAK_FILE: peakFile },
      (line) => console.log(`    ${line}`),
    );
    const code = await screen.exited;
    const wallSeconds = (now() - t0) / 1000;
    if (code !== 0) throw new Error(`tepat screen failed (exit code ${code}):\n${screen.tail()}`);
    const peak = existsSync(peakFile) ? (JSON.parse(readFileSync(peakFile, 'utf8')) as { maxRss: number; cpuUs: number }) : null;
    const screenCpu = cpuBetween(before, await sampleCpu(tracked), peak ? { name: 'tepat screen', ms: peak.cpuUs / 1000 } : undefined);
    const m = /Screened (\d+) NIKs .* in ([\d.]+) s \((\d+) NIKs\/s\)/.exec(screen.tail());
    const rows = readFileSync(decisionsFile, 'utf8').split('\n').slice(1, -1);
    const counts = new Map<string, number>();
    const screenDecisions = new Map<string, string>();
    for (const row of rows) {
      const [nik, decision] = row.split(',', 2) as [string, string];
      counts.set(decision, (counts.get(decision) ?? 0) + 1);
      if (!screenDecisions.has(nik)) screenDecisions.set(nik, decision);
    }
    const undetermined = counts.get('UNDETERMINED') ?? 0;
    summary.screen = {
      niks: rows.length,
      seconds: m ? Number(m[2]) : wallSeconds,
      ownRate: m ? Number(m[3]) : rows.length / wallSeconds,
      wallSeconds,
      undetermined,
      peakMb: peak ? Math.round(peak.maxRss / 1024) : null,
    };
    console.log(
      `  ${whole(rows.length)} rows written (${[...counts].map(([d, n]) => `${d} ${whole(n)}`).join(', ')}); ` +
        `${summary.screen.seconds.toFixed(1)} s by its own clock (${whole(summary.screen.ownRate)} NIKs/s), ${wallSeconds.toFixed(1)} s wall with start-up; load before ${screenLoad.toFixed(2)}`,
    );
    if (rows.length !== SCREEN) console.log(`  PROBLEM: ${whole(SCREEN)} NIKs in, ${whole(rows.length)} rows out`);
    console.log(`  ${describeCpu(screenCpu)}`);
    console.log(`  peak memory: tepat screen ${summary.screen.peakMb ?? 'n/a'} MB; services (VmHWM before -> after the screening, MB):`);
    for (const [name, pid] of tracked) {
      const a = memBefore.get(name);
      const b = memoryOf(pid);
      console.log(`    ${name.padEnd(14)} ${String(a?.hwm ?? 'n/a').padStart(6)} -> ${String(b?.hwm ?? 'n/a').padStart(6)} (now ${b?.rss ?? 'n/a'} MB resident)`);
    }

    // ---- 3. The peer gateway.
    console.log(`\n3. the same person query on @apollo/gateway and on Hive Gateway (router runtime), ${PEER_CONNECTIONS} clients:`);
    console.log(`   ${PERSON_QUERY.split('\n')[1]!.trim()}`);
    console.log(
      '   who asks: the subgraphs check the x-tepat-caller header, so both gateways give them the same signed caller, role SERVICE\n' +
        '   (unmasked, not access-logged, not rate-limited):\n' +
        '   - @apollo/gateway gets a SERVICE bearer token, verifies it and signs x-tepat-caller for the subgraphs per request (its own auth);\n' +
        '   - Hive Gateway authenticates nothing: the client sends x-tepat-caller (signed by this script, renewed every 30 s) and\n' +
        '     Hive propagates it to the subgraphs (propagateHeaders in gateway.config.mjs);\n' +
        "   - a third run shows @apollo/gateway as an AUDITOR (with x-tepat-purpose): the same data plus the access-log write, one more\n" +
        '     request to the audit subgraph per read.',
    );
    // The committed supergraph, with the subgraph URLs of this run (the Apollo gateway replaces them the same way).
    const supergraph = readFileSync(join(ROOT, 'gateway/supergraph.graphql'), 'utf8').replace(
      /@join__graph\(name: "([a-z-]+)", url: "[^"]*"\)/g,
      (_m, name: SubgraphName) => `@join__graph(name: "${name}", url: "${subgraphUrl(name)}")`,
    );
    const supergraphFile = join(scratch, 'supergraph.graphql');
    writeFileSync(supergraphFile, supergraph);
    // Hive Gateway passes the caller the subgraphs require from each client request to every subgraph fetch.
    const hiveConfigFile = join(scratch, 'gateway.config.mjs');
    writeFileSync(
      hiveConfigFile,
      `export const gatewayConfig = {
  propagateHeaders: {
    fromClientToSubgraphs({ request }) {
      return { '${FORWARDED_CALLER_HEADER}': request.headers.get('${FORWARDED_CALLER_HEADER}') };
    },
  },
};
`,
    );
    const hiveUrl = `http://127.0.0.1:${ports.hive}/graphql`;
    hive = spawnNode(
      [
        HIVE_BIN,
        'supergraph',
        supergraphFile,
        '--config-path',
        hiveConfigFile,
        '--host',
        '127.0.0.1',
        '--port',
        String(ports.hive),
        '--hive-router-runtime',
        '--fork',
        '1',
      ],
      { ...process.env },
      () => {},
      scratch,
    );
    for (let deadline = Date.now() + 120_000; ; ) {
      if (hive.child.exitCode !== null) throw new Error(`Hive Gateway exited (code ${hive.child.exitCode}):\n${hive.tail()}`);
      const ok = await post(hiveUrl, '{ __typename }', {}).then((r) => r.status === 200 && r.body.data?.__typename === 'Query', () => false);
      if (ok) break;
      if (Date.now() > deadline) throw new Error(`Hive Gateway did not answer within 120 s:\n${hive.tail()}`);
      await sleep(500);
    }
    tracked.set('hive gateway', hive.child.pid!);
    const hiveVersion = JSON.parse(readFileSync(join(ROOT, 'node_modules/@graphql-hive/gateway/package.json'), 'utf8')).version;
    const apolloVersion = JSON.parse(readFileSync(join(ROOT, 'node_modules/@apollo/gateway/package.json'), 'utf8')).version;
    console.log(`  @apollo/gateway ${apolloVersion} (port ${ports.gateway}); @graphql-hive/gateway ${hiveVersion} --hive-router-runtime --fork 1 (port ${ports.hive})`);
    // All must give the same answers, or the comparison means nothing.
    let identical = 0;
    const compared = 20;
    for (let i = 0; i < compared; i++) {
      const nik = nextNik();
      const [a, b, c] = await Promise.all([
        post(gatewayUrl, PERSON_QUERY, { nik }, asService()),
        post(hiveUrl, PERSON_QUERY, { nik }, forwardedService()),
        post(gatewayUrl, PERSON_QUERY, { nik }, asAuditor()),
      ]);
      const data = JSON.stringify(a.body.data);
      if (!a.body.errors && !b.body.errors && !c.body.errors && data === JSON.stringify(b.body.data) && data === JSON.stringify(c.body.data)) identical++;
      else if (identical === i) {
        console.log(
          `  answers differ for ${nik}:\n    apollo (SERVICE) ${JSON.stringify(a.body).slice(0, 400)}\n    hive (SERVICE)   ${JSON.stringify(b.body).slice(0, 400)}` +
            `\n    apollo (AUDITOR) ${JSON.stringify(c.body).slice(0, 400)}`,
        );
      }
    }
    console.log(`  same data from all three for ${identical} of ${compared} NIKs`);
    const personBody = () => JSON.stringify({ query: PERSON_QUERY, variables: { nik: nextNik() } });
    let turn = 0;
    const serviceThenAuditor = () => (turn++ % 2 ? asAuditor() : asService());
    await loadRun({
      label: 'warm-up',
      url: hiveUrl,
      connections: PEER_CONNECTIONS,
      seconds: WARM_UP_SECONDS,
      body: personBody,
      headers: forwardedService,
      verdict: personVerdict,
      quiet: false,
    });
    // Both of Apollo's callers in turn, so the access-log path is warm too.
    await loadRun({
      label: 'warm-up',
      url: gatewayUrl,
      connections: PEER_CONNECTIONS,
      seconds: WARM_UP_SECONDS,
      body: personBody,
      headers: serviceThenAuditor,
      verdict: personVerdict,
      quiet: false,
    });
    const apollo = await loadRun({
      label: 'person via @apollo/gateway, SERVICE',
      url: gatewayUrl,
      connections: PEER_CONNECTIONS,
      seconds: SECONDS,
      body: personBody,
      headers: asService,
      verdict: personVerdict,
    });
    const hiveResult = await loadRun({
      label: 'person via Hive Gateway, SERVICE forwarded',
      url: hiveUrl,
      connections: PEER_CONNECTIONS,
      seconds: SECONDS,
      body: personBody,
      headers: forwardedService,
      verdict: personVerdict,
    });
    const apolloAuditor = await loadRun({
      label: 'person via @apollo/gateway, AUDITOR + access log',
      url: gatewayUrl,
      connections: PEER_CONNECTIONS,
      seconds: SECONDS,
      body: personBody,
      headers: asAuditor,
      verdict: personVerdict,
    });
    printLoad([apollo, hiveResult, apolloAuditor]);
    summary.peer = { apollo, hive: hiveResult, apolloAuditor, identical, compared };
    const gatewayCpu = (r: LoadResult, name: string) => r.cpu.byProcess.find(([n]) => n === name)?.[1] ?? NaN;
    console.log(
      `  gateway CPU per request: @apollo/gateway ${ms1((gatewayCpu(apollo, 'gateway') * 10) / apollo.rps)} ms (SERVICE), ` +
        `${ms1((gatewayCpu(apolloAuditor, 'gateway') * 10) / apolloAuditor.rps)} ms (AUDITOR); ` +
        `Hive Gateway ${ms1((gatewayCpu(hiveResult, 'hive gateway') * 10) / hiveResult.rps)} ms`,
    );
    console.log(`  peak memory (VmHWM): @apollo/gateway ${memoryOf(tracked.get('gateway'))?.hwm ?? 'n/a'} MB, Hive Gateway ${memoryOf(hive.child.pid)?.hwm ?? 'n/a'} MB`);
    await stop(hive, 'Hive Gateway');
    tracked.delete('hive gateway');

    // ---- Stop the hub: the floor needs the databases to itself.
    hubLinesWhileRunning = hubLinesAfterReady;
    console.log('\nstopping the hub');
    const pids = [...tracked.values()];
    await stop(hub, 'the hub');
    for (let deadline = Date.now() + 30_000; pids.some(isAlive) && Date.now() < deadline; ) await sleep(200);
    for (const pid of pids.filter(isAlive)) process.kill(pid, 'SIGKILL');
    tracked.clear();
    hubStopped = true;

    // ---- 4. The SQL floor.
    console.log(`\n4. the SQL floor: ${whole(SCREEN)} NIKs in batches of ${whole(BATCH)}, one query per database per batch on the PGlite directories, plus evaluateEligibility`);
    await waitForQuiet('the SQL floor');
    const floor = await sqlFloor(dataDir, screenNiks, screenDecisions);
    summary.floor = floor;
    const perBatch = (msTotal: number) => ms1(msTotal / Math.ceil(SCREEN / BATCH));
    printTable(
      ['part', 'total s', 'ms per batch'],
      [
        ['population: person', (floor.parts.population / 1000).toFixed(1), perBatch(floor.parts.population)],
        ['dtks: dtks_member', (floor.parts.dtks / 1000).toFixed(1), perBatch(floor.parts.dtks)],
        ['civil-service: personnel', (floor.parts['civil-service'] / 1000).toFixed(1), perBatch(floor.parts['civil-service'])],
        ['evaluateEligibility', (floor.parts.decide / 1000).toFixed(1), perBatch(floor.parts.decide)],
        ['floor', floor.seconds.toFixed(1), perBatch(floor.seconds * 1000)],
        ['(not in the floor) decision log insert', (floor.parts.log / 1000).toFixed(1), perBatch(floor.parts.log)],
      ],
    );
    console.log(
      `  floor: ${whole(floor.niks / floor.seconds)} NIKs/s (${whole(floor.niks / (floor.seconds + floor.parts.log / 1000))} NIKs/s with the decision log); ` +
        `decisions equal to tepat screen's for ${whole(floor.compared - floor.mismatches)} of ${whole(floor.compared)} NIKs`,
    );

    // ---- 5. CPU profiles.
    console.log(`\n5. CPU profiles: each service by \`tepat serve\`, gateway, population and eligibility under node --cpu-prof; ${PROFILE_SECONDS} s of single checks at 16 clients`);
    const profileDir = join(scratch, 'profiles');
    mkdirSync(profileDir, { recursive: true });
    const PROFILED = new Set(['gateway', 'population', 'eligibility']);
    const services = new Map<string, Service>();
    const serve = (name: string) => {
      const prof = PROFILED.has(name) ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`, `--cpu-prof-name=${name}.cpuprofile`] : [];
      const service = spawnNode([...prof, TEPAT, 'serve', name], env, () => {});
      services.set(name, service);
      tracked.set(name, service.child.pid!);
      return service;
    };
    try {
      await Promise.all(SUBGRAPH_NAMES.map((name) => waitReady(`http://127.0.0.1:${ports.subgraphs[name]}`, name, serve(name))));
      await waitReady(`http://127.0.0.1:${ports.gateway}`, 'gateway', serve('gateway'));
      // Only the samples taken during the measured load are summarised, not start-up or this warm-up.
      await loadRun({ label: 'warm-up', url: gatewayUrl, connections: 16, seconds: WARM_UP_SECONDS, body: eligibilityBody, headers: asAdmin, verdict: eligibilityVerdict, quiet: false });
      await waitForQuiet('the profiled load');
      const fromUs = Number(process.hrtime.bigint() / 1000n);
      const profiled = await loadRun({
        label: 'eligibility (profiled)',
        url: gatewayUrl,
        connections: 16,
        seconds: PROFILE_SECONDS,
        body: eligibilityBody,
        headers: asAdmin,
        verdict: eligibilityVerdict,
        quiet: false,
      });
      const toUs = Number(process.hrtime.bigint() / 1000n);
      printLoad([profiled]);
      for (const [name, service] of [...services].reverse()) await stop(service, name);
      tracked.clear();
      for (const name of ['gateway', 'population', 'eligibility']) {
        const file = join(profileDir, `${name}.cpuprofile`);
        if (!existsSync(file)) {
          console.log(`\n  ${name}: no profile written (${readdirSync(profileDir).join(', ') || 'none'})`);
          continue;
        }
        printProfile(summariseProfile(name, file, fromUs, toUs));
      }
    } finally {
      for (const [name, service] of services) await stop(service, name);
    }
  } finally {
    await stop(hive, 'Hive Gateway');
    if (!hubStopped) await stop(hub, 'the hub');
  }

  // ---- Summary.
  console.log('\nsummary');
  const at16 = summary.single.find((r) => r.connections === 16)!;
  const rows: string[][] = [];
  for (const r of summary.single) {
    rows.push([`single check, ${r.connections} clients: req/s; p99`, `${whole(r.rps)} req/s; p99 ${ms1(r.p99)} ms`, r.connections === 16 ? 'p99 < 50 ms' : '', r.connections === 16 ? (at16.p99 < 50 ? 'yes' : 'no') : '']);
  }
  if (summary.peer) {
    const { apollo, hive: h, apolloAuditor } = summary.peer;
    rows.push([
      `person query, 16 clients, SERVICE on both: Apollo / Hive req/s`,
      `${whole(apollo.rps)} / ${whole(h.rps)} = ${(apollo.rps / h.rps).toFixed(2)}x`,
      '>= 1x of the peer',
      apollo.rps >= h.rps ? 'yes' : 'no',
    ]);
    rows.push([`person query, 16 clients, SERVICE on both: Apollo / Hive p99`, `${ms1(apollo.p99)} / ${ms1(h.p99)} ms = ${(apollo.p99 / h.p99).toFixed(2)}x`, '', '']);
    rows.push([
      `person query, 16 clients: Apollo as AUDITOR (access log) / Hive req/s`,
      `${whole(apolloAuditor.rps)} / ${whole(h.rps)} = ${(apolloAuditor.rps / h.rps).toFixed(2)}x`,
      '',
      '',
    ]);
  }
  if (summary.screen) {
    const s = summary.screen;
    const perMillion = (1_000_000 / s.niks) * s.seconds;
    rows.push([
      `tepat screen, ${whole(s.niks)} NIKs`,
      `${s.seconds.toFixed(1)} s, ${whole(s.ownRate)} NIKs/s (1 M in ${perMillion.toFixed(0)} s)`,
      '1 M in < 60 s',
      perMillion < 60 ? 'yes' : 'no',
    ]);
  }
  if (summary.floor && summary.screen) {
    const floorRate = summary.floor.niks / summary.floor.seconds;
    const ratio = floorRate / summary.screen.ownRate;
    rows.push([`SQL floor / federated batch`, `${whole(floorRate)} / ${whole(summary.screen.ownRate)} NIKs/s = ${ratio.toFixed(1)}x`, 'federated within 3x', ratio <= 3 ? 'yes' : 'no']);
    const withLog = summary.floor.niks / (summary.floor.seconds + summary.floor.parts.log / 1000);
    rows.push([
      `(floor + the decision log insert) / federated`,
      `${whole(withLog)} / ${whole(summary.screen.ownRate)} NIKs/s = ${(withLog / summary.screen.ownRate).toFixed(1)}x`,
      '',
      '',
    ]);
  }
  printTable(['measure', 'figure', 'aim', 'met'], rows);
  if (notQuiet.length) console.log(`\nmeasured although the 1-minute load average was at or above ${QUIET_LOAD}: ${notQuiet.join('; ')}`);
  else console.log(`\nevery measurement started with the 1-minute load average below ${QUIET_LOAD}`);
  console.log(`the hub printed ${hubLinesWhileRunning} lines between its start banner and its stop (errors, if any, are among the lines shown above)`);
}

try {
  await main();
} catch (error) {
  console.error(`\nbench/eligibility: ${interrupted ? 'interrupted' : (error as Error).stack ?? (error as Error).message}`);
  process.exitCode = 1;
} finally {
  for (const child of children) child.kill('SIGKILL');
  for (const pid of tracked.values()) if (isAlive(pid)) process.kill(pid, 'SIGKILL');
  if (values.keep) console.log(`kept ${scratch}`);
  else rmSync(scratch, { recursive: true, force: true });
}
