/**
 * The column rules of every agency CSV file against /work/shared/contract/DATA.md.
 * Each case starts from a valid base row (checked to pass) and changes one field; the
 * expected column and the words of the reason come from DATA.md, not from the code.
 * Region codes are real Kemendagri codes read from idn-area-data.
 */
import { beforeAll, describe, expect, it } from '@jest/globals';
import { AGENCY_FILES, agencyFile, agencyHeader, checkAgencyRow, type AgencyFile, type RowProblem } from './agency-files.js';
import { loadRegions, type Regions } from './region.js';

let regions: Regions;

beforeAll(async () => {
  regions = await loadRegions();
});

// ---------------------------------------------------------------------------------
// Fixtures: real codes from idn-area-data
// ---------------------------------------------------------------------------------

/** Kecamatan Negara, Kabupaten Jembrana, Bali. */
const DISTRICT = '51.01.01';
/** Kelurahan Baler Bale Agung and Banjar Tengah, both in Negara. */
const VILLAGE = '51.01.01.1006';
const OTHER_VILLAGE = '51.01.01.1008';
/** Kabupaten Jembrana: a regency, not a district. */
const REGENCY = '51.01';

/** A man registered in 51.01.01, born 17 May 1990: DD=17, MM=05, YY=90. */
const MAN_NIK = '5101011705900001';
/** A woman registered in 51.01.01, born 17 May 1992: DD=17+40=57. */
const WOMAN_NIK = '5101015705920002';
const KK = '5101010101200001';

type Row = Record<string, string | null>;
/** [what is wrong, fields changed from the base row, column reported, words the reason must contain] */
type BadCase = [string, Row, string, RegExp];
/** [what is fine, fields changed from the base row] */
type GoodCase = [string, Row];

function fileOf(path: string): AgencyFile {
  const file = agencyFile(path);
  if (!file) throw new Error(`no agency file ${path}`);
  return file;
}

/** Checks a row given by column name; the row must name exactly the file's columns. */
function check(path: string, row: Row): RowProblem[] {
  const file = fileOf(path);
  const names = agencyHeader(file);
  expect(Object.keys(row).sort()).toEqual([...names].sort());
  return checkAgencyRow(
    file,
    names.map((n) => row[n]!),
    regions,
  );
}

/** One problem, in the given column, whose reason matches. */
function onlyProblem(column: string, reason: RegExp) {
  return [{ column, reason: expect.stringMatching(reason) }];
}

// DATA.md's reasons in words: what the data officer is told.
const SIXTEEN = /16 digits/;
const DATE = /date/;
const ONE_OF = /one of/;
const REQUIRED = /^is required$/;

// ---------------------------------------------------------------------------------
// The files and their columns (DATA.md)
// ---------------------------------------------------------------------------------

const CONTRACT: [path: string, columns: string[], key: string[], optional: string[]][] = [
  [
    'population/persons.csv',
    ['nik', 'kk', 'full_name', 'sex', 'birth_date', 'relationship', 'village_code', 'death_date'],
    ['nik'],
    ['death_date'],
  ],
  ['dtks/members.csv', ['nik', 'kk', 'decile', 'status', 'status_reason', 'updated_on'], ['nik'], ['status_reason']],
  ['vaccination/doses.csv', ['nik', 'dose', 'vaccine', 'administered_on'], ['nik', 'dose'], []],
  ['civil-service/personnel.csv', ['nik', 'corps', 'agency', 'start_date', 'end_date'], ['nik', 'corps', 'start_date'], ['end_date']],
  ['aid/programs.csv', ['code', 'name', 'unit', 'rule_set'], ['code'], []],
  [
    'aid/disbursements.csv',
    ['id', 'program_code', 'nik', 'kk', 'period', 'amount_idr', 'disbursed_on', 'district_code'],
    ['id'],
    [],
  ],
  ['aid/collection-points.csv', ['id', 'program_code', 'district_code', 'name', 'address'], ['id'], ['program_code']],
];

describe('AGENCY_FILES and agencyFile', () => {
  it('describes exactly the seven files of DATA.md', () => {
    expect(AGENCY_FILES.map((f) => f.path).sort()).toEqual(CONTRACT.map(([p]) => p).sort());
  });

  it.each(CONTRACT)('%s has the columns, key and optional columns of DATA.md', (path, columns, key, optional) => {
    const file = fileOf(path);
    expect(file.path).toBe(path);
    expect(agencyHeader(file)).toEqual(columns);
    expect([...file.key]).toEqual(key);
    expect(file.columns.filter((c) => !c.required).map((c) => c.name)).toEqual(optional);
  });

  it.each(['population/person.csv', 'persons.csv', 'POPULATION/PERSONS.CSV', '/population/persons.csv', ''])(
    'agencyFile(%j) is undefined',
    (path) => {
      expect(agencyFile(path)).toBeUndefined();
    },
  );
});

