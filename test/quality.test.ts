// The data-quality queues (issue 18) through the real gateway over the real subgraphs: the
// analytics build finds where the sources disagree, a kelurahan operator reads its village's
// queue, resolves an item with the curation mutation the item names, and after the next
// refresh the item is gone; and who may read the items and the counts, and what they see.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { csv, startFederatedHub, type As, type FederatedHub } from './support/federated-hub.js';

// Bontang (64.74) > Bontang Selatan (64.74.01): kelurahan Bontang Kuala (.1001) and Bontang Baru (.1002).
const KUALA = '64.74.01.1001';
const BARU = '64.74.01.1002';
const AGUS = '6474010101800001'; // Bontang Kuala; died 2025-01-05, DTKS still ACTIVE
const SRI = '6474014202820002'; // Bontang Kuala; DTKS under a family card population no longer has
const YUDI = '6474010606700006'; // Bontang Baru; died 2024-11-30, DTKS still ACTIVE
const MADE = '5101011505800001'; // Jembrana; died 2025-02-01, DTKS still ACTIVE
const GHOST = '6474019901990001'; // not in population: BLT paid in Bontang Selatan

const OPERATOR: As = { role: 'OPERATOR', region: KUALA, subject: 'operator-bontang-kuala' };
const OPERATOR_BARU: As = { role: 'OPERATOR', region: BARU, subject: 'operator-bontang-baru' };
const OPERATOR_DISTRICT: As = { role: 'OPERATOR', region: '64.74.01', subject: 'operator-bontang-selatan' };
const AUDITOR: As = { role: 'AUDITOR', subject: 'auditor-1', purpose: 'pemutakhiran DTKS Bontang' };
const ANALYST: As = { role: 'ANALYST', subject: 'analyst-1' };
const ADMIN: As = { role: 'ADMIN', subject: 'admin' };

let hub: FederatedHub;

beforeAll(async () => {
  hub = await startFederatedHub({ analytics: true });
  await hub.load({
    'population/persons.csv': csv([
      'nik,kk,full_name,sex,birth_date,relationship,village_code,death_date',
      `${AGUS},6474010101100001,Agus Salim,L,1980-01-01,HEAD,${KUALA},2025-01-05`,
      `${SRI},6474010101100002,Sri Rahayu,P,1982-02-02,HEAD,${KUALA},`,
      `${YUDI},6474010101100006,Yudi Pratama,L,1970-06-06,HEAD,${BARU},2024-11-30`,
      `${MADE},5101010101100001,I Made Sutama,L,1980-05-15,HEAD,51.01.01.2001,2025-02-01`,
    ]),
    'dtks/members.csv': csv([
      'nik,kk,decile,status,status_reason,updated_on',
      `${AGUS},6474010101100001,2,ACTIVE,,2025-01-10`,
      `${SRI},6474010101109999,3,ACTIVE,,2025-01-10`,
      `${YUDI},6474010101100006,2,ACTIVE,,2025-01-10`,
      `${MADE},5101010101100001,2,ACTIVE,,2025-01-10`,
    ]),
    'aid/programs.csv': csv(['code,name,unit,rule_set', 'BLT,Bantuan Langsung Tunai,PERSON,DTKS']),
    'aid/disbursements.csv': csv([
      'id,program_code,nik,kk,period,amount_idr,disbursed_on,district_code',
      `BLT-2025-03-1,BLT,${GHOST},6474010101109001,2025-03,300000,2025-03-10,64.74.01`,
    ]),
  });
  await hub.refreshAnalytics();
}, 300_000);
afterAll(() => hub?.close());

const ITEMS = `query ($region: String!, $kind: DataQualityKind) {
  dataQualityItems(region: $region, kind: $kind) {
    totalCount
    nodes { kind nik region person { nik fullName } evidence { deathDate dtksStatus dtksKk populationKk payments { id } } fixes { action operation reason paymentIds } }
  }
}`;
const COUNTS = `query ($region: String, $level: RegionLevel) { dataQualityCounts(region: $region, level: $level) { region level total byKind { kind items } } }`;
const DEACTIVATE = `mutation ($nik: String!, $reason: DtksReason!, $id: String!) {
  deactivateDtksMember(nik: $nik, reason: $reason, note: "Meninggal dunia (Dukcapil)", requestId: $id) { status statusReason }
}`;

