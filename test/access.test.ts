/**
 * Who may see what, through the real gateway over real subgraphs (issue 8): every role
 * against every public operation for a NIK inside and outside its region, masking, the
 * access log, bypass attempts, abuse limits and a fuzz run of malformed documents.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { FORWARDED_CALLER_HEADER, issueToken, ROLES, signForwardedCaller } from '@tepat/auth';
import { readSupergraph, rootFieldsOf, startGateway, type RunningGateway } from '@tepat/gateway';
import { buildSchema, parse } from 'graphql';
import fc from 'fast-check';
import { SignJWT, UnsecuredJWT } from 'jose';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { csv, startFederatedHub, type As, type FederatedHub } from './support/federated-hub.js';

let hub: FederatedHub;

// Region A: Banyuwangi (35.10). Region B: Jembrana (51.01).
const REGION = '35.10';
const BUDI = '3510010404800001';
const SITI = '3510014505820002'; // Budi's wife
const BUDI_KK = '3510010101100001';
const MADE = '5101011505800001';
const LUH = '5101015708850002';
const MADE_KK = '5101010101100001';
const NOBODY = '3510010101010009'; // no one in population has this NIK or KK

beforeAll(async () => {
  hub = await startFederatedHub();
  await hub.load({
    'population/persons.csv': csv([
      'nik,kk,full_name,sex,birth_date,relationship,village_code,death_date',
      `${BUDI},${BUDI_KK},Budi Santoso,L,1980-04-04,HEAD,35.10.01.2001,`,
      `${SITI},${BUDI_KK},Siti Aminah,P,1982-05-05,SPOUSE,35.10.01.2001,`,
      `${MADE},${MADE_KK},I Made Sutama,L,1980-05-15,HEAD,51.01.01.2001,`,
      `${LUH},${MADE_KK},Ni Luh Sari,P,1985-08-17,SPOUSE,51.01.01.2001,`,
    ]),
    'dtks/members.csv': csv([
      'nik,kk,decile,status,status_reason,updated_on',
      `${BUDI},${BUDI_KK},2,ACTIVE,,2024-01-01`,
      `${MADE},${MADE_KK},3,ACTIVE,,2024-01-01`,
    ]),
    'aid/programs.csv': csv(['code,name,unit,rule_set', 'BLT,Bantuan Langsung Tunai,PERSON,DTKS', 'BANSOS_JEMBRANA,Bansos Jembrana,PERSON,IBAN']),
    'aid/disbursements.csv': csv([
      'id,program_code,nik,kk,period,amount_idr,disbursed_on,district_code',
      `D1,BLT,${SITI},${BUDI_KK},2025-05,300000,2025-05-02,35.10.01`,
      `D2,BLT,${LUH},${MADE_KK},2025-05,300000,2025-05-02,51.01.01`,
    ]),
  });
}, 300_000);
afterAll(() => hub?.close());

const CALLERS: Record<string, As> = {
  PUBLIC: 'PUBLIC',
  REGIONAL_APP: { role: 'REGIONAL_APP', region: REGION, subject: 'banyuwangi-app' },
  FACILITATOR: { role: 'FACILITATOR', region: REGION, subject: 'pendamping' },
  OPERATOR: { role: 'OPERATOR', region: REGION, subject: 'operator-desa', purpose: 'verifikasi' },
  ANALYST: { role: 'ANALYST', subject: 'analyst' },
  AUDITOR: { role: 'AUDITOR', subject: 'auditor', purpose: 'case 2025/17' },
  ADMIN: { role: 'ADMIN', subject: 'admin' },
};

/** Whether a role may use an operation for a NIK in its region and for one outside it. */
type Reach = 'both' | 'in' | 'none';

interface Operation {
  query: string;
  variables: (nik: string, kk: string) => Record<string, unknown>;
  /** Role -> reach; roles not listed: none. */
  allow: Partial<Record<keyof typeof CALLERS, Reach>>;
  /** An allowed caller may get null (a look-up by receipt that finds nothing). */
  mayBeNull?: boolean;
  /** An allowed caller may get this error (an operator's move of a case that does not exist): it passed authorisation. */
  allowedError?: string;
  /**
   * A region-bound caller asking about someone outside its region gets the answer for a NIK
   * or KK no one has, not a refusal: no existence oracle (issue 21).
   */
  outsideLooksUnknown?: boolean;
}

const EVERYONE = { PUBLIC: 'both', REGIONAL_APP: 'both', FACILITATOR: 'both', OPERATOR: 'both', ANALYST: 'both', AUDITOR: 'both', ADMIN: 'both' } as const;
const nameOf = (nik: string) => (nik === BUDI ? 'Budi Santoso' : 'I Made Sutama');
let requestIds = 0;
const requestId = () => `matrix-${++requestIds}-${randomBytes(4).toString('hex')}`;
/** An operator's move of a case: allowed to operators, who are told the receipt names no such case. */
const move = (mutation: string, receiptArg: string, extra = ''): Operation => ({
  query: `mutation ($id: String!) { ${mutation}(${receiptArg}: "LAP-0000-0000-0000", ${extra} requestId: $id) { receipt } }`,
  variables: () => ({ id: requestId() }),
  allow: { OPERATOR: 'both' },
  allowedError: 'BAD_USER_INPUT',
});

