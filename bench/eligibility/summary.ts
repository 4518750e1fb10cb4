/** The eligibility bench's closing table: each figure against its aim. */
import { oneDecimal as ms1, whole } from '../support/format.js';
import { LOAD_AVERAGE, measuredAnyway } from '../support/quiet.js';
import { printTable } from '../support/table.js';
import { hubCpuPerRequest, type LabelledLoad } from './load.js';
import type { PeerComparison } from './peer-gateway.js';
import type { Screening } from './screening.js';
import type { FloorResult } from './sql-floor.js';

export interface Summary {
  single: LabelledLoad[];
  peer?: PeerComparison;
  screen?: Screening;
  floor?: FloorResult;
}

export function printSummary(summary: Summary, hubLines: number): void {
  console.log('\nsummary');
  const at16 = summary.single.find((r) => r.connections === 16);
  const rows: string[][] = [];
  for (const r of summary.single) {
    const aimed = r.connections === 16;
    rows.push([`single check, ${r.connections} clients: req/s; p99`, `${whole(r.rps)} req/s; p99 ${ms1(r.p99)} ms`, aimed ? 'p99 < 50 ms' : '', aimed ? (at16!.p99 < 50 ? 'yes' : 'no') : '']);
  }
  if (at16) {
    const cpu = hubCpuPerRequest(at16);
    rows.push([
      'hub CPU per single check, 16 clients',
      `${ms1(cpu.total)} ms: ${cpu.byProcess.map(([name, ms]) => `${name} ${ms1(ms)}`).join(', ')}`,
      'report it, by process',
      '',
    ]);
  }
  if (summary.peer) {
    const { apollo, hive: h, apolloAuditor } = summary.peer;
    rows.push([
      `person query, 16 clients, SERVICE on both: Apollo / Hive req/s`,
      `${whole(apollo.rps)} / ${whole(h.rps)} = ${(apollo.rps / h.rps).toFixed(2)}x`,
      '>= 1x of the peer',
      apollo.rps >= h.rps ? 'yes' : 'no',
    ]);
    rows.push([`person query, 16 clients, SERVICE on both: Apollo / Hive p99`, `${ms1(apollo.p99)} / ${ms1(h.p99)} ms = ${(apollo.p99 / h.p99).toFixed(2)}x`, '', '']);
    rows.push([
      `person query, 16 clients: Apollo as AUDITOR (access log) / Hive req/s`,
      `${whole(apolloAuditor.rps)} / ${whole(h.rps)} = ${(apolloAuditor.rps / h.rps).toFixed(2)}x`,
      '',
      '',
    ]);
  }
  if (summary.screen) {
    const s = summary.screen;
    const perMillion = (1_000_000 / s.niks) * s.seconds;
    rows.push([
      `tepat screen, ${whole(s.niks)} NIKs`,
      `${s.seconds.toFixed(1)} s, ${whole(s.ownRate)} NIKs/s (1 M in ${perMillion.toFixed(0)} s)`,
      '1 M in < 60 s',
      perMillion < 60 ? 'yes' : 'no',
    ]);
  }
  if (summary.screen) {
    const byProcess = summary.screen.hubRssMb.filter(([, mb]) => mb > 0).sort((a, b) => b[1] - a[1]);
    const total = byProcess.reduce((t, [, mb]) => t + mb, 0);
    rows.push([
      'whole hub resident after the screening',
      `${whole(total)} MB: ${byProcess.map(([name, mb]) => `${name} ${whole(mb)}`).join(', ')}`,
      '< 2,048 MB',
      total < 2048 ? 'yes' : 'no',
    ]);
  }
  if (summary.floor && summary.screen) {
    const floorRate = summary.floor.niks / summary.floor.seconds;
    const ratio = floorRate / summary.screen.ownRate;
    rows.push([`SQL floor / federated batch`, `${whole(floorRate)} / ${whole(summary.screen.ownRate)} NIKs/s = ${ratio.toFixed(1)}x`, 'federated within 3x', ratio <= 3 ? 'yes' : 'no']);
    const withLog = summary.floor.niks / (summary.floor.seconds + summary.floor.parts.log / 1000);
    rows.push([
      `(floor + the decision log insert) / federated`,
      `${whole(withLog)} / ${whole(summary.screen.ownRate)} NIKs/s = ${(withLog / summary.screen.ownRate).toFixed(1)}x`,
      '',
      '',
    ]);
  }
  printTable(['measure', 'figure', 'aim', 'met'], rows);
  const below = LOAD_AVERAGE.below;
  if (measuredAnyway.length) console.log(`\nmeasured although the 1-minute load average was at or above ${below}: ${measuredAnyway.join('; ')}`);
  else console.log(`\nevery measurement started with the 1-minute load average below ${below}`);
  console.log(`the hub printed ${hubLines} lines between its start banner and its stop (errors, if any, are among the lines shown above)`);
}
