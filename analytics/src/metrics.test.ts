/**
 * The metric tables of a refresh (`targeting`, `incidence`, and the `disbursement_fact`
 * behind them) against /work/shared/contract/METRICS.md and RULES.md, on small hand-made
 * folders laid out as DATA.md says. Every expected figure is worked out here, in the
 * comments beside it, never read back from the SQL.
 *
 * Villages, from idn-area-data:
 *   Bali 51 > Jembrana 51.01 > Negara 51.01.01: Cupel 51.01.01.2001, Baluk 51.01.01.2002
 *                            > Mendoyo 51.01.02: Mendoyo Dauh Tukad 51.01.02.2001
 *           > Tabanan 51.02  > Selemadeg 51.02.01: Bajera 51.02.01.2001
 *   Jawa Timur 35 > Banyuwangi 35.10 > Pesanggaran 35.10.01: Sarongan 35.10.01.2001
 *                                    > Bangorejo 35.10.02: Sukorejo 35.10.02.2001
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { loadRegions, parseNik } from '@tepat/core';
import { BUILT_IN_RULE_SETS, type RuleSet } from '@tepat/rules';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { breachedInvariants, folderSources, MetricReader, openEngine, refresh, type Engine } from './index.js';
import { writeSourceFolder, type SourceRows } from './testing/source-folder.js';

const CUPEL = '51.01.01.2001';
const BALUK = '51.01.01.2002';
const MENDOYO_DAUH_TUKAD = '51.01.02.2001';
const BAJERA = '51.02.01.2001';
const SARONGAN = '35.10.01.2001';
const SUKOREJO = '35.10.02.2001';

// ---------------------------------------------------------------------------------
// One engine for the file; each refresh builds a database of its own.
// ---------------------------------------------------------------------------------

let root: string;
let engine: Engine;
beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'tepat-metrics-'));
  engine = await openEngine({ dir: join(root, 'clickhouse') });
});
afterAll(async () => {
  await engine?.close();
  rmSync(root, { recursive: true, force: true });
});

// ---------------------------------------------------------------------------------
// Source folders (DATA.md)
// ---------------------------------------------------------------------------------

type Files = SourceRows;

/** Writes a DATA.md folder (header rows added) and returns its path; absent files are absent sources. */
function folder(files: Files): string {
  return writeSourceFolder(root, files);
}

/** Refreshes from a hand-made folder and returns the build's database. */
async function build(files: Files, ruleSets?: readonly RuleSet[]): Promise<string> {
  const { database } = await refresh(engine, { sources: folderSources(folder(files), ruleSets) });
  return database;
}

/** A population row; sex and birth date are read off the NIK, as DATA.md encodes them. */
function person(nik: string, kk: string, name: string, relationship: string, village: string, deathDate = ''): string {
  const parts = parseNik(nik)!;
  const year = parts.birthYear2 > 25 ? 1900 + parts.birthYear2 : 2000 + parts.birthYear2;
  const birth = `${year}-${String(parts.birthMonth).padStart(2, '0')}-${String(parts.birthDay).padStart(2, '0')}`;
  return [nik, kk, name, parts.sex, birth, relationship, village, deathDate].join(',');
}

const dtks = (nik: string, kk: string, decile: number, status = 'ACTIVE', reason = '') =>
  [nik, kk, decile, status, reason, '2024-12-01'].join(',');
const dose = (nik: string, administeredOn: string) => [nik, 1, 'SINOVAC', administeredOn].join(',');
const service = (nik: string, corps: string, agency: string, start: string, end = '') => [nik, corps, agency, start, end].join(',');
const payment = (id: string, program: string, nik: string, kk: string, period: string, amount: number, on: string, district: string) =>
  [id, program, nik, kk, period, amount, on, district].join(',');

// ---------------------------------------------------------------------------------
// Reading the build
// ---------------------------------------------------------------------------------

const MEASURES = [
  'recipients',
  'eligible',
  'recipients_eligible',
  'payments',
  'amount',
  'leakage_payments',
  'leakage_amount',
  'ghost_payments',
  'ghost_amount',
  'deceased_payments',
  'deceased_amount',
  'civil_servant_payments',
  'civil_servant_amount',
  'duplicate_payments',
  'duplicate_amount',
  'ineligible_payments',
  'ineligible_amount',
] as const;
type Measures = Record<(typeof MEASURES)[number], number>;

/** A `targeting` row as expected: the figures given, zero for every other. */
function measures(figures: Partial<Measures>): Measures {
  return { ...(Object.fromEntries(MEASURES.map((m) => [m, 0])) as Measures), ...figures };
}

type Level = 'NATIONAL' | 'PROVINCE' | 'REGENCY' | 'DISTRICT';

/** The `targeting` rows of one programme, month and level, by region ('' for NATIONAL). */
async function targeting(db: string, program: string, period: string, level: Level): Promise<Record<string, Measures>> {
  const rows = await engine.query<Record<string, string>>(
    `SELECT region, ${MEASURES.join(', ')} FROM {db:Identifier}.targeting
     WHERE program = {program:String} AND period = {period:String} AND level = {level:String}`,
    { db, program, period, level },
  );
  return Object.fromEntries(
    rows.map(({ region, ...row }) => [region, Object.fromEntries(MEASURES.map((m) => [m, Number(row[m])])) as Measures]),
  );
}

interface Fact {
  category: string;
  unit: string;
  region: string;
  payment_rank: number;
  first_payment_id: string;
  unit_failed: string[];
}

/** The `disbursement_fact` rows of one programme and month, by disbursement id. */
async function facts(db: string, program: string, period: string): Promise<Record<string, Fact>> {
  const rows = await engine.query<Fact & { id: string; payment_rank: string }>(
    `SELECT id, toString(category) AS category, unit, region, payment_rank, ifNull(first_payment_id, id) AS first_payment_id, unit_failed
     FROM {db:Identifier}.disbursement_fact WHERE program = {program:String} AND period = {period:String}`,
    { db, program, period },
  );
  return Object.fromEntries(rows.map(({ id, ...f }) => [id, { ...f, payment_rank: Number(f.payment_rank) }]));
}

async function categories(db: string, program: string, period: string): Promise<Record<string, string>> {
  return Object.fromEntries(Object.entries(await facts(db, program, period)).map(([id, f]) => [id, f.category]));
}

/** The `incidence` rows of one programme, month and region, by decile (0 = no DTKS record). */
async function incidence(db: string, program: string, period: string, level: Level, region: string) {
  const rows = await engine.query<{ decile: number; units: string; amount: string }>(
    `SELECT decile, units, amount FROM {db:Identifier}.incidence
     WHERE program = {program:String} AND period = {period:String} AND level = {level:String} AND region = {region:String}`,
    { db, program, period, level, region },
  );
  return Object.fromEntries(rows.map((r) => [r.decile, { units: Number(r.units), amount: Number(r.amount) }]));
}