const OPERATIONS: Record<string, Operation> = {
  person: {
    query: 'query ($nik: String!) { person(nik: $nik) { nik fullName villageCode } }',
    variables: (nik) => ({ nik }),
    allow: { OPERATOR: 'in', AUDITOR: 'both' },
    outsideLooksUnknown: true,
  },
  personAcrossSubgraphs: {
    query: 'query ($nik: String!) { person(nik: $nik) { dtks { decile } vaccinations { dose } civilService { corps } aidHistory { amountIdr } } }',
    variables: (nik) => ({ nik }),
    allow: { OPERATOR: 'in', AUDITOR: 'both' },
    outsideLooksUnknown: true,
  },
  family: {
    query: 'query ($kk: String!) { family(kk: $kk) { kk members { nik } dtksRecords { decile } aidHistory { amountIdr } } }',
    variables: (_nik, kk) => ({ kk }),
    allow: { OPERATOR: 'in', AUDITOR: 'both' },
    outsideLooksUnknown: true,
  },
  searchPersons: {
    // Allowed to operators everywhere, but only people in their region are found (tested below).
    query: 'query ($name: String!) { searchPersons(name: $name) { persons { nik } } }',
    variables: (nik) => ({ name: nik === BUDI ? 'Budi' : 'Made' }),
    allow: { OPERATOR: 'both', AUDITOR: 'both' },
  },
  dtksRecord: {
    query: 'query ($nik: String!) { dtksRecord(nik: $nik) { decile } }',
    variables: (nik) => ({ nik }),
    allow: { AUDITOR: 'both' },
  },
  eligibility: {
    query: 'query ($nik: String!) { eligibility(nik: $nik, ruleSet: "DTKS", asOf: "2025-06-30") { nik decision } }',
    variables: (nik) => ({ nik }),
    allow: { REGIONAL_APP: 'in', OPERATOR: 'in', AUDITOR: 'both', ADMIN: 'both' },
    outsideLooksUnknown: true,
  },
  eligibilityBatch: {
    query: 'query ($niks: [String!]!) { eligibilityBatch(niks: $niks, ruleSet: "DTKS", asOf: "2025-06-30") { nik decision } }',
    variables: (nik) => ({ niks: [nik] }),
    allow: { REGIONAL_APP: 'in', OPERATOR: 'in', AUDITOR: 'both', ADMIN: 'both' },
    outsideLooksUnknown: true,
  },
  decisions: {
    query: 'query ($nik: String!) { decisions(nik: $nik) { nik decision } }',
    variables: (nik) => ({ nik }),
    allow: { AUDITOR: 'both', ADMIN: 'both' },
  },
  decisionLogChain: {
    query: '{ decisionLogChain { log intact } }',
    variables: () => ({}),
    allow: { AUDITOR: 'both', ADMIN: 'both' },
  },
  accessLogChain: {
    query: '{ accessLogChain { log intact } }',
    variables: () => ({}),
    allow: { AUDITOR: 'both', ADMIN: 'both' },
  },
  accessLog: {
    query: 'query ($nik: String!) { accessLog(nik: $nik) { callerRole niks } }',
    variables: (nik) => ({ nik }),
    allow: { ADMIN: 'both' },
  },
  eligibilitySubjects: {
    query: 'query ($nik: String!) { eligibilitySubjects(niks: [$nik]) { nik } }',
    variables: (nik) => ({ nik }),
    allow: {},
  },
  ruleSets: {
    query: '{ ruleSets { code version } }',
    variables: () => ({}),
    allow: EVERYONE,
  },
  ruleSet: {
    query: '{ ruleSet(code: "IBAN") { code version checks } }',
    variables: () => ({}),
    allow: EVERYONE,
  },
  program: {
    query: '{ program(code: "BLT") { code name } }',
    variables: () => ({}),
    allow: EVERYONE,
  },
  programs: {
    query: '{ programs { code } }',
    variables: () => ({}),
    allow: EVERYONE,
  },
  saveRuleSet: {
    query: 'mutation { saveRuleSet(input: { code: "MATRIX", name: "matrix", checks: ["IDENTITY", "ALIVE"] }) { version } }',
    variables: () => ({}),
    allow: { ADMIN: 'both' },
  },
  // Intake (API.md, Workflows).
  recipientCheck: {
    query: 'query ($nik: String!, $name: String!) { recipientCheck(nik: $nik, name: $name) { matched } }',
    variables: (nik) => ({ nik, name: nameOf(nik) }),
    allow: EVERYONE,
  },
  submitApplication: {
    // I-BAN rejects both people (Budi lives outside Jembrana, Made is not vaccinated), so no application stays open.
    query: 'mutation ($nik: String!, $name: String!, $id: String!) { submitApplication(program: "BANSOS_JEMBRANA", nik: $nik, name: $name, requestId: $id) { status } }',
    variables: (nik) => ({ nik, name: nameOf(nik), id: requestId() }),
    allow: { PUBLIC: 'both', REGIONAL_APP: 'in', FACILITATOR: 'in' },
  },
  submitReport: {
    query: 'mutation ($nik: String!, $name: String!, $id: String!) { submitReport(nik: $nik, name: $name, reason: "butuh bantuan", requestId: $id) { status } }',
    variables: (nik) => ({ nik, name: nameOf(nik), id: requestId() }),
    allow: { PUBLIC: 'both', REGIONAL_APP: 'in', FACILITATOR: 'in' },
  },
  submitComplaint: {
    query: 'mutation ($nik: String!, $name: String!, $id: String!) { submitComplaint(nik: $nik, name: $name, program: "BLT", category: OTHER, description: "x", requestId: $id) { status } }',
    variables: (nik) => ({ nik, name: nameOf(nik), id: requestId() }),
    allow: { PUBLIC: 'both', FACILITATOR: 'in', OPERATOR: 'in' },
  },
  application: {
    query: 'query ($nik: String!) { application(receipt: "PMH-0000-0000-0000", nik: $nik) { status } }',
    variables: (nik) => ({ nik }),
    allow: EVERYONE,
    mayBeNull: true,
  },
  report: {
    query: 'query ($nik: String!) { report(receipt: "LAP-0000-0000-0000", nik: $nik) { status } }',
    variables: (nik) => ({ nik }),
    allow: EVERYONE,
    mayBeNull: true,
  },
  complaint: {
    query: 'query ($nik: String!) { complaint(ticket: "ADU-0000-0000-0000", nik: $nik) { status } }',
    variables: (nik) => ({ nik }),
    allow: EVERYONE,
    mayBeNull: true,
  },
  caseQueue: {
    query: '{ caseQueue(kind: APPLICATION) { total } }',
    variables: () => ({}),
    allow: { REGIONAL_APP: 'both', FACILITATOR: 'both', OPERATOR: 'both', AUDITOR: 'both' },
  },
  decideApplicationAgain: move('decideApplicationAgain', 'receipt'),
  verifyReport: move('verifyReport', 'receipt'),
  dismissReport: move('dismissReport', 'receipt', 'reason: "x",'),
  startComplaint: move('startComplaint', 'ticket'),
  resolveComplaint: move('resolveComplaint', 'ticket', 'resolution: "x",'),
  closeComplaint: move('closeComplaint', 'ticket', 'reason: "x",'),
  submitProposal: {
    query: 'mutation ($nik: String!, $name: String!, $id: String!) { submitProposal(nik: $nik, name: $name, submitterNik: "3510014505820002", reason: "x", requestId: $id) { status } }',
    variables: (nik) => ({ nik, name: nameOf(nik), id: requestId() }),
    allow: { PUBLIC: 'both', REGIONAL_APP: 'in', FACILITATOR: 'in', OPERATOR: 'in' },
  },
  submitObjection: {
    // The submitter lives in the same village as the person objected to: Siti with Budi, Luh with Made.
    query: 'mutation ($nik: String!, $submitter: String!, $id: String!) { submitObjection(nik: $nik, submitterNik: $submitter, reason: MAMPU, requestId: $id) { status } }',
    variables: (nik) => ({ nik, submitter: nik === BUDI ? SITI : LUH, id: requestId() }),
    allow: { PUBLIC: 'both', REGIONAL_APP: 'in', FACILITATOR: 'in', OPERATOR: 'in' },
  },
  proposal: {
    query: 'query ($nik: String!) { proposal(receipt: "USL-0000-0000-0000", nik: $nik) { status } }',
    variables: (nik) => ({ nik }),
    allow: EVERYONE,
    mayBeNull: true,
  },
  objection: {
    query: 'query ($nik: String!) { objection(receipt: "SGH-0000-0000-0000", nik: $nik) { status } }',
    variables: (nik) => ({ nik }),
    allow: EVERYONE,
    mayBeNull: true,
  },
  acceptProposal: move('acceptProposal', 'receipt'),
  rejectProposal: move('rejectProposal', 'receipt', 'reason: "x",'),
  upholdObjection: move('upholdObjection', 'receipt'),
  dismissObjection: move('dismissObjection', 'receipt', 'reason: "x",'),
  // Curation last: it deactivates Budi, then reactivates him.
  deactivateDtksMember: {
    query: 'mutation ($nik: String!, $id: String!) { deactivateDtksMember(nik: $nik, reason: LAINNYA, requestId: $id) { status } }',
    variables: (nik) => ({ nik, id: requestId() }),
    allow: { OPERATOR: 'in' },
  },
  reactivateDtksMember: {
    query: 'mutation ($nik: String!, $id: String!) { reactivateDtksMember(nik: $nik, requestId: $id) { status } }',
    variables: (nik) => ({ nik, id: requestId() }),
    allow: { OPERATOR: 'in' },
  },
  admitDtksMember: {
    query: 'mutation ($nik: String!, $id: String!) { admitDtksMember(nik: $nik, reference: "USL-0000-0000-0000", requestId: $id) { status } }',
    variables: (nik) => ({ nik, id: requestId() }),
    allow: {},
  },
  collectionPoint: {
    query: '{ collectionPoint(program: "BLT", district: "35.10.01") { name } }',
    variables: () => ({}),
    allow: EVERYONE,
  },
  latestDisbursementPeriod: {
    query: '{ latestDisbursementPeriod }',
    variables: () => ({}),
    allow: EVERYONE,
  },
};

