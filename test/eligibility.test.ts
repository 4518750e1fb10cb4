// Eligibility through the real gateway over the real subgraphs (RULES.md, API.md): each check
// and its boundaries, the built-in rule sets, rule-set versions, the decision log, batches
// that cost a bounded number of subgraph requests, bad input, and failing closed when a
// subgraph stops, then recovering when it comes back, without restarting the gateway.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { decodeJwt } from 'jose';
import { csv, startFederatedHub, type FederatedHub } from './support/federated-hub.js';

const AS_OF = '2025-06-30';
const ADMIN = { role: 'ADMIN' } as const;
let hub: FederatedHub;

// People of Jembrana (IBAN), Banyuwangi (BANYUWANGI) and Cilacap (DTKS). NIK digits 7-12 are
// the birth date, with 40 added to the day for women.
const MADE = '5101011505800001'; // vaccinated, never aided: eligible under IBAN
const LUH = '5101015708850002'; // ASN until AS_OF: still serving on it
const PUTU = '5101010101100003'; // dose on AS_OF, paid on AS_OF
const KETUT = '5101010202700004'; // died on AS_OF
const KOMANG = '5101010303750005'; // dies the day after AS_OF
const BUDI = '3510010404800001'; // his wife was paid 179 days before AS_OF
const SITI = '3510014505820002';
const SLAMET = '3510010606600003'; // his wife was paid 180 days before AS_OF: outside the window
const SRI = '3510014707650004';
const RINA = '3510014808000005'; // on a family card with no HEAD
const JOKO = '3301010101900001'; // DTKS decile 4, active: eligible under DTKS
const AGUS = '3301010202900002'; // decile 5
const WATI = '3301014303900003'; // decile 2 but INACTIVE (MAMPU)
const HADI = '3301010404900004'; // not in DTKS
const UNKNOWN = '3301010505900009'; // not in population
const WAYAN = '5101010909800006'; // paid by BANSOS_JEMBRANA itself, by nothing else
const DEWI = '3510014909800006'; // her son was paid by SMART_KAMPUNG 179 days before AS_OF, by BLT 180 days before
const BAYU = '3510011010100007';