// =================================================================================
// 1. A PERSON programme on the national DTKS rule set: accuracy, leakage, regions.
// =================================================================================

describe('BLT, a PERSON programme on DTKS, in March 2025 (D = 2025-03-31)', () => {
  // Everyone is the head of a family of their own; for a PERSON programme that does not matter.
  const AYU = '5101014505850001'; // Cupel; DTKS 2: eligible, paid once
  const BUDI = '5101011203800002'; // Cupel; DTKS 3: eligible, not paid
  const WIRA = '5101012007750003'; // Baluk; DTKS 7 (> 4): ineligible, paid twice
  const RAI = '5101010101400004'; // Baluk; DTKS 1; died 2025-03-10, paid 2025-03-15
  const SARI = '5101014202450005'; // Baluk; DTKS 2; died 2025-03-20, paid that same day
  const EKA = '5101021506900006'; // Mendoyo; DTKS 1: eligible, paid three times
  const ARSA = '5101020808880007'; // Mendoyo; DTKS 2; ASN until 2025-03-12, paid 2025-03-12
  const DANA = '5101021010870008'; // Mendoyo; DTKS 3; ASN until 2025-03-11, paid 2025-03-12
  const SUTA = '5101020303600009'; // Mendoyo; DTKS 5; POLRI still serving, died 2025-03-01, paid twice
  const OKA = '5102010909910014'; // Bajera (Tabanan); DTKS 2: eligible, not paid
  const SITI = '3510014404920010'; // Sarongan; DTKS 4 (the threshold): eligible, paid
  const JOKO = '3510011111830011'; // Sarongan; DTKS 3 but INACTIVE: ineligible
  const RINI = '3510025612950012'; // Sukorejo; no DTKS record: ineligible
  const AGUS = '3510021708790013'; // Sukorejo; DTKS 1: eligible, not paid
  const GHOST = '3510020202020099'; // not in population: paid three times
  const DTKS_ONLY = '3510026505900098'; // in DTKS (decile 1) but not in population

  const kk = (nik: string) => `${nik.slice(0, 6)}0101100${nik.slice(-3)}`;
  const BLT = (id: string, nik: string, on: string, district: string) =>
    payment(id, 'BLT', nik, kk(nik), '2025-03', 300_000, on, district);

  let db: string;
  beforeAll(async () => {
    db = await build({
      'population/persons.csv': [
        person(AYU, kk(AYU), 'Ni Luh Ayu', 'HEAD', CUPEL),
        person(BUDI, kk(BUDI), 'I Made Budi', 'HEAD', CUPEL),
        person(WIRA, kk(WIRA), 'I Komang Wira', 'HEAD', BALUK),
        person(RAI, kk(RAI), 'I Nyoman Rai', 'HEAD', BALUK, '2025-03-10'),
        person(SARI, kk(SARI), 'Ni Ketut Sari', 'HEAD', BALUK, '2025-03-20'),
        person(EKA, kk(EKA), 'I Putu Eka', 'HEAD', MENDOYO_DAUH_TUKAD),
        person(ARSA, kk(ARSA), 'I Gede Arsa', 'HEAD', MENDOYO_DAUH_TUKAD),
        person(DANA, kk(DANA), 'I Made Dana', 'HEAD', MENDOYO_DAUH_TUKAD),
        person(SUTA, kk(SUTA), 'I Wayan Suta', 'HEAD', MENDOYO_DAUH_TUKAD, '2025-03-01'),
        person(OKA, kk(OKA), 'I Dewa Oka', 'HEAD', BAJERA),
        person(SITI, kk(SITI), 'Siti Aminah', 'HEAD', SARONGAN),
        person(JOKO, kk(JOKO), 'Joko Susilo', 'HEAD', SARONGAN),
        person(RINI, kk(RINI), 'Rini Wulandari', 'HEAD', SUKOREJO),
        person(AGUS, kk(AGUS), 'Agus Salim', 'HEAD', SUKOREJO),
      ],
      'dtks/members.csv': [
        dtks(AYU, kk(AYU), 2),
        dtks(BUDI, kk(BUDI), 3),
        dtks(WIRA, kk(WIRA), 7),
        dtks(RAI, kk(RAI), 1),
        dtks(SARI, kk(SARI), 2),
        dtks(EKA, kk(EKA), 1),
        dtks(ARSA, kk(ARSA), 2),
        dtks(DANA, kk(DANA), 3),
        dtks(SUTA, kk(SUTA), 5),
        dtks(OKA, kk(OKA), 2),
        dtks(SITI, kk(SITI), 4),
        dtks(JOKO, kk(JOKO), 3, 'INACTIVE', 'PINDAH'),
        dtks(AGUS, kk(AGUS), 1),
        dtks(DTKS_ONLY, kk(DTKS_ONLY), 1),
      ],
      'civil-service/personnel.csv': [
        service(ARSA, 'ASN', 'Pemerintah Kabupaten Jembrana', '2010-01-04', '2025-03-12'),
        service(DANA, 'ASN', 'Pemerintah Kabupaten Jembrana', '2012-01-02', '2025-03-11'),
        service(SUTA, 'POLRI', 'Polres Jembrana', '1985-01-01'),
      ],
      'aid/programs.csv': [
        'BLT,Bantuan Langsung Tunai,PERSON,DTKS',
        'BLT_SUSULAN,Bantuan Langsung Tunai Susulan,PERSON,DTKS',
        'BANSOS_JEMBRANA,Bantuan Sosial Kabupaten Jembrana,PERSON,IBAN',
      ],
      'aid/disbursements.csv': [
        BLT('BLT-01', AYU, '2025-03-03', '51.01.01'),
        BLT('BLT-02', WIRA, '2025-03-05', '51.01.01'),
        BLT('BLT-03', WIRA, '2025-03-25', '51.01.01'),
        BLT('BLT-04', RAI, '2025-03-15', '51.01.01'),
        BLT('BLT-05', SARI, '2025-03-20', '51.01.01'),
        BLT('BLT-06', EKA, '2025-03-20', '51.01.02'),
        BLT('BLT-07', EKA, '2025-03-05', '51.01.02'),
        BLT('BLT-08', EKA, '2025-03-20', '51.01.02'),
        BLT('BLT-09', ARSA, '2025-03-12', '51.01.02'),
        BLT('BLT-10', DANA, '2025-03-12', '51.01.02'),
        BLT('BLT-11', SUTA, '2025-03-08', '51.01.02'),
        BLT('BLT-12', SUTA, '2025-03-09', '51.01.02'),
        BLT('BLT-13', SITI, '2025-03-10', '35.10.01'),
        // The ghost's payments, in this file order on purpose: its region is the district of
        // the first by (disbursed_on, id), i.e. BLT-15 (03-07, and "15" < "16") in 35.10.02;
        // not BLT-14 (lowest id, later date), nor BLT-16 (same day, first in the file).
        BLT('BLT-16', GHOST, '2025-03-07', '35.10.01'),
        BLT('BLT-14', GHOST, '2025-03-09', '51.01.01'),
        BLT('BLT-15', GHOST, '2025-03-07', '35.10.02'),
        payment('BJ-01', 'BANSOS_JEMBRANA', AYU, kk(AYU), '2025-03', 150_000, '2025-03-03', '51.01.01'),
      ],
    });
  });

  // E (DTKS on D = 2025-03-31: alive, ACTIVE, decile <= 4, not serving on D):
  //   Ayu, Budi, Eka, Arsa (ASN ended 03-12), Dana, Oka, Siti (decile 4), Agus = 8.
  //   Not: Wira (decile 7), Rai and Sari (dead by D), Suta (dead, decile 5, serving),
  //   Joko (INACTIVE), Rini (no DTKS), the DTKS-only NIK (not in population).
  // R: Ayu, Wira, Rai, Sari, Eka, Arsa, Dana, Suta, Siti, the ghost = 10.
  // R ∩ E: Ayu, Eka, Arsa, Dana, Siti = 5.

  it('gives every disbursement the first category that applies (METRICS.md, "Leakage")', async () => {
    expect(await categories(db, 'BLT', '2025-03')).toEqual({
      'BLT-01': '', // Ayu: eligible, first payment
      'BLT-02': 'INELIGIBLE', // Wira: decile 7
      'BLT-03': 'DUPLICATE', // Wira's second: DUPLICATE comes before INELIGIBLE
      'BLT-04': 'DECEASED', // Rai died 03-10, before 03-15
      'BLT-05': 'INELIGIBLE', // Sari died 03-20, not before 03-20; but dead on D, so not in E
      'BLT-06': 'DUPLICATE', // Eka: 03-20 after BLT-07 (03-05)
      'BLT-07': '', // Eka's first by date, though not by id
      'BLT-08': 'DUPLICATE', // Eka: 03-20, same day as BLT-06, after it by id
      'BLT-09': 'CIVIL_SERVANT', // Arsa serves through 2025-03-12 (end_date inclusive)
      'BLT-10': '', // Dana's service ended 03-11, the day before
      'BLT-11': 'DECEASED', // Suta died 03-01: DECEASED before CIVIL_SERVANT
      'BLT-12': 'DECEASED', // ... and before DUPLICATE
      'BLT-13': '', // Siti
      'BLT-14': 'GHOST',
      'BLT-15': 'GHOST',
      'BLT-16': 'GHOST', // GHOST before DUPLICATE
    });
  });

  it('orders a unit\'s payments by disbursed_on, then id', async () => {
    const f = await facts(db, 'BLT', '2025-03');
    // Eka: BLT-07 (03-05), BLT-06 (03-20), BLT-08 (03-20).
    expect([f['BLT-07']!, f['BLT-06']!, f['BLT-08']!].map((x) => [x.payment_rank, x.first_payment_id])).toEqual([
      [1, 'BLT-07'],
      [2, 'BLT-07'],
      [3, 'BLT-07'],
    ]);
    // The ghost: BLT-15 (03-07), BLT-16 (03-07), BLT-14 (03-09).
    expect([f['BLT-15']!, f['BLT-16']!, f['BLT-14']!].map((x) => [x.payment_rank, x.first_payment_id])).toEqual([
      [1, 'BLT-15'],
      [2, 'BLT-15'],
      [3, 'BLT-15'],
    ]);
  });

  it('puts a unit not in population in the district of its first payment of the month', async () => {
    const f = await facts(db, 'BLT', '2025-03');
    for (const id of ['BLT-14', 'BLT-15', 'BLT-16']) expect([id, f[id]!.unit, f[id]!.region]).toEqual([id, GHOST, '35.10.02']);
    // A unit in population is in its own village, wherever it collected.
    expect(f['BLT-01']!.region).toBe(CUPEL);
    expect(f['BLT-13']!.region).toBe(SARONGAN);
  });

  it('counts the national row by hand', async () => {
    // 16 payments of 300 000 = 4 800 000. Leakage: GHOST 14,15,16; DECEASED 04,11,12;
    // CIVIL_SERVANT 09; DUPLICATE 03,06,08; INELIGIBLE 02,05 = 3+3+1+3+2 = 12 payments,
    // 12 x 300 000 = 3 600 000. Clean: 01, 07, 10, 13 = 4; 12 + 4 = 16.
    expect(await targeting(db, 'BLT', '2025-03', 'NATIONAL')).toEqual({
      '': measures({
        recipients: 10,
        eligible: 8,
        recipients_eligible: 5,
        payments: 16,
        amount: 4_800_000,
        leakage_payments: 12,
        leakage_amount: 3_600_000,
        ghost_payments: 3,
        ghost_amount: 900_000,
        deceased_payments: 3,
        deceased_amount: 900_000,
        civil_servant_payments: 1,
        civil_servant_amount: 300_000,
        duplicate_payments: 3,
        duplicate_amount: 900_000,
        ineligible_payments: 2,
        ineligible_amount: 600_000,
      }),
    });
  });

  it('filters by district: each unit in the district its region code starts with', async () => {
    expect(await targeting(db, 'BLT', '2025-03', 'DISTRICT')).toEqual({
      // Negara: Ayu (R,E), Budi (E), Wira (R), Rai (R), Sari (R). Payments 01-05 = 5.
      // Leakage 02 INELIGIBLE, 03 DUPLICATE, 04 DECEASED, 05 INELIGIBLE.
      '51.01.01': measures({
        recipients: 4,
        eligible: 2,
        recipients_eligible: 1,
        payments: 5,
        amount: 1_500_000,
        leakage_payments: 4,
        leakage_amount: 1_200_000,
        deceased_payments: 1,
        deceased_amount: 300_000,
        duplicate_payments: 1,
        duplicate_amount: 300_000,
        ineligible_payments: 2,
        ineligible_amount: 600_000,
      }),
      // Mendoyo: Eka, Arsa, Dana (R,E), Suta (R). Payments 06-12 = 7.
      // Leakage 06, 08 DUPLICATE; 09 CIVIL_SERVANT; 11, 12 DECEASED = 5.
      '51.01.02': measures({
        recipients: 4,
        eligible: 3,
        recipients_eligible: 3,
        payments: 7,
        amount: 2_100_000,
        leakage_payments: 5,
        leakage_amount: 1_500_000,
        deceased_payments: 2,
        deceased_amount: 600_000,
        civil_servant_payments: 1,
        civil_servant_amount: 300_000,
        duplicate_payments: 2,
        duplicate_amount: 600_000,
      }),
      // Selemadeg: Oka (E) only.
      '51.02.01': measures({ eligible: 1 }),
      // Pesanggaran: Siti (R,E), Joko (neither). Payment 13.
      '35.10.01': measures({ recipients: 1, eligible: 1, recipients_eligible: 1, payments: 1, amount: 300_000 }),
      // Bangorejo: Agus (E), Rini (neither), the ghost (R, by its first payment): 14, 15, 16,
      // including BLT-14, which was collected in Negara (51.01.01).
      '35.10.02': measures({
        recipients: 1,
        eligible: 1,
        payments: 3,
        amount: 900_000,
        leakage_payments: 3,
        leakage_amount: 900_000,
        ghost_payments: 3,
        ghost_amount: 900_000,
      }),
    });
  });

  it('filters by regency and province', async () => {
    const negara = { r: 4, e: 2, both: 1, pay: 5 };
    const mendoyo = { r: 4, e: 3, both: 3, pay: 7 };
    // Jembrana = Negara + Mendoyo; leakage 4 + 5 = 9 payments.
    const jembrana = measures({
      recipients: negara.r + mendoyo.r, // 8
      eligible: negara.e + mendoyo.e, // 5
      recipients_eligible: negara.both + mendoyo.both, // 4
      payments: negara.pay + mendoyo.pay, // 12
      amount: 3_600_000,
      leakage_payments: 9,
      leakage_amount: 2_700_000,
      deceased_payments: 3,
      deceased_amount: 900_000,
      civil_servant_payments: 1,
      civil_servant_amount: 300_000,
      duplicate_payments: 3,
      duplicate_amount: 900_000,
      ineligible_payments: 2,
      ineligible_amount: 600_000,
    });
    const tabanan = measures({ eligible: 1 });
    // Banyuwangi = Pesanggaran + Bangorejo: R Siti, ghost; E Siti, Agus; payments 13-16.
    const banyuwangi = measures({
      recipients: 2,
      eligible: 2,
      recipients_eligible: 1,
      payments: 4,
      amount: 1_200_000,
      leakage_payments: 3,
      leakage_amount: 900_000,
      ghost_payments: 3,
      ghost_amount: 900_000,
    });
    expect(await targeting(db, 'BLT', '2025-03', 'REGENCY')).toEqual({ '51.01': jembrana, '51.02': tabanan, '35.10': banyuwangi });
    // Bali = Jembrana + Tabanan: only the eligible count differs from Jembrana (5 + 1).
    expect(await targeting(db, 'BLT', '2025-03', 'PROVINCE')).toEqual({
      '51': { ...jembrana, eligible: 6 },
      '35': banyuwangi,
    });
  });

  it('gives the regional equity inputs per regency', async () => {
    const rows = await targeting(db, 'BLT', '2025-03', 'REGENCY');
    const inputs = Object.fromEntries(
      Object.entries(rows).map(([r, m]) => [r, [m.eligible, m.recipients, m.amount, m.recipients_eligible]]),
    );
    // [eligible_r, recipients_r, amount_r, |R_r ∩ E_r|], Σ eligible = 8, Σ amount = 4 800 000:
    //   51.01: coverage 4/5 = 0.8, allocation (3.6/4.8) / (5/8) = 0.75 / 0.625 = 1.2
    //   51.02: coverage 0/1 = 0,   allocation 0 / (1/8) = 0
    //   35.10: coverage 1/2 = 0.5, allocation (1.2/4.8) / (2/8) = 0.25 / 0.25 = 1
    // giniCoverage: w = 5, 1, 2; x = 0.8, 0, 0.5; x̄ = (4 + 0 + 1) / 8 = 0.625;
    //   ΣΣ w_i w_j |x_i - x_j| = 2 (5·1·0.8 + 5·2·0.3 + 1·2·0.5) = 2 (4 + 3 + 1) = 16;
    //   G = 16 / (2 · 8² · 0.625) = 16 / 80 = 0.2.
    expect(inputs).toEqual({
      '51.01': [5, 8, 3_600_000, 4],
      '51.02': [1, 0, 0, 0],
      '35.10': [2, 2, 1_200_000, 1],
    });
  });

  it('serves regional equity from those inputs: coverage, allocation ratio and the weighted Gini worked out above', async () => {
    const metrics = new MetricReader(engine, db, await loadRegions());
    const equity = await metrics.regionalEquity({ program: 'BLT', period: '2025-03', level: 'REGENCY' });
    expect(equity.regions.map((r) => [r.region, r.name, r.coverage, r.allocationRatio])).toEqual([
      ['35.10', 'Kabupaten Banyuwangi', 0.5, 1],
      ['51.01', 'Kabupaten Jembrana', 0.8, expect.closeTo(1.2, 12)],
      ['51.02', 'Kabupaten Tabanan', 0, 0],
    ]);
    expect(equity.giniCoverage).toBeCloseTo(0.2, 12);
  });

  it('compares the regencies within one province, shares and Gini taken among them', async () => {
    const metrics = new MetricReader(engine, db, await loadRegions());
    // Bali's regencies only: Σ eligible = 6, Σ amount = 3 600 000.
    //   51.01: allocation (3.6/3.6) / (5/6) = 1.2;  51.02: 0 / (1/6) = 0.
    //   giniCoverage: w = 5, 1; x = 0.8, 0; x̄ = 4/6; ΣΣ = 2 · 5 · 1 · 0.8 = 8; G = 8 / (2 · 6² · 4/6) = 1/6.
    const bali = await metrics.regionalEquity({ program: 'BLT', period: '2025-03', level: 'REGENCY', within: '51' });
    expect(bali.regions.map((r) => [r.region, r.coverage, r.allocationRatio])).toEqual([
      ['51.01', 0.8, expect.closeTo(1.2, 12)],
      ['51.02', 0, 0],
    ]);
    expect(bali.giniCoverage).toBeCloseTo(1 / 6, 12);
    // Districts within a regency, and within a province: the same rows, the shares of their own set.
    const jembrana = await metrics.regionalEquity({ program: 'BLT', period: '2025-03', level: 'DISTRICT', within: '51.01' });
    expect(jembrana.regions.length).toBeGreaterThan(0);
    expect(jembrana.regions.every((r) => r.region.startsWith('51.01.'))).toBe(true);
    const all = await metrics.regionalEquity({ program: 'BLT', period: '2025-03', level: 'DISTRICT' });
    expect(jembrana.regions.map((r) => r.region)).toEqual(all.regions.filter((r) => r.region.startsWith('51.01.')).map((r) => r.region));
    expect(jembrana.regions.reduce((total, r) => total + r.amount, 0)).toBe(3_600_000);
  });

  it('names what is wrong with a region to compare within', async () => {
    const metrics = new MetricReader(engine, db, await loadRegions());
    const equity = (within: string, level: 'PROVINCE' | 'REGENCY' | 'DISTRICT' = 'DISTRICT') =>
      metrics.regionalEquity({ program: 'BLT', period: '2025-03', level, within });
    await expect(equity('51.01', 'REGENCY')).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT' }, message: expect.stringMatching(/^Argument "within" .*above the level compared/) });
    await expect(equity('51', 'PROVINCE')).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    await expect(equity('99')).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT' }, message: expect.stringMatching(/^Argument "within" /) });
    await expect(equity('51.01.01.2001')).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT' }, message: expect.stringMatching(/village/) });
  });

  it('serves the rates of METRICS.md, 0 where the denominator is 0', async () => {
    const metrics = new MetricReader(engine, db, await loadRegions());
    const national = await targeting(db, 'BLT', '2025-03', 'NATIONAL');
    const { recipients, eligible, recipients_eligible: both } = national['']!;
    expect(await metrics.targetingAccuracy({ program: 'BLT', period: '2025-03' })).toEqual({
      recipients,
      eligible,
      inclusionErrorRate: (recipients - both) / recipients,
      exclusionErrorRate: (eligible - both) / eligible,
      coverage: both / eligible,
    });
    // Tabanan: one eligible, nobody paid: inclusion has |R| = 0.
    expect(await metrics.targetingAccuracy({ program: 'BLT', period: '2025-03', region: '51.02' })).toEqual({
      recipients: 0,
      eligible: 1,
      inclusionErrorRate: 0,
      exclusionErrorRate: 1,
      coverage: 0,
    });
    // Nothing paid in Tabanan: leakage rate 0 over a total of 0.
    expect(await metrics.leakage({ program: 'BLT', period: '2025-03', region: '51.02' })).toMatchObject({ totalAmount: 0, leakageRate: 0 });
  });

  it('keeps a programme-month with no recipients, with its eligible units (empty numerators and |R| = 0)', async () => {
    // BLT_SUSULAN pays nobody in March but shares BLT's rule set and unit: E is the same 8.
    expect(await targeting(db, 'BLT_SUSULAN', '2025-03', 'NATIONAL')).toEqual({ '': measures({ eligible: 8 }) });
    expect(await targeting(db, 'BLT_SUSULAN', '2025-03', 'REGENCY')).toEqual({
      '51.01': measures({ eligible: 5 }),
      '51.02': measures({ eligible: 1 }),
      '35.10': measures({ eligible: 2 }),
    });
    expect(await incidence(db, 'BLT_SUSULAN', '2025-03', 'NATIONAL', '')).toEqual({});
  });

  it('keeps a programme-month with no eligible units (|E| = 0)', async () => {
    // IBAN requires a dose on or before D; this folder has no vaccination records, so E is
    // empty, and Ayu's payment is INELIGIBLE (she also fails NO_PRIOR_AID: paid 03-03 <= D).
    expect(await targeting(db, 'BANSOS_JEMBRANA', '2025-03', 'NATIONAL')).toEqual({
      '': measures({
        recipients: 1,
        payments: 1,
        amount: 150_000,
        leakage_payments: 1,
        leakage_amount: 150_000,
        ineligible_payments: 1,
        ineligible_amount: 150_000,
      }),
    });
    expect((await facts(db, 'BANSOS_JEMBRANA', '2025-03'))['BJ-01']).toMatchObject({
      category: 'INELIGIBLE',
      unit_failed: ['VACCINATED', 'NO_PRIOR_AID'],
    });
  });

  it('spreads the money over DTKS deciles, a PERSON unit by its own record', async () => {
    // Ayu 2 (300k), Wira 7 (2 x 300k), Rai 1 (300k), Sari 2 (300k), Eka 1 (3 x 300k),
    // Arsa 2 (300k), Dana 3 (300k), Suta 5 (2 x 300k), Siti 4 (300k), ghost none (3 x 300k).
    expect(await incidence(db, 'BLT', '2025-03', 'NATIONAL', '')).toEqual({
      0: { units: 1, amount: 900_000 }, // the ghost
      1: { units: 2, amount: 1_200_000 }, // Rai 300k + Eka 900k
      2: { units: 3, amount: 900_000 }, // Ayu, Sari, Arsa
      3: { units: 1, amount: 300_000 }, // Dana
      4: { units: 1, amount: 300_000 }, // Siti
      5: { units: 1, amount: 600_000 }, // Suta
      7: { units: 1, amount: 600_000 }, // Wira
    });
    // Banyuwangi: Siti (4) and the ghost, whose region is 35.10.02.
    expect(await incidence(db, 'BLT', '2025-03', 'REGENCY', '35.10')).toEqual({
      0: { units: 1, amount: 900_000 },
      4: { units: 1, amount: 300_000 },
    });
  });

  it('keeps every invariant', async () => {
    expect(await breachedInvariants(engine, db)).toEqual([]);
  });
});