// ---------------------------------------------------------------------------------
// population/persons.csv
// ---------------------------------------------------------------------------------

const PERSONS = 'population/persons.csv';
const MAN: Row = {
  nik: MAN_NIK,
  kk: KK,
  full_name: 'I Made Sudarsana',
  sex: 'L',
  birth_date: '1990-05-17',
  relationship: 'HEAD',
  village_code: VILLAGE,
  death_date: null,
};
const WOMAN: Row = {
  nik: WOMAN_NIK,
  kk: KK,
  full_name: 'Ni Luh Putu Sari',
  sex: 'P',
  birth_date: '1992-05-17',
  relationship: 'SPOUSE',
  village_code: OTHER_VILLAGE,
  death_date: null,
};

describe(PERSONS, () => {
  it('the base rows pass', () => {
    expect(check(PERSONS, MAN)).toEqual([]);
    expect(check(PERSONS, WOMAN)).toEqual([]);
  });

  const good: GoodCase[] = [
    ['a woman whose NIK day has 40 added', {}],
    ['a leap day, 2024-02-29, encoded 690224 for a woman', { nik: '5101016902240003', birth_date: '2024-02-29' }],
    ['born 2000-01-01 (YY 00), encoded 410100 for a woman', { nik: '5101014101000004', birth_date: '2000-01-01' }],
    ['born on the 31st, encoded 71 for a woman', { nik: '5101017112850005', birth_date: '1985-12-31' }],
    ['a death date', { death_date: '2023-11-30' }],
    ['a death date on a leap day', { death_date: '2024-02-29' }],
    ...(['HEAD', 'SPOUSE', 'CHILD', 'OTHER'] as const).map((r): GoodCase => [`relationship ${r}`, { relationship: r }]),
    ['a name with an apostrophe and accents', { full_name: "Ni Luh D'Arsa Élan" }],
    ['another real district in the NIK (51.71.01, Denpasar Selatan)', { nik: '5171015705920002' }],
  ];
  it.each(good)('passes: %s', (_what, change) => {
    expect(check(PERSONS, { ...WOMAN, ...change })).toEqual([]);
  });

  const goodMen: GoodCase[] = [
    ['a leap day, 2024-02-29, encoded 290224 for a man', { nik: '5101012902240001', birth_date: '2024-02-29' }],
    ['born on the 1st, encoded 01', { nik: '5101010101010001', birth_date: '2001-01-01' }],
    ['the NIK year says only the last two digits (2090 agrees with 90)', { birth_date: '2090-05-17' }],
    ['a death date', { death_date: '2020-01-31' }],
  ];
  it.each(goodMen)('passes: %s', (_what, change) => {
    expect(check(PERSONS, { ...MAN, ...change })).toEqual([]);
  });

  const bad: BadCase[] = [
    // nik: 16 digits
    ['nik of 15 digits', { nik: '510101170590001' }, 'nik', SIXTEEN],
    ['nik of 17 digits', { nik: '51010117059000011' }, 'nik', SIXTEEN],
    ['nik with a letter', { nik: '51010117059000A1' }, 'nik', SIXTEEN],
    ['nik with dots', { nik: '5101.0117.0590.0001' }, 'nik', SIXTEEN],
    ['nik with a space', { nik: '5101011705900001 ' }, 'nik', SIXTEEN],
    ['nik with a trailing line break', { nik: '5101011705900001\n' }, 'nik', SIXTEEN],
    ['nik in Arabic-Indic digits', { nik: '٥١٠١٠١١٧٠٥٩٠٠٠٠١' }, 'nik', SIXTEEN],
    ['nik in scientific notation', { nik: '5.101011705900001E15' }, 'nik', SIXTEEN],
    // nik: digits 1-6 a district
    ['nik whose digits 1-6 are 999999', { nik: '9999991705900001' }, 'nik', /district code/],
    ['nik whose digits 1-6 are 000000', { nik: '0000001705900001' }, 'nik', /district code/],
    ['nik whose digits 1-6 are a regency padded with 00 (51.01.00)', { nik: '5101001705900001' }, 'nik', /district code/],
    ['nik whose digits 1-6 are a district that does not exist (51.01.99)', { nik: '5101991705900001' }, 'nik', /district code/],
    // birth_date agrees with digits 7-12
    ['birth_date a day later than the NIK', { birth_date: '1990-05-18' }, 'birth_date', /agree/],
    ['birth_date a day earlier than the NIK', { birth_date: '1990-05-16' }, 'birth_date', /agree/],
    ['birth_date in another month', { birth_date: '1990-06-17' }, 'birth_date', /agree/],
    ['birth_date in another year', { birth_date: '1991-05-17' }, 'birth_date', /agree/],
    ['birth_date in another decade', { birth_date: '1980-05-17' }, 'birth_date', /agree/],
    ['birth_date with day and month swapped', { birth_date: '1990-17-05' }, 'birth_date', DATE],
    ['birth_date with the NIK read as YYMMDD', { nik: '5101019005170001', birth_date: '1990-05-17' }, 'birth_date', /agree/],
    ['NIK day 00', { nik: '5101010005900001' }, 'birth_date', /agree/],
    // sex agrees with digits 7-8 (40 added for women)
    ['a man (L) whose NIK day has 40 added', { nik: '5101015705900001' }, 'sex', /agree/],
    // birth_date: a date that exists
    ['birth_date 2023-02-29 (2023 is not a leap year)', { nik: '5101012902230001', birth_date: '2023-02-29' }, 'birth_date', DATE],
    ['birth_date 2024-13-01 (no month 13)', { nik: '5101010113240001', birth_date: '2024-13-01' }, 'birth_date', DATE],
    ['birth_date 1990-04-31 (April has 30 days)', { nik: '5101013104900001', birth_date: '1990-04-31' }, 'birth_date', DATE],
    ['birth_date 1990-05-00', { birth_date: '1990-05-00' }, 'birth_date', DATE],
    ['birth_date DD-MM-YYYY', { birth_date: '17-05-1990' }, 'birth_date', DATE],
    ['birth_date with slashes', { birth_date: '1990/05/17' }, 'birth_date', DATE],
    ['birth_date not padded', { birth_date: '1990-5-17' }, 'birth_date', DATE],
    ['birth_date with a time', { birth_date: '1990-05-17T00:00:00Z' }, 'birth_date', DATE],
    // sex
    ['sex X', { sex: 'X' }, 'sex', ONE_OF],
    ['sex lowercase l', { sex: 'l' }, 'sex', ONE_OF],
    ['sex M', { sex: 'M' }, 'sex', ONE_OF],
    ['sex LAKI-LAKI', { sex: 'LAKI-LAKI' }, 'sex', ONE_OF],
    ['sex with a space', { sex: 'L ' }, 'sex', ONE_OF],
    // relationship
    ['relationship lowercase', { relationship: 'head' }, 'relationship', ONE_OF],
    ['relationship WIFE', { relationship: 'WIFE' }, 'relationship', ONE_OF],
    ['relationship KEPALA KELUARGA', { relationship: 'KEPALA KELUARGA' }, 'relationship', ONE_OF],
    // village_code
    ['village_code that does not exist', { village_code: '51.01.01.9999' }, 'village_code', /village code/],
    ['village_code in a province that does not exist', { village_code: '99.99.99.9999' }, 'village_code', /village code/],
    ['village_code that is a district code', { village_code: DISTRICT }, 'village_code', /village code/],
    ['village_code that is a regency code', { village_code: REGENCY }, 'village_code', /village code/],
    ['village_code without dots', { village_code: '5101011006' }, 'village_code', /village code/],
    // kk
    ['kk of 15 digits', { kk: '510101010120000' }, 'kk', SIXTEEN],
    ['kk of 17 digits', { kk: '51010101012000011' }, 'kk', SIXTEEN],
    ['kk with a letter', { kk: 'KK01010101200001' }, 'kk', SIXTEEN],
    // full_name
    ['full_name empty', { full_name: null }, 'full_name', REQUIRED],
    ['full_name of spaces', { full_name: '   ' }, 'full_name', /blank/],
    ['full_name of a tab', { full_name: '\t' }, 'full_name', /blank/],
    ['full_name with a line break', { full_name: 'I Made\nSudarsana' }, 'full_name', /line break/],
    ['full_name with a carriage return', { full_name: 'I Made\rSudarsana' }, 'full_name', /line break/],
    // death_date
    ['death_date malformed', { death_date: '2020-02-30' }, 'death_date', DATE],
    ['death_date as a word', { death_date: 'MENINGGAL' }, 'death_date', DATE],
    ['death_date not padded', { death_date: '2020-1-5' }, 'death_date', DATE],
  ];
  it.each(bad)('fails: %s', (_what, change, column, reason) => {
    expect(check(PERSONS, { ...MAN, ...change })).toEqual(onlyProblem(column, reason));
  });

  const badWomen: BadCase[] = [
    ['a woman (P) whose NIK day has no 40 added', { nik: '5101011705920002' }, 'sex', /agree/],
    ['a woman whose birth_date is the NIK day with the 40 left in', { birth_date: '1992-05-57' }, 'birth_date', DATE],
    ['a woman whose birth_date is a day later than the NIK', { birth_date: '1992-05-18' }, 'birth_date', /agree/],
    ['a woman born on a leap day in a year that has none', { nik: '5101016902230002', birth_date: '2023-02-29' }, 'birth_date', DATE],
  ];
  it.each(badWomen)('fails: %s', (_what, change, column, reason) => {
    expect(check(PERSONS, { ...WOMAN, ...change })).toEqual(onlyProblem(column, reason));
  });

  it('the reason shows the value it got', () => {
    expect(check(PERSONS, { ...MAN, sex: 'Q' })).toEqual(onlyProblem('sex', /L, P.*"Q"/));
  });

  it('a long value is shown cut to 40 characters', () => {
    const [problem] = check(PERSONS, { ...MAN, relationship: 'X'.repeat(100) });
    expect(problem!.reason).toContain(`"${'X'.repeat(40)}…"`);
    expect(problem!.reason).not.toContain('X'.repeat(41));
  });
});