const cases = Object.entries(OPERATIONS).flatMap(([operation, op]) =>
  Object.keys(CALLERS).flatMap((role) =>
    (['in', 'out'] as const).map((where) => {
      const reach = op.allow[role as keyof typeof CALLERS] ?? 'none';
      const allowed = reach === 'both' || (reach === 'in' && where === 'in');
      if (!allowed && reach === 'in' && op.outsideLooksUnknown) return [operation, role, where, 'as unknown'] as const;
      return [operation, role, where, allowed ? 'allow' : 'deny'] as const;
    }),
  ),
);

/** Whether a value agrees with a masked one, `*` standing for any character. */
const matchesMasked = (value: string, masked: string) => value.length === masked.length && [...masked].every((c, i) => c === '*' || c === value[i]);

const codes = (res: { errors?: { extensions?: { code?: string } }[] }) => (res.errors ?? []).map((e) => e.extensions?.code);

describe('every role x every operation x a NIK in and out of the region', () => {
  it.each(cases)('%s as %s, NIK %s its region: %s', async (operation, role, where, expected) => {
    const op = OPERATIONS[operation]!;
    const [nik, kk] = where === 'in' ? [BUDI, BUDI_KK] : [MADE, MADE_KK];
    const res = await hub.query(op.query, op.variables(nik, kk), CALLERS[role]);
    if (expected === 'allow' && op.allowedError) {
      // Past authorisation: only the case is missing.
      expect(codes(res)).toEqual([op.allowedError]);
    } else if (expected === 'as unknown') {
      // The same answer, to the byte, as for a NIK and KK no one has; and the attempt is on record.
      const unknown = await hub.query(op.query, op.variables(NOBODY, NOBODY), CALLERS[role]);
      expect(JSON.stringify(res).replaceAll(nik, NOBODY)).toBe(JSON.stringify(unknown));
      expect(JSON.stringify(res)).not.toMatch(/Sutama|Luh Sari|decile/);
    } else if (expected === 'allow') {
      expect(res.errors).toBeUndefined();
      if (!op.mayBeNull) expect(Object.values(res.data ?? {}).every((v) => v !== null)).toBe(true);
    } else {
      expect(codes(res)).toContain('FORBIDDEN');
      // Nothing personal leaks with the refusal.
      expect(JSON.stringify(res)).not.toMatch(/Sutama|Santoso|Aminah|Luh Sari/);
      for (const v of Object.values(res.data ?? {})) expect(v === null || (Array.isArray(v) && v.length === 0)).toBe(true);
    }
  });
});

