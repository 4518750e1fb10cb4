// People act through the hub (API.md, Workflows): the public recipient check, applications
// decided at once in the programme's context, community reports cross-checked against the
// family card, complaints at a help desk, facilitators filing for people of their region, and
// operators working the queues, all through the real gateway over the real subgraphs.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { daysBefore } from '@tepat/rules';
import { decodeJwt } from 'jose';
import type { IncomingMessage } from 'node:http';
import { jakartaDayOfTheRun } from './support/day.js';
import { csv, startFederatedHub, type As, type FederatedHub } from './support/federated-hub.js';

// Pending applications are decided again every half second here (60 s by default).
process.env.TEPAT_INTAKE_RETRY_SECONDS = '0.5';

const TODAY = await jakartaDayOfTheRun();
const ago = (days: number) => daysBefore(TODAY, days);
const MONTH = ago(5).slice(0, 7);

// Jembrana (I-BAN, programme BANSOS_JEMBRANA). NIK digits 7-12: the birth date, day + 40 for women.
const MADE = '5101011505800001'; // vaccinated, never aided, in Negara (51.01.01)
const LUH = '5101015708850002'; // ASN, serving
const DEWA = '5101010303750003'; // never vaccinated
const KADEK = '5101020404790004'; // vaccinated, in Mendoyo (51.01.02): collects at the regency's point
// Banyuwangi: reported people.
const BUDI = '3510010404800001'; // his wife was paid by BLT 30 days ago
const SITI = '3510014505820002';
const SLAMET = '3510010606600003'; // nobody on his card was paid
const PARTO = '3510010808700005'; // nobody on his card was paid
// Cilacap (DTKS): BLT recipient.
const JOKO = '3301010101900001';
const UNKNOWN = '3301010505900009'; // not in population

const PUBLIC: As = 'PUBLIC';
const FACILITATOR: As = { role: 'FACILITATOR', region: '51.01', subject: 'pendamping-jembrana' };
const OPERATOR_JEMBRANA: As = { role: 'OPERATOR', region: '51.01', subject: 'operator-jembrana' };
const OPERATOR_BANYUWANGI: As = { role: 'OPERATOR', region: '35.10.01.2001', subject: 'operator-sarongan' };
const OPERATOR_CILACAP: As = { role: 'OPERATOR', region: '33.01', subject: 'operator-cilacap' };
const ADMIN: As = { role: 'ADMIN', subject: 'admin' };
const AUDITOR: As = { role: 'AUDITOR', subject: 'auditor', purpose: 'intake review' };

let hub: FederatedHub;
let requests = 0;
const requestId = () => `test-${++requests}-${Date.now()}`;