// ---------------------------------------------------------------------------------
// dtks/members.csv
// ---------------------------------------------------------------------------------

const DTKS = 'dtks/members.csv';
const MEMBER: Row = { nik: MAN_NIK, kk: KK, decile: '3', status: 'ACTIVE', status_reason: null, updated_on: '2024-06-30' };

describe(DTKS, () => {
  it('the base row (ACTIVE with an empty status_reason) passes', () => {
    expect(check(DTKS, MEMBER)).toEqual([]);
  });

  const good: GoodCase[] = [
    ['decile 1', { decile: '1' }],
    ['decile 10', { decile: '10' }],
    ...['MAMPU', 'PINDAH', 'MENINGGAL', 'DUPLIKAT', 'LAINNYA'].map(
      (reason): GoodCase => [`INACTIVE because ${reason}`, { status: 'INACTIVE', status_reason: reason }],
    ),
    ['ACTIVE with a status_reason (DATA.md does not forbid it)', { status_reason: 'PINDAH' }],
    // DATA.md asks only for 16 digits outside population.
    ['a nik whose digits 1-6 are no district', { nik: '9999999999999999' }],
    ['a nik whose digits 7-12 are no date', { nik: '5101019999990001' }],
    ['updated_on a leap day', { updated_on: '2024-02-29' }],
  ];
  it.each(good)('passes: %s', (_what, change) => {
    expect(check(DTKS, { ...MEMBER, ...change })).toEqual([]);
  });

  const DECILE = /integer from 1 to 10/;
  const bad: BadCase[] = [
    ['nik of 15 digits', { nik: '510101170590001' }, 'nik', SIXTEEN],
    ['nik with a letter', { nik: '510101170590000X' }, 'nik', SIXTEEN],
    ['kk of 17 digits', { kk: '51010101012000011' }, 'kk', SIXTEEN],
    ['kk with a dash', { kk: '5101-01010120000' }, 'kk', SIXTEEN],
    ['decile 0', { decile: '0' }, 'decile', DECILE],
    ['decile 11', { decile: '11' }, 'decile', DECILE],
    ['decile x', { decile: 'x' }, 'decile', DECILE],
    ['decile 3.5', { decile: '3.5' }, 'decile', DECILE],
    ['decile 3.0', { decile: '3.0' }, 'decile', DECILE],
    ['decile -1', { decile: '-1' }, 'decile', DECILE],
    ['decile +3', { decile: '+3' }, 'decile', DECILE],
    ['decile with a space', { decile: ' 3' }, 'decile', DECILE],
    ['decile 100', { decile: '100' }, 'decile', DECILE],
    ['status lowercase', { status: 'active' }, 'status', ONE_OF],
    ['status AKTIF', { status: 'AKTIF' }, 'status', ONE_OF],
    ['status DELETED', { status: 'DELETED' }, 'status', ONE_OF],
    ['INACTIVE without status_reason', { status: 'INACTIVE' }, 'status_reason', /required.*INACTIVE/],
    ['an unknown status_reason', { status: 'INACTIVE', status_reason: 'MATI' }, 'status_reason', ONE_OF],
    ['a lowercase status_reason', { status: 'INACTIVE', status_reason: 'mampu' }, 'status_reason', ONE_OF],
    ['an unknown status_reason on an ACTIVE row', { status_reason: 'OTHER' }, 'status_reason', ONE_OF],
    ['updated_on 2024-06-31', { updated_on: '2024-06-31' }, 'updated_on', DATE],
    ['updated_on DD/MM/YYYY', { updated_on: '30/06/2024' }, 'updated_on', DATE],
    ['updated_on 2023-02-29', { updated_on: '2023-02-29' }, 'updated_on', DATE],
  ];
  it.each(bad)('fails: %s', (_what, change, column, reason) => {
    expect(check(DTKS, { ...MEMBER, ...change })).toEqual(onlyProblem(column, reason));
  });
});