describe('masking', () => {
  const FAMILY = `query ($nik: String!) { person(nik: $nik) { nik fullName family { members { nik fullName aidHistory { nik } } } } }`;

  it("an operator sees the subject whole and the other family members' NIKs and names masked, in data and nested records", async () => {
    const res = await hub.query(FAMILY, { nik: BUDI }, CALLERS.OPERATOR);
    expect(res.errors).toBeUndefined();
    expect(res.data.person).toEqual({
      nik: BUDI,
      fullName: 'Budi Santoso',
      family: {
        members: [
          { nik: BUDI, fullName: 'Budi Santoso', aidHistory: [] },
          { nik: '3510********0002', fullName: 'S*** A*****', aidHistory: [{ nik: '3510********0002' }] },
        ],
      },
    });
  });

  it('masks under aliases and fragments as well', async () => {
    const res = await hub.query(
      `query ($nik: String!) { p: person(nik: $nik) { ...P } } fragment P on Person { id: nik family { members { n: nik name: fullName } } }`,
      { nik: BUDI },
      CALLERS.OPERATOR,
    );
    expect(res.data.p.family.members[1]).toEqual({ n: '3510********0002', name: 'S*** A*****' });
  });

  it("cannot be undone from the rest of the answer: a family member's masked NIK matches hundreds of NIKs", async () => {
    const res = await hub.query(
      'query ($nik: String!) { person(nik: $nik) { family { members { nik fullName sex birthDate villageCode } } } }',
      { nik: BUDI },
      CALLERS.OPERATOR,
    );
    const siti = res.data.person.family.members.find((m: { nik: string }) => m.nik !== BUDI);
    expect(siti).toMatchObject({ nik: '3510********0002', fullName: 'S*** A*****', birthDate: '1982-**-**', sex: 'P' });
    // An attacker's rebuild: district from the village, digits 7-12 from day, month, year and sex.
    const rebuilt = new Set<string>();
    for (let day = new Date(Date.UTC(1900, 0, 1)); day.getUTCFullYear() < 2030; day = new Date(day.getTime() + 86_400_000)) {
      const iso = day.toISOString().slice(0, 10);
      if (!matchesMasked(iso, siti.birthDate)) continue;
      const dd = day.getUTCDate() + (siti.sex === 'P' ? 40 : 0);
      const digits12 = siti.villageCode.replaceAll('.', '').slice(0, 6) + String(dd).padStart(2, '0') + iso.slice(5, 7) + iso.slice(2, 4);
      const nik = digits12 + siti.nik.slice(12);
      if (matchesMasked(nik, siti.nik)) rebuilt.add(nik);
    }
    expect(rebuilt.has(SITI)).toBe(true);
    expect(rebuilt.size).toBeGreaterThanOrEqual(365);
  });

  it('auditors see everyone whole', async () => {
    const res = await hub.query(FAMILY, { nik: BUDI }, CALLERS.AUDITOR);
    expect(res.data.person.family.members[1]).toMatchObject({ nik: SITI, fullName: 'Siti Aminah' });
  });

  it("a regional app's eligibility evidence masks the family member who was paid", async () => {
    const res = await hub.query(
      'query ($nik: String!) { eligibility(nik: $nik, ruleSet: "BANYUWANGI", asOf: "2025-06-30") { decision checks { code evidence } } }',
      { nik: BUDI },
      CALLERS.REGIONAL_APP,
    );
    const family = res.data.eligibility.checks.find((c: { code: string }) => c.code === 'FAMILY_NOT_RECEIVING');
    expect(JSON.stringify(family.evidence)).toContain('3510********0002');
    expect(JSON.stringify(res)).not.toContain(SITI);
  });
});

