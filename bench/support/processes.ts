/**
 * Node child processes of a bench (`tepat start`, `tepat serve`, `tepat screen`, Hive Gateway):
 * their output passed on line by line and kept for errors, stopped with a grace period, and
 * every one still running ended when the bench ends or is interrupted.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The repository: where `tepat` runs, as a person runs it. */
export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface NodeProcess {
  child: ChildProcess;
  /** The last of what it printed, for errors. */
  tail: () => string;
  exited: Promise<number | null>;
}

const running = new Set<ChildProcess>();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Spawns node with `args`; its stdout and stderr lines go through `onLine`. */
export function spawnNode(args: string[], options: { env: NodeJS.ProcessEnv; onLine?: (line: string) => void; cwd?: string }): NodeProcess {
  const child = spawn(process.execPath, args, { cwd: options.cwd ?? ROOT, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  let tail = '';
  let partial = '';
  const take = (text: string) => {
    tail = (tail + text).slice(-6000);
    const lines = (partial + text).split('\n');
    partial = lines.pop()!;
    for (const line of lines) options.onLine?.(line);
  };
  child.stdout!.setEncoding('utf8').on('data', take);
  child.stderr!.setEncoding('utf8').on('data', take);
  const exited = new Promise<number | null>((resolve) =>
    child.on('close', (code) => {
      running.delete(child);
      resolve(code);
    }),
  );
  return { child, tail: () => tail, exited };
}

/** SIGTERM, then SIGKILL if it has not ended within `graceMs`. */
export async function stopProcess(service: NodeProcess | undefined, what: string, graceMs = 30_000): Promise<void> {
  if (!service || service.child.exitCode !== null || service.child.signalCode !== null) return;
  service.child.kill('SIGTERM');
  const timedOut = await Promise.race([service.exited.then(() => false), sleep(graceMs).then(() => true)]);
  if (timedOut) {
    console.log(`  ${what} did not stop within ${graceMs / 1000} s of SIGTERM: killing it`);
    service.child.kill('SIGKILL');
    await service.exited;
  }
}

/** Sends `signal` to every child still running. */
export function signalAll(signal: NodeJS.Signals): void {
  for (const child of running) child.kill(signal);
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Waits until `base`/ready answers, failing as soon as the process has exited. */
export async function waitReady(base: string, what: string, service: NodeProcess, timeoutMs = 180_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (service.child.exitCode !== null) throw new Error(`${what} exited (code ${service.child.exitCode}):\n${service.tail()}`);
    if (await fetch(`${base}/ready`).then((r) => r.ok, () => false)) return;
    if (Date.now() > deadline) throw new Error(`${what} was not ready within ${timeoutMs / 1000} s:\n${service.tail()}`);
    await sleep(250);
  }
}