// =================================================================================
// 2. A FAMILY programme: the unit is the kk, decided and placed through its head.
// =================================================================================

describe('PKH, a FAMILY programme on DTKS, in March 2025 (D = 2025-03-31)', () => {
  // KK1, Cupel: the head is in DTKS decile 2; his wife (no DTKS record) collects.
  const KK1 = '5101010101200001';
  const KETUT = '5101011506700101';
  const RAI = '5101015208720102';
  // KK2, Sarongan: the head is decile 8; his wife (decile 1) lives in Sukorejo and
  // collects in Negara (51.01.01). The family is neither eligible nor in her village.
  const KK2 = '3510010101200002';
  const SLAMET = '3510010505750201';
  const SULASTRI = '3510024909780202';
  // KK3: no HEAD in population; a SPOUSE (decile 1) in Sarongan collects twice.
  const KK3 = '3510020101200003';
  const SUMARNI = '3510016302800301';
  // KK4, Mendoyo: head decile 3, a child decile 3 too: eligible, not paid.
  const KK4 = '5101020101200004';
  const TAMA = '5101020707650401';
  const GEDE = '5101020101050402';
  // KK5, Mendoyo: head decile 1; collected by a NIK not in population.
  const KK5 = '5101020101200005';
  const SURA = '5101021212680501';
  const COLLECTOR = '5101020101019999';

  const PKH = (id: string, nik: string, kk: string, on: string, district: string) =>
    payment(id, 'PKH', nik, kk, '2025-03', 600_000, on, district);

  let db: string;
  beforeAll(async () => {
    db = await build({
      'population/persons.csv': [
        person(KETUT, KK1, 'I Ketut Arya', 'HEAD', CUPEL),
        person(RAI, KK1, 'Ni Made Rai', 'SPOUSE', CUPEL),
        person(SLAMET, KK2, 'Slamet', 'HEAD', SARONGAN),
        person(SULASTRI, KK2, 'Sulastri', 'SPOUSE', SUKOREJO),
        person(SUMARNI, KK3, 'Sumarni', 'SPOUSE', SARONGAN),
        person(TAMA, KK4, 'I Wayan Tama', 'HEAD', MENDOYO_DAUH_TUKAD),
        person(GEDE, KK4, 'I Putu Gede', 'CHILD', MENDOYO_DAUH_TUKAD),
        person(SURA, KK5, 'I Nyoman Sura', 'HEAD', MENDOYO_DAUH_TUKAD),
      ],
      'dtks/members.csv': [
        dtks(KETUT, KK1, 2),
        dtks(SLAMET, KK2, 8),
        dtks(SULASTRI, KK2, 1),
        dtks(SUMARNI, KK3, 1),
        dtks(TAMA, KK4, 3),
        dtks(GEDE, KK4, 3),
        dtks(SURA, KK5, 1),
      ],
      'aid/programs.csv': ['PKH,Program Keluarga Harapan,FAMILY,DTKS'],
      'aid/disbursements.csv': [
        PKH('PKH-01', RAI, KK1, '2025-03-04', '51.01.01'),
        PKH('PKH-02', SULASTRI, KK2, '2025-03-04', '51.01.01'),
        // KK3's first payment is PKH-04 (03-10, Bangorejo), though PKH-03 has the lower id.
        PKH('PKH-03', SUMARNI, KK3, '2025-03-12', '35.10.01'),
        PKH('PKH-04', SUMARNI, KK3, '2025-03-10', '35.10.02'),
        PKH('PKH-05', COLLECTOR, KK5, '2025-03-06', '51.01.02'),
      ],
    });
  });

  // E = families whose head is eligible: KK1 (decile 2), KK4 (3), KK5 (1) = 3; not KK2
  //   (head decile 8), not KK3 (no head). Six persons would be DTKS-eligible on their own
  //   (Ketut, Sulastri, Sumarni, Tama, Gede, Sura), but the units are family cards.
  // R = KK1, KK2, KK3, KK5 = 4; R ∩ E = KK1, KK5 = 2.

  it('pays families: unit kk, region and category from the head and the collector', async () => {
    const f = await facts(db, 'PKH', '2025-03');
    const seen = Object.fromEntries(Object.entries(f).map(([id, x]) => [id, [x.unit, x.region, x.category]]));
    expect(seen).toEqual({
      'PKH-01': [KK1, CUPEL, ''], // the wife collects for an eligible family
      'PKH-02': [KK2, SARONGAN, 'INELIGIBLE'], // head's village and head's decile 8
      'PKH-03': [KK3, '35.10.02', 'DUPLICATE'], // no head: the district of the first payment
      'PKH-04': [KK3, '35.10.02', 'INELIGIBLE'], // no head: not eligible
      'PKH-05': [KK5, MENDOYO_DAUH_TUKAD, 'GHOST'], // the collector is not in population
    });
    expect(f['PKH-02']!.unit_failed).toEqual(['WELFARE_DECILE']);
  });

  it('counts family cards, not persons', async () => {
    // 5 payments of 600 000 = 3 000 000; leakage 02, 03, 04, 05 = 2 400 000.
    expect(await targeting(db, 'PKH', '2025-03', 'NATIONAL')).toEqual({
      '': measures({
        recipients: 4,
        eligible: 3,
        recipients_eligible: 2,
        payments: 5,
        amount: 3_000_000,
        leakage_payments: 4,
        leakage_amount: 2_400_000,
        ghost_payments: 1,
        ghost_amount: 600_000,
        duplicate_payments: 1,
        duplicate_amount: 600_000,
        ineligible_payments: 2,
        ineligible_amount: 1_200_000,
      }),
    });
    expect(await targeting(db, 'PKH', '2025-03', 'DISTRICT')).toEqual({
      // KK1 only; PKH-02 was collected here but belongs to KK2's region.
      '51.01.01': measures({ recipients: 1, eligible: 1, recipients_eligible: 1, payments: 1, amount: 600_000 }),
      // KK4 (E) and KK5 (R, E).
      '51.01.02': measures({
        recipients: 1,
        eligible: 2,
        recipients_eligible: 1,
        payments: 1,
        amount: 600_000,
        leakage_payments: 1,
        leakage_amount: 600_000,
        ghost_payments: 1,
        ghost_amount: 600_000,
      }),
      // KK2, by its head's village: a region with recipients and no eligible unit.
      '35.10.01': measures({
        recipients: 1,
        payments: 1,
        amount: 600_000,
        leakage_payments: 1,
        leakage_amount: 600_000,
        ineligible_payments: 1,
        ineligible_amount: 600_000,
      }),
      // KK3, by its first payment.
      '35.10.02': measures({
        recipients: 1,
        payments: 2,
        amount: 1_200_000,
        leakage_payments: 2,
        leakage_amount: 1_200_000,
        duplicate_payments: 1,
        duplicate_amount: 600_000,
        ineligible_payments: 1,
        ineligible_amount: 600_000,
      }),
    });
  });

  it("spreads the money over deciles by the head's DTKS record", async () => {
    expect(await incidence(db, 'PKH', '2025-03', 'NATIONAL', '')).toEqual({
      0: { units: 1, amount: 1_200_000 }, // KK3: no head, so no record (not Sumarni's 1)
      1: { units: 1, amount: 600_000 }, // KK5: Sura
      2: { units: 1, amount: 600_000 }, // KK1: Ketut (not Rai, who has no record)
      8: { units: 1, amount: 600_000 }, // KK2: Slamet (not Sulastri's 1)
    });
  });

  it('keeps every invariant', async () => {
    expect(await breachedInvariants(engine, db)).toEqual([]);
  });
});