describe('region-bound callers cannot reach outside their region', () => {
  const APP = CALLERS.REGIONAL_APP;

  it('not through a batch: people outside the region are answered as NIKs no one has, and one call cannot tell them apart', async () => {
    const res = await hub.query(
      'query ($niks: [String!]!) { eligibilityBatch(niks: $niks, ruleSet: "DTKS", asOf: "2025-06-30") { nik decision checks { code status reason evidence } } }',
      { niks: [BUDI, MADE, SITI, LUH, NOBODY] },
      APP,
    );
    expect(res.errors).toBeUndefined();
    const [budi, made, , luh, nobody] = res.data.eligibilityBatch;
    expect(budi.checks.length).toBeGreaterThan(1);
    for (const outside of [made, luh]) expect({ ...outside, nik: NOBODY }).toEqual(nobody);
    expect(nobody).toMatchObject({ decision: 'INELIGIBLE', checks: [{ code: 'IDENTITY', status: 'FAIL' }] });
    // The attempt stands in the decision log like any other decision.
    const logged = await hub.query(`{ decisions(nik: "${MADE}") { nik decision } }`, {}, CALLERS.ADMIN);
    expect(logged.data.decisions).toEqual(expect.arrayContaining([{ nik: MADE, decision: 'INELIGIBLE' }]));
  });

  it('not through __typename, aliases and fragments next to an allowed field', async () => {
    const res = await hub.query(
      `{ mine: person(nik: "${BUDI}") { fullName } theirs: person(nik: "${MADE}") { ...Name } nobody: person(nik: "${NOBODY}") { __typename }
         kind: person(nik: "${MADE}") { __typename } family(kk: "${MADE_KK}") { __typename } } fragment Name on Person { fullName }`,
      {},
      CALLERS.OPERATOR,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({ mine: { fullName: 'Budi Santoso' }, theirs: null, nobody: null, kind: null, family: null });
  });

  it('every attempt is logged, also one that found no one', async () => {
    const subject = 'op-oracle-probe';
    const probe = await hub.query(`{ person(nik: "${MADE}") { __typename } }`, {}, { role: 'OPERATOR', region: REGION, subject, purpose: 'probe' });
    expect(probe.data).toEqual({ person: null });
    const log = await hub.query(`{ accessLog(subject: "${subject}") { niks answered } }`, {}, CALLERS.ADMIN);
    expect(log.data.accessLog).toEqual([{ niks: [MADE], answered: false }]);
  });

  it('searching names finds only people domiciled in the region, and naming another region is refused', async () => {
    const search = (name: string, region?: string) =>
      hub.query('query ($name: String!, $region: String) { searchPersons(name: $name, region: $region) { persons { nik } } }', { name, region }, CALLERS.OPERATOR);
    expect((await search('Budi')).data.searchPersons.persons).toEqual([{ nik: BUDI }]);
    expect((await search('Made')).data.searchPersons.persons).toEqual([]);
    expect(codes(await search('Made', '51.01'))).toEqual(['FORBIDDEN']);
    expect((await search('Budi', '35.10.01')).data.searchPersons.persons).toEqual([{ nik: BUDI }]);
  });
});

describe('tokens the gateway refuses', () => {
  const send = async (authorization: string) => {
    const res = await fetch(hub.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization },
      body: JSON.stringify({ query: '{ ruleSets { code } }' }),
    });
    return { status: res.status, body: (await res.json()) as { errors: { message: string; extensions: { code: string } }[] } };
  };
  const sign = (claims: Record<string, unknown>, key: Uint8Array, exp: number | string) =>
    new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setIssuer('tepat').setAudience('tepat').setExpirationTime(exp).sign(key);

  it.each([
    ['forged', async () => `Bearer ${await sign({ role: 'AUDITOR' }, new Uint8Array(randomBytes(32)), '1h')}`, /signature is wrong/],
    ['expired', async () => `Bearer ${await sign({ role: 'AUDITOR' }, hub.jwtSecret, Math.floor(Date.now() / 1000) - 60)}`, /expired/],
    ['alg: none', async () => `Bearer ${new UnsecuredJWT({ role: 'ADMIN' }).setIssuer('tepat').setAudience('tepat').setExpirationTime('1h').encode()}`, /alg: none/],
    ['malformed', async () => 'Bearer abc.def', /malformed/],
    ['sub not a string', async () => `Bearer ${await sign({ role: 'AUDITOR', sub: { id: 1 } }, hub.jwtSecret, '1h')}`, /"sub" claim must be a string/],
    ['not bearer', async () => 'Token xyz', /Bearer <token>/],
  ])('%s: 401 UNAUTHENTICATED saying why', async (_name, header, message) => {
    const res = await send(await header());
    expect(res.status).toBe(401);
    expect(res.body.errors[0]).toMatchObject({ message: expect.stringMatching(message), extensions: { code: 'UNAUTHENTICATED' } });
  });
});

