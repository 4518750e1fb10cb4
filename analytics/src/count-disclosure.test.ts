/**
 * Which case figures and data-quality counts an analyst may not see (count-disclosure.ts), on
 * hand-made rows of the build's tables; k is 10 throughout. Every expectation is worked out in
 * the comment beside it: what a reader could add or subtract from what stays shown.
 */
import { describe, expect, it } from '@jest/globals';
import { STATUSES_OF_KIND, type CaseFigures, type CaseKind, type KindFigures } from './case-figures.js';
import { caseFigureCells, qualityCountCells, showCaseFigures, showQualityCounts } from './count-disclosure.js';
import type { QualityCounts, QualityKind } from './quality.js';

const K = 10;

/** A row of case_figures: counts by status; filed, still open and concluded follow from them. */
function caseRow(level: string, region: string, program: string, kind: CaseKind, statuses: Record<string, number>, overdue = 0) {
  const open = ['PENDING', 'QUEUED', 'OPEN', 'IN_PROGRESS'];
  const sum = (keep: (s: string) => boolean) => Object.entries(statuses).reduce((n, [s, c]) => n + (keep(s) ? c : 0), 0);
  const row: Record<string, string> & Record<'level' | 'region' | 'program' | 'kind', string> = { level, region, program, kind };
  row.filed = String(sum(() => true));
  row.still_open = String(sum((s) => open.includes(s)));
  row.concluded = String(sum((s) => !open.includes(s)));
  row.overdue = String(overdue);
  for (const status of STATUSES_OF_KIND[kind]) row[`status_${status.toLowerCase()}`] = String(statuses[status] ?? 0);
  return row;
}

/** The figures caseFigures would give for one of those rows. */
function figuresOf(row: ReturnType<typeof caseRow>, program: string | null): CaseFigures {
  const kind = row.kind as CaseKind;
  const kindFigures: KindFigures = {
    kind,
    filed: Number(row.filed),
    stillOpen: Number(row.still_open),
    concluded: Number(row.concluded),
    overdue: Number(row.overdue),
    byStatus: STATUSES_OF_KIND[kind].map((status) => ({ status, cases: Number(row[`status_${status.toLowerCase()}`]) })),
    medianHours: 30,
    p90Hours: 70,
  };
  return { period: '2026-11', region: row.region || null, program, asOf: '2026-12-01', kinds: [kindFigures] };
}

describe('case figures an analyst may see', () => {
  it('hides a status under k and the one that would give it away, and keeps the sums', () => {
    // 50 accepted and 3 rejected: the 3 go, and so do the 50, or 53 filed less 50 gives them away.
    const row = caseRow('NATIONAL', '', '', 'APPLICATION', { ACCEPTED: 50, REJECTED: 3 });
    const shown = showCaseFigures(figuresOf(row, null), caseFigureCells([row], K), 'NATIONAL ');
    expect(shown.kinds[0]).toEqual({
      kind: 'APPLICATION',
      filed: 53,
      stillOpen: 0,
      concluded: 53,
      overdue: 0,
      byStatus: [
        { status: 'PENDING', cases: 0 },
        { status: 'ACCEPTED', cases: null },
        { status: 'REJECTED', cases: null },
      ],
      medianHours: 30,
      p90Hours: 70,
      suppressed: true,
    });
  });

  it('hides a programme that every programme less a small one would give away, with its hours', () => {
    // Nationally 60 applications: 55 for BANSOS_JEMBRANA, 5 for BLT. BLT's 5 go; so do
    // BANSOS_JEMBRANA's 55, or 60 less 55 gives them away; every programme's 60 stays.
    const rows = [
      caseRow('NATIONAL', '', '', 'APPLICATION', { ACCEPTED: 60 }),
      caseRow('NATIONAL', '', 'BANSOS_JEMBRANA', 'APPLICATION', { ACCEPTED: 55 }),
      caseRow('NATIONAL', '', 'BLT', 'APPLICATION', { ACCEPTED: 5 }),
    ];
    const cells = caseFigureCells(rows, K);
    const [all, jembrana, blt] = rows.map((row) => showCaseFigures(figuresOf(row, row.program || null), cells, 'NATIONAL ').kinds[0]!);
    expect(all).toMatchObject({ filed: 60, concluded: 60, medianHours: 30, suppressed: false });
    for (const programme of [jembrana, blt]) {
      expect(programme).toMatchObject({ filed: null, concluded: null, medianHours: null, p90Hours: null, suppressed: true });
    }
  });

  it('hides a district that its regency less a small sibling would give away', () => {
    // Jembrana's 43 complaints resolved: 40 in Negara, 3 in Mendoyo.
    const rows = [
      caseRow('REGENCY', '51.01', '', 'COMPLAINT', { RESOLVED: 43 }),
      caseRow('DISTRICT', '51.01.01', '', 'COMPLAINT', { RESOLVED: 40 }),
      caseRow('DISTRICT', '51.01.02', '', 'COMPLAINT', { RESOLVED: 3 }),
    ];
    const cells = caseFigureCells(rows, K);
    expect(showCaseFigures(figuresOf(rows[0]!, null), cells, 'REGENCY 51.01').kinds[0]).toMatchObject({ filed: 43, suppressed: false });
    expect(showCaseFigures(figuresOf(rows[1]!, null), cells, 'DISTRICT 51.01.01').kinds[0]).toMatchObject({ filed: null, suppressed: true });
    expect(showCaseFigures(figuresOf(rows[2]!, null), cells, 'DISTRICT 51.01.02').kinds[0]).toMatchObject({ filed: null, suppressed: true });
  });

  it('publishes zeros, and withholds the hours with the concluded count', () => {
    // Two complaints, one open (and overdue), one resolved: every count of them but the zeros goes.
    const row = caseRow('NATIONAL', '', '', 'COMPLAINT', { OPEN: 1, RESOLVED: 1 }, 1);
    const shown = showCaseFigures(figuresOf(row, null), caseFigureCells([row], K), 'NATIONAL ');
    expect(shown.kinds[0]).toEqual({
      kind: 'COMPLAINT',
      filed: null,
      stillOpen: null,
      concluded: null,
      overdue: null,
      byStatus: [
        { status: 'OPEN', cases: null },
        { status: 'IN_PROGRESS', cases: 0 },
        { status: 'RESOLVED', cases: null },
        { status: 'CLOSED', cases: 0 },
      ],
      medianHours: null,
      p90Hours: null,
      suppressed: true,
    });
    // At k 0, as an auditor and an admin read, nothing is hidden.
    const none = caseFigureCells([row], 0);
    expect(none.count).toBe(0);
    expect(showCaseFigures(figuresOf(row, null), none, 'NATIONAL ').kinds[0]).toMatchObject({ filed: 2, overdue: 1, medianHours: 30, suppressed: false });
  });
});