// =================================================================================
// 3. IBAN: NO_PRIOR_AID is judged on D, after the month's own payments.
// =================================================================================

describe("Jembrana's IBAN rule set, February and March 2025", () => {
  const JAYA = '5101010808800001'; // Cupel; paid for February on 2025-03-03 (late)
  const LAKSMI = '5101014909820002'; // Cupel; paid for February on 2025-02-10
  const DWI = '5101011001900003'; // Baluk; first dose 2025-03-05
  const MAS = '5101025102930004'; // Mendoyo; first dose 2025-02-28, D of February itself
  const BAYU = '5101022303770005'; // Mendoyo; paid by BLT on 2025-03-02
  const BAMBANG = '3510012704850006'; // Sarongan, outside Jembrana; paid 2025-02-15
  const NENGAH = '5101015212880007'; // Baluk; paid for February on 2025-02-28, D itself
  const TUA = '5101010101300008'; // Cupel; died on 2025-02-28, D itself (ALIVE: death after D)
  const kk = (nik: string) => `${nik.slice(0, 6)}0101110${nik.slice(-3)}`;

  let db: string;
  beforeAll(async () => {
    db = await build({
      'population/persons.csv': [
        person(JAYA, kk(JAYA), 'I Made Jaya', 'HEAD', CUPEL),
        person(LAKSMI, kk(LAKSMI), 'Ni Nyoman Laksmi', 'HEAD', CUPEL),
        person(DWI, kk(DWI), 'I Kadek Dwi', 'HEAD', BALUK),
        person(MAS, kk(MAS), 'Ni Putu Mas', 'HEAD', MENDOYO_DAUH_TUKAD),
        person(BAYU, kk(BAYU), 'I Ketut Bayu', 'HEAD', MENDOYO_DAUH_TUKAD),
        person(BAMBANG, kk(BAMBANG), 'Bambang', 'HEAD', SARONGAN),
        person(NENGAH, kk(NENGAH), 'Ni Nengah Suci', 'HEAD', BALUK),
        person(TUA, kk(TUA), 'I Made Tua', 'HEAD', CUPEL, '2025-02-28'),
      ],
      'vaccination/doses.csv': [
        dose(JAYA, '2021-08-01'),
        dose(LAKSMI, '2021-08-01'),
        dose(DWI, '2025-03-05'),
        dose(MAS, '2025-02-28'),
        dose(BAYU, '2021-09-01'),
        dose(BAMBANG, '2021-09-01'),
        dose(NENGAH, '2021-10-01'),
        dose(TUA, '2021-10-01'),
      ],
      'aid/programs.csv': [
        'BANSOS_JEMBRANA,Bantuan Sosial Kabupaten Jembrana,PERSON,IBAN',
        'BLT,Bantuan Langsung Tunai,PERSON,DTKS',
      ],
      'aid/disbursements.csv': [
        payment('BJ-01', 'BANSOS_JEMBRANA', JAYA, kk(JAYA), '2025-02', 500_000, '2025-03-03', '51.01.01'),
        payment('BJ-02', 'BANSOS_JEMBRANA', LAKSMI, kk(LAKSMI), '2025-02', 500_000, '2025-02-10', '51.01.01'),
        payment('BJ-03', 'BANSOS_JEMBRANA', BAMBANG, kk(BAMBANG), '2025-02', 500_000, '2025-02-15', '35.10.01'),
        payment('BJ-04', 'BANSOS_JEMBRANA', NENGAH, kk(NENGAH), '2025-02', 500_000, '2025-02-28', '51.01.01'),
        payment('BLT-01', 'BLT', BAYU, kk(BAYU), '2025-03', 300_000, '2025-03-02', '51.01.02'),
      ],
    });
  });

  it("does not count the programme's own payments against NO_PRIOR_AID (RULES.md, Programme context)", async () => {
    // D = 2025-02-28, asked for BANSOS_JEMBRANA, whose own payments (BJ-*) do not count.
    // E: Jaya (BJ-01 on 03-03), Laksmi (BJ-02 on 02-10), Nengah (BJ-04 on D), Mas (dose on
    //   D: <= D), Bayu (BLT on 03-02, after D) = 5. Not: Tua (died on D), Dwi (dose after
    //   D), Bambang (not resident).
    // R = Jaya, Laksmi, Bambang, Nengah = 4; R ∩ E = Jaya, Laksmi, Nengah = 3.
    expect(await categories(db, 'BANSOS_JEMBRANA', '2025-02')).toEqual({
      'BJ-01': '',
      'BJ-02': '',
      'BJ-03': 'INELIGIBLE',
      'BJ-04': '',
    });
    const f = await facts(db, 'BANSOS_JEMBRANA', '2025-02');
    expect(f['BJ-02']!.unit_failed).toEqual([]);
    expect(f['BJ-03']!.unit_failed).toEqual(['RESIDENT']);
    expect(f['BJ-04']!.unit_failed).toEqual([]);
    // 4 payments of 500 000; BJ-03 leaks.
    expect(await targeting(db, 'BANSOS_JEMBRANA', '2025-02', 'NATIONAL')).toEqual({
      '': measures({
        recipients: 4,
        eligible: 5,
        recipients_eligible: 3,
        payments: 4,
        amount: 2_000_000,
        leakage_payments: 1,
        leakage_amount: 500_000,
        ineligible_payments: 1,
        ineligible_amount: 500_000,
      }),
    });
    // Jembrana holds Jaya, Laksmi, Nengah (R) and Jaya, Laksmi, Nengah, Mas, Bayu (E); Banyuwangi holds Bambang.
    expect(await targeting(db, 'BANSOS_JEMBRANA', '2025-02', 'REGENCY')).toEqual({
      '51.01': measures({
        recipients: 3,
        eligible: 5,
        recipients_eligible: 3,
        payments: 3,
        amount: 1_500_000,
      }),
      '35.10': measures({
        recipients: 1,
        payments: 1,
        amount: 500_000,
        leakage_payments: 1,
        leakage_amount: 500_000,
        ineligible_payments: 1,
        ineligible_amount: 500_000,
      }),
    });
  });

  it("judges each month on its own D, counting another programme's payment on or before it", async () => {
    // D = 2025-03-31: Bayu (BLT on 03-02) now fails NO_PRIOR_AID; Dwi's dose (03-05) now
    // counts. E = Jaya, Laksmi, Dwi, Nengah (Negara) and Mas (Mendoyo) = 5; nobody is paid
    // for March.
    expect(await targeting(db, 'BANSOS_JEMBRANA', '2025-03', 'NATIONAL')).toEqual({ '': measures({ eligible: 5 }) });
    expect(await targeting(db, 'BANSOS_JEMBRANA', '2025-03', 'DISTRICT')).toEqual({
      '51.01.01': measures({ eligible: 4 }), // Jaya, Laksmi (Cupel), Dwi, Nengah (Baluk)
      '51.01.02': measures({ eligible: 1 }), // Mas, Mendoyo
    });
  });

  it('keeps a national row of zeros for a programme-month with neither recipients nor eligible units', async () => {
    // No DTKS file: nobody is eligible for BLT; and BLT pays nobody for February.
    expect(await targeting(db, 'BLT', '2025-02', 'NATIONAL')).toEqual({ '': measures({}) });
    expect(await targeting(db, 'BLT', '2025-02', 'PROVINCE')).toEqual({});
    expect(await targeting(db, 'BLT', '2025-03', 'NATIONAL')).toEqual({
      '': measures({
        recipients: 1,
        payments: 1,
        amount: 300_000,
        leakage_payments: 1,
        leakage_amount: 300_000,
        ineligible_payments: 1,
        ineligible_amount: 300_000,
      }),
    });
  });

  it('keeps every invariant', async () => {
    expect(await breachedInvariants(engine, db)).toEqual([]);
  });
});