const items = async (region: string, as: As) => {
  const res = await hub.query(ITEMS, { region }, as);
  expect(res.errors).toBeUndefined();
  return res.data.dataQualityItems as { totalCount: number; nodes: Record<string, any>[] };
};
const byKind = (counts: { byKind: { kind: string; items: number }[] }) => Object.fromEntries(counts.byKind.map((k) => [k.kind, k.items]));

describe("an operator's queue", () => {
  it('lists its village, each item with its evidence and the mutation that resolves it; an item leaves after the fix and the next refresh', async () => {
    const queue = await items(KUALA, OPERATOR);
    // YUDI lives in Bontang Baru, MADE in Jembrana, the ghost is placed in the district: not this village's.
    expect(queue.totalCount).toBe(2);
    expect(queue.nodes).toEqual([
      {
        kind: 'DECEASED_ACTIVE',
        nik: AGUS,
        region: KUALA,
        person: { nik: AGUS, fullName: 'Agus Salim' },
        evidence: { deathDate: '2025-01-05', dtksStatus: 'ACTIVE', dtksKk: '6474010101100001', populationKk: '6474010101100001', payments: [] },
        fixes: [{ action: 'DEACTIVATE_DTKS_MEMBER', operation: 'deactivateDtksMember', reason: 'MENINGGAL', paymentIds: [] }],
      },
      {
        kind: 'STALE_KK',
        nik: SRI,
        region: KUALA,
        person: { nik: SRI, fullName: 'Sri Rahayu' },
        evidence: { deathDate: null, dtksStatus: 'ACTIVE', dtksKk: '6474010101109999', populationKk: '6474010101100002', payments: [] },
        fixes: [{ action: 'IMPORT_DTKS', operation: null, reason: null, paymentIds: [] }],
      },
    ]);
    const [dead] = queue.nodes;
    const done = await hub.query(DEACTIVATE, { nik: dead!.nik, reason: dead!.fixes[0].reason, id: `quality-${Date.now()}` }, OPERATOR);
    expect(done.data.deactivateDtksMember).toEqual({ status: 'INACTIVE', statusReason: 'MENINGGAL' });
    // The queue is the build's: until the next refresh the item stays.
    expect((await items(KUALA, OPERATOR)).nodes.map((i) => i.kind)).toEqual(['DECEASED_ACTIVE', 'STALE_KK']);
    const before = (await hub.query(COUNTS, {}, OPERATOR)).data.dataQualityCounts;
    expect(before.map(byKind)).toEqual([{ DECEASED_ACTIVE: 1, STALE_KK: 1, GHOST: 0, CIVIL_SERVANT: 0, PAID_TWICE: 0 }]);

    await hub.refreshAnalytics();
    expect((await items(KUALA, OPERATOR)).nodes.map((i) => [i.kind, i.nik])).toEqual([['STALE_KK', SRI]]);
    // The counts follow the build (the gateway keeps answers per build).
    const after = (await hub.query(COUNTS, {}, OPERATOR)).data.dataQualityCounts;
    expect(after).toEqual([{ region: KUALA, level: 'VILLAGE', total: 1, byKind: expect.any(Array) }]);
    expect(byKind(after[0])).toEqual({ DECEASED_ACTIVE: 0, STALE_KK: 1, GHOST: 0, CIVIL_SERVANT: 0, PAID_TWICE: 0 });
  });

  it('is logged with the NIKs it showed', async () => {
    await items(KUALA, { ...OPERATOR, subject: 'operator-log-check' } as As);
    const log = await hub.query('{ accessLog(subject: "operator-log-check") { callerRole callerRegion niks } }', {}, ADMIN);
    expect(log.data.accessLog).toEqual([{ callerRole: 'OPERATOR', callerRegion: KUALA, niks: [SRI] }]);
  });
});