// ---------------------------------------------------------------------------------
// vaccination/doses.csv
// ---------------------------------------------------------------------------------

const DOSES = 'vaccination/doses.csv';
const DOSE: Row = { nik: MAN_NIK, dose: '1', vaccine: 'SINOVAC', administered_on: '2021-03-15' };

describe(DOSES, () => {
  it('the base row passes', () => {
    expect(check(DOSES, DOSE)).toEqual([]);
  });

  const good: GoodCase[] = [
    ['dose 1', { dose: '1' }],
    ['dose 9', { dose: '9' }],
    ['vaccine ASTRAZENECA', { vaccine: 'ASTRAZENECA' }],
    ['vaccine with spaces inside', { vaccine: 'Pfizer BioNTech' }],
  ];
  it.each(good)('passes: %s', (_what, change) => {
    expect(check(DOSES, { ...DOSE, ...change })).toEqual([]);
  });

  const DOSE_RANGE = /integer from 1 to 9/;
  const bad: BadCase[] = [
    ['nik of 15 digits', { nik: '510101170590001' }, 'nik', SIXTEEN],
    ['dose 0', { dose: '0' }, 'dose', DOSE_RANGE],
    ['dose 10', { dose: '10' }, 'dose', DOSE_RANGE],
    ['dose -1', { dose: '-1' }, 'dose', DOSE_RANGE],
    ['dose 1.0', { dose: '1.0' }, 'dose', DOSE_RANGE],
    ['dose x', { dose: 'x' }, 'dose', DOSE_RANGE],
    ['dose BOOSTER', { dose: 'BOOSTER' }, 'dose', DOSE_RANGE],
    ['vaccine empty', { vaccine: null }, 'vaccine', REQUIRED],
    ['vaccine of spaces', { vaccine: '  ' }, 'vaccine', /blank/],
    ['vaccine with a line break', { vaccine: 'SINO\nVAC' }, 'vaccine', /line break/],
    ['administered_on 2021-02-29', { administered_on: '2021-02-29' }, 'administered_on', DATE],
    ['administered_on not padded', { administered_on: '2021-3-15' }, 'administered_on', DATE],
    ['administered_on month 00', { administered_on: '2021-00-15' }, 'administered_on', DATE],
  ];
  it.each(bad)('fails: %s', (_what, change, column, reason) => {
    expect(check(DOSES, { ...DOSE, ...change })).toEqual(onlyProblem(column, reason));
  });
});

