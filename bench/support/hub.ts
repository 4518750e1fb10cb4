/**
 * The whole hub for a benchmark: `tepat start` as a child process on a data directory of its
 * own with free ports (get-port), the demo of N persons loaded first, rate limits out of the
 * way, no configuration from outside; tokens signed with the keys the hub makes in its data
 * directory. Embedded by default; given a PostgreSQL server, every subgraph gets a database of
 * its own there (dropped when the hub stops) and the demo is generated and imported before
 * the start, as an operator loads a server hub (the hub loads a demo only into an empty
 * embedded directory).
 */
import { dataDirKey, issueToken, type Role } from '@tepat/auth';
import { envSuffix, SUBGRAPH_NAMES, SUPERGRAPH_NAMES, type SupergraphMember } from '@tepat/subgraph-kit';
import { createServerTestDatabase } from '@tepat/subgraph-kit/testing';
import { DEMO_SEED } from '@tepat/cli/demo';
import { hubProcessName } from '@tepat/cli/hub-processes';
import getPort from 'get-port';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isAlive, ROOT, spawnNode, stopProcess, type NodeProcess } from './processes.js';

export const TEPAT = join(ROOT, 'packages/cli/bin/tepat.js');
/** High enough that no limit of the gateway refuses the load. */
const LIMITS_OFF = '100000000';
/** After the banner the hub prints only errors (and its stop): this many are shown, the rest counted. */
const LINES_SHOWN = 40;
const EMBEDDED = 'embedded PGlite';

/** Where a hub will run: its data directory, ports and environment, before it starts. */
export interface HubSetup {
  dataDir: string;
  /** Made for this hub (no dataDir given): removed when it stops, unless kept. */
  temporary: boolean;
  /** The demo's DATA.md folder. */
  demoFolder: string;
  /** Its environment, for other `tepat` commands against it (`tepat screen`, `tepat serve`). */
  env: NodeJS.ProcessEnv;
  ports: { gateway: number; subgraphs: Record<SupergraphMember, number> };
  gatewayUrl: string;
  subgraphUrl(name: SupergraphMember): string;
  token(claims: { role: Role; region?: string; subject?: string }): Promise<string>;
  /** Where the subgraphs keep their data, for output. */
  storage: string;
  /** Drops the server databases made for this hub (nothing when embedded); `stop` does it for a temporary hub. */
  dropDatabases(): Promise<void>;
}

export interface BenchHub extends HubSetup {
  process: NodeProcess;
  /** The hub's processes, name (`records`, `eligibility`, ...) to pid; `gateway` is `tepat start`'s own, which serves it. */
  services(): Map<string, number>;
  /** Lines it printed after its start banner. */
  linesAfterReady(): number;
  /** Stops it and every service it started; removes the data directory it made unless kept. */
  stop(): Promise<void>;
}

/** Ports and environment for a hub of `persons` demo persons in `dataDir` (a new temporary one if not given). */
export async function hubSetup(options: { persons: number; dataDir?: string; serverUrl?: string; extraEnv?: NodeJS.ProcessEnv }): Promise<HubSetup> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'tepat-bench-'));
  const host = '127.0.0.1';
  const gateway = await getPort({ host });
  const subgraphs = {} as Record<SupergraphMember, number>;
  for (const name of SUPERGRAPH_NAMES) subgraphs[name] = await getPort({ host });
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of SUBGRAPH_NAMES) {
    delete env[`DATABASE_URL_${envSuffix(name)}`];
    delete env[`TEPAT_${envSuffix(name)}_URL`];
  }
  delete env.TEPAT_GATEWAY_URL;
  // The keys come from the data directory (where the bench reads them too), no token from outside.
  for (const name of ['TEPAT_JWT_SECRET', 'TEPAT_JWKS_URL', 'TEPAT_JWT_ISSUER', 'TEPAT_JWT_AUDIENCE', 'TEPAT_INTERNAL_KEY', 'TEPAT_TOKEN', 'TEPAT_TRUSTED_DOCUMENTS']) {
    delete env[name];
  }
  Object.assign(env, {
    NODE_OPTIONS: '',
    TEPAT_DATA_DIR: dataDir,
    TEPAT_DEMO_PERSONS: String(options.persons),
    TEPAT_HOST: host,
    TEPAT_PORT: String(gateway),
    TEPAT_RATE_PER_MINUTE: LIMITS_OFF,
    TEPAT_RATE_PUBLIC_PER_MINUTE: LIMITS_OFF,
    TEPAT_RATE_CHECK_PER_MINUTE: LIMITS_OFF,
    ...Object.fromEntries(SUPERGRAPH_NAMES.map((name) => [`TEPAT_${envSuffix(name)}_PORT`, String(subgraphs[name])])),
    ...options.extraEnv,
  });
  const drops: (() => Promise<void>)[] = [];
  if (options.serverUrl) {
    for (const name of SUBGRAPH_NAMES) {
      const { url, drop } = await createServerTestDatabase(options.serverUrl, name);
      env[`DATABASE_URL_${envSuffix(name)}`] = url;
      drops.push(drop);
    }
  }
  return {
    dataDir,
    temporary: !options.dataDir,
    demoFolder: join(dataDir, 'demo-data'),
    env,
    ports: { gateway, subgraphs },
    gatewayUrl: `http://${host}:${gateway}/graphql`,
    subgraphUrl: (name) => `http://${host}:${subgraphs[name]}/graphql`,
    token: (claims) => issueToken({ ...claims, ttl: '8h' }, dataDirKey(dataDir, 'jwt')),
    storage: options.serverUrl ? `PostgreSQL at ${new URL(options.serverUrl).host}, a database per subgraph` : EMBEDDED,
    async dropDatabases() {
      for (const drop of drops.splice(0)) await drop();
    },
  };
}

