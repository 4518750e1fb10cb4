// Operators keep the registry and the public proposes and contests it (API.md, Workflows):
// SIKS-NG curation of DTKS by kelurahan operators, its history, eligibility changing at
// once, imports against curation both ways, usul (proposals) and sanggah (objections) with
// their expiry, and the operators' queue, through the real gateway over the real subgraphs.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { agencyFile, loadRegions } from '@tepat/core';
import { daysBefore } from '@tepat/rules';
import { importFile, type ImportNote } from '@tepat/subgraph-kit';
import { Readable } from 'node:stream';
import { jakartaDayOfTheRun } from './support/day.js';
import { csv, startFederatedHub, type As, type FederatedHub } from './support/federated-hub.js';

// The intake service's rounds (pending applications, expiring objections) every half second here.
process.env.TEPAT_INTAKE_RETRY_SECONDS = '0.5';

const TODAY = await jakartaDayOfTheRun();
// Bontang (64.74): kelurahan Bontang Kuala (64.74.01.1001) and Bontang Baru (64.74.01.1002).
const AGUS = '6474010101800001'; // DTKS ACTIVE, decile 2, in Bontang Kuala
const SRI = '6474014202820002'; // DTKS ACTIVE, decile 3, in Bontang Kuala: objected to
const BUDI = '6474010303750003'; // not in DTKS, in Bontang Kuala: proposed
const NENI = '6474014404800004'; // lives in Bontang Baru: objects from another village
const TONO = '6474010505700005'; // DTKS ACTIVE in Bontang Kuala: imports meet his curated record
const YUDI = '6474010606700006'; // DTKS ACTIVE in Bontang Baru
const JEMBRANA = '5101011505800001'; // DTKS ACTIVE, elsewhere

const OPERATOR: As = { role: 'OPERATOR', region: '64.74.01.1001', subject: 'operator-bontang-kuala' };
const OPERATOR_ELSEWHERE: As = { role: 'OPERATOR', region: '64.74.01.1002', subject: 'operator-bontang-baru' };
const PUBLIC: As = 'PUBLIC';
const ADMIN: As = { role: 'ADMIN', subject: 'admin' };

let hub: FederatedHub;
let requests = 0;
const requestId = () => `curation-${++requests}-${Date.now()}`;

beforeAll(async () => {
  hub = await startFederatedHub();
  await hub.load({
    'population/persons.csv': csv([
      'nik,kk,full_name,sex,birth_date,relationship,village_code,death_date',
      `${AGUS},6474010101100001,Agus Salim,L,1980-01-01,HEAD,64.74.01.1001,`,
      `${SRI},6474010101100002,Sri Rahayu,P,1982-02-02,HEAD,64.74.01.1001,`,
      `${BUDI},6474010101100003,Budi Hartono,L,1975-03-03,HEAD,64.74.01.1001,`,
      `${NENI},6474010101100004,Neni Marlina,P,1980-04-04,HEAD,64.74.01.1002,`,
      `${TONO},6474010101100005,Tono Sugiarto,L,1970-05-05,HEAD,64.74.01.1001,`,
      `${YUDI},6474010101100006,Yudi Pratama,L,1970-06-06,HEAD,64.74.01.1002,`,
      `${JEMBRANA},5101010101100001,I Made Sutama,L,1980-05-15,HEAD,51.01.01.2001,`,
    ]),
    'dtks/members.csv': csv([
      'nik,kk,decile,status,status_reason,updated_on',
      `${AGUS},6474010101100001,2,ACTIVE,,2025-01-10`,
      `${SRI},6474010101100002,3,ACTIVE,,2025-01-10`,
      `${TONO},6474010101100005,2,ACTIVE,,2025-01-10`,
      `${YUDI},6474010101100006,2,ACTIVE,,2025-01-10`,
      `${JEMBRANA},5101010101100001,2,ACTIVE,,2025-01-10`,
    ]),
  });
}, 300_000);
afterAll(() => hub?.close());

const DEACTIVATE = `mutation ($nik: String!, $reason: DtksReason!, $note: String, $id: String!) {
  deactivateDtksMember(nik: $nik, reason: $reason, note: $note, requestId: $id) { nik status statusReason curatedAt }
}`;
const DTKS = `query ($nik: String!) { person(nik: $nik) { dtks { status statusReason decile decilePending history { change actorRole actorSubject reason note reference before after } } } }`;
const decide = async (nik: string) =>
  (await hub.query(`{ eligibility(nik: "${nik}", ruleSet: "DTKS") { decision checks { code status } } }`, {}, ADMIN)).data.eligibility as {
    decision: string;
    checks: { code: string; status: string }[];
  };

