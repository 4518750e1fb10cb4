// Case figures (issue 17, item 6) through the real gateway: applications, reports, complaints
// and usul-sanggah filed and worked through the intake workflows, the analytics build refreshed from the subgraphs' databases, and the
// figures read back as an admin sees them: per kind, region and programme, with their outcomes,
// the overdue complaints and the hours to a final status; as an analyst with every figure under
// k withheld (API.md, Small cells); refused to every role that may not read aggregates.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Build } from '@tepat/analytics';
import { todayInJakarta } from '@tepat/core';
import { daysBefore } from '@tepat/rules';
import { jakartaDayOfTheRun } from './support/day.js';
import { csv, startFederatedHub, type As, type FederatedHub } from './support/federated-hub.js';

const TODAY = await jakartaDayOfTheRun();
const ago = (days: number) => daysBefore(TODAY, days);

// Jembrana (I-BAN, programme BANSOS_JEMBRANA): Negara 51.01.01 and Mendoyo 51.01.02.
const MADE = '5101011505800001'; // vaccinated, never aided, in Negara: eligible
const DEWA = '5101010303750003'; // never vaccinated, in Negara: ineligible
const KADEK = '5101020404790004'; // vaccinated, in Mendoyo: eligible
// Banyuwangi, Pesanggaran 35.10.01.
const BUDI = '3510010404800001'; // his wife was paid by BLT 30 days ago
const SITI = '3510014505820002';
const SLAMET = '3510010606600003'; // nobody on his card was paid; in DTKS, objected to by Parto
const PARTO = '3510010808700005'; // nobody on his card was paid
const UNKNOWN = '3301010505900009'; // not in population

const PUBLIC: As = 'PUBLIC';
const ANALYST: As = { role: 'ANALYST', subject: 'analyst-kemensos' };
// Sees every figure: this hub's cases are fewer than the small-cell k (10) an analyst is held to.
const ADMIN: As = { role: 'ADMIN', subject: 'admin' };
const FACILITATOR: As = { role: 'FACILITATOR', region: '51.01', subject: 'pendamping-jembrana' };
const DESK_JEMBRANA: As = { role: 'OPERATOR', region: '51.01', subject: 'posko-jembrana' };
const OPERATOR_BANYUWANGI: As = { role: 'OPERATOR', region: '35.10', subject: 'operator-banyuwangi' };

let hub: FederatedHub;
let requests = 0;
const requestId = () => `figures-${++requests}`;

/** What a case's mutation answered last: its kind, status and instants. */
interface Filed {
  receipt: string;
  kind: 'APPLICATION' | 'REPORT' | 'COMPLAINT' | 'PROPOSAL' | 'OBJECTION';
  caseStatus: string;
  filedAt: string;
  closedAt: string | null;
}
const CASE = 'receipt kind caseStatus filedAt closedAt';
const cases = new Map<string, Filed>();

async function send(query: string, variables: Record<string, unknown>, as: As): Promise<Filed> {
  const { data, errors } = await hub.query(query, { ...variables, id: requestId() }, as);
  expect(errors).toBeUndefined();
  const kase = Object.values(data)[0] as Filed;
  cases.set(kase.receipt, kase);
  return kase;
}

const apply = (nik: string, name: string, as: As) =>
  send(`mutation ($nik: String!, $name: String!, $id: String!) { submitApplication(program: "BANSOS_JEMBRANA", nik: $nik, name: $name, requestId: $id) { ${CASE} } }`, { nik, name }, as);
const report = (nik: string, name: string) =>
  send(`mutation ($nik: String!, $name: String!, $id: String!) { submitReport(nik: $nik, name: $name, reason: "Tidak mampu", requestId: $id) { ${CASE} } }`, { nik, name }, PUBLIC);
const complain = (nik: string, name: string, program: string, as: As) =>
  send(
    `mutation ($nik: String!, $name: String!, $program: String!, $id: String!) {
      submitComplaint(nik: $nik, name: $name, program: $program, category: NOT_RECEIVED, description: "Belum diterima", requestId: $id) { ticket ${CASE} }
    }`,
    { nik, name, program },
    as,
  );
const propose = (nik: string, name: string) =>
  send(
    `mutation ($nik: String!, $name: String!, $id: String!) { submitProposal(nik: $nik, name: $name, submitterNik: "${SITI}", reason: "Tidak mampu", requestId: $id) { ${CASE} } }`,
    { nik, name },
    PUBLIC,
  );
