/** Part 2c: `tepat screen` of M NIKs through the hub (the population's NIKs repeated): NIKs/s, CPU, peak memory. */
import { writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cpuBetween, describeCpu, sampleCpu } from '../support/cpu.js';
import { whole } from '../support/format.js';
import { TEPAT } from '../support/hub.js';
import { memoryOf, PEAK_HOOK_ARGS, readPeak } from '../support/memory.js';
import { spawnNode } from '../support/processes.js';
import { waitForQuiet } from '../support/quiet.js';
import { AS_OF, BATCH, RULE_SET_CODE } from './checks.js';
import type { Context } from './context.js';
import { tracked } from './load.js';

export interface Screening {
  niks: number;
  /** By its own clock, and its own NIKs/s. */
  seconds: number;
  ownRate: number;
  wallSeconds: number;
  undetermined: number;
  peakMb: number | null;
  /** Each hub process's resident memory right after the screening, MB. */
  hubRssMb: [string, number][];
  /** The NIKs screened, in order, and the first decision of each, for the SQL floor. */
  screenNiks: string[];
  decisions: Map<string, string>;
}

export async function screening(context: Context, count: number): Promise<Screening> {
  const { niks, scratch, hub } = context;
  console.log(`\n2c. tepat screen --rule-set ${RULE_SET_CODE} --batch ${BATCH} of ${whole(count)} NIKs (the ${whole(niks.length)} NIKs repeated):`);
  const screenNiks = Array.from({ length: count }, (_, i) => niks[i % niks.length]!);
  const niksFile = join(scratch, 'niks.csv');
  writeFileSync(niksFile, `nik\n${screenNiks.join('\n')}\n`);
  const decisionsFile = join(scratch, 'decisions.csv');
  const peakFile = join(scratch, 'screen-peak.json');
  const memBefore = new Map([...tracked].map(([n, pid]) => [n, memoryOf(pid)]));
  const screenLoad = await waitForQuiet('the screening', { maxSeconds: context.maxWait });
  const before = await sampleCpu(tracked);
  const t0 = performance.now();
  const screen = spawnNode(
    [
      ...PEAK_HOOK_ARGS,
      TEPAT,
      'screen',
      '--rule-set',
      RULE_SET_CODE,
      '--in',
      niksFile,
      '--out',
      decisionsFile,
      '--batch',
      String(BATCH),
      '--as-of',
      AS_OF,
      '--token',
      context.callers.adminToken,
    ],
    { env: { ...hub.env, TEPAT_GATEWAY_URL: hub.gatewayUrl, BENCH_PEAK_FILE: peakFile }, onLine: (line) => console.log(`    ${line}`) },
  );
  const code = await screen.exited;
  const wallSeconds = (performance.now() - t0) / 1000;
  if (code !== 0) throw new Error(`tepat screen failed (exit code ${code}):\n${screen.tail()}`);
  const peak = readPeak(peakFile);
  const screenCpu = cpuBetween(before, await sampleCpu(tracked), peak ? { name: 'tepat screen', ms: peak.cpuUs / 1000 } : undefined);
  const m = /Screened (\d+) NIKs .* in ([\d.]+) s \((\d+) NIKs\/s\)/.exec(screen.tail());
  const rows = readFileSync(decisionsFile, 'utf8').split('\n').slice(1, -1);
  const counts = new Map<string, number>();
  const decisions = new Map<string, string>();
  for (const row of rows) {
    const [nik, decision] = row.split(',', 2) as [string, string];
    counts.set(decision, (counts.get(decision) ?? 0) + 1);
    if (!decisions.has(nik)) decisions.set(nik, decision);
  }
  const result: Screening = {
    niks: rows.length,
    seconds: m ? Number(m[2]) : wallSeconds,
    ownRate: m ? Number(m[3]) : rows.length / wallSeconds,
    wallSeconds,
    undetermined: counts.get('UNDETERMINED') ?? 0,
    peakMb: peak ? Math.round(peak.maxRss / 1024) : null,
    hubRssMb: [...tracked].map(([name, pid]): [string, number] => [name, memoryOf(pid)?.rss ?? 0]),
    screenNiks,
    decisions,
  };
  console.log(
    `  ${whole(rows.length)} rows written (${[...counts].map(([d, n]) => `${d} ${whole(n)}`).join(', ')}); ` +
      `${result.seconds.toFixed(1)} s by its own clock (${whole(result.ownRate)} NIKs/s), ${wallSeconds.toFixed(1)} s wall with start-up; load before ${screenLoad.toFixed(2)}`,
  );
  if (rows.length !== count) console.log(`  PROBLEM: ${whole(count)} NIKs in, ${whole(rows.length)} rows out`);
  console.log(`  ${describeCpu(screenCpu)}`);
  console.log(`  peak memory: tepat screen ${result.peakMb ?? 'n/a'} MB; services (VmHWM before -> after the screening, MB):`);
  for (const [name, pid] of tracked) {
    const a = memBefore.get(name);
    const b = memoryOf(pid);
    console.log(`    ${name.padEnd(14)} ${String(a?.hwm ?? 'n/a').padStart(6)} -> ${String(b?.hwm ?? 'n/a').padStart(6)} (now ${b?.rss ?? 'n/a'} MB resident)`);
  }
  return result;
}
