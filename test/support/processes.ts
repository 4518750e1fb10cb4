/**
 * Waiting on a `tepat` child process in end-to-end tests. Every wait has a deadline and
 * fails with what the process printed, so a hub that never comes up shows why in CI's log
 * instead of running into jest's test timeout with nothing said.
 */
import type { ChildProcess } from 'node:child_process';

/** How long a whole hub gets to start when CI runs another hub and a browser beside it. */
export const HUB_START_MS = 300_000;

/**
 * Resolves with the child's output so far once it has printed text matching `pattern`;
 * rejects with that output if the child exits first or `timeoutMs` passes.
 */
export function outputUntil(child: ChildProcess, pattern: RegExp, timeoutMs = HUB_START_MS): Promise<string> {
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`no ${pattern} within ${timeoutMs / 1000} s; the process printed:\n${output}`));
    }, timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (pattern.test(output)) {
        clearTimeout(timer);
        resolve(output);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${signal ?? code} before ${pattern}:\n${output}`));
    });
  });
}