const object = (nik: string, submitterNik: string) =>
  send(`mutation ($nik: String!, $s: String!, $id: String!) { submitObjection(nik: $nik, submitterNik: $s, reason: MAMPU, requestId: $id) { ${CASE} } }`, { nik, s: submitterNik }, PUBLIC);
/** An operator's move: `operation(<target>: receipt, <note>: "…")`. */
const move = (operation: string, target: 'receipt' | 'ticket', note: 'note' | 'resolution' | 'reason', receipt: string, as: As) =>
  send(`mutation ($r: String!, $id: String!) { ${operation}(${target}: $r, ${note}: "Sudah ditindaklanjuti", requestId: $id) { ${CASE} } }`, { r: receipt }, as);

const FIGURES = `query ($period: String!, $region: String, $program: String, $kind: CaseKind) {
  caseFigures(period: $period, region: $region, program: $program, kind: $kind) {
    period region program asOf
    kinds { kind filed stillOpen concluded overdue byStatus { status cases } medianHours p90Hours suppressed }
  }
}`;

/** The p-quantile of the values, interpolated between the two nearest (position p (n - 1) from 0). */
function quantile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const at = p * (sorted.length - 1);
  const below = sorted[Math.floor(at)]!;
  return below + (at - Math.floor(at)) * (sorted[Math.ceil(at)]! - below);
}

/** Hours from filing to the final status of the recorded cases of a kind that reached one. */
function hoursOf(kind: Filed['kind'], receipts: string[]): number[] {
  return receipts
    .map((r) => cases.get(r)!)
    .filter((c) => c.kind === kind && c.closedAt !== null)
    .map((c) => (Date.parse(c.closedAt!) - Date.parse(c.filedAt)) / 3_600_000);
}

let month: string;
let build: Build;
const receipts: Record<string, string> = {};

