/**
 * Case figures (issue 17, item 6; 08b_metric_cases.sql) on a small hand-made intake export:
 * the cases of a month by kind, their statuses, the ones still open and overdue, and the
 * hours to a final status, per region level and programme. Every expected figure is worked
 * out here, in the comments beside it, never read back from the SQL.
 *
 * Districts, from idn-area-data:
 *   Bali 51 > Jembrana 51.01 > Negara 51.01.01, Mendoyo 51.01.02
 *           > Tabanan 51.02  > Selemadeg 51.02.01
 *   Jawa Timur 35 > Banyuwangi 35.10 > Pesanggaran 35.10.01
 * Percentiles interpolate (quantileExactInclusive): the p-quantile of n sorted values sits at
 * position p (n - 1), counting from 0, between the two values around it.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { loadRegions, type Regions } from '@tepat/core';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import {
  breachedInvariants,
  caseFigures,
  CaseFiguresNotBuilt,
  folderSources,
  InvariantError,
  MetricReader,
  openEngine,
  refresh,
  STATUSES_OF_KIND,
  type Build,
  type CaseKind,
  type Engine,
  type KindFigures,
} from './index.js';

const NEGARA = '51.01.01';
const MENDOYO = '51.01.02';
const SELEMADEG = '51.02.01';
const PESANGGARAN = '35.10.01';
const UNKNOWN = ''; // a NIK population did not know: no village, so no district

/** The build's day: complaints still open after their due day are overdue on it. */
const AS_OF = '2026-12-10';

let root: string;
let engine: Engine;
let regions: Regions;
beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'tepat-case-figures-'));
  engine = await openEngine({ dir: join(root, 'clickhouse') });
  regions = await loadRegions();
});
afterAll(async () => {
  await engine?.close();
  rmSync(root, { recursive: true, force: true });
});

/** A row of intake/cases.csv as intake exports it (subgraphs/intake/src/exports.ts): instants in UTC. */
function kase(
  id: number,
  kind: CaseKind,
  status: string,
  program: string,
  district: string,
  filedAt: string,
  closedAt = '',
  dueOn = '',
): string {
  return [id, kind, status, program, district, filedAt, closedAt, dueOn].join(',');
}

/** Refreshes from a folder with these cases (and the programmes a filter may name); returns the build. */
async function build(cases: string[], asOf = AS_OF): Promise<Build> {
  const dir = mkdtempSync(join(root, 'sources-'));
  const files = {
    'intake/cases.csv': ['id,kind,status,program,district_code,filed_at,closed_at,due_on', ...cases],
    'aid/programs.csv': ['code,name,unit,rule_set', 'BANSOS_JEMBRANA,Bansos Jembrana,PERSON,IBAN', 'BLT,Bantuan Langsung Tunai,PERSON,DTKS', 'PKH,Program Keluarga Harapan,FAMILY,DTKS'],
  };
  for (const [path, rows] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), rows.join('\n') + '\n');
  }
  return refresh(engine, { sources: folderSources(dir), asOf });
}

/** A kind's figures as expected: the counts given, zero for every other status, no hours unless given. */
function expected(kind: CaseKind, figures: Partial<Omit<KindFigures, 'kind' | 'byStatus'>> & { statuses?: Record<string, number> }): KindFigures {
  const { statuses = {}, ...rest } = figures;
  return {
    kind,
    filed: 0,
    stillOpen: 0,
    concluded: 0,
    overdue: 0,
    medianHours: null,
    p90Hours: null,
    ...rest,
    byStatus: STATUSES_OF_KIND[kind].map((status) => ({ status, cases: statuses[status] ?? 0 })),
  };
}

/** Hours are sums of floating-point fractions: compared to a microsecond's worth of an hour. */
function rounded(kinds: KindFigures[]): KindFigures[] {
  const round = (h: number | null) => (h === null ? null : Math.round(h * 1e6) / 1e6);
  return kinds.map((k) => ({ ...k, medianHours: round(k.medianHours), p90Hours: round(k.p90Hours) }));
}

