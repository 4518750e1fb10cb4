/**
 * `tepat start` (`npm start`): the whole hub on one machine in four processes (hub-processes.ts):
 * the registries (records), eligibility with intake and audit (workflows) and analytics in three
 * children, so they use every core and each embedded database has one owner, and the gateway in this process, which
 * has nothing else to do once they run (one Node runtime fewer: about 200 MB).
 */
import { readGatewayEnv, startGateway, WEB_APP_PATH, type RunningGateway } from '@tepat/gateway';
import { databaseTarget, embeddedDatabaseMissing, readHubEnv, readSubgraphEnv, SUBGRAPH_NAMES, SUPERGRAPH_NAMES } from '@tepat/subgraph-kit';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { loadDemo, wantsDemo } from '../demo.js';
import { TEPAT_BIN } from '../tepat-bin.js';
import { HUB_PROCESSES, type ServiceName } from '../hub-processes.js';

const READY_TIMEOUT_MS = 120_000;
/** One readiness probe: a port held by something that accepts and never answers must not stall the start. */
const PROBE_TIMEOUT_MS = 2_000;
/** How long a service has to stop on SIGTERM before it is killed. */
const STOP_GRACE_MS = 15_000;

export async function startCommand(options: { demo?: boolean } = {}): Promise<void> {
  const demo = options.demo !== false && wantsDemo();
  if (demo) await loadDemo();
  await (await import('./audit.js')).moveAccessLogBeforeStart();
  await createDatabasesBeforeStart();
  const children = new Map<string, ChildProcess>();
  let gateway: RunningGateway | undefined;
  let stopping = false;
  const stopAll = (code: number) => {
    stopping = true;
    // The gateway stops taking requests first; the services finish what it sent them.
    void gateway?.close().catch((error: Error) => console.error(`[gateway] did not close cleanly: ${error.message}`));
    for (const child of children.values()) child.kill('SIGTERM');
    process.exitCode = code;
    // A service stuck in its start (a database that does not answer) would keep the hub's
    // process alive with nothing more said; it gets a grace period, then SIGKILL.
    setTimeout(() => {
      for (const [name, child] of children) {
        console.error(`[${name}] did not stop within ${STOP_GRACE_MS / 1000} s; killing it.`);
        child.kill('SIGKILL');
      }
    }, STOP_GRACE_MS).unref();
  };
  process.once('SIGINT', () => stopAll(0));
  process.once('SIGTERM', () => stopAll(0));

  // Left to itself, V8 lets a process's heap grow to a share of the machine's memory before it
  // collects in earnest, and keeps what it grew: after a screening each service held several
  // times what it uses (eligibility 0.9-1.5 GB for two 10,000-NIK batches). A limit makes each
  // collect sooner instead (bench/README.md, Memory); it must hold the most a service holds at
  // once, which eligibility bounds by deciding at most two batches at a time.
  const heapLimit = `--max-old-space-size=${readHubEnv().serviceHeapMb}`;
  const spawnProcess = (name: string, services: readonly ServiceName[]) => {
    const child = spawn(process.execPath, [heapLimit, TEPAT_BIN, 'serve', ...services], {
      // The IPC channel closes when this process dies, however it dies; the child then stops too.
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      env: process.env,
    });
    children.set(name, child);
    for (const stream of [child.stdout!, child.stderr!]) {
      createInterface({ input: stream }).on('line', (line) => console.log(`[${name}] ${line}`));
    }
    child.on('exit', (code, signal) => {
      children.delete(name);
      if (!stopping) {
        console.error(`[${name}] stopped unexpectedly (${signal ?? `exit code ${code}`}); stopping the hub.`);
        stopAll(1);
      }
    });
  };
  for (const [name, services] of HUB_PROCESSES) spawnProcess(name, services);

  // A service that never becomes ready stops the hub: the services started stay up otherwise,
  // and with them this process, saying nothing more.
  const readyOrStop = <T,>(ready: Promise<T>) =>
    ready.catch((error: Error) => {
      stopAll(1);
      throw error;
    });
  const urls = await readyOrStop(Promise.all(SUPERGRAPH_NAMES.map((name) => waitUntilReady(readSubgraphEnv(name), () => stopping))));
  if (stopping) return;
  // The gateway starts last: its first requests find every subgraph up.
  const running = await readyOrStop(startGateway(readGatewayEnv()).catch((error: Error) => Promise.reject(new Error(`[gateway] ${error.message}`))));
  gateway = running;
  if (stopping) {
    await running.close();
    return;
  }
  const endpoint = running.url;
  // One write, so whoever waits for "Tepat is running" has both addresses.
  console.log(
    `\nTepat is running. The endpoint: ${endpoint}\n` +
      `The app: ${new URL(WEB_APP_PATH, endpoint)} (citizens need no token; analysts and auditors paste one from npx tepat token --role ANALYST)`,
  );
  console.log('Requests carry a bearer token: npx tepat token --role AUDITOR (or REGIONAL_APP --region 35.10, ANALYST, ...).');
  console.log('Subgraphs (behind the gateway):');
  SUPERGRAPH_NAMES.forEach((name, i) => console.log(`  ${name.padEnd(14)} ${urls[i]}`));
  if (demo) {
    // The demo's dashboards should show figures at once, not after a command the user has yet to learn.
    const { refreshAnalytics } = await import('./analytics-refresh.js');
    await refreshAnalytics(process.env, (line) => console.log(`[analytics] ${line}`)).catch((error: Error) =>
      console.error(`[analytics] the first refresh failed: ${error.message}`),
    );
  }
  console.log('Analytics: npx tepat analytics refresh recomputes the targeting figures after an import.');
  console.log('Press Ctrl+C to stop.');
}

/**
 * Creates the embedded databases not made yet in a `tepat migrate` of its own, before the
 * services start. A service that creates its database holds on to what PostgreSQL's initdb
 * took (about 440 MB more resident memory than opening one that exists, measured on the audit
 * service); the migrate process gives it back when it ends.
 */
async function createDatabasesBeforeStart(): Promise<void> {
  const missing = SUBGRAPH_NAMES.filter((name) => embeddedDatabaseMissing(databaseTarget(name, readSubgraphEnv(name))));
  if (missing.length === 0) return;
  const migrating = spawn(process.execPath, [TEPAT_BIN, 'migrate', ...missing], { env: process.env, stdio: ['ignore', 'pipe', 'pipe'] });
  for (const stream of [migrating.stdout, migrating.stderr]) createInterface({ input: stream }).on('line', (line) => console.log(`[migrate] ${line}`));
  const [code] = (await once(migrating, 'close')) as [number | null];
  if (code !== 0) throw new Error(`Creating the databases of ${missing.join(', ')} failed (tepat migrate exited with ${code}).`);
}

/** Polls a service's /ready until it answers 200; returns its GraphQL URL. */
async function waitUntilReady({ host, port }: { host: string; port: number }, stopped: () => boolean): Promise<string> {
  const base = `http://${host}:${port}`;
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (!stopped()) {
    const ready = await fetch(`${base}/ready`, { signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) }).then(
      async (r) => {
        await r.body?.cancel();
        return r.ok;
      },
      () => false,
    );
    if (ready) return `${base}/graphql`;
    if (Date.now() > deadline) throw new Error(`${base} did not become ready within ${READY_TIMEOUT_MS / 1000} s.`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return base;
}
