/**
 * The data-quality queues (issue 18; 08c_quality.sql) on a small hand-made folder laid out as
 * DATA.md says: every kind, the records that are not items and why, the counts at every
 * level, paging, and items leaving the queue once their sources are fixed and the next
 * refresh runs. Every expected item and count is worked out here, never read back from the SQL.
 *
 * Villages, from idn-area-data:
 *   Bali 51 > Jembrana 51.01 > Negara 51.01.01: Cupel 51.01.01.2001, Baluk 51.01.01.2002
 *                            > Mendoyo 51.01.02: Mendoyo Dauh Tukad 51.01.02.2001
 *           > Tabanan 51.02  > Selemadeg 51.02.01: Bajera 51.02.01.2001
 *   Jawa Timur 35 > Banyuwangi 35.10 > Pesanggaran 35.10.01: Sarongan 35.10.01.2001
 *
 * "Today" is the build's day (the clock): service periods are either open since 2010-2015 or
 * ended by 2025, so who serves today is the same on any day after 2025-03.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { loadRegions, type Regions } from '@tepat/core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeSourceFolder } from './testing/source-folder.js';
import {
  breachedInvariants,
  dataQualityCounts,
  dataQualityItems,
  folderSources,
  hasQualityQueues,
  openEngine,
  refresh,
  type Engine,
  type QualityItem,
} from './index.js';

const CUPEL = '51.01.01.2001';
const BALUK = '51.01.01.2002';
const MENDOYO_DAUH_TUKAD = '51.01.02.2001';
const BAJERA = '51.02.01.2001';
const SARONGAN = '35.10.01.2001';

const MADE = '5101010101500001'; // Cupel; died 2025-01-05, DTKS still ACTIVE: DECEASED_ACTIVE
const KETUT = '5101010202500002'; // Cupel; died 2024-06-01, DTKS INACTIVE (MENINGGAL): nothing
const WAYAN = '5101010303800003'; // Baluk; DTKS ACTIVE under an old kk: STALE_KK
const NYOMAN = '5101010404800004'; // Baluk; DTKS INACTIVE (PINDAH) under an old kk: STALE_KK, whatever the status
const DEWI = '5101024505850005'; // Mendoyo; ASN since 2010, still serving, DTKS ACTIVE: CIVIL_SERVANT, deactivate
const PUTU = '5101020606700006'; // Mendoyo; TNI until 2020-12-31, DTKS ACTIVE, not paid: nothing
const GEDE = '5101020707750007'; // Mendoyo; POLRI until 2025-03-12, not in DTKS, BLT paid 2025-03-10: CIVIL_SERVANT, the programme's
const KOMANG = '5102010808800008'; // Bajera; ASN since 2012, DTKS INACTIVE, BLT paid only in 2025-02: nothing
const SITI = '3510014909900009'; // Sarongan; BLT paid twice in 2025-02 and twice in 2025-03: PAID_TWICE for March only
const AGUS = '3510011010700010'; // Sarongan; head of KK_AGUS, PKH's only month 2025-02 paid to him...
const RINI = '3510015111750011'; // ...and to his wife the next day: PAID_TWICE for the family, about the head
const GHOST = '3510019901990001'; // not in population: BLT 2025-03 in Pesanggaran, then in Negara, and 2025-02
const OLD_GHOST = '3510019902990002'; // not in population: BLT only in 2025-02

const kk = (nik: string) => `${nik.slice(0, 6)}0101100${nik.slice(-3)}`;
const KK_AGUS = kk(AGUS);
const OLD_KK = (nik: string) => `${nik.slice(0, 6)}3112990${nik.slice(-3)}`;

let root: string;
let engine: Engine;
let regions: Regions;
beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'tepat-quality-'));
  engine = await openEngine({ dir: join(root, 'clickhouse') });
  regions = await loadRegions();
});
afterAll(async () => {
  await engine?.close();
  rmSync(root, { recursive: true, force: true });
});

/** The sources the queues read; vaccination is absent (no queue reads it). */
type Files = Record<'population/persons.csv' | 'dtks/members.csv' | 'civil-service/personnel.csv' | 'aid/programs.csv' | 'aid/disbursements.csv', string[]>;

/** Refreshes from a DATA.md folder of these rows (header added) and returns the build's database. */
async function build(files: Files): Promise<string> {
  return (await refresh(engine, { sources: folderSources(writeSourceFolder(root, files)) })).database;
}

// Sex and birth date are not read by the pipeline; the row has them as DATA.md does.
const person = (nik: string, village: string, deathDate = '', relationship = 'HEAD', familyCard = kk(nik)) =>
  [nik, familyCard, `Warga ${nik.slice(-4)}`, 'L', '1980-01-01', relationship, village, deathDate].join(',');