// =================================================================================
// Twenty-three cases of November and December 2026, read on 10 December.
// =================================================================================

const CASES = [
  // Applications. I-BAN decides at once: filed and decided in the same instant, 0 hours.
  kase(1, 'APPLICATION', 'ACCEPTED', 'BANSOS_JEMBRANA', NEGARA, '2026-12-01 01:00:00.000', '2026-12-01 01:00:00.000'),
  kase(2, 'APPLICATION', 'REJECTED', 'BANSOS_JEMBRANA', NEGARA, '2026-12-01 02:00:00.000', '2026-12-01 02:00:00.000'),
  // A source was down: PENDING, still open.
  kase(3, 'APPLICATION', 'PENDING', 'BANSOS_JEMBRANA', NEGARA, '2026-12-02 03:00:00.000'),
  // Pending, then decided again when the sources answered 6 hours later.
  kase(4, 'APPLICATION', 'ACCEPTED', 'BANSOS_JEMBRANA', MENDOYO, '2026-12-02 00:00:00.000', '2026-12-02 06:00:00.000'),
  // Filed in public for a NIK population does not know: rejected at once, placed nowhere.
  kase(5, 'APPLICATION', 'REJECTED', 'BLT', UNKNOWN, '2026-12-03 00:00:00.000', '2026-12-03 00:00:00.000'),
  // 17:30 UTC on 30 November is 00:30 WIB on 1 December: a December case.
  kase(6, 'APPLICATION', 'ACCEPTED', 'BLT', PESANGGARAN, '2026-11-30 17:30:00.000', '2026-11-30 17:30:00.000'),
  // A millisecond before midnight WIB: still November.
  kase(7, 'APPLICATION', 'REJECTED', 'BLT', PESANGGARAN, '2026-11-30 16:59:59.999', '2026-11-30 16:59:59.999'),
  // Community reports name no programme.
  kase(8, 'REPORT', 'REJECTED', '', NEGARA, '2026-12-01 05:00:00.000', '2026-12-01 05:00:00.000'), // family card paid: at once
  kase(9, 'REPORT', 'QUEUED', '', NEGARA, '2026-12-03 00:00:00.000'),
  kase(10, 'REPORT', 'VERIFIED', '', SELEMADEG, '2026-12-01 00:00:00.000', '2026-12-03 00:00:00.000'), // 48 h
  kase(11, 'REPORT', 'DISMISSED', '', SELEMADEG, '2026-12-02 00:00:00.000', '2026-12-02 12:00:00.000'), // 12 h
  // Complaints, each with its due day.
  kase(12, 'COMPLAINT', 'OPEN', 'BANSOS_JEMBRANA', NEGARA, '2026-12-01 00:00:00.000', '', '2026-12-09'), // overdue on the 10th
  kase(13, 'COMPLAINT', 'IN_PROGRESS', 'BANSOS_JEMBRANA', NEGARA, '2026-12-01 00:00:00.000', '', '2026-12-10'), // due today: not yet
  kase(14, 'COMPLAINT', 'RESOLVED', 'BANSOS_JEMBRANA', NEGARA, '2026-12-01 00:00:00.000', '2026-12-02 00:00:00.000', '2026-12-05'), // 24 h; past due, but resolved
  kase(15, 'COMPLAINT', 'CLOSED', 'BLT', MENDOYO, '2026-12-01 00:00:00.000', '2026-12-04 12:00:00.000', '2026-12-15'), // 84 h
  kase(16, 'COMPLAINT', 'RESOLVED', 'BLT', PESANGGARAN, '2026-12-01 00:00:00.000', '2026-12-01 01:30:00.000', '2026-12-15'), // 1.5 h
  kase(17, 'COMPLAINT', 'OPEN', 'BLT', UNKNOWN, '2026-12-01 00:00:00.000', '', '2026-12-08'), // overdue, placed nowhere
  kase(18, 'COMPLAINT', 'RESOLVED', 'BLT', NEGARA, '2026-12-01 00:00:00.000', '2026-12-01 10:00:00.000', '2026-12-15'), // 10 h
  // Usul-sanggah (issue 18) names no programme; an objection is due in 14 days, then expires.
  kase(19, 'PROPOSAL', 'QUEUED', '', NEGARA, '2026-12-04 00:00:00.000'),
  kase(20, 'PROPOSAL', 'ACCEPTED', '', SELEMADEG, '2026-12-04 00:00:00.000', '2026-12-05 06:00:00.000'), // 30 h
  kase(21, 'OBJECTION', 'EXPIRED', '', NEGARA, '2026-11-10 00:00:00.000', '2026-11-25 00:00:00.000', '2026-11-24'), // 360 h, nobody decided
  kase(22, 'OBJECTION', 'QUEUED', '', NEGARA, '2026-12-01 00:00:00.000', '', '2026-12-09'), // overdue, not yet expired
  kase(23, 'OBJECTION', 'UPHELD', '', MENDOYO, '2026-12-02 00:00:00.000', '2026-12-03 00:00:00.000', '2026-12-16'), // 24 h
];