// ---------------------------------------------------------------------------------
// civil-service/personnel.csv
// ---------------------------------------------------------------------------------

const PERSONNEL = 'civil-service/personnel.csv';
const SERVANT: Row = { nik: MAN_NIK, corps: 'ASN', agency: 'Pemerintah Kabupaten Jembrana', start_date: '2010-01-04', end_date: null };

describe(PERSONNEL, () => {
  it('the base row (still serving: empty end_date) passes', () => {
    expect(check(PERSONNEL, SERVANT)).toEqual([]);
  });

  const good: GoodCase[] = [
    ['corps TNI', { corps: 'TNI' }],
    ['corps POLRI', { corps: 'POLRI' }],
    ['end_date equal to start_date (served one day)', { end_date: '2010-01-04' }],
    ['end_date the day after start_date', { end_date: '2010-01-05' }],
    ['end_date years later', { end_date: '2024-12-31' }],
  ];
  it.each(good)('passes: %s', (_what, change) => {
    expect(check(PERSONNEL, { ...SERVANT, ...change })).toEqual([]);
  });

  const bad: BadCase[] = [
    ['nik of 17 digits', { nik: '51010117059000011' }, 'nik', SIXTEEN],
    ['corps PNS', { corps: 'PNS' }, 'corps', ONE_OF],
    ['corps lowercase', { corps: 'asn' }, 'corps', ONE_OF],
    ['corps TNI-AD', { corps: 'TNI-AD' }, 'corps', ONE_OF],
    ['corps Polri', { corps: 'Polri' }, 'corps', ONE_OF],
    ['agency empty', { agency: null }, 'agency', REQUIRED],
    ['agency of spaces', { agency: ' ' }, 'agency', /blank/],
    ['agency with a line break', { agency: 'Pemkab\nJembrana' }, 'agency', /line break/],
    ['start_date malformed', { start_date: '2010-01-32' }, 'start_date', DATE],
    ['end_date the day before start_date', { end_date: '2010-01-03' }, 'end_date', /before.*start_date/],
    ['end_date a year before start_date', { end_date: '2009-12-31' }, 'end_date', /before.*start_date/],
    ['end_date malformed', { end_date: '2011-02-29' }, 'end_date', DATE],
    ['end_date as a word', { end_date: 'SEKARANG' }, 'end_date', DATE],
  ];
  it.each(bad)('fails: %s', (_what, change, column, reason) => {
    expect(check(PERSONNEL, { ...SERVANT, ...change })).toEqual(onlyProblem(column, reason));
  });
});

