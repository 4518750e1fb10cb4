/**
 * The child processes: each server runs in its own, started by the parent as
 * `bench/http-server.ts --serve ours|fastify --port N [--parity]`, so that its CPU and memory
 * are its own and the load generator's are not in them.
 */
import { createApollo } from '@tepat/subgraph-kit';
import getPort from 'get-port';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { isAlive, spawnNode, stopProcess, waitReady, type NodeProcess } from '../support/processes.js';
import type { BenchContext } from './behaviour.js';
import { benchSchema } from './schema.js';
import { serveFastify, serveOurs, type ServerName } from './servers.js';

/** The line a child prints once it listens: what it runs on and its node:http timeouts. */
const LISTENING = 'listening:';

// ---------------------------------------------------------------------------------------------
// Child: one server

/** Serves `name` until the parent is gone. */
export async function runChild(name: ServerName, port: number, parity: boolean) {
  const apollo = createApollo<BenchContext>(benchSchema());
  await apollo.start();
  const { server, version } = await (name === 'ours' ? serveOurs : serveFastify)(apollo, port, parity);
  console.log(`${LISTENING} ${version}; requestTimeout ${server.requestTimeout}, headersTimeout ${server.headersTimeout}, keepAliveTimeout ${server.keepAliveTimeout}`);
  // The parent gone, so is the server.
  const parent = process.ppid;
  setInterval(() => isAlive(parent) || process.exit(0), 1_000).unref();
}

// ---------------------------------------------------------------------------------------------
// Parent

export interface Child {
  name: ServerName;
  process: NodeProcess;
  pid: number;
  base: string;
  /** What it runs on, then its node:http timeouts. */
  version: string;
  timeouts: string;
}

/** The entry script, run again as each child. */
const SCRIPT = fileURLToPath(new URL('../http-server.ts', import.meta.url));
/** The keys the children verify tokens with; the parent issues its token with the first. */
export const secrets = { BENCH_JWT_SECRET: randomBytes(32).toString('base64url'), BENCH_INTERNAL_KEY: randomBytes(32).toString('base64url') };

/** A child serving `name` on a free port, once it is ready. */
export async function startChild(name: ServerName, parity: boolean): Promise<Child> {
  const port = await getPort();
  let listening: (line: string) => void;
  const said = new Promise<string>((resolve) => (listening = resolve));
  // Under tsx, as this script runs; in production mode, as `tepat` runs the hub (packages/cli/bin/tepat.js).
  const child = spawnNode([...process.execArgv, SCRIPT, '--serve', name, '--port', String(port), ...(parity ? ['--parity'] : [])], {
    env: { ...process.env, ...secrets, NODE_ENV: 'production' },
    onLine: (line) => (line.startsWith(LISTENING) ? listening(line) : console.log(`  [${name}] ${line}`)),
  });
  const base = `http://127.0.0.1:${port}`;
  await waitReady(base, `the ${name} server`, child, 60_000);
  const [version, timeouts] = (await said).slice(LISTENING.length).trim().split('; ') as [string, string];
  return { name, process: child, pid: child.child.pid!, base, version, timeouts };
}

export const stopChild = (child: Child) => stopProcess(child.process, `the ${child.name} server`, 5_000);