describe('the cases of a month, by kind, region and programme', () => {
  let served: Build;
  let metrics: MetricReader;
  const figures = async (args: { period: string; region?: string; program?: string; kind?: CaseKind }) => {
    const answer = await caseFigures(engine, served, metrics, args);
    return { ...answer, kinds: rounded(answer.kinds) };
  };

  beforeAll(async () => {
    served = await build(CASES);
    metrics = new MetricReader(engine, served.database, regions);
  });

  it('holds every invariant, and the statuses of each kind as 08b lists them', async () => {
    expect(await breachedInvariants(engine, served.database)).toEqual([]);
    const rows = await engine.query<{ kind: CaseKind; statuses: string[] }>(
      'SELECT kind, groupArray(status) AS statuses FROM (SELECT * FROM {db:Identifier}.case_status ORDER BY kind, position) GROUP BY kind',
      { db: served.database },
    );
    expect(Object.fromEntries(rows.map((r) => [r.kind, r.statuses]))).toEqual(STATUSES_OF_KIND);
  });

  it('counts December nationally: every case once, in the month it was filed in Jakarta', async () => {
    expect(await figures({ period: '2026-12' })).toEqual({
      period: '2026-12',
      region: null,
      program: null,
      asOf: AS_OF,
      kinds: [
        // 1-6 (6 filed 00:30 WIB on 1 December). Open: 3. Hours of the five concluded, sorted:
        // 0 0 0 0 6; median at 2: 0; 90th at 3.6: 0 + 0.6 × 6 = 3.6.
        expected('APPLICATION', { filed: 6, stillOpen: 1, concluded: 5, statuses: { PENDING: 1, ACCEPTED: 3, REJECTED: 2 }, medianHours: 0, p90Hours: 3.6 }),
        // 8-11. Open: 9. Hours 0 12 48; median at 1: 12; 90th at 1.8: 12 + 0.8 × 36 = 40.8.
        expected('REPORT', { filed: 4, stillOpen: 1, concluded: 3, statuses: { QUEUED: 1, VERIFIED: 1, DISMISSED: 1, REJECTED: 1 }, medianHours: 12, p90Hours: 40.8 }),
        // 12-18. Open: 12, 13, 17; overdue: 12 (due the 9th) and 17 (the 8th), not 13 (due the
        // 10th, the build's day) nor 14 (past due, but resolved). Hours 1.5 10 24 84; median at
        // 1.5: 10 + 0.5 × 14 = 17; 90th at 2.7: 24 + 0.7 × 60 = 66.
        expected('COMPLAINT', {
          filed: 7,
          stillOpen: 3,
          concluded: 4,
          overdue: 2,
          statuses: { OPEN: 2, IN_PROGRESS: 1, RESOLVED: 3, CLOSED: 1 },
          medianHours: 17,
          p90Hours: 66,
        }),
        // 19 queued, 20 accepted after 30 hours.
        expected('PROPOSAL', { filed: 2, stillOpen: 1, concluded: 1, statuses: { QUEUED: 1, ACCEPTED: 1 }, medianHours: 30, p90Hours: 30 }),
        // 22 queued past its due day (intake has not expired it yet), 23 upheld after 24 hours;
        // 21 was filed in November.
        expected('OBJECTION', { filed: 2, stillOpen: 1, concluded: 1, overdue: 1, statuses: { QUEUED: 1, UPHELD: 1 }, medianHours: 24, p90Hours: 24 }),
      ],
    });
  });

  it('counts November apart: a millisecond before midnight in Jakarta', async () => {
    // 7 alone, rejected at once.
    expect((await figures({ period: '2026-11', kind: 'APPLICATION' })).kinds).toEqual([
      expected('APPLICATION', { filed: 1, concluded: 1, statuses: { REJECTED: 1 }, medianHours: 0, p90Hours: 0 }),
    ]);
    // 21, expired after 15 days undecided: 360 hours.
    expect((await figures({ period: '2026-11', kind: 'OBJECTION' })).kinds).toEqual([
      expected('OBJECTION', { filed: 1, concluded: 1, statuses: { EXPIRED: 1 }, medianHours: 360, p90Hours: 360 }),
    ]);
    // Nothing was filed in October: zeros, and no hours.
    expect((await figures({ period: '2026-10' })).kinds).toEqual(
      (['APPLICATION', 'REPORT', 'COMPLAINT', 'PROPOSAL', 'OBJECTION'] as const).map((k) => expected(k, {})),
    );
  });

  it('rolls districts up to a regency', async () => {
    expect((await figures({ period: '2026-12', region: '51.01' })).kinds).toEqual([
      // 1, 2, 3 (Negara) and 4 (Mendoyo). Hours 0 0 6; median at 1: 0; 90th at 1.8: 0 + 0.8 × 6 = 4.8.
      expected('APPLICATION', { filed: 4, stillOpen: 1, concluded: 3, statuses: { PENDING: 1, ACCEPTED: 2, REJECTED: 1 }, medianHours: 0, p90Hours: 4.8 }),
      // 8 and 9 (Negara); 10 and 11 are in Tabanan.
      expected('REPORT', { filed: 2, stillOpen: 1, concluded: 1, statuses: { QUEUED: 1, REJECTED: 1 }, medianHours: 0, p90Hours: 0 }),
      // 12, 13, 14, 18 (Negara) and 15 (Mendoyo). Hours 10 24 84; median 24; 90th at 1.8: 24 + 0.8 × 60 = 72.
      expected('COMPLAINT', {
        filed: 5,
        stillOpen: 2,
        concluded: 3,
        overdue: 1,
        statuses: { OPEN: 1, IN_PROGRESS: 1, RESOLVED: 2, CLOSED: 1 },
        medianHours: 24,
        p90Hours: 72,
      }),
      // 19 (Negara); 20 is in Tabanan.
      expected('PROPOSAL', { filed: 1, stillOpen: 1, statuses: { QUEUED: 1 } }),
      // 22 (Negara) and 23 (Mendoyo).
      expected('OBJECTION', { filed: 2, stillOpen: 1, concluded: 1, overdue: 1, statuses: { QUEUED: 1, UPHELD: 1 }, medianHours: 24, p90Hours: 24 }),
    ]);
  });

  it('keeps one programme: its cases alone, and no reports, proposals or objections, which name none', async () => {
    expect((await figures({ period: '2026-12', region: NEGARA, program: 'BANSOS_JEMBRANA' })).kinds).toEqual([
      // 1, 2, 3. Hours 0 0.
      expected('APPLICATION', { filed: 3, stillOpen: 1, concluded: 2, statuses: { PENDING: 1, ACCEPTED: 1, REJECTED: 1 }, medianHours: 0, p90Hours: 0 }),
      expected('REPORT', {}),
      // 12, 13, 14 (18 is BLT's). Hours 24.
      expected('COMPLAINT', { filed: 3, stillOpen: 2, concluded: 1, overdue: 1, statuses: { OPEN: 1, IN_PROGRESS: 1, RESOLVED: 1 }, medianHours: 24, p90Hours: 24 }),
      expected('PROPOSAL', {}),
      expected('OBJECTION', {}),
    ]);
    // BLT nationally: applications 5 and 6; complaints 15, 16, 17, 18, hours 1.5 10 84: median
    // 10, 90th at 1.8: 10 + 0.8 × 74 = 69.2.
    expect((await figures({ period: '2026-12', program: 'BLT' })).kinds).toEqual([
      expected('APPLICATION', { filed: 2, concluded: 2, statuses: { ACCEPTED: 1, REJECTED: 1 }, medianHours: 0, p90Hours: 0 }),
      expected('REPORT', {}),
      expected('COMPLAINT', { filed: 4, stillOpen: 1, concluded: 3, overdue: 1, statuses: { OPEN: 1, RESOLVED: 2, CLOSED: 1 }, medianHours: 10, p90Hours: 69.2 }),
      expected('PROPOSAL', {}),
      expected('OBJECTION', {}),
    ]);
    // BLT in Jawa Timur: 6 and 16.
    expect((await figures({ period: '2026-12', region: '35', program: 'BLT', kind: 'COMPLAINT' })).kinds).toEqual([
      expected('COMPLAINT', { filed: 1, concluded: 1, statuses: { RESOLVED: 1 }, medianHours: 1.5, p90Hours: 1.5 }),
    ]);
  });

  it('places a case whose person population did not know in the national figures only', async () => {
    // December's applications: 6 nationally, 5 across the districts (5 has none); complaints: 7 and 6 (17).
    const rows = await engine.query<{ kind: CaseKind; level: string; filed: string }>(
      `SELECT kind, level, sum(filed) AS filed FROM {db:Identifier}.case_figures
       WHERE period = '2026-12' AND program = '' GROUP BY kind, level ORDER BY kind, level`,
      { db: served.database },
    );
    const filed = Object.fromEntries(rows.map((r) => [`${r.kind} ${r.level}`, Number(r.filed)]));
    expect(filed).toEqual({
      'APPLICATION DISTRICT': 5,
      'APPLICATION NATIONAL': 6,
      'APPLICATION PROVINCE': 5,
      'APPLICATION REGENCY': 5,
      'COMPLAINT DISTRICT': 6,
      'COMPLAINT NATIONAL': 7,
      'COMPLAINT PROVINCE': 6,
      'COMPLAINT REGENCY': 6,
      'OBJECTION DISTRICT': 2,
      'OBJECTION NATIONAL': 2,
      'OBJECTION PROVINCE': 2,
      'OBJECTION REGENCY': 2,
      'PROPOSAL DISTRICT': 2,
      'PROPOSAL NATIONAL': 2,
      'PROPOSAL PROVINCE': 2,
      'PROPOSAL REGENCY': 2,
      'REPORT DISTRICT': 4,
      'REPORT NATIONAL': 4,
      'REPORT PROVINCE': 4,
      'REPORT REGENCY': 4,
    });
  });

  it('names what is wrong with an argument', async () => {
    const wrong = async (args: Parameters<typeof caseFigures>[3]) => {
      const error = (await caseFigures(engine, served, metrics, args).catch((e: unknown) => e)) as { extensions?: { code: string; argument: string } };
      return error.extensions;
    };
    expect(await wrong({ period: '2026-13' })).toEqual({ code: 'BAD_USER_INPUT', argument: 'period' });
    // After the build's month: nothing can have been counted yet, which zeros would hide.
    expect(await wrong({ period: '2027-01' })).toEqual({ code: 'BAD_USER_INPUT', argument: 'period' });
    expect(await wrong({ period: '2026-12', region: '51.01.01.2001' })).toEqual({ code: 'BAD_USER_INPUT', argument: 'region' });
    expect(await wrong({ period: '2026-12', program: 'NOPE' })).toEqual({ code: 'BAD_USER_INPUT', argument: 'program' });
    // A build made before intake's cases were staged has no case figures to read.
    await expect(caseFigures(engine, { ...served, sources: {} }, metrics, { period: '2026-12' })).rejects.toBeInstanceOf(CaseFiguresNotBuilt);
  });
});

