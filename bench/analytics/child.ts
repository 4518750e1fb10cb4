/**
 * The analytics bench's children: generation and each size run in a child process (this script
 * again, with --child), since chdb runs in-process and maxRSS only grows; results and the
 * serving handshake go over IPC.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { SCRATCH, SEED, values } from './options.js';
import type { Serving } from './serve.js';

const SCRIPT = fileURLToPath(new URL('../analytics.ts', import.meta.url));

export type ChildMessage = { kind: 'result'; result: unknown } | { kind: 'serving'; serving: Serving };

/** From a child to the parent. */
export function send(message: ChildMessage): Promise<void> {
  return new Promise((resolve, reject) => process.send!(message, (error: Error | null) => (error ? reject(error) : resolve())));
}

const children = new Set<ChildProcess>();
let interrupted = false;

/** Stops the children (SIGTERM when interrupted, SIGKILL at the end); after an interrupt no child starts. */
export function stopChildren(signal: NodeJS.Signals): void {
  if (signal === 'SIGTERM') interrupted = true;
  for (const child of children) child.kill(signal);
}

export function runChild<R>(args: string[], onServing?: (serving: Serving, child: ChildProcess) => Promise<void>): Promise<R> {
  if (interrupted) return Promise.reject(new Error('interrupted'));
  const shared = ['--sizes', values.sizes, '--seed', String(SEED), '--scratch', SCRATCH];
  return new Promise((resolve, reject) => {
    // In production mode, as `tepat` runs the hub (packages/cli/bin/tepat.js).
    const child = fork(SCRIPT, [...shared, ...args], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], env: { ...process.env, NODE_ENV: 'production' } });
    children.add(child);
    let result: R | undefined;
    let failure: Error | undefined;
    child.on('message', (message: ChildMessage) => {
      if (message.kind === 'result') result = message.result as R;
      else if (message.kind === 'serving' && onServing) {
        onServing(message.serving, child).then(
          () => child.send({ kind: 'done' }),
          (error: Error) => {
            failure = error;
            child.send({ kind: 'done' });
          },
        );
      }
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      children.delete(child);
      if (failure) reject(failure);
      else if (code === 0 && result !== undefined) resolve(result);
      else reject(new Error(`the child (${args.join(' ')}) ended with ${signal ?? `exit code ${code}`}`));
    });
  });
}

/** Whether the run was interrupted (SIGINT or SIGTERM). */
export const isInterrupted = () => interrupted;
