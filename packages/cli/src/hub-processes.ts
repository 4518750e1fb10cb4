/**
 * How `tepat start` lays the hub out in processes. Eligibility and analytics run alone, the
 * gateway in `tepat start`'s own process (start.ts), and the other subgraphs share one process,
 * `records`. A Node process with the hub's modules loaded holds about 165 MB before any data, so
 * eleven processes could not fit issue 20's 2 GB: the seven record-keeping subgraphs took
 * 2,293 MB in seven processes and take 605 MB in one (20,000-person demo, idle; bench/README.md,
 * eligibility, Memory). Those that run alone keep a core busy or hold a large runtime of their
 * own: eligibility's screenings, analytics' in-process ClickHouse, the gateway every request
 * crosses.
 */
import { SUPERGRAPH_NAMES, type SupergraphMember } from '@tepat/subgraph-kit';

export type ServiceName = SupergraphMember | 'gateway';

const OWN_PROCESS: readonly ServiceName[] = ['eligibility', 'analytics', 'gateway'];

/** Each process but the gateway's (which starts once these are ready), by the name its lines are prefixed with. */
export const HUB_PROCESSES: ReadonlyMap<string, readonly ServiceName[]> = new Map([
  ['records', SUPERGRAPH_NAMES.filter((name) => !OWN_PROCESS.includes(name))],
  ['eligibility', ['eligibility']],
  ['analytics', ['analytics']],
]);

/** The name of the process `tepat start` runs `services` in (as `tepat serve` was given them). */
export function hubProcessName(services: readonly string[]): string {
  for (const [name, members] of HUB_PROCESSES) if (members.join(' ') === services.join(' ')) return name;
  return services.join('+');
}
