/** One measured run of a query on a server child: autocannon's load (support/load.ts) with the server process's own CPU. */
import { runLoad, type LoadResult } from '../support/load.js';
import type { Child } from './child.js';
import { QUERIES, type QueryName } from './schema.js';
import { bearer } from './send.js';
import type { ServerName } from './servers.js';

export interface Measurement {
  round: number;
  query: QueryName;
  server: ServerName;
  load: LoadResult;
  /** Server CPU per request, µs. */
  cpuPerRequest: number;
  /** Server CPU, % of one core. */
  serverCpu: number;
  othersCpu: number;
  rssMb: number;
  loadAverage: number;
}

/** `query` on `child` for `seconds`, every answer taken as it comes: the warm-up before a measured run. */
export async function warmUpLoad(child: Child, query: QueryName, token: string, seconds: number, connections: number): Promise<void> {
  await runLoad({ url: `${child.base}/graphql`, connections, seconds, body: () => QUERIES[query].body, headers: () => bearer(token), ok: () => true });
}

/** One run of `query` on `child`, with the server process's CPU. */
export async function measure(child: Child, query: QueryName, token: string, seconds: number, connections: number) {
  const { body, answer } = QUERIES[query];
  const load = await runLoad({
    url: `${child.base}/graphql`,
    connections,
    seconds,
    body: () => body,
    headers: () => bearer(token),
    ok: (status, received) => status === 200 && received.length === answer.length,
    processes: new Map([[child.name, child.pid]]),
  });
  const serverCpu = load.cpu.byProcess.find(([name]) => name === child.name)?.[1] ?? NaN;
  // % of one core over the window, as µs per request.
  const cpuPerRequest = (serverCpu * 10_000 * load.cpu.seconds) / Math.max(1, load.requests);
  return { load, cpuPerRequest, serverCpu, othersCpu: load.cpu.others };
}

/**
 * The middle value, or the mean of the two middle ones: with an even number of rounds (the
 * default 2) support/quantile.ts's nearest-rank median would give the lower run alone.
 */
export const median = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
