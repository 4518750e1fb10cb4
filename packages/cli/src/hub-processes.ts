/**
 * How `tepat start` lays the hub out in processes: the gateway in `tepat start`'s own process
 * (start.ts), analytics alone with its in-process ClickHouse, and the subgraphs in two:
 * `records`, the five registries every question reads, and `workflows`, what people do
 * through the hub (eligibility's decisions, intake's cases, the access log of their reads).
 *
 * A Node process with the hub's modules loaded holds about 165 MB before any data, so eleven
 * processes could not fit issue 20's 2 GB: the seven record-keeping subgraphs took 2,293 MB in
 * seven processes and 605 MB in one (20,000-person demo, idle; bench/README.md, eligibility,
 * Memory). Intake and audit then shared the registries' process, which was the one core busy
 * in every workflow while the other was half idle; beside eligibility they use both cores, for
 * the same memory (bench/README.md, workflows, 2026-12-07).
 */
import { SUPERGRAPH_NAMES, type SupergraphMember } from '@tepat/subgraph-kit';

export type ServiceName = SupergraphMember | 'gateway';

const WORKFLOWS: readonly ServiceName[] = ['eligibility', 'intake', 'audit'];
const NOT_RECORDS: readonly ServiceName[] = [...WORKFLOWS, 'analytics', 'gateway'];

/** Each process but the gateway's (which starts once these are ready), by the name its lines are prefixed with. */
export const HUB_PROCESSES: ReadonlyMap<string, readonly ServiceName[]> = new Map([
  ['records', SUPERGRAPH_NAMES.filter((name) => !NOT_RECORDS.includes(name))],
  ['workflows', SUPERGRAPH_NAMES.filter((name) => WORKFLOWS.includes(name))],
  ['analytics', ['analytics']],
]);

/** The name of the process `tepat start` runs `services` in (as `tepat serve` was given them). */
export function hubProcessName(services: readonly string[]): string {
  for (const [name, members] of HUB_PROCESSES) if (members.join(' ') === services.join(' ')) return name;
  return services.join('+');
}