// ---------------------------------------------------------------------------------
// aid/programs.csv
// ---------------------------------------------------------------------------------

const PROGRAMS = 'aid/programs.csv';
const PROGRAM: Row = { code: 'BLT_DD', name: 'Bantuan Langsung Tunai Dana Desa', unit: 'FAMILY', rule_set: 'IBAN' };

describe(PROGRAMS, () => {
  it('the base row passes', () => {
    expect(check(PROGRAMS, PROGRAM)).toEqual([]);
  });

  const good: GoodCase[] = [
    ...['PKH', 'BPNT', 'BLT_DD', 'BANSOS_JEMBRANA', 'BST2021'].map((code): GoodCase => [`code ${code}`, { code }]),
    ['unit PERSON', { unit: 'PERSON' }],
    ...['IBAN', 'BANYUWANGI', 'DTKS', 'IBAN_2025'].map((rule_set): GoodCase => [`rule_set ${rule_set}`, { rule_set }]),
  ];
  it.each(good)('passes: %s', (_what, change) => {
    expect(check(PROGRAMS, { ...PROGRAM, ...change })).toEqual([]);
  });

  const CODE = /\[A-Z0-9_\]\+/;
  const RULE_SET = /rule-set code/;
  const bad: BadCase[] = [
    ['code lowercase', { code: 'pkh' }, 'code', CODE],
    ['code mixed case', { code: 'Blt_DD' }, 'code', CODE],
    ['code with a dash', { code: 'BLT-DD' }, 'code', CODE],
    ['code with a space', { code: 'BLT DD' }, 'code', CODE],
    ['code with a trailing space', { code: 'PKH ' }, 'code', CODE],
    ['code with a dot', { code: 'PKH.2024' }, 'code', CODE],
    ['name empty', { name: null }, 'name', REQUIRED],
    ['name of spaces', { name: '   ' }, 'name', /blank/],
    ['name with a line break', { name: 'Bantuan\nTunai' }, 'name', /line break/],
    ['unit PERSONS', { unit: 'PERSONS' }, 'unit', ONE_OF],
    ['unit KK', { unit: 'KK' }, 'unit', ONE_OF],
    ['unit lowercase', { unit: 'family' }, 'unit', ONE_OF],
    ['rule_set lowercase', { rule_set: 'iban' }, 'rule_set', RULE_SET],
    ['rule_set with a dash', { rule_set: 'IBAN-2025' }, 'rule_set', RULE_SET],
    ['rule_set with a space', { rule_set: 'I BAN' }, 'rule_set', RULE_SET],
  ];
  it.each(bad)('fails: %s', (_what, change, column, reason) => {
    expect(check(PROGRAMS, { ...PROGRAM, ...change })).toEqual(onlyProblem(column, reason));
  });
});

// ---------------------------------------------------------------------------------
// aid/disbursements.csv
// ---------------------------------------------------------------------------------

const DISBURSEMENTS = 'aid/disbursements.csv';
const PAYMENT: Row = {
  id: 'PKH-2025-000001',
  program_code: 'PKH',
  nik: MAN_NIK,
  kk: KK,
  period: '2025-01',
  amount_idr: '750000',
  disbursed_on: '2025-01-15',
  district_code: DISTRICT,
};