beforeAll(async () => {
  hub = await startFederatedHub({ analytics: true });
  await hub.load({
    'population/persons.csv': csv([
      'nik,kk,full_name,sex,birth_date,relationship,village_code,death_date',
      `${MADE},5101010101100001,I Made Sutama,L,1980-05-15,HEAD,51.01.01.2001,`,
      `${DEWA},5101010101100003,I Dewa Gede,L,1975-03-03,HEAD,51.01.01.2001,`,
      `${KADEK},5101020101100004,I Kadek Arta,L,1979-04-04,HEAD,51.01.02.2001,`,
      `${BUDI},3510010101100001,Budi Santoso,L,1980-04-04,HEAD,35.10.01.2001,`,
      `${SITI},3510010101100001,Siti Aminah,P,1982-05-05,SPOUSE,35.10.01.2001,`,
      `${SLAMET},3510010101100002,Slamet,L,1960-06-06,HEAD,35.10.01.2001,`,
      `${PARTO},3510010101100003,Parto,L,1970-08-08,HEAD,35.10.01.2001,`,
    ]),
    'dtks/members.csv': csv(['nik,kk,decile,status,status_reason,updated_on', `${SLAMET},3510010101100002,3,ACTIVE,,2024-01-01`]),
    'vaccination/doses.csv': csv(['nik,dose,vaccine,administered_on', `${MADE},1,SINOVAC,2021-07-01`, `${KADEK},1,SINOVAC,2021-07-01`]),
    'aid/programs.csv': csv(['code,name,unit,rule_set', 'BANSOS_JEMBRANA,Bantuan Sosial Kabupaten Jembrana,PERSON,IBAN', 'BLT,Bantuan Langsung Tunai,PERSON,DTKS']),
    'aid/disbursements.csv': csv([
      'id,program_code,nik,kk,period,amount_idr,disbursed_on,district_code',
      `D1,BLT,${SITI},3510010101100001,${ago(30).slice(0, 7)},300000,${ago(30)},35.10.01`,
    ]),
  });

  // Applications, decided at once: two accepted, two rejected (one for a NIK population does not know).
  receipts.a1 = (await apply(MADE, 'I Made Sutama', PUBLIC)).receipt;
  receipts.a2 = (await apply(DEWA, 'I Dewa Gede', PUBLIC)).receipt;
  receipts.a3 = (await apply(KADEK, 'I Kadek Arta', FACILITATOR)).receipt;
  receipts.a4 = (await apply(UNKNOWN, 'Siapa Saja', PUBLIC)).receipt;
  // Reports: one rejected at once (the family card was paid), one verified, one left in the queue.
  receipts.r1 = (await report(BUDI, 'Budi Santoso')).receipt;
  receipts.r2 = (await report(SLAMET, 'Slamet')).receipt;
  receipts.r3 = (await report(PARTO, 'Parto')).receipt;
  await move('verifyReport', 'receipt', 'note', receipts.r2, OPERATOR_BANYUWANGI);
  // Complaints: resolved, closed, overdue, in progress, and one for BLT in Banyuwangi.
  receipts.c1 = (await complain(MADE, 'I Made Sutama', 'BANSOS_JEMBRANA', DESK_JEMBRANA)).receipt;
  receipts.c2 = (await complain(DEWA, 'I Dewa Gede', 'BANSOS_JEMBRANA', PUBLIC)).receipt;
  receipts.c3 = (await complain(KADEK, 'I Kadek Arta', 'BANSOS_JEMBRANA', FACILITATOR)).receipt;
  receipts.c4 = (await complain(MADE, 'I Made Sutama', 'BANSOS_JEMBRANA', PUBLIC)).receipt;
  receipts.c5 = (await complain(SLAMET, 'Slamet', 'BLT', PUBLIC)).receipt;
  await move('startComplaint', 'ticket', 'note', receipts.c1, DESK_JEMBRANA);
  await move('resolveComplaint', 'ticket', 'resolution', receipts.c1, DESK_JEMBRANA);
  await move('closeComplaint', 'ticket', 'reason', receipts.c2, DESK_JEMBRANA);
  await move('startComplaint', 'ticket', 'note', receipts.c4, DESK_JEMBRANA);
  // Usul-sanggah (issue 18): a proposal left in the queue, one rejected, an objection by a neighbour dismissed.
  receipts.p1 = (await propose(PARTO, 'Parto')).receipt;
  receipts.p2 = (await propose(BUDI, 'Budi Santoso')).receipt;
  await move('rejectProposal', 'receipt', 'reason', receipts.p2, OPERATOR_BANYUWANGI);
  receipts.o1 = (await object(SLAMET, PARTO)).receipt;
  await move('dismissObjection', 'receipt', 'reason', receipts.o1, OPERATOR_BANYUWANGI);
  // As if c3 had been filed fifteen days ago: its due day was yesterday.
  await hub.subgraphs.intake.db.sql.query('UPDATE intake_case SET due_on = $1 WHERE receipt = $2', [ago(1), receipts.c3]);

  // Every case of this test was filed in one month in Jakarta (a run across midnight at a month's end would split them).
  const months = new Set([...cases.values()].map((c) => todayInJakarta(new Date(c.filedAt)).slice(0, 7)));
  expect(months.size).toBe(1);
  month = [...months][0]!;
}, 300_000);
afterAll(() => hub?.close());

/** A kind's figures as expected: the counts given, zero for every other status of the kind. */
function kind(name: Filed['kind'], figures: { filed: number; stillOpen: number; concluded: number; overdue?: number; statuses: Record<string, number> }, hours: number[]) {
  const order = {
    APPLICATION: ['PENDING', 'ACCEPTED', 'REJECTED'],
    REPORT: ['QUEUED', 'VERIFIED', 'DISMISSED', 'REJECTED'],
    COMPLAINT: ['OPEN', 'IN_PROGRESS', 'RESOLVED', 'CLOSED'],
    PROPOSAL: ['QUEUED', 'ACCEPTED', 'REJECTED'],
    OBJECTION: ['QUEUED', 'UPHELD', 'DISMISSED', 'EXPIRED'],
  }[name];
  return {
    kind: name,
    filed: figures.filed,
    stillOpen: figures.stillOpen,
    concluded: figures.concluded,
    overdue: figures.overdue ?? 0,
    byStatus: order.map((status) => ({ status, cases: figures.statuses[status] ?? 0 })),
    medianHours: hours.length === 0 ? null : expect.closeTo(quantile(hours, 0.5), 12),
    p90Hours: hours.length === 0 ? null : expect.closeTo(quantile(hours, 0.9), 12),
    suppressed: false,
  };
}

