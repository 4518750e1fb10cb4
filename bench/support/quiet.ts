/**
 * Waiting for a quiet machine before measuring: on 2 cores another process's work shows in
 * every figure, so each measurement waits for the 1-minute load average to fall, up to a
 * limit, and says when it measured anyway.
 */
import { loadavg } from 'node:os';

export async function waitForQuiet(what: string, options: { below?: number; maxSeconds?: number } = {}): Promise<number> {
  const below = options.below ?? 1.5;
  const deadline = Date.now() + (options.maxSeconds ?? 600) * 1000;
  while (loadavg()[0]! >= below && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5_000));
  const load = loadavg()[0]!;
  if (load >= below) console.log(`  (measuring ${what} with the load average at ${load.toFixed(2)}: the machine did not quieten)`);
  return load;
}