describe(DISBURSEMENTS, () => {
  it('the base row passes', () => {
    expect(check(DISBURSEMENTS, PAYMENT)).toEqual([]);
  });

  const good: GoodCase[] = [
    ['amount_idr 1', { amount_idr: '1' }],
    ['amount_idr 2147483647, the largest the stored integer holds', { amount_idr: '2147483647' }],
    ['period 2025-12', { period: '2025-12' }],
    ['period 2024-02', { period: '2024-02' }],
    ['another real district (35.10.01)', { district_code: '35.10.01' }],
    ['a nik whose digits 1-6 are no district (only 16 digits are asked)', { nik: '9999999999999999' }],
    ['disbursed_on a leap day', { disbursed_on: '2024-02-29' }],
  ];
  it.each(good)('passes: %s', (_what, change) => {
    expect(check(DISBURSEMENTS, { ...PAYMENT, ...change })).toEqual([]);
  });

  const AMOUNT = /integer from 1 to 2147483647/;
  const PERIOD = /YYYY-MM/;
  const DISTRICT_CODE = /district code/;
  const bad: BadCase[] = [
    ['id empty', { id: null }, 'id', REQUIRED],
    ['id of spaces', { id: '  ' }, 'id', /blank/],
    ['id with a line break', { id: 'PKH\n1' }, 'id', /line break/],
    ['program_code lowercase', { program_code: 'pkh' }, 'program_code', /\[A-Z0-9_\]\+/],
    ['program_code with a dash', { program_code: 'BLT-DD' }, 'program_code', /\[A-Z0-9_\]\+/],
    ['nik of 15 digits', { nik: '510101170590001' }, 'nik', SIXTEEN],
    ['nik with a letter', { nik: 'A101011705900001' }, 'nik', SIXTEEN],
    ['kk of 17 digits', { kk: '51010101012000011' }, 'kk', SIXTEEN],
    ['kk with spaces', { kk: '5101 0101 0120 0001' }, 'kk', SIXTEEN],
    ['period 2025-13', { period: '2025-13' }, 'period', PERIOD],
    ['period 2025-00', { period: '2025-00' }, 'period', PERIOD],
    ['period 2025-1', { period: '2025-1' }, 'period', PERIOD],
    ['period a date', { period: '2025-01-15' }, 'period', PERIOD],
    ['period MM-YYYY', { period: '01-2025' }, 'period', PERIOD],
    ['period 202501', { period: '202501' }, 'period', PERIOD],
    ['amount_idr 0', { amount_idr: '0' }, 'amount_idr', AMOUNT],
    ['amount_idr -5', { amount_idr: '-5' }, 'amount_idr', AMOUNT],
    ['amount_idr 1.5', { amount_idr: '1.5' }, 'amount_idr', AMOUNT],
    ['amount_idr abc', { amount_idr: 'abc' }, 'amount_idr', AMOUNT],
    ['amount_idr 2147483648, too large for the stored integer', { amount_idr: '2147483648' }, 'amount_idr', AMOUNT],
    ['amount_idr of 20 digits', { amount_idr: '99999999999999999999' }, 'amount_idr', AMOUNT],
    ['amount_idr with a thousands dot', { amount_idr: '750.000' }, 'amount_idr', AMOUNT],
    ['amount_idr with a thousands comma', { amount_idr: '750,000' }, 'amount_idr', AMOUNT],
    ['amount_idr with Rp', { amount_idr: 'Rp750000' }, 'amount_idr', AMOUNT],
    ['amount_idr in exponent form', { amount_idr: '7.5e5' }, 'amount_idr', AMOUNT],
    ['disbursed_on malformed', { disbursed_on: '2025-02-29' }, 'disbursed_on', DATE],
    ['district_code that does not exist', { district_code: '99.99.99' }, 'district_code', DISTRICT_CODE],
    ['district_code 51.01.99 that does not exist', { district_code: '51.01.99' }, 'district_code', DISTRICT_CODE],
    ['district_code that is a village code', { district_code: VILLAGE }, 'district_code', DISTRICT_CODE],
    ['district_code that is a regency code', { district_code: REGENCY }, 'district_code', DISTRICT_CODE],
    ['district_code without dots', { district_code: '510101' }, 'district_code', DISTRICT_CODE],
  ];
  it.each(bad)('fails: %s', (_what, change, column, reason) => {
    expect(check(DISBURSEMENTS, { ...PAYMENT, ...change })).toEqual(onlyProblem(column, reason));
  });
});

const COLLECTION_POINTS = 'aid/collection-points.csv';
const POINT: Row = {
  id: 'CP-NEGARA-1',
  program_code: 'BANSOS_JEMBRANA',
  district_code: DISTRICT,
  name: 'Kantor Camat Negara',
  address: 'Jl. Ngurah Rai No. 1, Negara',
};

describe(COLLECTION_POINTS, () => {
  it('the base row passes', () => {
    expect(check(COLLECTION_POINTS, POINT)).toEqual([]);
  });

  const good: GoodCase[] = [
    ['program_code empty: a point for every programme', { program_code: null }],
    ['another real district (35.10.01)', { district_code: '35.10.01' }],
  ];
  it.each(good)('passes: %s', (_what, change) => {
    expect(check(COLLECTION_POINTS, { ...POINT, ...change })).toEqual([]);
  });

  const DISTRICT_CODE = /district code/;
  const bad: BadCase[] = [
    ['id empty', { id: null }, 'id', REQUIRED],
    ['program_code lowercase', { program_code: 'pkh' }, 'program_code', /\[A-Z0-9_\]\+/],
    ['district_code that is a village code', { district_code: VILLAGE }, 'district_code', DISTRICT_CODE],
    ['district_code that does not exist', { district_code: '99.99.99' }, 'district_code', DISTRICT_CODE],
    ['name empty', { name: null }, 'name', REQUIRED],
    ['name of spaces', { name: '   ' }, 'name', /blank/],
    ['address empty', { address: null }, 'address', REQUIRED],
  ];
  it.each(bad)('fails: %s', (_what, change, column, reason) => {
    expect(check(COLLECTION_POINTS, { ...POINT, ...change })).toEqual(onlyProblem(column, reason));
  });
});