/** Imports a dtks/members.csv as `tepat import` does, and gives what it settled against curation. */
async function importDtks(lines: string[]): Promise<ImportNote[]> {
  const summary = await importFile(hub.subgraphs.dtks.db.sql, { file: agencyFile('dtks/members.csv')!, checks: [], reconcile: (await import('@tepat/dtks')).subgraph.imports[0]!.reconcile }, Readable.from([csv(['nik,kk,decile,status,status_reason,updated_on', ...lines])]), {
    allowPartial: false,
    regions: await loadRegions(),
    onReject: (r) => {
      throw new Error(`rejected: ${r.reason}`);
    },
  });
  expect(summary.committed).toBe(true);
  return summary.notes;
}

describe('curation by a kelurahan operator (SIKS-NG)', () => {
  it('deactivates a member of its village with a reason and a note, seen at once in person { dtks } and in eligibility', async () => {
    expect((await decide(AGUS)).decision).toBe('ELIGIBLE');
    const res = await hub.query(DEACTIVATE, { nik: AGUS, reason: 'MAMPU', note: 'Membuka usaha bengkel', id: requestId() }, OPERATOR);
    expect(res.errors).toBeUndefined();
    expect(res.data.deactivateDtksMember).toMatchObject({ nik: AGUS, status: 'INACTIVE', statusReason: 'MAMPU', curatedAt: expect.any(String) });
    const record = (await hub.query(DTKS, { nik: AGUS }, OPERATOR)).data.person.dtks;
    expect(record).toMatchObject({ status: 'INACTIVE', statusReason: 'MAMPU' });
    expect(record.history).toEqual([
      {
        change: 'DEACTIVATED',
        actorRole: 'OPERATOR',
        actorSubject: 'operator-bontang-kuala',
        reason: 'MAMPU',
        note: 'Membuka usaha bengkel',
        reference: null,
        before: { kk: '6474010101100001', decile: 2, status: 'ACTIVE', statusReason: null, updatedOn: '2025-01-10' },
        after: { kk: '6474010101100001', decile: 2, status: 'INACTIVE', statusReason: 'MAMPU', updatedOn: TODAY },
      },
    ]);
    const after = await decide(AGUS);
    expect(after.decision).toBe('INELIGIBLE');
    expect(after.checks.find((c) => c.code === 'IN_DTKS')!.status).toBe('FAIL');
  });

  it('reactivates, and a retry with the same requestId changes nothing more', async () => {
    const id = requestId();
    const once = await hub.query(`mutation ($id: String!) { reactivateDtksMember(nik: "${AGUS}", note: "Usaha tutup", requestId: $id) { status } }`, { id }, OPERATOR);
    const again = await hub.query(`mutation ($id: String!) { reactivateDtksMember(nik: "${AGUS}", note: "Usaha tutup", requestId: $id) { status } }`, { id }, OPERATOR);
    expect(once.data.reactivateDtksMember.status).toBe('ACTIVE');
    expect(again).toEqual(once);
    const history = (await hub.query(DTKS, { nik: AGUS }, OPERATOR)).data.person.dtks.history;
    expect(history.map((v: { change: string }) => v.change)).toEqual(['DEACTIVATED', 'REACTIVATED']);
    expect((await decide(AGUS)).decision).toBe('ELIGIBLE');
    // Reactivating an ACTIVE record is refused, naming its status.
    const active = await hub.query(`mutation ($id: String!) { reactivateDtksMember(nik: "${AGUS}", requestId: $id) { status } }`, { id: requestId() }, OPERATOR);
    expect(active.errors![0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', argument: 'nik' }, message: expect.stringMatching(/is ACTIVE; it cannot be reactivated/) });
  });

  it('refuses people outside its region and unknown NIKs alike, and roles that do not curate', async () => {
    const elsewhere = await hub.query(DEACTIVATE, { nik: YUDI, reason: 'PINDAH', id: requestId() }, OPERATOR);
    const unknown = await hub.query(DEACTIVATE, { nik: '6474010707700007', reason: 'PINDAH', id: requestId() }, OPERATOR);
    expect(elsewhere.errors![0].extensions.code).toBe('FORBIDDEN');
    expect(unknown.errors![0].message).toBe(elsewhere.errors![0].message);
    const district: As = { role: 'OPERATOR', region: '51.01', subject: 'operator-jembrana' };
    expect((await hub.query(DEACTIVATE, { nik: YUDI, reason: 'PINDAH', id: requestId() }, district)).errors![0].extensions.code).toBe('FORBIDDEN');
    for (const as of [PUBLIC, ADMIN, { role: 'AUDITOR', subject: 'a', purpose: 'x' } as As]) {
      expect((await hub.query(DEACTIVATE, { nik: AGUS, reason: 'PINDAH', id: requestId() }, as)).errors![0].extensions.code).toBe('FORBIDDEN');
    }
  });
});

describe('imports meet curation: the newer wins', () => {
  it('keeps an operator\'s change against an older file, replaces it with a newer one, and says which', async () => {
    await hub.query(DEACTIVATE, { nik: TONO, reason: 'PINDAH', note: 'Pindah ke Samarinda', id: requestId() }, OPERATOR);
    const older = await importDtks([`${TONO},6474010101100005,2,ACTIVE,,${daysBefore(TODAY, 1)}`]);
    expect(older).toEqual([{ line: 2, key: TONO, note: `kept the operator's change of ${TODAY}: the file's updated_on ${daysBefore(TODAY, 1)} is not newer` }]);
    expect((await hub.query(DTKS, { nik: TONO }, OPERATOR)).data.person.dtks).toMatchObject({ status: 'INACTIVE', statusReason: 'PINDAH' });

    const tomorrow = daysBefore(TODAY, -1);
    const newer = await importDtks([`${TONO},6474010101100005,4,ACTIVE,,${tomorrow}`]);
    expect(newer).toEqual([{ line: 2, key: TONO, note: `replaced the operator's change of ${TODAY}: the file's updated_on ${tomorrow} is newer` }]);
    const record = (await hub.query(DTKS, { nik: TONO }, OPERATOR)).data.person.dtks;
    expect(record).toMatchObject({ status: 'ACTIVE', statusReason: null, decile: 4 });
    expect(record.history.at(-1)).toMatchObject({ change: 'IMPORT_REPLACED', actorRole: 'IMPORT', before: { status: 'INACTIVE' }, after: { status: 'ACTIVE', decile: 4 } });
    // An import of records nobody curated says nothing.
    expect(await importDtks([`${YUDI},6474010101100006,2,ACTIVE,,2025-02-01`])).toEqual([]);
  });
});

describe('usul: proposals for DTKS', () => {
  const SUBMIT = `mutation ($nik: String!, $name: String!, $id: String!) {
    submitProposal(nik: $nik, name: $name, submitterNik: "${NENI}", reason: "Kepala keluarga sakit, tidak bekerja", requestId: $id) { receipt status dtksWhenFiled villageCode }
  }`;

  it('lands in the queue of the person\'s village; accepted, the person enters DTKS ACTIVE with the decile pending, until an import brings one', async () => {
    const proposal = (await hub.query(SUBMIT, { nik: BUDI, name: 'budi hartono', id: requestId() }, PUBLIC)).data.submitProposal;
    expect(proposal).toMatchObject({ receipt: expect.stringMatching(/^USL-/), status: 'QUEUED', dtksWhenFiled: null, villageCode: '64.74.01.1001' });
    const queue = await hub.query('{ caseQueue(kind: PROPOSAL) { cases { receipt } } }', {}, OPERATOR);
    expect(queue.data.caseQueue.cases).toContainEqual({ receipt: proposal.receipt });
    expect((await hub.query('{ caseQueue(kind: PROPOSAL) { total } }', {}, OPERATOR_ELSEWHERE)).data.caseQueue.total).toBe(0);

    const accepted = await hub.query(
      `mutation ($r: String!, $id: String!) { acceptProposal(receipt: $r, note: "Sudah dikunjungi", requestId: $id) { status } }`,
      { r: proposal.receipt, id: requestId() },
      OPERATOR,
    );
    expect(accepted.data.acceptProposal.status).toBe('ACCEPTED');
    const record = (await hub.query(DTKS, { nik: BUDI }, OPERATOR)).data.person.dtks;
    expect(record).toMatchObject({ status: 'ACTIVE', decile: null, decilePending: true });
    expect(record.history).toEqual([
      expect.objectContaining({ change: 'ADMITTED', actorRole: 'SERVICE', actorSubject: 'intake', reference: proposal.receipt, note: 'Sudah dikunjungi', before: null }),
    ]);
    const pending = await decide(BUDI);
    expect(pending.decision).toBe('UNDETERMINED');
    expect(Object.fromEntries(pending.checks.map((c) => [c.code, c.status]))).toMatchObject({ IN_DTKS: 'PASS', WELFARE_DECILE: 'UNKNOWN' });

    await importDtks([`${BUDI},6474010101100003,1,ACTIVE,,${daysBefore(TODAY, -1)}`]);
    expect((await decide(BUDI)).decision).toBe('ELIGIBLE');
    const followed = await hub.query(`query ($r: String!) { proposal(receipt: $r, nik: "${BUDI}") { status history { toStatus } } }`, { r: proposal.receipt }, PUBLIC);
    expect(followed.data.proposal).toEqual({ status: 'ACCEPTED', history: [{ toStatus: 'QUEUED' }, { toStatus: 'ACCEPTED' }] });
  });

  it('is rejected with a reason; a NIK and name that do not match population are refused', async () => {
    const proposal = (await hub.query(SUBMIT, { nik: YUDI, name: 'Yudi Pratama', id: requestId() }, PUBLIC)).data.submitProposal;
    const rejected = await hub.query(
      `mutation ($r: String!, $id: String!) { rejectProposal(receipt: $r, reason: "Sudah terdaftar", requestId: $id) { status history { note } } }`,
      { r: proposal.receipt, id: requestId() },
      OPERATOR_ELSEWHERE,
    );
    expect(rejected.data.rejectProposal).toMatchObject({ status: 'REJECTED', history: [{ note: null }, { note: 'Sudah terdaftar' }] });
    const wrong = await hub.query(SUBMIT, { nik: BUDI, name: 'Orang Lain', id: requestId() }, PUBLIC);
    expect(wrong.errors![0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', argument: 'name' } });
  });
});

describe('sanggah: objections to DTKS members', () => {
  const OBJECT = `mutation ($nik: String!, $submitter: String!, $id: String!) {
    submitObjection(nik: $nik, submitterNik: $submitter, reason: MAMPU, note: "Punya mobil baru", requestId: $id) { receipt status dueOn }
  }`;

  it('refuses a submitter from another village, saying so', async () => {
    const res = await hub.query(OBJECT, { nik: SRI, submitter: NENI, id: requestId() }, PUBLIC);
    expect(res.errors![0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', argument: 'submitterNik' }, message: expect.stringMatching(/same village/) });
  });

  it('upheld, deactivates the member through curation, the objection in the member\'s history', async () => {
    const objection = (await hub.query(OBJECT, { nik: SRI, submitter: AGUS, id: requestId() }, PUBLIC)).data.submitObjection;
    expect(objection).toMatchObject({ receipt: expect.stringMatching(/^SGH-/), status: 'QUEUED', dueOn: daysBefore(TODAY, -14) });
    const upheld = await hub.query(
      `mutation ($r: String!, $id: String!) { upholdObjection(receipt: $r, note: "Dicek ke rumah", requestId: $id) { status } }`,
      { r: objection.receipt, id: requestId() },
      OPERATOR,
    );
    expect(upheld.data.upholdObjection.status).toBe('UPHELD');
    const record = (await hub.query(DTKS, { nik: SRI }, OPERATOR)).data.person.dtks;
    expect(record).toMatchObject({ status: 'INACTIVE', statusReason: 'MAMPU' });
    expect(record.history.at(-1)).toMatchObject({ change: 'DEACTIVATED', reason: 'MAMPU', reference: objection.receipt, actorSubject: 'intake' });
    // Nothing left to object to.
    const again = await hub.query(OBJECT, { nik: SRI, submitter: AGUS, id: requestId() }, PUBLIC);
    expect(again.errors![0]).toMatchObject({ extensions: { argument: 'nik' } });
  });

  it('a proposal for a member an objection deactivated, accepted, reactivates the record, the proposal in its history', async () => {
    const proposal = (
      await hub.query(
        `mutation ($id: String!) { submitProposal(nik: "${SRI}", name: "Sri Rahayu", submitterNik: "${AGUS}", reason: "Mobil itu milik majikannya", requestId: $id) { receipt dtksWhenFiled } }`,
        { id: requestId() },
        PUBLIC,
      )
    ).data.submitProposal;
    expect(proposal.dtksWhenFiled).toBe('INACTIVE');
    const accepted = await hub.query(`mutation ($r: String!, $id: String!) { acceptProposal(receipt: $r, requestId: $id) { status } }`, { r: proposal.receipt, id: requestId() }, OPERATOR);
    expect(accepted.data.acceptProposal.status).toBe('ACCEPTED');
    const record = (await hub.query(DTKS, { nik: SRI }, OPERATOR)).data.person.dtks;
    expect(record).toMatchObject({ status: 'ACTIVE', decile: 3 });
    expect(record.history.at(-1)).toMatchObject({ change: 'REACTIVATED', reference: proposal.receipt, actorSubject: 'intake' });
  });

  it('expires when not decided within 14 days', async () => {
    const objection = (await hub.query(OBJECT, { nik: TONO, submitter: AGUS, id: requestId() }, PUBLIC)).data.submitObjection;
    // As if filed fifteen days ago: its due day has passed.
    await hub.subgraphs.intake.db.sql.query('UPDATE intake_case SET due_on = $1 WHERE receipt = $2', [daysBefore(TODAY, 1), objection.receipt]);
    let status = 'QUEUED';
    for (let i = 0; i < 60 && status === 'QUEUED'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      status = (await hub.query(`query ($r: String!) { objection(receipt: $r, nik: "${TONO}") { status } }`, { r: objection.receipt }, PUBLIC)).data.objection.status;
    }
    expect(status).toBe('EXPIRED');
    const late = await hub.query(`mutation ($r: String!, $id: String!) { upholdObjection(receipt: $r, requestId: $id) { status } }`, { r: objection.receipt, id: requestId() }, OPERATOR);
    expect(late.errors![0].message).toMatch(/is EXPIRED; it cannot become UPHELD/);
    expect((await hub.query(DTKS, { nik: TONO }, OPERATOR)).data.person.dtks.status).toBe('ACTIVE');
  });
});

describe('the operators\' queue', () => {
  it('filters by kind, status and village, pages, and refuses a village outside the region', async () => {
    const region: As = { role: 'OPERATOR', region: '64.74', subject: 'operator-bontang' };
    const all = await hub.query('{ caseQueue(first: 200) { total cases { receipt kind caseStatus villageCode filedAt } } }', {}, region);
    const cases = all.data.caseQueue.cases as { receipt: string; kind: string; caseStatus: string; villageCode: string; filedAt: string }[];
    expect(all.data.caseQueue.total).toBe(cases.length);
    expect(new Set(cases.map((c) => c.kind))).toEqual(new Set(['PROPOSAL', 'OBJECTION']));
    // Oldest first, none overdue here.
    expect(cases.map((c) => c.filedAt)).toEqual([...cases.map((c) => c.filedAt)].sort());
    const page1 = await hub.query('{ caseQueue(first: 2, offset: 0) { total cases { receipt } } }', {}, region);
    const page2 = await hub.query('{ caseQueue(first: 2, offset: 2) { total cases { receipt } } }', {}, region);
    expect([...page1.data.caseQueue.cases, ...page2.data.caseQueue.cases].map((c: { receipt: string }) => c.receipt)).toEqual(cases.slice(0, 4).map((c) => c.receipt));
    const village = await hub.query('{ caseQueue(village: "64.74.01.1002") { cases { villageCode } } }', {}, region);
    expect(village.data.caseQueue.cases.every((c: { villageCode: string }) => c.villageCode === '64.74.01.1002')).toBe(true);
    const expired = await hub.query('{ caseQueue(kind: OBJECTION, status: EXPIRED) { total } }', {}, region);
    expect(expired.data.caseQueue.total).toBe(1);
    const outside = await hub.query('{ caseQueue(village: "64.74.01.1002") { total } }', {}, OPERATOR);
    expect(outside.errors![0].extensions.code).toBe('FORBIDDEN');
  });

  it('keeps cases filed in one instant in the order they were filed, on every page', async () => {
    const region: As = { role: 'OPERATOR', region: '64.74', subject: 'operator-bontang' };
    const sql = hub.subgraphs.intake.db.sql;
    const before = await sql.query<{ id: string; filedAt: string }>(
      `SELECT id::text AS id, filed_at::text AS "filedAt" FROM intake_case WHERE starts_with(village_code, '64.74')`,
    );
    // Cases filed by one statement share its timestamp; the tie is broken by the case's number, as
    // a number: one more case numbered with a digit more than any other, which sorts first as text.
    await sql.query(`SELECT setval('intake_case_id_seq', (10 ^ length((SELECT max(id) FROM intake_case)::text))::bigint - 1)`);
    await sql.query(
      `INSERT INTO intake_case (receipt, kind, status, nik, village_code, filed_by_role)
       SELECT 'TEST-TIE', kind, status, nik, village_code, filed_by_role FROM intake_case WHERE starts_with(village_code, '64.74') LIMIT 1`,
    );
    await sql.query(`UPDATE intake_case SET filed_at = '2026-01-01T00:00:00Z' WHERE starts_with(village_code, '64.74')`);
    try {
      const filed = (await sql.query<{ receipt: string }>(`SELECT receipt FROM intake_case WHERE starts_with(village_code, '64.74') ORDER BY id`)).map((c) => c.receipt);
      const paged: string[] = [];
      for (let offset = 0; offset < filed.length; offset += 3) {
        const page = await hub.query(`{ caseQueue(first: 3, offset: ${offset}) { cases { receipt } } }`, {}, region);
        paged.push(...page.data.caseQueue.cases.map((c: { receipt: string }) => c.receipt));
      }
      expect(filed.length).toBeGreaterThan(3);
      expect(paged).toEqual(filed);
    } finally {
      await sql.query(`DELETE FROM intake_case WHERE receipt = 'TEST-TIE'`);
      for (const c of before) await sql.query('UPDATE intake_case SET filed_at = $1::timestamptz WHERE id = $2::bigint', [c.filedAt, c.id]);
    }
  });

  it('puts an overdue case first, filters by overdue, and gives the total on a page past the end', async () => {
    const region: As = { role: 'OPERATOR', region: '64.74', subject: 'operator-bontang' };
    const sql = hub.subgraphs.intake.db.sql;
    // A new proposal, the newest case, as if its due day had passed yesterday (proposals do not expire).
    const late = (
      await hub.query(
        `mutation ($id: String!) { submitProposal(nik: "${YUDI}", name: "Yudi Pratama", submitterNik: "${NENI}", reason: "Kehilangan pekerjaan", requestId: $id) { receipt } }`,
        { id: requestId() },
        PUBLIC,
      )
    ).data.submitProposal as { receipt: string };
    await sql.query('UPDATE intake_case SET due_on = $1 WHERE receipt = $2', [daysBefore(TODAY, 1), late.receipt]);
    try {
      const all = (await hub.query('{ caseQueue(first: 200) { total cases { receipt overdue filedAt } } }', {}, region)).data.caseQueue;
      const cases = all.cases as { receipt: string; overdue: boolean; filedAt: string }[];
      expect(cases[0]).toMatchObject({ receipt: late.receipt, overdue: true });
      expect(cases.slice(1).every((c) => !c.overdue)).toBe(true);
      expect(cases.slice(1).map((c) => c.filedAt)).toEqual(cases.slice(1).map((c) => c.filedAt).sort());
      const overdue = (await hub.query('{ caseQueue(overdue: true) { total cases { receipt } } }', {}, region)).data.caseQueue;
      expect(overdue).toEqual({ total: 1, cases: [{ receipt: late.receipt }] });
      const rest = (await hub.query('{ caseQueue(overdue: false, first: 200) { total cases { receipt } } }', {}, region)).data.caseQueue;
      expect(rest.cases.map((c: { receipt: string }) => c.receipt)).toEqual(cases.slice(1).map((c) => c.receipt));
      expect(rest.total).toBe(all.total - 1);
      const past = (await hub.query('{ caseQueue(first: 10, offset: 500) { total cases { receipt } } }', {}, region)).data.caseQueue;
      expect(past).toEqual({ total: all.total, cases: [] });
    } finally {
      await sql.query('UPDATE intake_case SET due_on = NULL WHERE receipt = $1', [late.receipt]);
    }
  });
});