beforeAll(async () => {
  hub = await startFederatedHub();
  await hub.load({
    'population/persons.csv': csv([
      'nik,kk,full_name,sex,birth_date,relationship,village_code,death_date',
      `${MADE},5101010101100001,I Made Sutama,L,1980-05-15,HEAD,51.01.01.2001,`,
      `${LUH},5101010101100001,Ni Luh Sari,P,1985-08-17,SPOUSE,51.01.01.2001,`,
      `${PUTU},5101010101100001,I Putu Adi,L,2010-01-01,CHILD,51.01.01.2001,`,
      `${KETUT},5101010101100002,I Ketut Rai,L,1970-02-02,HEAD,51.01.01.2001,2025-06-30`,
      `${KOMANG},5101010101100003,I Komang Sudi,L,1975-03-03,HEAD,51.01.01.2001,2025-07-01`,
      `${BUDI},3510010101100001,Budi Santoso,L,1980-04-04,HEAD,35.10.01.2001,`,
      `${SITI},3510010101100001,Siti Aminah,P,1982-05-05,SPOUSE,35.10.01.2001,`,
      `${SLAMET},3510010101100002,Slamet,L,1960-06-06,HEAD,35.10.01.2001,`,
      `${SRI},3510010101100002,Sri Wahyuni,P,1965-07-07,SPOUSE,35.10.01.2001,`,
      `${RINA},3510010101100003,Rina,P,2000-08-08,CHILD,35.10.01.2001,`,
      `${JOKO},3301010101100001,Joko Widodo,L,1990-01-01,HEAD,33.01.01.2001,`,
      `${AGUS},3301010101100002,Agus Salim,L,1990-02-02,HEAD,33.01.01.2001,`,
      `${WATI},3301010101100003,Wati,P,1990-03-03,HEAD,33.01.01.2001,`,
      `${HADI},3301010101100004,Hadi,L,1990-04-04,HEAD,33.01.01.2001,`,
      `${WAYAN},5101010101100004,I Wayan Gede,L,1980-09-09,HEAD,51.01.01.2001,`,
      `${DEWI},3510010101100004,Dewi Lestari,P,1980-09-09,HEAD,35.10.01.2001,`,
      `${BAYU},3510010101100004,Bayu,L,2010-10-10,CHILD,35.10.01.2001,`,
    ]),
    'vaccination/doses.csv': csv([
      'nik,dose,vaccine,administered_on',
      `${MADE},1,SINOVAC,2021-07-01`,
      `${PUTU},1,PFIZER,2025-06-30`,
      `${KOMANG},1,SINOVAC,2021-08-01`,
      `${KETUT},1,SINOVAC,2021-08-01`,
      `${WAYAN},1,SINOVAC,2021-07-01`,
    ]),
    'civil-service/personnel.csv': csv(['nik,corps,agency,start_date,end_date', `${LUH},ASN,Pemerintah Kabupaten Jembrana,2010-01-01,2025-06-30`]),
    'dtks/members.csv': csv([
      'nik,kk,decile,status,status_reason,updated_on',
      `${JOKO},3301010101100001,4,ACTIVE,,2024-01-01`,
      `${AGUS},3301010101100002,5,ACTIVE,,2024-01-01`,
      `${WATI},3301010101100003,2,INACTIVE,MAMPU,2024-01-01`,
    ]),
    'aid/programs.csv': csv([
      'code,name,unit,rule_set',
      'BLT,Bantuan Langsung Tunai,PERSON,DTKS',
      'BANSOS_JEMBRANA,Bansos Kabupaten Jembrana,PERSON,IBAN',
      'SMART_KAMPUNG,Bantuan Smart Kampung Banyuwangi,PERSON,BANYUWANGI',
    ]),
    'aid/disbursements.csv': csv([
      'id,program_code,nik,kk,period,amount_idr,disbursed_on,district_code',
      `D1,BLT,${PUTU},5101010101100001,2025-06,300000,2025-06-30,51.01.01`,
      `D2,BLT,${SITI},3510010101100001,2025-01,300000,2025-01-02,35.10.01`,
      `D3,BLT,${SRI},3510010101100002,2025-01,300000,2025-01-01,35.10.01`,
      `D4,BANSOS_JEMBRANA,${WAYAN},5101010101100004,2025-06,250000,2025-06-15,51.01.01`,
      `D5,SMART_KAMPUNG,${BAYU},3510010101100004,2025-01,200000,2025-01-02,35.10.01`,
      `D6,BLT,${BAYU},3510010101100004,2025-01,300000,2025-01-01,35.10.01`,
    ]),
  });
}, 300_000);
afterAll(() => hub?.close());

const ELIGIBILITY = `query ($nik: String!, $name: String, $ruleSet: String!, $asOf: String) {
  eligibility(nik: $nik, name: $name, ruleSet: $ruleSet, asOf: $asOf) {
    nik ruleSet ruleSetVersion asOf decision checks { code status source reason evidence }
  }
}`;

type Result = { nik: string; decision: string; ruleSetVersion: number; checks: { code: string; status: string; source: string; reason: string | null; evidence: any }[] };

async function eligibility(nik: string, ruleSet: string, extra: { name?: string; asOf?: string } = {}): Promise<Result> {
  const res = await hub.query<{ eligibility: Result }>(ELIGIBILITY, { nik, ruleSet, asOf: AS_OF, ...extra });
  expect(res.errors).toBeUndefined();
  return res.data!.eligibility;
}

const statuses = (r: Result) => Object.fromEntries(r.checks.map((c) => [c.code, c.status]));