describe('subgraphs answer the gateway only', () => {
  const direct = (headers: Record<string, string>) =>
    fetch(hub.subgraphs.population.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query: `{ person(nik: "${BUDI}") { fullName } }` }),
    });

  it('refuses a request without the forwarded caller, with a caller token, or one signed with another key', async () => {
    const token = await issueToken({ role: 'AUDITOR' }, hub.jwtSecret);
    const forged = await signForwardedCaller({ role: 'AUDITOR' }, new Uint8Array(randomBytes(32)));
    const attempts: Record<string, string>[] = [{}, { authorization: `Bearer ${token}` }, { [FORWARDED_CALLER_HEADER]: token }, { [FORWARDED_CALLER_HEADER]: forged }];
    for (const headers of attempts) {
      const res = await direct(headers);
      expect(res.status).toBe(401);
      const body = (await res.json()) as { errors: { extensions: { code: string } }[] };
      expect(body.errors[0]!.extensions.code).toBe('UNAUTHENTICATED');
      expect(JSON.stringify(body)).not.toContain('Budi');
    }
  });
});

describe('the access log', () => {
  it("records an operator's read before answering, with purpose, operation and NIKs, for ADMIN to query", async () => {
    const read = await hub.query(
      `query FamilyCheck($nik: String!) { person(nik: $nik) { fullName family { members { nik } } } }`,
      { nik: BUDI },
      { role: 'OPERATOR', region: REGION, subject: 'op-log-test', purpose: 'kunjungan rumah 12' },
    );
    expect(read.errors).toBeUndefined();
    const log = await hub.query('{ accessLog(subject: "op-log-test") { callerRole callerRegion purpose operation niks } }', {}, CALLERS.ADMIN);
    expect(log.data.accessLog).toEqual([
      { callerRole: 'OPERATOR', callerRegion: REGION, purpose: 'kunjungan rumah 12', operation: 'FamilyCheck', niks: [BUDI, SITI] },
    ]);
  });

  it('records every person an answer carries, whatever the query selected, and the KKs and names asked for', async () => {
    const auditor = { role: 'AUDITOR', subject: 'aud-search-log', purpose: 'case 2026/21' } as const;
    const search = await hub.query('query Innocent { searchPersons(name: "Budi") { persons { fullName birthDate villageCode dtks { decile } } } }', {}, auditor);
    expect(search.data.searchPersons.persons).toEqual([{ fullName: 'Budi Santoso', birthDate: '1980-04-04', villageCode: '35.10.01.2001', dtks: { decile: 2 } }]);
    const operator = { role: 'OPERATOR', region: REGION, subject: 'op-family-log', purpose: 'verifikasi' } as const;
    const family = await hub.query(`query Innocent($kk: String!) { family(kk: $kk) { members { fullName birthDate sex } } }`, { kk: BUDI_KK }, operator);
    expect(family.data.family.members).toHaveLength(2);
    const log = await hub.query(
      '{ a: accessLog(subject: "aud-search-log") { operation rootFields niks kks names answered } b: accessLog(kk: "3510010101100001", subject: "op-family-log") { callerSubject rootFields niks kks } }',
      {},
      CALLERS.ADMIN,
    );
    expect(log.data.a).toEqual([{ operation: 'Innocent', rootFields: ['searchPersons'], niks: [BUDI], kks: [], names: ['Budi'], answered: true }]);
    expect(log.data.b).toEqual([{ callerSubject: 'op-family-log', rootFields: ['family'], niks: [BUDI, SITI], kks: [BUDI_KK] }]);
  });

  it('records the first 500 characters of a long operation name, and answers', async () => {
    const name = `Check${'X'.repeat(1_200)}`;
    const read = await hub.query(`query ${name}($nik: String!) { person(nik: $nik) { fullName } }`, { nik: BUDI }, { role: 'OPERATOR', region: REGION, subject: 'op-long-name' });
    expect(read.errors).toBeUndefined();
    const log = await hub.query('{ accessLog(subject: "op-long-name") { operation } }', {}, CALLERS.ADMIN);
    expect(log.data.accessLog).toEqual([{ operation: name.slice(0, 500) }]);
  });

  it('does not record what is not personal, nor roles that are not logged', async () => {
    await hub.query('{ ruleSets { code } }', {}, { role: 'AUDITOR', subject: 'aud-quiet' });
    await hub.query(OPERATIONS.eligibility!.query, { nik: BUDI }, { role: 'REGIONAL_APP', region: REGION, subject: 'app-quiet' });
    const log = await hub.query('{ a: accessLog(subject: "aud-quiet") { id } b: accessLog(subject: "app-quiet") { id } }', {}, CALLERS.ADMIN);
    expect(log.data).toEqual({ a: [], b: [] });
  });

  it('an auditor must state a purpose to read personal data', async () => {
    const res = await hub.query(OPERATIONS.person!.query, { nik: BUDI }, { role: 'AUDITOR', subject: 'no-purpose' });
    expect(res.data ?? null).toBeNull();
    expect(codes(res)).toEqual(['PURPOSE_REQUIRED']);
  });

  it('no record, no answer: with the log down the read is refused, and served again once it is back', async () => {
    await hub.stop('audit');
    try {
      const res = await hub.query(OPERATIONS.person!.query, { nik: BUDI }, CALLERS.OPERATOR);
      expect(res.data ?? null).toBeNull();
      expect(codes(res)).toEqual(['ACCESS_LOG_UNAVAILABLE']);
    } finally {
      await hub.restart('audit');
    }
    expect((await hub.query(OPERATIONS.person!.query, { nik: BUDI }, CALLERS.OPERATOR)).data.person.fullName).toBe('Budi Santoso');
  });
});