beforeAll(async () => {
  hub = await startFederatedHub();
  await hub.load({
    'population/persons.csv': csv([
      'nik,kk,full_name,sex,birth_date,relationship,village_code,death_date',
      `${MADE},5101010101100001,I Made Sutama,L,1980-05-15,HEAD,51.01.01.2001,`,
      `${LUH},5101010101100002,Ni Luh Sari,P,1985-08-17,HEAD,51.01.01.2001,`,
      `${DEWA},5101010101100003,I Dewa Gede,L,1975-03-03,HEAD,51.01.01.2001,`,
      `${KADEK},5101020101100004,I Kadek Arta,L,1979-04-04,HEAD,51.01.02.2001,`,
      `${BUDI},3510010101100001,Budi Santoso,L,1980-04-04,HEAD,35.10.01.2001,`,
      `${SITI},3510010101100001,Siti Aminah,P,1982-05-05,SPOUSE,35.10.01.2001,`,
      `${SLAMET},3510010101100002,Slamet,L,1960-06-06,HEAD,35.10.01.2001,`,
      `${PARTO},3510010101100003,Parto,L,1970-08-08,HEAD,35.10.01.2001,`,
      `${JOKO},3301010101100001,Joko Widodo,L,1990-01-01,HEAD,33.01.01.2001,`,
    ]),
    'vaccination/doses.csv': csv(['nik,dose,vaccine,administered_on', `${MADE},1,SINOVAC,2021-07-01`, `${LUH},1,SINOVAC,2021-07-01`, `${KADEK},1,SINOVAC,2021-07-01`]),
    'civil-service/personnel.csv': csv(['nik,corps,agency,start_date,end_date', `${LUH},ASN,Pemerintah Kabupaten Jembrana,2010-01-01,`]),
    'dtks/members.csv': csv(['nik,kk,decile,status,status_reason,updated_on', `${JOKO},3301010101100001,2,ACTIVE,,2024-01-01`]),
    'aid/programs.csv': csv([
      'code,name,unit,rule_set',
      'BANSOS_JEMBRANA,Bantuan Sosial Kabupaten Jembrana,PERSON,IBAN',
      'BLT,Bantuan Langsung Tunai,PERSON,DTKS',
      'PKH,Program Keluarga Harapan,FAMILY,DTKS',
      'SEMBAKO,Program Sembako,PERSON,IBAN',
    ]),
    'aid/disbursements.csv': csv([
      'id,program_code,nik,kk,period,amount_idr,disbursed_on,district_code',
      `D1,BLT,${SITI},3510010101100001,${ago(30).slice(0, 7)},300000,${ago(30)},35.10.01`,
      `D2,BLT,${JOKO},3301010101100001,${MONTH},300000,${ago(5)},33.01.01`,
      `D3,PKH,${JOKO},3301010101100001,${MONTH},750000,${ago(5)},33.01.01`,
    ]),
    'aid/collection-points.csv': csv([
      'id,program_code,district_code,name,address',
      'CP-NEGARA,BANSOS_JEMBRANA,51.01.01,Balai Banjar Cupel,"Jl. Ngurah Rai 12, Negara"',
      'CP-ALL,,51.01.01,Kantor Pos Negara,Jl. Gatot Subroto 3',
    ]),
  });
}, 300_000);
afterAll(() => hub?.close());

const APPLICATION = `fragment A on Application {
  receipt program status reasons decision { decision program ruleSet checks { code status evidence } }
  collectionPoint { name address districtCode } filedBy { role subject region } history { toStatus by { role subject } onBehalfOf }
}`;
const SUBMIT_APPLICATION = `mutation ($program: String!, $nik: String!, $name: String!, $requestId: String!) {
  submitApplication(program: $program, nik: $nik, name: $name, requestId: $requestId) { ...A }
} ${APPLICATION}`;

async function apply(nik: string, name: string, as: As = PUBLIC, program = 'BANSOS_JEMBRANA', id = requestId()) {
  return hub.query(SUBMIT_APPLICATION, { program, nik, name, requestId: id }, as);
}