describe('data-quality counts an analyst may see', () => {
  const row = (level: string, region: string, kind: QualityKind, items: number) => ({ level, region, kind, items: String(items) });
  // Bontang: 40 ghosts in one village, 12 in another; 2 dead DTKS members in the second.
  const rows = [
    row('NATIONAL', '', 'GHOST', 52),
    row('NATIONAL', '', 'DECEASED_ACTIVE', 2),
    row('PROVINCE', '64', 'GHOST', 52),
    row('PROVINCE', '64', 'DECEASED_ACTIVE', 2),
    row('REGENCY', '64.74', 'GHOST', 52),
    row('REGENCY', '64.74', 'DECEASED_ACTIVE', 2),
    row('DISTRICT', '64.74.01', 'GHOST', 52),
    row('DISTRICT', '64.74.01', 'DECEASED_ACTIVE', 2),
    row('VILLAGE', '64.74.01.1001', 'GHOST', 40),
    row('VILLAGE', '64.74.01.1002', 'GHOST', 12),
    row('VILLAGE', '64.74.01.1002', 'DECEASED_ACTIVE', 2),
  ];
  const cells = qualityCountCells(rows, K);
  const counts = (level: QualityCounts['level'], region: string, byKind: Partial<Record<QualityKind, number>>): QualityCounts => {
    const kinds = (['DECEASED_ACTIVE', 'STALE_KK', 'GHOST', 'CIVIL_SERVANT', 'PAID_TWICE'] as const).map((kind) => ({ kind, items: byKind[kind] ?? 0 }));
    return { region, name: region, level, total: kinds.reduce((n, k) => n + k.items, 0), byKind: kinds };
  };

  it('hides a small kind and the one beside it that would give it away', () => {
    // The nation's 2 dead members go; so do its 52 ghosts, or 54 less 52 gives the 2 away.
    const nation = showQualityCounts(counts('NATIONAL', '', { GHOST: 52, DECEASED_ACTIVE: 2 }), cells);
    expect(nation).toMatchObject({ total: 54, suppressed: true });
    expect(nation.byKind).toEqual([
      { kind: 'DECEASED_ACTIVE', items: null, suppressed: true },
      { kind: 'STALE_KK', items: 0, suppressed: false },
      { kind: 'GHOST', items: null, suppressed: true },
      { kind: 'CIVIL_SERVANT', items: 0, suppressed: false },
      { kind: 'PAID_TWICE', items: 0, suppressed: false },
    ]);
    // Villages too: the second village's 2 dead members go.
    const second = showQualityCounts(counts('VILLAGE', '64.74.01.1002', { GHOST: 12, DECEASED_ACTIVE: 2 }), cells);
    expect(second.byKind.find((k) => k.kind === 'DECEASED_ACTIVE')).toEqual({ kind: 'DECEASED_ACTIVE', items: null, suppressed: true });
  });

  it('hides a village that its district less a small sibling village would give away', () => {
    // 43 ghosts in Bontang Selatan: 40 in one village, 3 in another.
    const villages = [row('DISTRICT', '64.74.01', 'GHOST', 43), row('VILLAGE', '64.74.01.1001', 'GHOST', 40), row('VILLAGE', '64.74.01.1002', 'GHOST', 3)];
    const villageCells = qualityCountCells(villages, K);
    expect(showQualityCounts(counts('DISTRICT', '64.74.01', { GHOST: 43 }), villageCells)).toMatchObject({ total: 43, suppressed: false });
    expect(showQualityCounts(counts('VILLAGE', '64.74.01.1001', { GHOST: 40 }), villageCells)).toMatchObject({ total: null, suppressed: true });
    expect(showQualityCounts(counts('VILLAGE', '64.74.01.1002', { GHOST: 3 }), villageCells)).toMatchObject({ total: null, suppressed: true });
  });

  it('hides nothing at k 0', () => {
    const shown = showQualityCounts(counts('NATIONAL', '', { GHOST: 52, DECEASED_ACTIVE: 2 }), qualityCountCells(rows, 0));
    expect(shown).toMatchObject({ total: 54, suppressed: false });
  });
});