describe('abuse limits', () => {
  it('refuses many aliases, deep nesting and long documents with clear codes, never a 500', async () => {
    const aliases = `{ ${Array.from({ length: 40 }, (_, i) => `a${i}: ruleSets { code }`).join(' ')} }`;
    const deep = `{ person(nik: "${BUDI}") { family { members { family { members { family { members { family { members { family { members { nik } } } } } } } } } } } }`;
    const long = `{ ruleSets { ${'code '.repeat(2_100)}} }`;
    for (const query of [aliases, deep, long]) {
      const res = await fetch(hub.gateway.url, { method: 'POST', headers: await hub.headersFor(CALLERS.AUDITOR), body: JSON.stringify({ query }) });
      expect(res.status).toBeLessThan(500);
      const body = (await res.json()) as { data?: unknown; errors: { message: string; extensions?: { code?: string } }[] };
      expect(body.data ?? null).toBeNull();
      expect(body.errors[0]!.message).toMatch(/aliases|depth|tokens/i);
    }
  });

  it('has introspection off and blocks cross-site GETs', async () => {
    const introspection = await hub.query('{ __schema { queryType { name } } }', {}, 'PUBLIC');
    expect(introspection.errors?.[0]?.message).toMatch(/introspection/i);
    const csrf = await fetch(`${hub.gateway.url}?query=${encodeURIComponent('{ ruleSets { code } }')}`);
    expect(csrf.status).toBe(400);
    expect(await csrf.text()).toMatch(/Cross-Site Request Forgery/);
  });

  it('refuses a request body over the limit with 413', async () => {
    const res = await fetch(hub.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ ruleSets { code } }', variables: { pad: 'x'.repeat(2 * 1024 * 1024) } }),
    });
    expect(res.status).toBe(413);
    expect(((await res.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('REQUEST_TOO_LARGE');
  });

  describe('on a gateway with strict limits and trusted documents', () => {
    let strict: RunningGateway;
    let dir: string;
    const TRUSTED = 'query Check($nik: String!) { eligibility(nik: $nik, ruleSet: "DTKS", asOf: "2025-06-30") { decision } }';

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'tepat-trusted-'));
      const manifest = join(dir, 'manifest.json');
      writeFileSync(manifest, JSON.stringify({ format: 'apollo-persisted-query-manifest', version: 1, operations: [{ name: 'Check', type: 'query', body: TRUSTED }] }));
      strict = await startGateway({
        ...hub.gatewayEnv,
        rateLimits: { publicPerMinute: 3, callerPerMinute: 1000, publicWorkflowPerMinute: 1000 },
        trustedDocuments: { path: manifest, requiredFor: ['REGIONAL_APP'] },
      });
    });
    afterAll(async () => {
      await strict?.close();
      rmSync(dir, { recursive: true, force: true });
    });

    const post = async (body: unknown, as: As) => {
      const res = await fetch(strict.url, { method: 'POST', headers: await hub.headersFor(as), body: JSON.stringify(body) });
      return { status: res.status, headers: res.headers, body: (await res.json()) as { data?: any; errors?: { extensions?: { code?: string } }[] } };
    };

    it('limits PUBLIC per address: 429 RATE_LIMITED with Retry-After', async () => {
      const statuses = [];
      for (let i = 0; i < 4; i++) statuses.push(await post({ query: '{ programs { code } }' }, 'PUBLIC'));
      expect(statuses.slice(0, 3).map((s) => s.status)).toEqual([200, 200, 200]);
      expect(statuses[3]).toMatchObject({ status: 429 });
      expect(statuses[3]!.body.errors![0]!.extensions!.code).toBe('RATE_LIMITED');
      expect(Number(statuses[3]!.headers.get('retry-after'))).toBeGreaterThan(0);
    });

    it('counts refused tokens against the address: once its PUBLIC bucket is empty they get 429 too', async () => {
      const limited = await startGateway({ ...hub.gatewayEnv, rateLimits: { ...hub.gatewayEnv.rateLimits, publicPerMinute: 5 } });
      try {
        const send = async (authorization?: string) => {
          const res = await fetch(limited.url, {
            method: 'POST',
            headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
            body: JSON.stringify({ query: '{ programs { code } }' }),
          });
          await res.arrayBuffer();
          return res.status;
        };
        const bad = await Promise.all(Array.from({ length: 5 }, () => send('Bearer abc.def')));
        expect(bad).toEqual([401, 401, 401, 401, 401]);
        expect(await send()).toBe(429);
        const more = await Promise.all(Array.from({ length: 150 }, () => send('Bearer abc.def')));
        expect(new Set(more)).toEqual(new Set([429]));
      } finally {
        await limited.close();
      }
    });

    it('lets a regional app run its trusted documents, by hash alone, and nothing else', async () => {
      const { createHash } = await import('node:crypto');
      const hash = createHash('sha256').update(TRUSTED).digest('hex');
      const byHash = await post({ variables: { nik: BUDI }, extensions: { persistedQuery: { version: 1, sha256Hash: hash } } }, CALLERS.REGIONAL_APP);
      expect(byHash.body.data?.eligibility.decision).toBeDefined();
      const other = await post({ query: '{ ruleSets { code } }' }, CALLERS.REGIONAL_APP);
      expect(other.status).toBe(403);
      expect(other.body.errors![0]!.extensions!.code).toBe('PERSISTED_QUERY_NOT_TRUSTED');
      // Other roles are not bound to the manifest.
      expect((await post({ query: '{ ruleSets { code } }' }, CALLERS.ANALYST)).body.data?.ruleSets).toBeDefined();
    });
  });
});