describe('the build’s day', () => {
  it('is the day overdue is counted on', async () => {
    // A day earlier, 12 (due the 9th) is not yet overdue; 17 (due the 8th) is. Nor is objection 22 (due the 9th).
    const served = await build(CASES, '2026-12-09');
    const { asOf, kinds } = await caseFigures(engine, served, new MetricReader(engine, served.database, regions), { period: '2026-12', kind: 'COMPLAINT' });
    expect(asOf).toBe('2026-12-09');
    expect(kinds[0]).toMatchObject({ stillOpen: 3, overdue: 1 });
    const objections = await caseFigures(engine, served, new MetricReader(engine, served.database, regions), { period: '2026-12', kind: 'OBJECTION' });
    expect(objections.kinds[0]).toMatchObject({ stillOpen: 1, overdue: 0 });
  });
});

describe('a build whose cases break an invariant', () => {
  it.each([
    ['no case reached its final status before it was filed', kase(1, 'COMPLAINT', 'RESOLVED', 'BLT', NEGARA, '2026-12-02 00:00:00.000', '2026-12-01 23:00:00.000')],
    ['every case is in a status its kind has', kase(1, 'REPORT', 'RESOLVED', '', NEGARA, '2026-12-01 00:00:00.000', '2026-12-01 01:00:00.000')],
    ['every case is in a status its kind has', kase(1, 'COMPLAINT', 'RESOLVED', 'BLT', NEGARA, '2026-12-01 00:00:00.000')],
    ['every case is in a status its kind has', kase(1, 'APPLICATION', 'PENDING', 'BLT', NEGARA, '2026-12-01 00:00:00.000', '2026-12-01 01:00:00.000')],
  ])('is not served: %s', async (invariant, row) => {
    const error = await build([row]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvariantError);
    expect((error as Error).message).toContain(invariant);
  });
});