describe('who may read the queues', () => {
  it('keeps an operator to its own region, villages and districts alike', async () => {
    for (const region of [BARU, '64.74.01', '51']) {
      const res = await hub.query(ITEMS, { region }, OPERATOR);
      expect({ region, code: res.errors?.[0].extensions.code }).toEqual({ region, code: 'FORBIDDEN' });
    }
    expect((await hub.query(COUNTS, { region: BARU }, OPERATOR)).errors![0].extensions.code).toBe('FORBIDDEN');
    expect((await hub.query(COUNTS, { region: '64' }, OPERATOR_DISTRICT)).errors![0].extensions.code).toBe('FORBIDDEN');
    // Without a region an operator's counts are its own region's, and provinces are not inside a district.
    expect((await hub.query(COUNTS, { level: 'PROVINCE' }, OPERATOR_DISTRICT)).errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'level' });
    expect((await items(BARU, OPERATOR_BARU)).nodes.map((i) => [i.kind, i.nik])).toEqual([['DECEASED_ACTIVE', YUDI]]);
  });

  it("shows a district's operator its villages' items and the ghost paid there, the ghost's NIK masked", async () => {
    const queue = await items('64.74.01', OPERATOR_DISTRICT);
    expect(queue.nodes.map((i) => [i.kind, i.nik, i.region])).toEqual([
      ['DECEASED_ACTIVE', YUDI, BARU],
      ['GHOST', '6474********0001', '64.74.01'],
      ['STALE_KK', SRI, KUALA],
    ]);
    expect(queue.nodes[1]).toMatchObject({
      person: null,
      evidence: { payments: [{ id: 'BLT-2025-03-1' }] },
      fixes: [{ action: 'AUDIT_CASE', operation: 'flaggedDisbursements', paymentIds: ['BLT-2025-03-1'] }],
    });
  });

  it('shows an auditor everything whole, with a purpose only', async () => {
    const queue = await items('64', AUDITOR);
    expect(queue.nodes.find((i) => i.kind === 'GHOST')!.nik).toBe(GHOST);
    expect((await items('51', AUDITOR)).nodes.map((i) => [i.kind, i.nik])).toEqual([['DECEASED_ACTIVE', MADE]]);
    const silent = await hub.query(ITEMS, { region: '64' }, { role: 'AUDITOR', subject: 'auditor-1' });
    expect(silent.errors![0].extensions.code).toBe('PURPOSE_REQUIRED');
  });

  it('refuses the items to every other role', async () => {
    const others: As[] = ['PUBLIC', ANALYST, ADMIN, { role: 'REGIONAL_APP', region: '64.74', subject: 'app' }, { role: 'FACILITATOR', region: KUALA, subject: 'pendamping' }];
    for (const as of others) {
      const res = await hub.query(ITEMS, { region: KUALA }, as);
      expect({ as, code: res.errors?.[0].extensions.code, data: res.data?.dataQualityItems ?? null }).toEqual({ as, code: 'FORBIDDEN', data: null });
    }
  });

  it('gives the counts to analysts, auditors (no purpose needed) and admins anywhere, and to no one else', async () => {
    for (const as of [ADMIN, { role: 'AUDITOR', subject: 'auditor-1' } as As]) {
      const res = await hub.query(COUNTS, { level: 'PROVINCE' }, as);
      expect(res.errors).toBeUndefined();
      // Bontang: SRI, YUDI and the ghost (AGUS was fixed); Bali: MADE.
      expect(res.data.dataQualityCounts.map((c: { region: string; total: number }) => [c.region, c.total])).toEqual([
        ['51', 1],
        ['64', 3],
      ]);
    }
    // An analyst is held to k (10; API.md, Small cells): every count here is under it, zeros stay.
    const res = await hub.query(
      `query ($level: RegionLevel) { dataQualityCounts(level: $level) { region total suppressed byKind { kind items suppressed } } }`,
      { level: 'PROVINCE' },
      ANALYST,
    );
    expect(res.errors).toBeUndefined();
    for (const counts of res.data.dataQualityCounts) {
      expect(counts).toMatchObject({ total: null, suppressed: true });
      for (const k of counts.byKind) expect(k.items === null ? k.suppressed : k.items === 0 && !k.suppressed).toBe(true);
    }
    expect(res.data.dataQualityCounts.map((c: { region: string }) => c.region)).toEqual(['51', '64']);
    for (const as of ['PUBLIC', { role: 'REGIONAL_APP', region: '64.74', subject: 'app' }, { role: 'FACILITATOR', region: KUALA, subject: 'pendamping' }] as As[]) {
      expect((await hub.query(COUNTS, {}, as)).errors![0].extensions.code).toBe('FORBIDDEN');
    }
  });
});