const dtks = (nik: string, familyCard: string, status = 'ACTIVE', reason = '') => [nik, familyCard, 3, status, reason, '2025-01-01'].join(',');
const BLT = (id: string, nik: string, period: string, on: string, district: string) =>
  [id, 'BLT', nik, kk(nik), period, 300_000, on, district].join(',');
const PKH = (id: string, nik: string, on: string) => [id, 'PKH', nik, KK_AGUS, '2025-02', 750_000, on, '35.10.01'].join(',');

const SOURCES: Files = {
  'population/persons.csv': [
    person(MADE, CUPEL, '2025-01-05'),
    person(KETUT, CUPEL, '2024-06-01'),
    person(WAYAN, BALUK),
    person(NYOMAN, BALUK),
    person(DEWI, MENDOYO_DAUH_TUKAD),
    person(PUTU, MENDOYO_DAUH_TUKAD),
    person(GEDE, MENDOYO_DAUH_TUKAD),
    person(KOMANG, BAJERA),
    person(SITI, SARONGAN),
    person(AGUS, SARONGAN),
    person(RINI, SARONGAN, '', 'SPOUSE', KK_AGUS),
  ],
  'dtks/members.csv': [
    dtks(MADE, kk(MADE)),
    dtks(KETUT, kk(KETUT), 'INACTIVE', 'MENINGGAL'),
    dtks(WAYAN, OLD_KK(WAYAN)),
    dtks(NYOMAN, OLD_KK(NYOMAN), 'INACTIVE', 'PINDAH'),
    dtks(DEWI, kk(DEWI)),
    dtks(PUTU, kk(PUTU)),
    dtks(KOMANG, kk(KOMANG), 'INACTIVE', 'MAMPU'),
    dtks(SITI, kk(SITI)),
    dtks(AGUS, KK_AGUS),
    dtks(RINI, KK_AGUS),
  ],
  'civil-service/personnel.csv': [
    [DEWI, 'ASN', 'Dinas Pendidikan Jembrana', '2010-01-04', ''].join(','),
    [PUTU, 'TNI', 'Kodim 1617 Jembrana', '2010-01-04', '2020-12-31'].join(','),
    [GEDE, 'POLRI', 'Polres Jembrana', '2015-07-01', '2025-03-12'].join(','),
    [KOMANG, 'ASN', 'Dinas Kesehatan Tabanan', '2012-02-01', ''].join(','),
  ],
  'aid/programs.csv': ['BLT,Bantuan Langsung Tunai,PERSON,DTKS', 'PKH,Program Keluarga Harapan,FAMILY,DTKS'],
  // BLT's latest month is 2025-03, PKH's 2025-02: each programme's own latest month is read.
  'aid/disbursements.csv': [
    BLT('BLT-02-S1', SITI, '2025-02', '2025-02-05', '35.10.01'),
    BLT('BLT-02-S2', SITI, '2025-02', '2025-02-20', '35.10.01'),
    BLT('BLT-02-K', KOMANG, '2025-02', '2025-02-10', '51.02.01'),
    BLT('BLT-02-X', GHOST, '2025-02', '2025-02-02', '35.10.01'),
    BLT('BLT-02-Y', OLD_GHOST, '2025-02', '2025-02-02', '35.10.01'),
    BLT('BLT-03-S1', SITI, '2025-03', '2025-03-05', '35.10.01'),
    BLT('BLT-03-S2', SITI, '2025-03', '2025-03-20', '35.10.01'),
    BLT('BLT-03-G', GEDE, '2025-03', '2025-03-10', '51.01.02'),
    BLT('BLT-03-X1', GHOST, '2025-03', '2025-03-02', '35.10.01'),
    BLT('BLT-03-X2', GHOST, '2025-03', '2025-03-09', '51.01.01'),
    PKH('PKH-02-A', AGUS, '2025-02-03'),
    PKH('PKH-02-R', RINI, '2025-02-04'),
  ],
};

/** kind, key and region of each item of a page, in the page's order. */
const keys = (items: QualityItem[]) => items.map((i) => [i.kind, i.key, i.region]);