// ---------------------------------------------------------------------------------
// Every problem of a row, in column order
// ---------------------------------------------------------------------------------

describe('several problems in one row', () => {
  it('a bad nik and a bad sex are both reported, nik first', () => {
    expect(check(PERSONS, { ...MAN, nik: '123', sex: 'X' })).toEqual([
      { column: 'nik', reason: expect.stringMatching(SIXTEEN) },
      { column: 'sex', reason: expect.stringMatching(ONE_OF) },
    ]);
  });

  it('problems come in column order whatever the order of the mistakes', () => {
    expect(
      check(PERSONS, { ...MAN, death_date: 'x', village_code: DISTRICT, full_name: null, kk: '1', nik: '9999991705900001' }),
    ).toEqual([
      { column: 'nik', reason: expect.stringMatching(/district code/) },
      { column: 'kk', reason: expect.stringMatching(SIXTEEN) },
      { column: 'full_name', reason: 'is required' },
      { column: 'village_code', reason: expect.stringMatching(/village code/) },
      { column: 'death_date', reason: expect.stringMatching(DATE) },
    ]);
  });

  it('every column of a disbursement wrong at once', () => {
    const problems = check(DISBURSEMENTS, {
      id: ' ',
      program_code: 'pkh',
      nik: '1',
      kk: '2',
      period: '2025-13',
      amount_idr: '0',
      disbursed_on: '2025-02-30',
      district_code: VILLAGE,
    });
    expect(problems.map((p) => p.column)).toEqual(agencyHeader(fileOf(DISBURSEMENTS)));
  });

  it('an all-empty row reports every required column as required, in column order', () => {
    for (const [path, columns, , optional] of CONTRACT) {
      const row = Object.fromEntries(columns.map((c) => [c, null]));
      expect(check(path, row)).toEqual(
        columns.filter((c) => !optional.includes(c)).map((column) => ({ column, reason: 'is required' })),
      );
    }
  });

  // The code's documented order (checkAgencyRow): rules across columns only once every
  // column's own rule holds. These pin that behaviour.
  it('a cross-column rule is not reported while a column rule fails (persons: kk bad, birth date disagrees)', () => {
    expect(check(PERSONS, { ...MAN, kk: '1', birth_date: '1990-05-18' })).toEqual(onlyProblem('kk', SIXTEEN));
  });

  it('a cross-column rule is not reported while a column rule fails (dtks: decile bad, INACTIVE without reason)', () => {
    expect(check(DTKS, { ...MEMBER, decile: '0', status: 'INACTIVE' })).toEqual(onlyProblem('decile', /1 to 10/));
  });

  it('birth_date disagreeing is reported before sex disagreeing (one cross-column problem at a time)', () => {
    expect(check(PERSONS, { ...MAN, nik: '5101015705900001', birth_date: '1990-05-18' })).toEqual(onlyProblem('birth_date', /agree/));
  });
});

// ---------------------------------------------------------------------------------
// Required and optional columns, file by file
// ---------------------------------------------------------------------------------

const BASE_ROWS: Record<string, Row> = {
  [PERSONS]: MAN,
  [DTKS]: MEMBER,
  [DOSES]: DOSE,
  [PERSONNEL]: SERVANT,
  [PROGRAMS]: PROGRAM,
  [DISBURSEMENTS]: PAYMENT,
  [COLLECTION_POINTS]: POINT,
};

const requiredCases = CONTRACT.flatMap(([path, columns, , optional]) =>
  columns.filter((c) => !optional.includes(c)).map((column) => [path, column] as const),
);
const optionalCases = CONTRACT.flatMap(([path, , , optional]) => optional.map((column) => [path, column] as const));

describe('required columns', () => {
  it('there is a base row for every file', () => {
    expect(Object.keys(BASE_ROWS).sort()).toEqual(AGENCY_FILES.map((f) => f.path).sort());
  });

  it.each(requiredCases)('%s: an empty %s is required', (path, column) => {
    expect(check(path, { ...BASE_ROWS[path]!, [column]: null })).toEqual([{ column, reason: 'is required' }]);
  });

  it.each(optionalCases)('%s: an empty %s is fine', (path, column) => {
    expect(check(path, { ...BASE_ROWS[path]!, [column]: null })).toEqual([]);
  });

  it('a value array shorter than the columns reads the missing ones as empty', () => {
    const file = fileOf(DOSES);
    expect(checkAgencyRow(file, [MAN_NIK, '1'], regions)).toEqual([
      { column: 'vaccine', reason: 'is required' },
      { column: 'administered_on', reason: 'is required' },
    ]);
  });
});