describe('figures that do not add up', () => {
  // Each row is added to a fresh build of CASES, as a step gone wrong would write it.
  it.each([
    // December has no NATIONAL application row for every programme with 7 cases: the facts say 6.
    ['the national figures of every programme together count every case once', "('APPLICATION', '', '2026-09', 'NATIONAL', '', 1, 1, 0, 0)"],
    // A second Negara row for December's applications: the districts would count 6, the nation less 5's 5.
    ['each level below the nation counts every case with a district once', "('APPLICATION', '', '2026-12', 'DISTRICT', '51.01.01', 1, 1, 0, 0)"],
    // BLT's Tabanan reports outnumber all of Tabanan's reports (2).
    ["a programme's cases are among those of every programme together", "('REPORT', 'BLT', '2026-12', 'REGENCY', '51.02', 5, 5, 0, 0)"],
    // One case open and one concluded, but one filed.
    ['the cases of a figure are open or final', "('COMPLAINT', 'PKH', '2026-12', 'NATIONAL', '', 1, 1, 1, 0)"],
    // More overdue than open.
    ['the cases of a figure are open or final', "('COMPLAINT', 'PKH', '2026-12', 'NATIONAL', '', 1, 1, 0, 2)"],
  ])('breaks: %s', async (invariant, values) => {
    const { database } = await build(CASES);
    await engine.command(
      `INSERT INTO {db:Identifier}.case_figures (kind, program, period, level, region, filed, still_open, concluded, overdue) VALUES ${values}`,
      { db: database },
    );
    expect((await breachedInvariants(engine, database)).map((b) => b.invariant)).toContainEqual(expect.stringContaining(invariant));
  });

  it('breaks when hours are given for a row with no concluded case', async () => {
    const { database } = await build(CASES);
    await engine.command(
      `INSERT INTO {db:Identifier}.case_figures (kind, program, period, level, region, filed, still_open, concluded, status_open, median_hours, p90_hours) VALUES
         ('COMPLAINT', 'PKH', '2026-12', 'NATIONAL', '', 1, 1, 0, 1, 2, 3)`,
      { db: database },
    );
    const invariant = 'hours to a final status are given exactly when a case has one';
    expect((await breachedInvariants(engine, database)).map((b) => b.invariant)).toContainEqual(expect.stringContaining(invariant));
  });
});