// =================================================================================
// 4. Banyuwangi: FAMILY_NOT_RECEIVING looks back 180 days, D - 180 excluded, D included.
// =================================================================================

describe("Banyuwangi's rule set, June 2025 (D = 2025-06-30)", () => {
  // D - 180 days: 2025-06-30 back to 2024-12-31 is 30 (Jun) + 31 (May) + 30 (Apr) +
  // 31 (Mar) + 28 (Feb) + 31 (Jan) = 181 days, so D - 180 = 2025-01-01 and D - 179 = 2025-01-02.
  const KK_A = '3510010101210001'; // Sarongan; the child was paid on 2025-01-01 = D - 180
  const SUGENG = '3510010303700001';
  const BAYU = '3510011505050002';
  const KK_B = '3510010101210002'; // Sarongan; the wife was paid on 2025-01-02 = D - 179
  const HADI = '3510010404710003';
  const WATI = '3510014606740004';
  const KK_C = '3510020101210003'; // Sukorejo; the head is paid on 2025-06-30 = D, and the child by PKH
  const DARMO = '3510020707720005';
  const RUDI = '3510020808080006';
  const KK_D = '3510020101210004'; // Sukorejo; the head is paid for June on 2025-07-01 = D + 1, the wife for May
  const YANTO = '3510020909730007';
  const YUNI = '3510025010760008';
  const KK_E = '5101010101210005'; // Cupel, Jembrana: not resident
  const LASIA = '5101011111690009';

  const files: Files = {
    'population/persons.csv': [
      person(SUGENG, KK_A, 'Sugeng', 'HEAD', SARONGAN),
      person(BAYU, KK_A, 'Bayu', 'CHILD', SARONGAN),
      person(HADI, KK_B, 'Hadi', 'HEAD', SARONGAN),
      person(WATI, KK_B, 'Wati', 'SPOUSE', SARONGAN),
      person(DARMO, KK_C, 'Darmo', 'HEAD', SUKOREJO),
      person(RUDI, KK_C, 'Rudi', 'CHILD', SUKOREJO),
      person(YANTO, KK_D, 'Yanto', 'HEAD', SUKOREJO),
      person(YUNI, KK_D, 'Yuni', 'SPOUSE', SUKOREJO),
      person(LASIA, KK_E, 'I Wayan Lasia', 'HEAD', CUPEL),
    ],
    'aid/programs.csv': [
      'BANSOS_BANYUWANGI,Bantuan Sosial Kabupaten Banyuwangi,PERSON,BANYUWANGI',
      'SMART_KAMPUNG_KK,Bantuan Keluarga Smart Kampung,FAMILY,BANYUWANGI',
      'PKH,Program Keluarga Harapan,FAMILY,DTKS',
    ],
    'aid/disbursements.csv': [
      payment('PKH-01', 'PKH', BAYU, KK_A, '2025-01', 600_000, '2025-01-01', '35.10.01'),
      payment('PKH-02', 'PKH', WATI, KK_B, '2025-01', 600_000, '2025-01-02', '35.10.01'),
      payment('PKH-03', 'PKH', RUDI, KK_C, '2025-06', 600_000, '2025-06-30', '35.10.02'),
      payment('BWI-00', 'BANSOS_BANYUWANGI', YUNI, KK_D, '2025-05', 400_000, '2025-05-15', '35.10.02'),
      payment('BWI-01', 'BANSOS_BANYUWANGI', DARMO, KK_C, '2025-06', 400_000, '2025-06-30', '35.10.02'),
      payment('BWI-02', 'BANSOS_BANYUWANGI', YANTO, KK_D, '2025-06', 400_000, '2025-07-01', '35.10.02'),
    ],
  };

  let db: string;
  beforeAll(async () => {
    db = await build(files);
  });

  it("excludes D - 180 and includes D, and disregards the programme's own payments", async () => {
    // Asked for BANSOS_BANYUWANGI, whose own payments (BWI-*) do not count (RULES.md,
    // Programme context). E: Sugeng, Bayu (PKH-01 on D - 180 is outside the window), Yanto,
    //   Yuni (BWI-00 in May is the programme's own) = 4. Not: Hadi, Wati (PKH-02 on
    //   D - 179), Darmo, Rudi (PKH-03 on D), Lasia (not resident).
    // R = Darmo, Yanto; R ∩ E = Yanto.
    expect(await categories(db, 'BANSOS_BANYUWANGI', '2025-06')).toEqual({ 'BWI-01': 'INELIGIBLE', 'BWI-02': '' });
    expect((await facts(db, 'BANSOS_BANYUWANGI', '2025-06'))['BWI-01']!.unit_failed).toEqual(['FAMILY_NOT_RECEIVING']);
    expect(await targeting(db, 'BANSOS_BANYUWANGI', '2025-06', 'DISTRICT')).toEqual({
      '35.10.01': measures({ eligible: 2 }), // Sugeng, Bayu
      '35.10.02': measures({
        recipients: 2,
        eligible: 2, // Yanto, Yuni
        recipients_eligible: 1,
        payments: 2,
        amount: 800_000,
        leakage_payments: 1,
        leakage_amount: 400_000,
        ineligible_payments: 1,
        ineligible_amount: 400_000,
      }),
    });
  });

  it('makes a family eligible through its head, in its own programme\'s context', async () => {
    // Heads: Sugeng (eligible), Hadi, Darmo (not), Lasia (not resident), and Yanto: for
    // SMART_KAMPUNG_KK, BWI-00 (May) is another programme's payment inside the window, so
    // KK_D is not eligible here though it is for BANSOS_BANYUWANGI under the same rule set.
    expect(await targeting(db, 'SMART_KAMPUNG_KK', '2025-06', 'NATIONAL')).toEqual({ '': measures({ eligible: 1 }) });
    expect(await targeting(db, 'SMART_KAMPUNG_KK', '2025-06', 'DISTRICT')).toEqual({
      '35.10.01': measures({ eligible: 1 }), // KK_A
    });
  });

  it("uses the rule set's own lookback", async () => {
    // Version 2 looks back 30 days: D - 30 = 2025-05-31. PKH-02 (01-02) is now outside, so
    // Hadi, Wati and KK_B are eligible too, and BWI-00 (05-15) for SMART_KAMPUNG_KK; PKH-03 on D still counts.
    const ruleSets = BUILT_IN_RULE_SETS.map((r) => (r.code === 'BANYUWANGI' ? { ...r, version: 2, familyLookbackDays: 30 } : r));
    const db30 = await build(files, ruleSets);
    expect(await targeting(db30, 'BANSOS_BANYUWANGI', '2025-06', 'NATIONAL')).toEqual({
      '': measures({
        recipients: 2,
        eligible: 6, // Sugeng, Bayu, Hadi, Wati, Yanto, Yuni
        recipients_eligible: 1,
        payments: 2,
        amount: 800_000,
        leakage_payments: 1,
        leakage_amount: 400_000,
        ineligible_payments: 1,
        ineligible_amount: 400_000,
      }),
    });
    expect(await targeting(db30, 'SMART_KAMPUNG_KK', '2025-06', 'NATIONAL')).toEqual({ '': measures({ eligible: 3 }) }); // KK_A, KK_B, KK_D
    expect(await breachedInvariants(engine, db30)).toEqual([]);
  });

  it('keeps every invariant', async () => {
    expect(await breachedInvariants(engine, db)).toEqual([]);
  });
});