describe('the queues of a build', () => {
  let db: string;
  let all: QualityItem[];
  beforeAll(async () => {
    db = await build(SOURCES);
    all = (await dataQualityItems(engine, db, regions, { region: '35', first: 500 })).nodes.concat(
      (await dataQualityItems(engine, db, regions, { region: '51', first: 500 })).nodes,
    );
  });
  const item = (kind: string, key: string) => all.find((i) => i.kind === kind && i.key === key)!;

  it('holds every item once, and nothing else (KETUT, PUTU, KOMANG, OLD_GHOST and the February payments are not items)', () => {
    // Order: kind, region, key (the table's order); here Jawa Timur's page, then Bali's.
    expect(keys(all)).toEqual([
      ['GHOST', `${GHOST} 35.10.01`, '35.10.01'],
      // The ghost's unit is not in population: it is placed in the district of its first payment of the month.
      ['PAID_TWICE', `BLT 2025-03 ${GHOST}`, '35.10.01'],
      ['PAID_TWICE', `BLT 2025-03 ${SITI}`, SARONGAN],
      ['PAID_TWICE', `PKH 2025-02 ${KK_AGUS}`, SARONGAN],
      ['CIVIL_SERVANT', GEDE, MENDOYO_DAUH_TUKAD],
      ['CIVIL_SERVANT', DEWI, MENDOYO_DAUH_TUKAD],
      ['DECEASED_ACTIVE', MADE, CUPEL],
      ['GHOST', `${GHOST} 51.01.01`, '51.01.01'],
      ['STALE_KK', WAYAN, BALUK],
      ['STALE_KK', NYOMAN, BALUK],
    ]);
  });

  it('gives the dead its death date and DTKS record, resolved by deactivating as MENINGGAL', () => {
    expect(item('DECEASED_ACTIVE', MADE)).toEqual({
      kind: 'DECEASED_ACTIVE',
      key: MADE,
      nik: MADE,
      kk: kk(MADE),
      region: CUPEL,
      evidence: {
        inPopulation: true,
        deathDate: '2025-01-05',
        populationKk: kk(MADE),
        dtksStatus: 'ACTIVE',
        dtksStatusReason: null,
        dtksKk: kk(MADE),
        servingToday: false,
        service: [],
        payments: [],
      },
      fixes: [
        {
          action: 'DEACTIVATE_DTKS_MEMBER',
          operation: 'deactivateDtksMember',
          reason: 'MENINGGAL',
          paymentIds: [],
          description: expect.stringContaining('deactivateDtksMember(nik, reason: MENINGGAL)'),
        },
      ],
    });
  });

  it("gives a stale kk both family cards and DTKS's status, resolved by DTKS's own file", () => {
    expect(item('STALE_KK', NYOMAN).evidence).toMatchObject({ populationKk: kk(NYOMAN), dtksKk: OLD_KK(NYOMAN), dtksStatus: 'INACTIVE', dtksStatusReason: 'PINDAH' });
    expect(item('STALE_KK', WAYAN).fixes.map((f) => [f.action, f.operation])).toEqual([['IMPORT_DTKS', null]]);
  });

  it("gives a ghost the payments of its district in the programme's latest month, for an auditor's case", () => {
    // February's BLT-02-X is history (flaggedDisbursements), not the queue's.
    expect(item('GHOST', `${GHOST} 35.10.01`)).toMatchObject({
      nik: GHOST,
      kk: kk(GHOST),
      evidence: {
        inPopulation: false,
        populationKk: null,
        dtksStatus: null,
        payments: [
          { id: 'BLT-03-X1', program: 'BLT', period: '2025-03', nik: GHOST, kk: kk(GHOST), amount: 300_000, disbursedOn: '2025-03-02', districtCode: '35.10.01', paymentRank: 1 },
        ],
      },
      fixes: [{ action: 'AUDIT_CASE', operation: 'flaggedDisbursements', reason: null, paymentIds: ['BLT-03-X1'] }],
    });
    expect(item('GHOST', `${GHOST} 51.01.01`).evidence.payments.map((p) => [p.id, p.paymentRank])).toEqual([['BLT-03-X2', 2]]);
  });

  it('tells a civil servant ACTIVE in DTKS today from one paid while serving, each with its fix', () => {
    expect(item('CIVIL_SERVANT', DEWI)).toMatchObject({
      evidence: {
        dtksStatus: 'ACTIVE',
        servingToday: true,
        service: [{ corps: 'ASN', agency: 'Dinas Pendidikan Jembrana', startDate: '2010-01-04', endDate: null }],
        payments: [],
      },
      fixes: [{ action: 'DEACTIVATE_DTKS_MEMBER', operation: 'deactivateDtksMember', reason: 'LAINNYA', paymentIds: [] }],
    });
    // GEDE served on 2025-03-10, the day BLT paid him, and no longer does: the programme's to correct, not DTKS's (he has no record).
    expect(item('CIVIL_SERVANT', GEDE)).toMatchObject({
      evidence: {
        dtksStatus: null,
        servingToday: false,
        service: [{ corps: 'POLRI', agency: 'Polres Jembrana', startDate: '2015-07-01', endDate: '2025-03-12' }],
        payments: [{ id: 'BLT-03-G', disbursedOn: '2025-03-10' }],
      },
      fixes: [{ action: 'PROGRAMME_CORRECTION', operation: null, paymentIds: ['BLT-03-G'] }],
    });
  });

  it("gives a unit paid twice its month's payments in order, the later ones to reverse; a family's item is about its head", () => {
    expect(item('PAID_TWICE', `BLT 2025-03 ${SITI}`)).toMatchObject({
      nik: SITI,
      evidence: { payments: [{ id: 'BLT-03-S1', paymentRank: 1 }, { id: 'BLT-03-S2', paymentRank: 2 }] },
      fixes: [{ action: 'PROGRAMME_CORRECTION', paymentIds: ['BLT-03-S2'] }],
    });
    expect(item('PAID_TWICE', `PKH 2025-02 ${KK_AGUS}`)).toMatchObject({
      nik: AGUS,
      kk: KK_AGUS,
      evidence: { payments: [{ id: 'PKH-02-A', nik: AGUS }, { id: 'PKH-02-R', nik: RINI, paymentRank: 2 }] },
      fixes: [{ paymentIds: ['PKH-02-R'] }],
    });
  });

  it('pages a region by kind, region and key, filtered by kind, villages included', async () => {
    const page = (args: { kind?: 'PAID_TWICE' | 'STALE_KK' | null; region: string; first?: number; offset?: number }) =>
      dataQualityItems(engine, db, regions, args).then((p) => ({ totalCount: p.totalCount, keys: p.nodes.map((i) => i.key) }));
    // Pesanggaran 35.10.01: the ghost, its unit paid twice, SITI and the PKH family (4).
    expect(await page({ region: '35.10.01', first: 2 })).toEqual({ totalCount: 4, keys: [`${GHOST} 35.10.01`, `BLT 2025-03 ${GHOST}`] });
    expect(await page({ region: '35.10.01', first: 2, offset: 2 })).toEqual({ totalCount: 4, keys: [`BLT 2025-03 ${SITI}`, `PKH 2025-02 ${KK_AGUS}`] });
    expect(await page({ region: '35.10.01', first: 2, offset: 4 })).toEqual({ totalCount: 4, keys: [] });
    // The village holds only what is placed in it: not the ghost's, placed in the district.
    expect(await page({ region: SARONGAN, kind: 'PAID_TWICE' })).toEqual({ totalCount: 2, keys: [`BLT 2025-03 ${SITI}`, `PKH 2025-02 ${KK_AGUS}`] });
    expect(await page({ region: '51', kind: 'STALE_KK' })).toEqual({ totalCount: 2, keys: [NYOMAN, WAYAN].sort() });
    expect(await page({ region: BAJERA })).toEqual({ totalCount: 0, keys: [] });
  });

  it('refuses arguments it cannot answer, naming them', async () => {
    await expect(dataQualityItems(engine, db, regions, { region: '51.99' })).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT', argument: 'region' } });
    await expect(dataQualityItems(engine, db, regions, { region: '51', first: 501 })).rejects.toMatchObject({ extensions: { argument: 'first' } });
    await expect(dataQualityItems(engine, db, regions, { region: '51', offset: -1 })).rejects.toMatchObject({ extensions: { argument: 'offset' } });
    await expect(dataQualityCounts(engine, db, regions, { region: '51.01', level: 'REGENCY' })).rejects.toMatchObject({ extensions: { argument: 'level' } });
  });

  it('counts every kind in every region, from the nation to the village', async () => {
    const counts = async (args: Parameters<typeof dataQualityCounts>[3]) =>
      (await dataQualityCounts(engine, db, regions, args)).map((r) => [r.region, r.level, r.total, Object.fromEntries(r.byKind.map((k) => [k.kind, k.items]))]);
    const kinds = (DECEASED_ACTIVE: number, STALE_KK: number, GHOST: number, CIVIL_SERVANT: number, PAID_TWICE: number) => ({
      DECEASED_ACTIVE,
      STALE_KK,
      GHOST,
      CIVIL_SERVANT,
      PAID_TWICE,
    });
    // The ten items above.
    expect(await counts({})).toEqual([['', 'NATIONAL', 10, kinds(1, 2, 2, 2, 3)]]);
    // Bali: MADE, WAYAN, NYOMAN, the ghost in Negara, DEWI, GEDE; Jawa Timur: the ghost in Pesanggaran and three units paid twice.
    expect(await counts({ level: 'PROVINCE' })).toEqual([
      ['35', 'PROVINCE', 4, kinds(0, 0, 1, 0, 3)],
      ['51', 'PROVINCE', 6, kinds(1, 2, 1, 2, 0)],
    ]);
    // Tabanan (51.02) has no district with an item.
    expect(await counts({ region: '51', level: 'DISTRICT' })).toEqual([
      ['51.01.01', 'DISTRICT', 4, kinds(1, 2, 1, 0, 0)],
      ['51.01.02', 'DISTRICT', 2, kinds(0, 0, 0, 2, 0)],
    ]);
    expect(await counts({ region: '51.02' })).toEqual([['51.02', 'REGENCY', 0, kinds(0, 0, 0, 0, 0)]]);
    // A village has what is placed in it: Sarongan two units paid twice, not the ghost's (district).
    expect(await counts({ region: SARONGAN })).toEqual([[SARONGAN, 'VILLAGE', 2, kinds(0, 0, 0, 0, 2)]]);
    expect(await counts({ region: CUPEL })).toEqual([[CUPEL, 'VILLAGE', 1, kinds(1, 0, 0, 0, 0)]]);
  });

  it('has invariants that fail when a count differs from its items or an item is there twice', async () => {
    expect(await breachedInvariants(engine, db)).toEqual([]);
    // Broken in a copy of the build, so the build stays as it was for the tests above.
    const copy = `${db}_broken`;
    await engine.command('CREATE DATABASE {copy:Identifier}', { copy });
    try {
      const tables = await engine.query<{ name: string }>('SELECT name FROM system.tables WHERE database = {db:String}', { db });
      for (const { name } of tables) {
        await engine.command('CREATE TABLE {copy:Identifier}.{t:Identifier} ENGINE = MergeTree ORDER BY tuple() AS SELECT * FROM {db:Identifier}.{t:Identifier}', { copy, db, t: name });
      }
      await engine.command(`INSERT INTO {copy:Identifier}.quality_count VALUES ('GHOST', 'DISTRICT', '51.02.01', 1)`, { copy });
      await engine.command(`INSERT INTO {copy:Identifier}.quality_item SELECT * FROM {copy:Identifier}.quality_item WHERE kind = 'STALE_KK' AND nik = {nik:UInt64}`, { copy, nik: WAYAN });
      const breached = (await breachedInvariants(engine, copy)).map((b) => b.invariant);
      expect(breached).toEqual(
        expect.arrayContaining([
          'every data-quality item is there once per kind and key, of a known kind, in a region',
          "every region's data-quality counts are the items whose region lies in it, at every level",
        ]),
      );
    } finally {
      await engine.command('DROP DATABASE IF EXISTS {copy:Identifier} SYNC', { copy });
    }
  });
});

