/**
 * Small-cell suppression at a national slice's size (API.md, Small cells; issue 21): the
 * pattern an ANALYST's figures of one programme-month are published through, worked out
 * once per build and programme-month (analytics/src/disclosure.ts `servedCells`), and a
 * simulated draft's, once per draft (simulation-disclosure.ts `simulatedCells`). Every
 * Kemendagri district gets counts drawn as a thin programme spreads them (most districts a
 * handful of units); the floor is the same walk at k = 1, where nothing is hidden.
 *
 *   npx tsx bench/small-cells.ts [--k 10] [--rounds 5]
 */
import {
  AreaSums,
  areaKey,
  DEFAULT_MIN_CELL,
  LEAKAGE_CATEGORIES,
  servedCells,
  simulatedCells,
  type MetricLevel,
  type SimulationRun,
  type TargetingRow,
} from '@tepat/analytics';
import { loadRegions } from '@tepat/core';
import { Random } from '@tepat/generator';
import { parseArgs } from 'node:util';
import { whole } from './support/format.js';
import { printTable } from './support/table.js';

const { values } = parseArgs({ options: { k: { type: 'string', default: String(DEFAULT_MIN_CELL) }, rounds: { type: 'string', default: '5' } } });
const k = Number(values.k);
const rounds = Number(values.rounds);

// One programme-month: each district's sums, added into its regency, province and the nation.
const regions = await loadRegions();
const random = new Random(21);
const byArea = new Map<string, AreaSums>();
for (const { code } of regions.list('DISTRICT')) {
  const district = new AreaSums();
  district.recipients = random.int(0, 40);
  district.recipientsEligible = random.int(0, district.recipients);
  district.eligible = district.recipientsEligible + random.int(0, 30);
  district.eligibleNow = district.eligible + random.int(0, 6) - 3;
  district.entering = random.int(0, 4);
  district.leaving = random.int(0, 4);
  LEAKAGE_CATEGORIES.forEach((_, i) => (district.categoryPayments[i] = random.int(0, 6)));
  district.deciles.forEach((_, i) => (district.deciles[i] = random.int(0, 5)));
  for (const [level, region] of [['NATIONAL', ''], ['PROVINCE', code.slice(0, 2)], ['REGENCY', code.slice(0, 5)], ['DISTRICT', code]] as const) {
    const key = areaKey(level, region);
    const sums = byArea.get(key) ?? new AreaSums();
    sums.add(district);
    byArea.set(key, sums);
  }
}
const served = new Map<string, TargetingRow>([...byArea].map(([key, sums]) => [key, sums.row(key.slice(key.indexOf(' ') + 1))]));
const rows = [...served].map(([key, row]) => ({ ...row, level: key.slice(0, key.indexOf(' ')) as MetricLevel }));
const incidence = [...byArea].flatMap(([key, sums]) =>
  Array.from({ length: 11 }, (_, decile) => ({ level: key.slice(0, key.indexOf(' ')) as MetricLevel, region: key.slice(key.indexOf(' ') + 1), decile, units: sums.decile(decile, 0) })),
);
const run = { slice: { byArea, medianPayment: 300_000 }, served, area: { level: 'NATIONAL', region: '' }, level: 'PROVINCE' } as unknown as SimulationRun;

function medianMs(work: () => unknown): number {
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const started = performance.now();
    work();
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)]!;
}

const pattern = servedCells(rows, incidence, k);
const table = [
  ['served programme-month', whole(pattern.count), whole(medianMs(() => servedCells(rows, incidence, 1))), whole(medianMs(() => servedCells(rows, incidence, k)))],
  [
    'one simulated draft',
    whole(simulatedCells(run, pattern, k).count),
    whole(medianMs(() => simulatedCells(run, servedCells(rows, incidence, 1), 1))),
    whole(medianMs(() => simulatedCells(run, pattern, k))),
  ],
];
console.log(`\n  small-cell patterns at k = ${k}: ${whole(byArea.size)} areas (${whole(regions.list('DISTRICT').length)} districts), median of ${rounds}:`);
printTable(['pattern', 'cells hidden', 'k = 1 ms (floor)', `k = ${k} ms`], table);