describe('fuzz: malformed documents and variables', () => {
  const SEEDS = [
    OPERATIONS.person!.query,
    OPERATIONS.eligibilityBatch!.query,
    OPERATIONS.family!.query,
    '{ ruleSets { code checks } }',
    'query ($name: String!) { searchPersons(name: $name) { persons { nik fullName family { members { nik } } } } }',
  ];
  const PERSONAL = new RegExp([BUDI, SITI, MADE, LUH, 'Budi', 'Siti', 'Made', 'Luh', 'Santoso', 'Aminah'].join('|'));

  it('never answers 5xx or crashes, and no error message carries personal data', async () => {
    const callers: As[] = ['PUBLIC', CALLERS.REGIONAL_APP!, CALLERS.ANALYST!];
    const headers = await Promise.all(callers.map((c) => hub.headersFor(c)));
    const mutation = fc.record({
      seed: fc.constantFrom(...SEEDS),
      cut: fc.nat(),
      insert: fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom('{', '}', '(', ')', '...', '$nik', '@skip', '#', '"', '\\u0000', 'query', 'fragment', ':', '!')),
      del: fc.nat({ max: 6 }),
      variables: fc.oneof(
        fc.constant(undefined),
        fc.jsonValue({ maxDepth: 3 }),
        fc.record({
          nik: fc.oneof(fc.string(), fc.constantFrom(BUDI, MADE, '', '1'.repeat(17))),
          niks: fc.array(fc.oneof(fc.string(), fc.constant(SITI)), { maxLength: 3 }),
          name: fc.oneof(fc.string(), fc.constant('Sutama')),
        }),
      ),
      caller: fc.nat({ max: callers.length - 1 }),
      raw: fc.boolean(),
    });
    await fc.assert(
      fc.asyncProperty(mutation, async ({ seed, cut, insert, del, variables, caller, raw }) => {
        const at = cut % (seed.length + 1);
        const query = seed.slice(0, at) + insert + seed.slice(at + del);
        const body = raw ? query : JSON.stringify({ query, variables });
        const res = await fetch(hub.gateway.url, { method: 'POST', headers: headers[caller]!, body });
        const text = await res.text();
        expect(res.status).toBeLessThan(500);
        const errors = (JSON.parse(text) as { errors?: { message: string }[] }).errors ?? [];
        for (const error of errors) expect(error.message).not.toMatch(PERSONAL);
      }),
      { numRuns: 3_000, seed: 20261123 },
    );
  }, 300_000);
});

// A role added to the hub without a row in the matrix fails here, and so does a root field.
it('the matrix covers every role and every root field', () => {
  expect(Object.keys(CALLERS).sort()).toEqual([...ROLES].sort());
  const schema = buildSchema(readSupergraph());
  const roots = [...Object.keys(schema.getQueryType()!.getFields()), ...Object.keys(schema.getMutationType()!.getFields())];
  // The hub's own plumbing and the analytics fields have their own tests (test/analytics.test.ts,
  // and test/case-figures.test.ts for caseFigures).
  const elsewhere = ['recordAccess', 'targetingAccuracy', 'leakage', 'regionalEquity', 'targetingTrend', 'benefitIncidence', 'analyticsBuild', 'flaggedDisbursements', 'caseFigures'];
  const operations = new Set(Object.values(OPERATIONS).flatMap((op) => rootFieldsOf({ schema, document: parse(op.query) })));
  // The data-quality queues' role matrix is in test/quality.test.ts.
  elsewhere.push('dataQualityItems', 'dataQualityCounts');
  // Policy simulation's role matrix is in test/analytics.test.ts ("policy simulation").
  elsewhere.push('simulateRuleSet', 'simulateRuleSets', 'simulatedMovedUnits');
  expect(roots.filter((f) => !operations.has(f) && !elsewhere.includes(f)).sort()).toEqual([]);
});