describe('eligibility through the gateway', () => {
  it('IBAN: a vaccinated Jembrana resident who never received aid is eligible, check by check', async () => {
    const r = await eligibility(MADE, 'IBAN');
    expect(r).toMatchObject({ nik: MADE, decision: 'ELIGIBLE', ruleSetVersion: 1 });
    expect(r.checks.map((c) => [c.code, c.status, c.source])).toEqual([
      ['IDENTITY', 'PASS', 'population'],
      ['ALIVE', 'PASS', 'population'],
      ['RESIDENT', 'PASS', 'population'],
      ['VACCINATED', 'PASS', 'vaccination'],
      ['NOT_CIVIL_SERVANT', 'PASS', 'civil-service'],
      ['NO_PRIOR_AID', 'PASS', 'aid-history'],
    ]);
  });

  it('counts a dose and a payment on the as-of date, and a service ending on it', async () => {
    expect(statuses(await eligibility(PUTU, 'IBAN'))).toMatchObject({ VACCINATED: 'PASS', NO_PRIOR_AID: 'FAIL' });
    expect(statuses(await eligibility(PUTU, 'IBAN', { asOf: '2025-06-29' }))).toMatchObject({ VACCINATED: 'FAIL', NO_PRIOR_AID: 'PASS' });
    const luh = await eligibility(LUH, 'IBAN');
    expect(statuses(luh)).toMatchObject({ NOT_CIVIL_SERVANT: 'FAIL' });
    expect(luh.checks.find((c) => c.code === 'NOT_CIVIL_SERVANT')!.evidence.serving[0]).toMatchObject({ corps: 'ASN', endDate: '2025-06-30' });
    expect(statuses(await eligibility(LUH, 'IBAN', { asOf: '2025-07-01' }))).toMatchObject({ NOT_CIVIL_SERVANT: 'PASS' });
  });

  it('ALIVE fails on the day of death and passes the day before it', async () => {
    expect(statuses(await eligibility(KETUT, 'IBAN'))).toMatchObject({ ALIVE: 'FAIL' });
    expect(statuses(await eligibility(KOMANG, 'IBAN'))).toMatchObject({ ALIVE: 'PASS' });
  });

  it('RESIDENT fails outside the rule set region', async () => {
    const r = await eligibility(BUDI, 'IBAN');
    expect(statuses(r)).toMatchObject({ RESIDENT: 'FAIL' });
    expect(r.decision).toBe('INELIGIBLE');
  });

  it('BANYUWANGI: a family member paid 179 days before fails, 180 days before passes, with masked evidence', async () => {
    const budi = await eligibility(BUDI, 'BANYUWANGI');
    expect(budi.decision).toBe('INELIGIBLE');
    const check = budi.checks.find((c) => c.code === 'FAMILY_NOT_RECEIVING')!;
    expect(check).toMatchObject({ status: 'FAIL', source: 'population+aid-history' });
    expect(check.evidence.recent).toEqual([{ nik: '3510********0002', programCode: 'BLT', disbursedOn: '2025-01-02' }]);
    expect(JSON.stringify(budi)).not.toContain(SITI);
    expect(await eligibility(SLAMET, 'BANYUWANGI')).toMatchObject({ decision: 'ELIGIBLE' });
  });

  it('decides for a person whose family card has no HEAD from the members it has', async () => {
    const rina = await eligibility(RINA, 'BANYUWANGI');
    expect(rina.decision).toBe('ELIGIBLE');
    expect(rina.checks.find((c) => c.code === 'FAMILY_NOT_RECEIVING')!.evidence).toMatchObject({ kk: '3510********0003', recent: [] });
  });

  it('DTKS: the decile equal to the threshold passes, above it fails; INACTIVE and absent records fail', async () => {
    expect(await eligibility(JOKO, 'DTKS')).toMatchObject({ decision: 'ELIGIBLE' });
    expect(statuses(await eligibility(AGUS, 'DTKS'))).toMatchObject({ IN_DTKS: 'PASS', WELFARE_DECILE: 'FAIL' });
    expect(statuses(await eligibility(WATI, 'DTKS'))).toMatchObject({ IN_DTKS: 'FAIL', WELFARE_DECILE: 'PASS' });
    expect(statuses(await eligibility(HADI, 'DTKS'))).toMatchObject({ IN_DTKS: 'FAIL', WELFARE_DECILE: 'FAIL' });
  });

  it('an unknown NIK fails IDENTITY alone; a name is compared ignoring case and spacing', async () => {
    const unknown = await eligibility(UNKNOWN, 'DTKS');
    expect(unknown.decision).toBe('INELIGIBLE');
    expect(unknown.checks.map((c) => [c.code, c.status])).toEqual([['IDENTITY', 'FAIL']]);
    expect(await eligibility(JOKO, 'DTKS', { name: '  joko   WIDODO ' })).toMatchObject({ decision: 'ELIGIBLE' });
    const wrong = await eligibility(JOKO, 'DTKS', { name: 'Joko Susilo' });
    expect(wrong.checks.map((c) => [c.code, c.status])).toEqual([['IDENTITY', 'FAIL']]);
  });

  it('names the argument of every bad input', async () => {
    const bad = async (variables: Record<string, unknown>) => {
      const res = await hub.query(ELIGIBILITY, { nik: JOKO, ruleSet: 'DTKS', ...variables });
      expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      return res.errors![0].message as string;
    };
    expect(await bad({ nik: '12345' })).toMatch(/Argument "nik" must be a NIK of exactly 16 digits/);
    expect(await bad({ ruleSet: 'NOPE' })).toMatch(/Argument "ruleSet" names no known rule set.*BANYUWANGI, DTKS, IBAN, LAPORAN_WARGA/);
    expect(await bad({ asOf: '2025-02-30' })).toMatch(/Argument "asOf" must be a date/);
    const batch = await hub.query(`{ eligibilityBatch(niks: ["${JOKO}", "x"], ruleSet: "DTKS") { nik } }`);
    expect(batch.errors![0].message).toMatch(/Argument "niks\[1\]" must be a NIK/);
    const niks = Array.from({ length: 10_001 }, () => JOKO);
    const over = await hub.query('query ($niks: [String!]!) { eligibilityBatch(niks: $niks, ruleSet: "DTKS") { nik } }', { niks });
    expect(over.errors![0]).toMatchObject({ message: expect.stringMatching(/holds 10001 NIKs; at most 10000/), extensions: { code: 'BAD_USER_INPUT' } });
  });

  it('decides a batch of 1,000 in order with a bounded number of subgraph requests and queries', async () => {
    const pool = [MADE, LUH, PUTU, KETUT, KOMANG, BUDI, SITI, SLAMET, SRI, JOKO, AGUS, WATI, HADI, UNKNOWN];
    const niks = Array.from({ length: 1_000 }, (_, i) => (i < pool.length ? pool[i]! : `33010106069${String(i).padStart(5, '0')}`));
    hub.resetCounts();
    const res = await hub.query<{ eligibilityBatch: Result[] }>(
      'query ($niks: [String!]!) { eligibilityBatch(niks: $niks, ruleSet: "BANYUWANGI", asOf: "2025-06-30") { nik decision } }',
      { niks },
      // ADMIN's reads are not access-logged, so the counts are the decision's alone.
      ADMIN,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.eligibilityBatch.map((r) => r.nik)).toEqual(niks);
    expect(res.data!.eligibilityBatch.find((r) => r.nik === BUDI)!.decision).toBe('INELIGIBLE');
    expect(res.data!.eligibilityBatch.find((r) => r.nik === SLAMET)!.decision).toBe('ELIGIBLE');
    // One request to eligibility from the client and one for the facts' root; population once
    // for the persons with their families; aid-history once for all members' payments.
    expect(hub.requests).toMatchObject({ eligibility: 2, population: 1, 'aid-history': 1, dtks: 0, vaccination: 0, 'civil-service': 0 });
    expect(hub.queries.population).toBeLessThanOrEqual(4);
    expect(hub.queries['aid-history']).toBeLessThanOrEqual(2);
  });

  it('decides two batches at a time; batches sent beside them wait their turn and are answered whole', async () => {
    // Each batch being decided asks the gateway for its facts once, under eligibility's own
    // service token: those requests in flight are the batches being decided. They are told by
    // the token's subject; the client's tokens are minted per request, so are not one string.
    let inFlight = 0;
    let most = 0;
    const track = (req: IncomingMessage, res: ServerResponse) => {
      const token = req.headers.authorization?.replace(/^Bearer /, '');
      if (!token || decodeJwt(token).sub !== 'eligibility') return;
      most = Math.max(most, ++inFlight);
      res.once('close', () => inFlight--);
    };
    hub.gateway.server.on('request', track);
    try {
      const batches = Array.from({ length: 5 }, (_, b) => [JOKO, ...Array.from({ length: 2_000 }, (_, i) => `330101070${b}9${String(i).padStart(5, '0')}`)]);
      const answers = await Promise.all(
        batches.map((niks) =>
          hub.query<{ eligibilityBatch: Result[] }>('query ($niks: [String!]!) { eligibilityBatch(niks: $niks, ruleSet: "DTKS", asOf: "2025-06-30") { nik decision } }', { niks }, ADMIN),
        ),
      );
      for (const [b, answer] of answers.entries()) {
        expect(answer.errors).toBeUndefined();
        expect(answer.data!.eligibilityBatch.map((r) => r.nik)).toEqual(batches[b]);
        expect(answer.data!.eligibilityBatch[0]!.decision).toBe('ELIGIBLE');
      }
      expect(most).toBe(2);
    } finally {
      hub.gateway.server.off('request', track);
    }
  });

  it('keeps every version of a rule set; a new version changes the decision and the old one stays readable', async () => {
    const saved = await hub.query(
      `mutation { saveRuleSet(input: { code: "DTKS", name: "DTKS, poorest 50 %", checks: ["IDENTITY", "ALIVE", "IN_DTKS", "WELFARE_DECILE", "NOT_CIVIL_SERVANT"], decileThreshold: 5 }) { code version decileThreshold } }`,
      {},
      ADMIN,
    );
    expect(saved.data).toEqual({ saveRuleSet: { code: 'DTKS', version: 2, decileThreshold: 5 } });
    expect(await eligibility(AGUS, 'DTKS')).toMatchObject({ decision: 'ELIGIBLE', ruleSetVersion: 2 });
    const versions = await hub.query('{ ruleSets(code: "DTKS") { version decileThreshold } v1: ruleSet(code: "DTKS", version: 1) { decileThreshold } }');
    expect(versions.data).toEqual({ ruleSets: [{ version: 2, decileThreshold: 5 }, { version: 1, decileThreshold: 4 }], v1: { decileThreshold: 4 } });
    const invalid = await hub.query(
      'mutation { saveRuleSet(input: { code: "X", name: "x", region: "99.99", checks: ["ALIVE", "FLYING"] }) { version } }',
      {},
      ADMIN,
    );
    expect(invalid.errors![0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    expect(invalid.errors![0].message).toMatch(/unknown codes FLYING.*must start with IDENTITY.*region 99.99/);
  });

  it('logs every decision with its rule-set version, for auditors to query', async () => {
    await eligibility(HADI, 'DTKS');
    const log = await hub.query(`{ decisions(nik: "${HADI}", ruleSet: "DTKS") { nik ruleSet ruleSetVersion asOf decision checks } }`);
    expect(log.data.decisions[0]).toMatchObject({ nik: HADI, ruleSet: 'DTKS', asOf: AS_OF, decision: 'INELIGIBLE' });
    expect(log.data.decisions[0].checks.map((c: { code: string }) => c.code)).toContain('IN_DTKS');
    const ineligible = await hub.query('{ decisions(decision: "ELIGIBLE", first: 1000) { decision } }');
    expect(ineligible.data.decisions.every((d: { decision: string }) => d.decision === 'ELIGIBLE')).toBe(true);
  });

  describe('in a programme\'s context (RULES.md, Programme context)', () => {
    const IN_PROGRAM = `query ($nik: String!, $ruleSet: String!, $program: String) {
      eligibility(nik: $nik, ruleSet: $ruleSet, asOf: "${AS_OF}", program: $program) { program decision checks { code status reason evidence } }
    }`;
    const ask = async (nik: string, ruleSet: string, program?: string) => {
      const res = await hub.query(IN_PROGRAM, { nik, ruleSet, program });
      expect(res.errors).toBeUndefined();
      return res.data.eligibility as { program: string | null; decision: string; checks: Result['checks'] };
    };
    const check = (r: { checks: Result['checks'] }, code: string) => r.checks.find((c) => c.code === code)!;

    it('NO_PRIOR_AID disregards the payments of the programme asked for, and only those', async () => {
      expect(await ask(WAYAN, 'IBAN')).toMatchObject({ program: null, decision: 'INELIGIBLE' });
      const own = await ask(WAYAN, 'IBAN', 'BANSOS_JEMBRANA');
      expect(own).toMatchObject({ program: 'BANSOS_JEMBRANA', decision: 'ELIGIBLE' });
      expect(check(own, 'NO_PRIOR_AID').evidence).toEqual({ disbursements: 0, disregardedProgram: 'BANSOS_JEMBRANA' });
      const other = await ask(WAYAN, 'IBAN', 'BLT');
      expect(other.decision).toBe('INELIGIBLE');
      expect(check(other, 'NO_PRIOR_AID').evidence).toMatchObject({ first: { programCode: 'BANSOS_JEMBRANA' }, disregardedProgram: 'BLT' });
    });

    it('FAMILY_NOT_RECEIVING disregards the programme\'s own payments; another programme\'s count inside the window only', async () => {
      const without = await ask(DEWI, 'BANYUWANGI');
      expect(check(without, 'FAMILY_NOT_RECEIVING').evidence.recent).toEqual([{ nik: '3510********0007', programCode: 'SMART_KAMPUNG', disbursedOn: '2025-01-02' }]);
      const own = await ask(DEWI, 'BANYUWANGI', 'SMART_KAMPUNG');
      // BLT paid her son 180 days before AS_OF: outside the window, so nothing is left.
      expect(own.decision).toBe('ELIGIBLE');
      expect(check(own, 'FAMILY_NOT_RECEIVING').evidence).toMatchObject({ recent: [], disregardedProgram: 'SMART_KAMPUNG' });
      expect((await ask(DEWI, 'BANYUWANGI', 'BLT')).decision).toBe('INELIGIBLE');
    });

    it('decides a batch in the programme\'s context, logs the programme, and refuses an unknown one naming program', async () => {
      const batch = await hub.query(
        `{ eligibilityBatch(niks: ["${WAYAN}", "${MADE}"], ruleSet: "IBAN", asOf: "${AS_OF}", program: "BANSOS_JEMBRANA") { nik program decision } }`,
      );
      expect(batch.data.eligibilityBatch).toEqual([
        { nik: WAYAN, program: 'BANSOS_JEMBRANA', decision: 'ELIGIBLE' },
        { nik: MADE, program: 'BANSOS_JEMBRANA', decision: 'ELIGIBLE' },
      ]);
      const log = await hub.query(`{ decisions(nik: "${WAYAN}", program: "BANSOS_JEMBRANA", first: 1) { program decision } }`);
      expect(log.data.decisions).toEqual([{ program: 'BANSOS_JEMBRANA', decision: 'ELIGIBLE' }]);
      for (const query of [IN_PROGRAM, '{ eligibilityBatch(niks: ["5101010909800006"], ruleSet: "IBAN", program: "NOPE") { nik } }']) {
        const res = await hub.query(query, { nik: WAYAN, ruleSet: 'IBAN', program: 'NOPE' });
        expect(res.data).toBeNull();
        expect(res.errors![0]).toMatchObject({ message: expect.stringMatching(/^Argument "program" names no known programme/), extensions: { code: 'BAD_USER_INPUT' } });
      }
    });

    it('with aid-history down, cannot confirm the programme and fails closed on the checks that read aid', async () => {
      await hub.stop('aid-history');
      try {
        const wayan = await ask(WAYAN, 'IBAN', 'BANSOS_JEMBRANA');
        expect(wayan.decision).toBe('UNDETERMINED');
        expect(check(wayan, 'NO_PRIOR_AID')).toMatchObject({ status: 'UNKNOWN', reason: expect.stringMatching(/aid-history/) });
      } finally {
        await hub.restart('aid-history');
      }
    });

    it('asks aid-history about a programme once, not at every decision in its context', async () => {
      hub.resetCounts();
      for (const nik of [JOKO, AGUS, WATI, HADI]) await ask(nik, 'DTKS', 'BLT');
      // DTKS reads no aid, so aid-history is asked only to confirm BLT, which is then known for
      // a second (PROGRAM_KNOWN_MS): once in all, unless the machine stalls between the four.
      expect(hub.requests.dtks).toBe(4);
      expect(hub.requests['aid-history']).toBeLessThan(4);
    });
  });

  it('composes a person from every subgraph in one query', async () => {
    const res = await hub.query(`{ person(nik: "${PUTU}") {
      fullName family { head { nik } members { nik } } dtks { decile } vaccinations { dose administeredOn }
      civilService { corps } aidHistory { id program { code } amountIdr disbursedOn } } }`);
    expect(res).toEqual({
      data: {
        person: {
          fullName: 'I Putu Adi',
          family: { head: { nik: MADE }, members: [{ nik: MADE }, { nik: LUH }, { nik: PUTU }] },
          dtks: null,
          vaccinations: [{ dose: 1, administeredOn: '2025-06-30' }],
          civilService: [],
          aidHistory: [{ id: 'D1', program: { code: 'BLT' }, amountIdr: 300000, disbursedOn: '2025-06-30' }],
        },
      },
    });
  });

  it('reads the decision log by time range (Jakarta days)', async () => {
    await eligibility(JOKO, 'DTKS');
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta' }).format(new Date());
    const within = await hub.query(`{ decisions(nik: "${JOKO}", from: "${today}", to: "${today}") { nik } }`);
    expect(within.data.decisions.length).toBeGreaterThan(0);
    const before = await hub.query(`{ decisions(nik: "${JOKO}", to: "2020-01-01") { nik } }`);
    expect(before.data.decisions).toEqual([]);
    const bad = await hub.query('{ decisions(from: "yesterday") { nik } }');
    expect(bad.errors![0].message).toMatch(/Argument "from" must be a date/);
  });

  it('fails closed while a subgraph is down and recovers when it is back, without restarting the gateway', async () => {
    await hub.stop('dtks');
    try {
      const joko = await eligibility(JOKO, 'DTKS');
      expect(joko.decision).toBe('UNDETERMINED');
      expect(statuses(joko)).toEqual({ IDENTITY: 'PASS', ALIVE: 'PASS', IN_DTKS: 'UNKNOWN', WELFARE_DECILE: 'UNKNOWN', NOT_CIVIL_SERVANT: 'PASS' });
      expect(joko.checks.find((c) => c.code === 'IN_DTKS')!.reason).toMatch(/dtks/);
      // Another check failing still makes it INELIGIBLE; rule sets without dtks are unaffected.
      expect((await eligibility(KETUT, 'DTKS')).decision).toBe('INELIGIBLE');
      expect((await eligibility(MADE, 'IBAN')).decision).toBe('ELIGIBLE');
    } finally {
      await hub.restart('dtks');
    }
    expect((await eligibility(JOKO, 'DTKS', { asOf: AS_OF })).decision).toBe('ELIGIBLE');
  });

  it('costs only the checks of a source whose field is a list when it is down (vaccination, civil-service, aid-history)', async () => {
    for (const [source, check] of [['vaccination', 'VACCINATED'], ['civil-service', 'NOT_CIVIL_SERVANT'], ['aid-history', 'NO_PRIOR_AID']] as const) {
      await hub.stop(source);
      try {
        const made = await eligibility(MADE, 'IBAN');
        expect({ source, decision: made.decision, statuses: statuses(made) }).toEqual({
          source,
          decision: 'UNDETERMINED',
          statuses: { IDENTITY: 'PASS', ALIVE: 'PASS', RESIDENT: 'PASS', VACCINATED: 'PASS', NOT_CIVIL_SERVANT: 'PASS', NO_PRIOR_AID: 'PASS', [check]: 'UNKNOWN' },
        });
      } finally {
        await hub.restart(source);
      }
    }
  });
});