describe('case figures through the gateway', () => {
  it('are ANALYTICS_NOT_BUILT before the first refresh, as every metric is (API.md), saying how to build', async () => {
    const simulation = `{ simulateRuleSet(program: "BLT", period: "2025-01", draft: { code: "DTKS", name: "x", checks: ["IDENTITY"] }) { entering } }`;
    for (const query of [FIGURES, '{ targetingAccuracy(program: "BLT", period: "2025-01") { recipients } }', simulation]) {
      const { errors } = await hub.query(query, { period: month }, ANALYST);
      expect(errors?.[0]).toMatchObject({ message: expect.stringContaining('npx tepat analytics refresh'), extensions: { code: 'ANALYTICS_NOT_BUILT' } });
    }
  });

  it('count every case filed this month nationally, by kind and status, with the hours to a final status', async () => {
    build = await hub.refreshAnalytics();
    expect(build.sources['intake/cases.csv']).toBe(15);
    const all = Object.values(receipts);
    const { data, errors } = await hub.query(FIGURES, { period: month }, ADMIN);
    expect(errors).toBeUndefined();
    expect(data.caseFigures).toEqual({
      period: month,
      region: null,
      program: null,
      asOf: build.asOf,
      kinds: [
        // a1 and a3 accepted, a2 and a4 rejected, all at once (0 hours).
        kind('APPLICATION', { filed: 4, stillOpen: 0, concluded: 4, statuses: { ACCEPTED: 2, REJECTED: 2 } }, hoursOf('APPLICATION', all)),
        // r1 rejected at once, r2 verified, r3 queued.
        kind('REPORT', { filed: 3, stillOpen: 1, concluded: 2, statuses: { REJECTED: 1, VERIFIED: 1, QUEUED: 1 } }, hoursOf('REPORT', all)),
        // c1 resolved, c2 closed, c4 in progress, c3 and c5 open; c3 past its due day.
        kind('COMPLAINT', { filed: 5, stillOpen: 3, concluded: 2, overdue: 1, statuses: { OPEN: 2, IN_PROGRESS: 1, RESOLVED: 1, CLOSED: 1 } }, hoursOf('COMPLAINT', all)),
        // p1 queued, p2 rejected.
        kind('PROPOSAL', { filed: 2, stillOpen: 1, concluded: 1, statuses: { QUEUED: 1, REJECTED: 1 } }, hoursOf('PROPOSAL', all)),
        // o1 dismissed.
        kind('OBJECTION', { filed: 1, stillOpen: 0, concluded: 1, statuses: { DISMISSED: 1 } }, hoursOf('OBJECTION', all)),
      ],
    });
    expect(hoursOf('APPLICATION', all)).toEqual([0, 0, 0, 0]);
  });

  it('count a region and a programme, and a case whose person population did not know only nationally', async () => {
    // Jembrana: a1, a2, a3 (a4 has no village); no reports; c1-c4; the usul-sanggah are Banyuwangi's.
    const jembrana = await hub.query(FIGURES, { period: month, region: '51.01' }, ADMIN);
    const regency = [receipts.a1!, receipts.a2!, receipts.a3!, receipts.c1!, receipts.c2!, receipts.c3!, receipts.c4!];
    expect(jembrana.data.caseFigures.kinds).toEqual([
      kind('APPLICATION', { filed: 3, stillOpen: 0, concluded: 3, statuses: { ACCEPTED: 2, REJECTED: 1 } }, hoursOf('APPLICATION', regency)),
      kind('REPORT', { filed: 0, stillOpen: 0, concluded: 0, statuses: {} }, []),
      kind('COMPLAINT', { filed: 4, stillOpen: 2, concluded: 2, overdue: 1, statuses: { OPEN: 1, IN_PROGRESS: 1, RESOLVED: 1, CLOSED: 1 } }, hoursOf('COMPLAINT', regency)),
      kind('PROPOSAL', { filed: 0, stillOpen: 0, concluded: 0, statuses: {} }, []),
      kind('OBJECTION', { filed: 0, stillOpen: 0, concluded: 0, statuses: {} }, []),
    ]);
    // Negara's I-BAN cases: a1 and a2; c1, c2 and c4 (c3 is Mendoyo's).
    const negara = await hub.query(FIGURES, { period: month, region: '51.01.01', program: 'BANSOS_JEMBRANA', kind: 'COMPLAINT' }, ADMIN);
    expect(negara.data.caseFigures).toMatchObject({ region: '51.01.01', program: 'BANSOS_JEMBRANA' });
    expect(negara.data.caseFigures.kinds).toEqual([
      kind('COMPLAINT', { filed: 3, stillOpen: 1, concluded: 2, statuses: { IN_PROGRESS: 1, RESOLVED: 1, CLOSED: 1 } }, hoursOf('COMPLAINT', [receipts.c1!, receipts.c2!, receipts.c4!])),
    ]);
    // BLT in Jawa Timur: c5 alone; reports, proposals and objections name no programme.
    const blt = await hub.query(FIGURES, { period: month, region: '35', program: 'BLT' }, ADMIN);
    expect(blt.data.caseFigures.kinds.map((k: { kind: string; filed: number }) => [k.kind, k.filed])).toEqual([
      ['APPLICATION', 0],
      ['REPORT', 0],
      ['COMPLAINT', 1],
      ['PROPOSAL', 0],
      ['OBJECTION', 0],
    ]);
  });

  it('withhold from an analyst every figure under k and what would give one away, zeros shown', async () => {
    const admin = (await hub.query(FIGURES, { period: month }, ADMIN)).data.caseFigures;
    const { data, errors } = await hub.query(FIGURES, { period: month }, ANALYST);
    expect(errors).toBeUndefined();
    // Every count here is under 10: what is not zero is withheld, and the hours with the concluded.
    const withheld = (figures: { byStatus: { status: string; cases: number }[] } & Record<string, unknown>) => ({
      ...figures,
      ...Object.fromEntries(['filed', 'stillOpen', 'concluded', 'overdue'].map((f) => [f, figures[f] === 0 ? 0 : null])),
      byStatus: figures.byStatus.map((s: { status: string; cases: number }) => ({ status: s.status, cases: s.cases === 0 ? 0 : null })),
      medianHours: null,
      p90Hours: null,
      suppressed: true,
    });
    expect(data.caseFigures).toEqual({ ...admin, kinds: admin.kinds.map(withheld) });
    // A kind with no case in the region reads as zeros, with nothing withheld.
    const reports = (await hub.query(FIGURES, { period: month, region: '51.01', kind: 'REPORT' }, ANALYST)).data.caseFigures.kinds[0];
    expect(reports).toMatchObject({ filed: 0, stillOpen: 0, concluded: 0, medianHours: null, suppressed: false });
  });

  it('stage no personal data: the build holds only the columns the figures need', async () => {
    const columns = await hub.analyticsEngine().query<{ name: string }>(
      'SELECT name FROM system.columns WHERE database = {db:String} AND table = {table:String} ORDER BY position',
      { db: build.database, table: 'intake_case' },
    );
    expect(columns.map((c) => c.name)).toEqual(['id', 'kind', 'status', 'program', 'district_code', 'filed_at', 'closed_at', 'due_on']);
  });

  it('name a wrong argument', async () => {
    const village = await hub.query(FIGURES, { period: month, region: '51.01.01.2001' }, ANALYST);
    expect(village.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'region' });
    const later = await hub.query(FIGURES, { period: `${Number(month.slice(0, 4)) + 1}-01` }, ANALYST);
    expect(later.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'period' });
  });

  it('are given to analysts, auditors (no purpose: nobody is in them) and admins, and refused to every other role', async () => {
    const query = `{ caseFigures(period: "${month}") { kinds { kind filed } } }`;
    for (const as of [ANALYST, { role: 'AUDITOR', subject: 'auditor-1' }, { role: 'ADMIN', subject: 'admin' }] as As[]) {
      expect((await hub.query(query, {}, as)).errors).toBeUndefined();
    }
    for (const as of [PUBLIC, { role: 'REGIONAL_APP', region: '51.01' }, FACILITATOR, DESK_JEMBRANA] as As[]) {
      const { data, errors } = await hub.query(query, {}, as);
      expect(errors?.[0]?.extensions?.code).toMatch(/^(FORBIDDEN|UNAUTHENTICATED)$/);
      expect(data?.caseFigures ?? null).toBeNull();
    }
  });

  it('follow the build: a case filed and refreshed shows in the very next answer', async () => {
    const query = { period: month, kind: 'COMPLAINT' };
    const before = (await hub.query(FIGURES, query, ADMIN)).data.caseFigures.kinds[0];
    await complain(PARTO, 'Parto', 'BLT', PUBLIC);
    expect((await hub.query(FIGURES, query, ADMIN)).data.caseFigures.kinds[0]).toEqual(before);
    await hub.refreshAnalytics();
    const after = (await hub.query(FIGURES, query, ADMIN)).data.caseFigures.kinds[0];
    expect(after).toMatchObject({ filed: before.filed + 1, stillOpen: before.stillOpen + 1 });
  });
});
