/** A load of the eligibility bench: after a quiet machine, through support/load.ts, with the CPU of our processes; and its table. */
import { loadavg } from 'node:os';
import { describeCpu } from '../support/cpu.js';
import { oneDecimal as ms1, whole } from '../support/format.js';
import { LOAD_COLUMNS, loadCells, runLoad, type LoadOptions, type LoadResult } from '../support/load.js';
import { waitForQuiet } from '../support/quiet.js';
import { printTable } from '../support/table.js';

export interface LabelledLoad extends LoadResult {
  label: string;
  connections: number;
  /** The 1-minute load average when it started. */
  load: number;
}

/** Our processes by name (services, Hive Gateway) whose CPU each load reports; the script itself is measured apart. */
export const tracked = new Map<string, number>();

/** A load after waiting for a quiet machine (up to `maxWait` s), or at once for a warm-up (`maxWait` null). */
export async function loadRun(label: string, maxWait: number | null, options: Omit<LoadOptions, 'processes'>): Promise<LabelledLoad> {
  const load = maxWait === null ? loadavg()[0]! : await waitForQuiet(label, { maxSeconds: maxWait });
  return { ...(await runLoad({ ...options, processes: tracked })), label, connections: options.connections, load };
}

/** The hub's CPU per request during a load, ms: in all and by process (those above 1 % of a core). */
export function hubCpuPerRequest(r: LabelledLoad): { total: number; byProcess: [string, number][]; loadGenerator: number } {
  const perRequest = (pct: number) => ((pct / 100) * r.cpu.seconds * 1000) / Math.max(r.requests, 1);
  const services = r.cpu.byProcess.filter(([, p]) => p >= 1);
  return {
    total: perRequest(services.reduce((t, [, p]) => t + p, 0)),
    byProcess: services.map(([name, p]) => [name, perRequest(p)]),
    loadGenerator: perRequest(r.cpu.self),
  };
}

export function printLoad(results: LabelledLoad[]): void {
  printTable(
    ['run', 'clients', ...LOAD_COLUMNS, 'undetermined', 'load before'],
    results.map((r) => [r.label, String(r.connections), ...loadCells(r), whole(r.flagged), r.load.toFixed(2)]),
  );
  for (const r of results) {
    console.log(`  ${r.label}, ${r.connections} clients: ${describeCpu(r.cpu)}`);
    const cpu = hubCpuPerRequest(r);
    console.log(
      `    cpu per request: ${ms1(cpu.total)} ms in the hub (${cpu.byProcess.map(([n, ms]) => `${n} ${ms1(ms)}`).join(', ')}), ` +
        `${ms1(cpu.loadGenerator)} ms in the load generator`,
    );
    if (r.firstError) console.log(`    first error: ${r.firstError}`);
  }
}
