/**
 * Who used the CPU during a measurement: each of our processes (pidusage's cumulative
 * `ctime`), this script (`process.cpuUsage`), and everything else on the machine (all cores'
 * busy time from `os.cpus`, less ours). Figures are % of one core, so 2 cores give 200.
 */
import { cpus } from 'node:os';
import pidusage from 'pidusage';

export interface CpuSample {
  /** performance.now() when taken. */
  at: number;
  /** Busy time of every core together, ms. */
  machineMs: number;
  /** Cumulative user + system CPU of each live process named, ms. */
  processes: Map<string, number>;
  /** This script's own, ms (not its children's: a child is named, or given to cpuBetween). */
  selfMs: number;
}

export interface CpuUse {
  seconds: number;
  /** % of one core per process named, highest first. */
  byProcess: [string, number][];
  /** This script: the load generator. */
  self: number;
  /** Everything else on the machine. */
  others: number;
}

function machineBusyMs(): number {
  return cpus().reduce((sum, { times }) => sum + times.user + times.nice + times.sys + times.irq, 0);
}

/** The CPU used so far by each of `processes` (name to pid; one that is gone is left out), this script and the machine. */
export async function sampleCpu(processes: ReadonlyMap<string, number>): Promise<CpuSample> {
  const at = performance.now();
  const entries = await Promise.all(
    [...processes].map(([name, pid]) => pidusage(pid).then((stat) => [name, stat.ctime] as const, () => null)),
  );
  const { user, system } = process.cpuUsage();
  return {
    at,
    machineMs: machineBusyMs(),
    processes: new Map(entries.filter((e) => e !== null)),
    selfMs: (user + system) / 1000,
  };
}

/**
 * The CPU between two samples. `child` is a process that ran and ended in between (so it
 * could not be sampled), with the CPU it reported of itself.
 */
export function cpuBetween(before: CpuSample, after: CpuSample, child?: { name: string; ms: number }): CpuUse {
  const seconds = (after.at - before.at) / 1000;
  const pct = (ms: number) => ms / seconds / 10;
  const byProcess: [string, number][] = [];
  let ours = after.selfMs - before.selfMs;
  for (const [name, ms] of after.processes) {
    const used = ms - (before.processes.get(name) ?? ms);
    ours += used;
    byProcess.push([name, pct(used)]);
  }
  if (child) {
    ours += child.ms;
    byProcess.push([child.name, pct(child.ms)]);
  }
  return {
    seconds,
    byProcess: byProcess.sort((a, b) => b[1] - a[1]),
    self: pct(after.selfMs - before.selfMs),
    others: pct(Math.max(0, after.machineMs - before.machineMs - ours)),
  };
}

/** One line for a report: the processes that used at least 1 % of a core, this script, and the rest. */
export function describeCpu(use: CpuUse): string {
  const parts = use.byProcess.filter(([, p]) => p >= 1).map(([n, p]) => `${n} ${Math.round(p)}`);
  return `cpu, % of one core (2 = ${cpus().length * 100}): ${[...parts, `this script ${Math.round(use.self)}`, `other processes ${Math.round(use.others)}`].join(', ')}`;
}