/** On a server the hub loads no demo itself: the same generated folder, imported before the start. */
async function loadDemoOnServer(setup: HubSetup, echo: boolean): Promise<void> {
  const persons = setup.env.TEPAT_DEMO_PERSONS!;
  for (const args of [['generate', '--persons', persons, '--seed', String(DEMO_SEED), '--out', setup.demoFolder], ['import', setup.demoFolder]]) {
    const step = spawnNode([TEPAT, ...args], { env: setup.env, onLine: (line) => echo && console.log(`    ${args[0]}: ${line}`) });
    const code = await step.exited;
    if (code !== 0) throw new Error(`tepat ${args.join(' ')} exited with ${code}:\n${step.tail()}`);
  }
}

/**
 * `tepat start` on `setup`, resolved once its banner is printed. With `echo`, the banner is
 * printed indented and, after it, the hub's own lines.
 */
export async function startHub(setup: HubSetup, options: { echo?: boolean; keep?: boolean } = {}): Promise<BenchHub> {
  if (setup.storage !== EMBEDDED) await loadDemoOnServer(setup, options.echo ?? false);
  let linesAfterReady = 0;
  let banner = true;
  let resolveReady!: () => void;
  const ready = new Promise<void>((resolve) => (resolveReady = resolve));
  const hub = spawnNode([TEPAT, 'start'], {
    env: setup.env,
    onLine: (line) => {
      if (banner) {
        if (options.echo) console.log(`    ${line}`);
        // The banner after "Tepat is running" ends with how to stop.
        if (line.includes('Press Ctrl+C')) {
          banner = false;
          resolveReady();
        }
        return;
      }
      if (!options.echo) return;
      if (++linesAfterReady <= LINES_SHOWN) console.log(`    hub: ${line}`);
      else if (linesAfterReady === LINES_SHOWN + 1) console.log('    hub: (further hub output counted, not shown)');
    },
  });
  const failed = hub.exited.then((code) => {
    if (banner) throw new Error(`tepat start exited (code ${code}) before it was running:\n${hub.tail()}`);
  });
  await Promise.race([ready, failed]);
  return {
    ...setup,
    process: hub,
    services: () => new Map([...servicesOf(hub.child.pid!), ['gateway', hub.child.pid!]]),
    linesAfterReady: () => linesAfterReady,
    async stop() {
      const pids = [...servicesOf(hub.child.pid!).values()];
      await stopProcess(hub, 'the hub');
      for (let deadline = Date.now() + 30_000; pids.some(isAlive) && Date.now() < deadline; ) await new Promise((resolve) => setTimeout(resolve, 200));
      for (const pid of pids.filter(isAlive)) process.kill(pid, 'SIGKILL');
      if (setup.temporary && !options.keep) {
        await setup.dropDatabases();
        rmSync(setup.dataDir, { recursive: true, force: true });
      }
    },
  };
}

/** The processes `tepat start` spawned, by name, from /proc. */
function servicesOf(startPid: number): Map<string, number> {
  const found = new Map<string, number>();
  let pids: number[];
  try {
    pids = readFileSync(`/proc/${startPid}/task/${startPid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return found;
  }
  for (const pid of pids) {
    try {
      const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      const at = argv.indexOf('serve');
      const services = at >= 0 ? argv.slice(at + 1).filter(Boolean) : [];
      if (services.length > 0) found.set(hubProcessName(services), pid);
    } catch {
      // Gone between the two reads.
    }
  }
  return found;
}