describe('after the fixes and the next refresh', () => {
  it('leaves out what was fixed and keeps what was not', async () => {
    const fixed = await build({
      ...SOURCES,
      'dtks/members.csv': SOURCES['dtks/members.csv'].map((row) => {
        // An operator deactivated the dead and the civil servant; DTKS sent WAYAN's record with population's kk.
        if (row.startsWith(MADE)) return dtks(MADE, kk(MADE), 'INACTIVE', 'MENINGGAL');
        if (row.startsWith(DEWI)) return dtks(DEWI, kk(DEWI), 'INACTIVE', 'LAINNYA');
        if (row.startsWith(WAYAN)) return dtks(WAYAN, kk(WAYAN));
        return row;
      }),
      // BLT's next month paid SITI once, and neither GEDE nor the ghost; PKH has not paid since February.
      'aid/disbursements.csv': [...SOURCES['aid/disbursements.csv'], BLT('BLT-04-S1', SITI, '2025-04', '2025-04-05', '35.10.01')],
    });
    const left = [
      ...(await dataQualityItems(engine, fixed, regions, { region: '35' })).nodes,
      ...(await dataQualityItems(engine, fixed, regions, { region: '51' })).nodes,
    ];
    expect(keys(left)).toEqual([
      ['PAID_TWICE', `PKH 2025-02 ${KK_AGUS}`, SARONGAN],
      ['STALE_KK', NYOMAN, BALUK],
    ]);
    expect((await dataQualityCounts(engine, fixed, regions, {}))[0]!.total).toBe(2);
  });
});

it('knows a build without queues, made before them', async () => {
  await engine.command('CREATE DATABASE IF NOT EXISTS tepat_build_before_queues');
  expect(await hasQualityQueues(engine, 'tepat_build_before_queues')).toBe(false);
  await engine.command('DROP DATABASE tepat_build_before_queues SYNC');
});