describe('recipient check (Banyuwangi, Cek Bansos)', () => {
  const CHECK = 'query ($nik: String!, $name: String!, $period: String) { recipientCheck(nik: $nik, name: $name, period: $period) { matched period programs { program name amount } familyPrograms { program name amount } } }';

  it("shows a person's own aid and their family card's for the latest month with data, no member named", async () => {
    const res = await hub.query(CHECK, { nik: JOKO, name: 'joko  widodo' }, PUBLIC);
    expect(res).toEqual({
      data: {
        recipientCheck: {
          matched: true,
          period: MONTH,
          programs: [
            { program: 'BLT', name: 'Bantuan Langsung Tunai', amount: 300000 },
            { program: 'PKH', name: 'Program Keluarga Harapan', amount: 750000 },
          ],
          familyPrograms: [],
        },
      },
    });
    const wife = await hub.query(CHECK, { nik: BUDI, name: 'Budi Santoso', period: ago(30).slice(0, 7) }, PUBLIC);
    expect(wife.data.recipientCheck).toMatchObject({ matched: true, programs: [], familyPrograms: [{ program: 'BLT', amount: 300000 }] });
    expect(JSON.stringify(wife)).not.toContain(SITI);
  });

  it('answers an unknown NIK and a wrong name alike, and stops matching a NIK after five failed names in an hour', async () => {
    const unknown = await hub.query(CHECK, { nik: UNKNOWN, name: 'Siapa Saja' }, PUBLIC);
    const wrongName = await hub.query(CHECK, { nik: SLAMET, name: 'Bukan Slamet' }, PUBLIC);
    expect(unknown).toEqual(wrongName);
    expect(unknown.data.recipientCheck).toEqual({ matched: false, period: MONTH, programs: [], familyPrograms: [] });
    for (let i = 0; i < 4; i++) await hub.query(CHECK, { nik: SLAMET, name: `Tebakan ${i}` }, PUBLIC);
    // The right name now gets the same "not matched", without saying why; so does filing for him in public.
    expect(await hub.query(CHECK, { nik: SLAMET, name: 'Slamet' }, PUBLIC)).toEqual(wrongName);
    const report = await hub.query(
      `mutation { submitReport(nik: "${SLAMET}", name: "Slamet", reason: "x", requestId: "${requestId()}") { status } }`,
      {},
      PUBLIC,
    );
    expect(report.errors![0].extensions.code).toBe('RATE_LIMITED');
  });

  it('refuses a malformed NIK or period naming the argument, and logs every check as a PUBLIC look-up', async () => {
    expect((await hub.query(CHECK, { nik: '123', name: 'x' }, PUBLIC)).errors![0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', argument: 'nik' } });
    expect((await hub.query(CHECK, { nik: JOKO, name: 'x', period: '2025-13' }, PUBLIC)).errors![0].extensions.argument).toBe('period');
    const log = await hub.query(`{ accessLog(nik: "${JOKO}", first: 10) { callerRole operation niks } }`, {}, ADMIN);
    expect(log.data.accessLog).toContainEqual({ callerRole: 'PUBLIC', operation: 'recipientCheck', niks: [JOKO] });
  });
});

describe('applications (I-BAN)', () => {
  it('accepts an eligible applicant at once, in the programme\'s context, with the programme\'s collection point in the district', async () => {
    const res = await apply(MADE, 'I Made Sutama');
    expect(res.errors).toBeUndefined();
    const application = res.data.submitApplication;
    expect(application).toMatchObject({
      receipt: expect.stringMatching(/^PMH-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/),
      program: 'BANSOS_JEMBRANA',
      status: 'ACCEPTED',
      reasons: [],
      decision: { decision: 'ELIGIBLE', program: 'BANSOS_JEMBRANA', ruleSet: 'IBAN' },
      collectionPoint: { name: 'Balai Banjar Cupel', address: 'Jl. Ngurah Rai 12, Negara', districtCode: '51.01.01' },
      filedBy: { role: 'PUBLIC', subject: null, region: null },
      history: [{ toStatus: 'ACCEPTED', by: { role: 'PUBLIC', subject: null }, onBehalfOf: null }],
    });
    // The applicant follows it with the receipt and NIK; another NIK gets nothing.
    const mine = await hub.query(`query ($r: String!, $n: String!) { application(receipt: $r, nik: $n) { receipt status } }`, { r: application.receipt.toLowerCase(), n: MADE }, PUBLIC);
    expect(mine.data.application).toEqual({ receipt: application.receipt, status: 'ACCEPTED' });
    const theirs = await hub.query(`query ($r: String!, $n: String!) { application(receipt: $r, nik: $n) { receipt } }`, { r: application.receipt, n: LUH }, PUBLIC);
    expect(theirs.data.application).toBeNull();
  });

  it('collects at the regency\'s point when the district has none, and at the district office when the regency has none', async () => {
    const kadek = (await apply(KADEK, 'I Kadek Arta')).data.submitApplication;
    expect(kadek.collectionPoint).toEqual({ name: 'Balai Banjar Cupel', address: 'Jl. Ngurah Rai 12, Negara', districtCode: '51.01.01' });
    const joko = (await apply(JOKO, 'Joko Widodo', PUBLIC, 'BLT')).data.submitApplication;
    expect(joko).toMatchObject({ status: 'ACCEPTED', collectionPoint: { name: 'Kantor Camat Kedungreja', address: null, districtCode: '33.01.01' } });
  });

  it('rejects with one plain Indonesian reason per failed check, with the fact that decided it, and English when asked', async () => {
    const dewa = (await apply(DEWA, 'I Dewa Gede')).data.submitApplication;
    expect(dewa.status).toBe('REJECTED');
    expect(dewa.reasons).toEqual([`Belum tercatat menerima vaksin COVID-19 sampai ${TODAY.split('-').reverse().join('-')}.`]);
    const luh = await apply(LUH, 'Ni Luh Sari');
    expect(luh.data.submitApplication.reasons).toEqual([`Tercatat sebagai ASN (Pemerintah Kabupaten Jembrana) pada ${TODAY.split('-').reverse().join('-')}.`]);
    const english = await hub.query(
      `query ($r: String!, $n: String!) { application(receipt: $r, nik: $n) { reasons(language: EN) } }`,
      { r: luh.data.submitApplication.receipt, n: LUH },
      PUBLIC,
    );
    expect(english.data.application.reasons).toEqual([`Recorded as serving in the ASN (Pemerintah Kabupaten Jembrana) on ${TODAY.split('-').reverse().join('-')}.`]);
  });

  it('tells the public neither whether a NIK exists nor whose name it is', async () => {
    const unknown = (await apply(UNKNOWN, 'Siapa Saja')).data.submitApplication;
    const wrong = (await apply(DEWA, 'Orang Lain')).data.submitApplication;
    for (const application of [unknown, wrong]) {
      expect(application).toMatchObject({
        status: 'REJECTED',
        reasons: ['NIK dan nama tidak cocok dengan data kependudukan (Dukcapil).'],
        decision: { decision: 'INELIGIBLE', checks: [{ code: 'IDENTITY', status: 'FAIL', evidence: {} }] },
      });
    }
  });

  it('keeps one open application per person and programme, and gives a retry the first answer', async () => {
    const id = requestId();
    const first = await apply(MADE, 'I Made Sutama', PUBLIC, 'BANSOS_JEMBRANA', id);
    expect(first.errors![0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', argument: 'nik' }, message: expect.stringMatching(/already has an open application for BANSOS_JEMBRANA/) });
    const dewaId = requestId();
    const once = await apply(DEWA, 'I Dewa Gede', PUBLIC, 'BANSOS_JEMBRANA', dewaId);
    const again = await apply(DEWA, 'I Dewa Gede', PUBLIC, 'BANSOS_JEMBRANA', dewaId);
    expect(again.data.submitApplication.receipt).toBe(once.data.submitApplication.receipt);
    const reused = await apply(KADEK, 'I Kadek Arta', PUBLIC, 'BANSOS_JEMBRANA', dewaId);
    expect(reused.errors![0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', argument: 'requestId' } });
  });

  it('makes one case of two concurrent submissions of the same request', async () => {
    const id = requestId();
    const [a, b] = await Promise.all([apply(JOKO, 'Joko Widodo', PUBLIC, 'PKH', id), apply(JOKO, 'Joko Widodo', PUBLIC, 'PKH', id)]);
    expect(a.errors).toBeUndefined();
    expect(b.errors).toBeUndefined();
    expect(a.data.submitApplication.receipt).toBe(b.data.submitApplication.receipt);
    const queue = await hub.query('{ caseQueue(kind: APPLICATION, first: 200) { cases { ... on Application { nik program } } } }', {}, AUDITOR);
    expect(queue.data.caseQueue.cases.filter((c: { nik: string; program: string }) => c.nik === JOKO && c.program === 'PKH')).toHaveLength(1);
  });

  it('asks the hub once for a decision: who the applicant is comes beside it, and the programme once for applications arriving together', async () => {
    // Intake's own requests to the gateway, told by the subject of its token.
    let asked = 0;
    const count = (req: IncomingMessage) => {
      const token = req.headers.authorization?.replace(/^Bearer /, '');
      if (token && decodeJwt(token).sub === 'intake') asked++;
    };
    hub.gateway.server.on('request', count);
    try {
      // SEMBAKO is asked for nowhere else here. Ni Luh serves as an ASN and I Dewa was never vaccinated.
      const [luh, dewa] = await Promise.all([apply(LUH, 'Ni Luh Sari', PUBLIC, 'SEMBAKO'), apply(DEWA, 'I Dewa Gede', PUBLIC, 'SEMBAKO')]);
      expect([luh.data.submitApplication.status, dewa.data.submitApplication.status]).toEqual(['REJECTED', 'REJECTED']);
      // One question for the programme, one decision each (with the person); no collection point for the rejected.
      expect(asked).toBe(3);
    } finally {
      hub.gateway.server.off('request', count);
    }
  });

  it('is PENDING while a source is down, never accepted on missing facts, and decided by itself when the source is back', async () => {
    await hub.stop('vaccination');
    let receipt: string;
    try {
      const pending = (await apply(KADEK, 'I Kadek Arta', PUBLIC, 'BANSOS_JEMBRANA')).data;
      // KADEK's first application is open (ACCEPTED): a second one is refused before anything is asked.
      expect(pending).toBeNull();
      const res = await hub.query(
        `mutation ($id: String!) { submitApplication(program: "BANSOS_JEMBRANA", nik: "${DEWA}", name: "I Dewa Gede", requestId: $id) { receipt status reasons } }`,
        { id: requestId() },
        PUBLIC,
      );
      // DEWA's earlier application was REJECTED, so he may apply again.
      expect(res.data.submitApplication.status).toBe('PENDING');
      expect(res.data.submitApplication.reasons).toEqual(['Data vaksinasi belum dapat diperiksa saat ini; akan diperiksa lagi otomatis.']);
      receipt = res.data.submitApplication.receipt;
    } finally {
      await hub.restart('vaccination');
    }
    let status = 'PENDING';
    for (let i = 0; i < 60 && status === 'PENDING'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      status = (await hub.query(`query ($r: String!) { application(receipt: $r, nik: "${DEWA}") { status } }`, { r: receipt }, PUBLIC)).data.application.status;
    }
    expect(status).toBe('REJECTED');
    const history = await hub.query(`query ($r: String!) { application(receipt: $r, nik: "${DEWA}") { history { fromStatus toStatus by { role subject } note } } }`, { r: receipt }, OPERATOR_JEMBRANA);
    expect(history.data.application.history).toEqual([
      { fromStatus: null, toStatus: 'PENDING', by: { role: 'PUBLIC', subject: null }, note: null },
      { fromStatus: 'PENDING', toStatus: 'REJECTED', by: { role: 'SERVICE', subject: 'intake' }, note: 'decided again automatically once the sources answered' },
    ]);
  });

  it('files a PENDING application without a village while population is down, and places it once decided', async () => {
    const jembranaApplications = async () =>
      (await hub.query('{ caseQueue(kind: APPLICATION, first: 100) { cases { receipt villageCode } } }', {}, { role: 'REGIONAL_APP', region: '51.01', subject: 'iban-app' })).data.caseQueue
        .cases as { receipt: string; villageCode: string }[];
    await hub.stop('population');
    let receipt: string;
    try {
      const res = await apply(MADE, 'I Made Sutama', PUBLIC, 'SEMBAKO');
      expect(res.data.submitApplication).toMatchObject({ status: 'PENDING', collectionPoint: null });
      receipt = res.data.submitApplication.receipt;
      // Nobody knows yet where he lives, so it is in no region's list.
      expect(await jembranaApplications()).not.toContainEqual(expect.objectContaining({ receipt }));
    } finally {
      await hub.restart('population');
    }
    let application: { status: string; collectionPoint: { name: string } | null } | null = null;
    for (let i = 0; i < 60 && application?.status !== 'ACCEPTED'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      const read = await hub.query(`query ($r: String!) { application(receipt: $r, nik: "${MADE}") { status collectionPoint { name } } }`, { r: receipt }, OPERATOR_JEMBRANA);
      application = read.data?.application ?? null;
    }
    // Decided again with where he lives: at the point every programme uses in Negara, and in Jembrana's list.
    expect(application).toEqual({ status: 'ACCEPTED', collectionPoint: { name: 'Kantor Pos Negara' } });
    expect(await jembranaApplications()).toContainEqual({ receipt, villageCode: '51.01.01.2001' });
  });
});

describe('facilitators (Portal Bansos Digital)', () => {
  it('file for people of their region, recorded with the person, and are refused elsewhere alike for unknown NIKs', async () => {
    const report = await hub.query(
      `mutation ($id: String!) { submitReport(nik: "${DEWA}", name: "I Dewa Gede", reason: "Rumah rusak, tidak bekerja", requestId: $id) { receipt status filedBy { role subject region } history { onBehalfOf by { role subject } } } }`,
      { id: requestId() },
      FACILITATOR,
    );
    expect(report.data.submitReport).toMatchObject({
      status: 'QUEUED',
      filedBy: { role: 'FACILITATOR', subject: 'pendamping-jembrana', region: '51.01' },
      history: [{ onBehalfOf: DEWA, by: { role: 'FACILITATOR', subject: 'pendamping-jembrana' } }],
    });
    const outside = await apply(JOKO, 'Joko Widodo', FACILITATOR, 'BLT');
    const unknown = await apply(UNKNOWN, 'Siapa Saja', FACILITATOR, 'BLT');
    expect(outside.errors![0].extensions.code).toBe('FORBIDDEN');
    expect(unknown.errors![0].message).toBe(outside.errors![0].message);
    const mine = await hub.query('{ caseQueue { total cases { receipt kind filedBy { subject } } } }', {}, FACILITATOR);
    expect(mine.data.caseQueue.cases.every((c: { filedBy: { subject: string } }) => c.filedBy.subject === 'pendamping-jembrana')).toBe(true);
    expect(mine.data.caseQueue.total).toBe(1);
  });
});

describe('community reports (Smart Kampung)', () => {
  const REPORT = `mutation ($nik: String!, $name: String!, $id: String!) {
    submitReport(nik: $nik, name: $name, reporterNik: "${JOKO}", reason: "Tetangga saya tidak mampu", requestId: $id) { receipt status reasons }
  }`;

  it('rejects at once when someone on the family card was paid in the last 180 days, naming the programme and day, the member masked', async () => {
    const res = await hub.query(REPORT, { nik: BUDI, name: 'Budi Santoso', id: requestId() }, PUBLIC);
    expect(res.data.submitReport).toMatchObject({
      status: 'REJECTED',
      reasons: [`Anggota keluarga dalam KK yang sama (3510********0002) menerima bantuan BLT pada ${ago(30).split('-').reverse().join('-')}, dalam 180 hari terakhir.`],
    });
  });

  it("queues the others for the region's operators, who verify or dismiss them with a reason", async () => {
    // (Not SLAMET: the recipient check's guesses above have locked his NIK for the hour.)
    const queued = (await hub.query(REPORT, { nik: PARTO, name: 'Parto', id: requestId() }, PUBLIC)).data.submitReport;
    expect(queued).toMatchObject({ status: 'QUEUED', reasons: [] });
    const queue = await hub.query('{ caseQueue(kind: REPORT, status: QUEUED) { total cases { receipt nik person { fullName } } } }', {}, OPERATOR_BANYUWANGI);
    expect(queue.data.caseQueue.cases).toContainEqual({ receipt: queued.receipt, nik: PARTO, person: { fullName: 'Parto' } });
    // Operators elsewhere neither see it nor may act on it.
    const elsewhere = await hub.query('{ caseQueue(kind: REPORT) { cases { receipt } } }', {}, OPERATOR_CILACAP);
    expect(elsewhere.data.caseQueue.cases.map((c: { receipt: string }) => c.receipt)).not.toContain(queued.receipt);
    const verifyElsewhere = await hub.query(`mutation ($r: String!, $id: String!) { verifyReport(receipt: $r, note: "x", requestId: $id) { status } }`, { r: queued.receipt, id: requestId() }, OPERATOR_CILACAP);
    expect(verifyElsewhere.errors![0].extensions.code).toBe("FORBIDDEN");
    const dismissed = await hub.query(
      `mutation ($r: String!, $id: String!) { dismissReport(receipt: $r, reason: "Sudah menerima bantuan desa", requestId: $id) { status history { fromStatus toStatus note by { role } } } }`,
      { r: queued.receipt, id: requestId() },
      OPERATOR_BANYUWANGI,
    );
    expect(dismissed.data.dismissReport.status).toBe('DISMISSED');
    expect(dismissed.data.dismissReport.history.at(-1)).toEqual({ fromStatus: 'QUEUED', toStatus: 'DISMISSED', note: 'Sudah menerima bantuan desa', by: { role: 'OPERATOR' } });
    const twice = await hub.query(`mutation ($r: String!, $id: String!) { verifyReport(receipt: $r, requestId: $id) { status } }`, { r: queued.receipt, id: requestId() }, OPERATOR_BANYUWANGI);
    expect(twice.errors![0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' }, message: expect.stringMatching(/is DISMISSED; it cannot become VERIFIED/) });
  });
});

describe('complaints (posko keluhan)', () => {
  const SUBMIT = `mutation ($id: String!) {
    submitComplaint(nik: "${JOKO}", name: "Joko Widodo", program: "BLT", category: NOT_RECEIVED, description: "Bantuan bulan ini belum diterima", requestId: $id) { ticket status dueOn overdue }
  }`;

  it('gets a ticket, lands in the district queue, moves OPEN -> IN_PROGRESS -> RESOLVED, and the complainant reads it by ticket and NIK', async () => {
    const filed = (await hub.query(SUBMIT, { id: requestId() }, PUBLIC)).data.submitComplaint;
    expect(filed).toMatchObject({ ticket: expect.stringMatching(/^ADU-/), status: 'OPEN', overdue: false, dueOn: daysBefore(TODAY, -14) });
    const started = await hub.query(`mutation ($t: String!, $id: String!) { startComplaint(ticket: $t, note: "Dicek ke bank", requestId: $id) { status } }`, { t: filed.ticket, id: requestId() }, OPERATOR_CILACAP);
    expect(started.data.startComplaint.status).toBe('IN_PROGRESS');
    const resolved = await hub.query(
      `mutation ($t: String!, $id: String!) { resolveComplaint(ticket: $t, resolution: "Dana sudah ditransfer ulang", requestId: $id) { status resolution closedAt } }`,
      { t: filed.ticket, id: requestId() },
      OPERATOR_CILACAP,
    );
    expect(resolved.data.resolveComplaint).toMatchObject({ status: 'RESOLVED', resolution: 'Dana sudah ditransfer ulang' });
    const mine = await hub.query(`query ($t: String!) { complaint(ticket: $t, nik: "${JOKO}") { status resolution } }`, { t: filed.ticket }, PUBLIC);
    expect(mine.data.complaint).toEqual({ status: 'RESOLVED', resolution: 'Dana sudah ditransfer ulang' });
  });

  it('is overdue once its due day passes unanswered, and overdue cases come first in the queue', async () => {
    const late = (await hub.query(SUBMIT, { id: requestId() }, PUBLIC)).data.submitComplaint;
    const fresh = (await hub.query(SUBMIT, { id: requestId() }, PUBLIC)).data.submitComplaint;
    // As if filed fifteen days ago.
    await hub.subgraphs.intake.db.sql.query(`UPDATE intake_case SET due_on = $1 WHERE receipt = $2`, [ago(1), late.ticket]);
    const queue = await hub.query('{ caseQueue(kind: COMPLAINT, first: 2) { total cases { receipt overdue } } }', {}, OPERATOR_CILACAP);
    expect(queue.data.caseQueue.cases[0]).toEqual({ receipt: late.ticket, overdue: true });
    const onlyOverdue = await hub.query('{ caseQueue(kind: COMPLAINT, overdue: true) { cases { receipt } } }', {}, OPERATOR_CILACAP);
    expect(onlyOverdue.data.caseQueue.cases).toEqual([{ receipt: late.ticket }]);
    expect(fresh.overdue).toBe(false);
  });

  it('refuses a NIK and name that do not match population, the same for an unknown NIK', async () => {
    const wrong = await hub.query(`mutation ($id: String!) { submitComplaint(nik: "${JOKO}", name: "Orang Lain", program: "BLT", category: OTHER, description: "x", requestId: $id) { ticket } }`, { id: requestId() }, PUBLIC);
    const unknown = await hub.query(`mutation ($id: String!) { submitComplaint(nik: "${UNKNOWN}", name: "Orang Lain", program: "BLT", category: OTHER, description: "x", requestId: $id) { ticket } }`, { id: requestId() }, PUBLIC);
    expect(wrong.errors![0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', argument: 'name' } });
    expect(unknown.errors![0].message).toBe(wrong.errors![0].message);
  });
});

describe('who may do what', () => {
  it('lets a REGIONAL_APP list only its region\'s applications, and refuses analysts the queue', async () => {
    const app: As = { role: 'REGIONAL_APP', region: '51.01', subject: 'iban-app' };
    const listed = await hub.query('{ caseQueue(kind: APPLICATION) { cases { receipt villageCode } } }', {}, app);
    expect(listed.data.caseQueue.cases.length).toBeGreaterThan(0);
    expect(listed.data.caseQueue.cases.every((c: { villageCode: string }) => c.villageCode.startsWith('51.01.'))).toBe(true);
    expect((await hub.query('{ caseQueue(kind: REPORT) { total } }', {}, app)).errors![0].extensions.code).toBe('FORBIDDEN');
    expect((await hub.query('{ caseQueue { total } }', {}, { role: 'ANALYST', subject: 'a' })).errors![0].extensions.code).toBe('FORBIDDEN');
  });
});
