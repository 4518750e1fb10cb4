/**
 * `generate` against /work/shared/contract: DATA.md (layout, columns, keys, rules),
 * METRICS.md (the manifest's figures) and RULES.md (eligibility). Every expected figure
 * is recomputed here from the CSV files alone, with `evaluateEligibility` from
 * @tepat/rules as the only shared code; nothing is taken from the generator's internals.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { AGENCY_FILES, agencyHeader, checkAgencyRow, groupBy, loadRegions, type AgencyFile, type Regions } from '@tepat/core';
import { BUILT_IN_RULE_SETS, evaluateEligibility, type EligibilityFacts, type RuleSet } from '@tepat/rules';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { generate, LEAKAGE_CATEGORIES, type LeakageCategory, type Manifest, type ProgramMonth } from './index.js';

const PERSONS = 5_000;
const SEED = 20_250_101;
const OTHER_SEED = 7;

const PERSONS_CSV = 'population/persons.csv';
const DTKS_CSV = 'dtks/members.csv';
const DOSES_CSV = 'vaccination/doses.csv';
const PERSONNEL_CSV = 'civil-service/personnel.csv';
const PROGRAMS_CSV = 'aid/programs.csv';
const DISBURSEMENTS_CSV = 'aid/disbursements.csv';
const COLLECTION_POINTS_CSV = 'aid/collection-points.csv';
const DATA_FILES = [PERSONS_CSV, DTKS_CSV, DOSES_CSV, PERSONNEL_CSV, PROGRAMS_CSV, DISBURSEMENTS_CSV, COLLECTION_POINTS_CSV];

/** The keys DATA.md gives each file (written out here, not read from AGENCY_FILES). */
const DATA_MD_KEYS: Record<string, string[]> = {
  [PERSONS_CSV]: ['nik'],
  [DTKS_CSV]: ['nik'],
  [DOSES_CSV]: ['nik', 'dose'],
  [PERSONNEL_CSV]: ['nik', 'corps', 'start_date'],
  [PROGRAMS_CSV]: ['code'],
  [DISBURSEMENTS_CSV]: ['id'],
  [COLLECTION_POINTS_CSV]: ['id'],
};

// ---------------------------------------------------------------------------------
// Reading a generated folder
// ---------------------------------------------------------------------------------

/** A data row by column name; `null` for an empty field (DATA.md: an absent value). */
type Row = Record<string, string | null>;

interface Csv {
  header: string[];
  /** Data rows as raw fields in column order (data row i is line i + 2 of the file). */
  fields: string[][];
  rows: Row[];
}

/** Every file under `dir`, as paths relative to it with `/`. */
function listFiles(dir: string, prefix = ''): string[] {
  return readdirSync(join(dir, prefix), { withFileTypes: true })
    .flatMap((entry) => {
      const path = prefix ? `${prefix}/${entry.name}` : entry.name;
      return entry.isDirectory() ? listFiles(dir, path) : [path];
    })
    .sort();
}

function sha256Of(dir: string): Record<string, string> {
  return Object.fromEntries(listFiles(dir).map((path) => [path, createHash('sha256').update(readFileSync(join(dir, path))).digest('hex')]));
}

/**
 * The file as RFC 4180 (papaparse, as the importer reads it): official region names may need
 * quoting (the district Ra"as in Sumenep), so a collection point's name can be quoted; LF line
 * ends and a final line break, as the generator writes them.
 */
function readCsv(dir: string, path: string): Csv {
  const text = readFileSync(join(dir, path), 'utf8');
  expect(text.includes('\r')).toBe(false);
  expect(text.endsWith('\n')).toBe(true);
  const parsed = Papa.parse<string[]>(text.slice(0, -1), { delimiter: ',', newline: '\n' });
  expect(parsed.errors).toEqual([]);
  const [header, ...fields] = parsed.data as [string[], ...string[][]];
  const wrongWidth = fields.map((f, i) => ({ line: i + 2, width: f.length })).filter((r) => r.width !== header.length);
  expect({ path, wrongWidth: wrongWidth.slice(0, 5) }).toEqual({ path, wrongWidth: [] });
  const rows = fields.map((f) => Object.fromEntries(header.map((name, i) => [name, f[i] === '' ? null : f[i]!])));
  return { header, fields, rows };
}

type Folder = Record<string, Csv>;

function readFolder(dir: string): Folder {
  return Object.fromEntries(DATA_FILES.map((path) => [path, readCsv(dir, path)]));
}

function readManifest(dir: string): Manifest {
  return JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest;
}

/** A required field of a row (the contract checks have already held it present). */
const get = (row: Row, column: string): string => {
  const value = row[column];
  if (value === null || value === undefined) throw new Error(`no ${column} in ${JSON.stringify(row)}`);
  return value;
};


/** `YYYY-MM-DD` of the last day of a `YYYY-MM` month. */
function lastDayOf(period: string): string {
  const [year, month] = period.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
}

/** `YYYY-MM-DD` the given number of years before a date (for ages). */
function yearsBefore(iso: string, years: number): string {
  return `${String(Number(iso.slice(0, 4)) - years).padStart(4, '0')}${iso.slice(4)}`;
}

// ---------------------------------------------------------------------------------
// METRICS.md, recomputed from the files
// ---------------------------------------------------------------------------------

/** The folder indexed by NIK and KK, as the eligibility facts and categories need it. */
class Index {
  readonly personByNik: Map<string, Row>;
  readonly headByKk = new Map<string, Row>();
  readonly dosesByNik: Map<string, Row[]>;
  readonly serviceByNik: Map<string, Row[]>;
  readonly aidByNik: Map<string, Row[]>;
  readonly dtksByNik: Map<string, Row>;
  readonly programs: Row[];
  readonly disbursements: Row[];
  private readonly eligibleCache = new Map<string, Set<string>>();

  constructor(folder: Folder) {
    const persons = folder[PERSONS_CSV]!.rows;
    this.personByNik = new Map(persons.map((p) => [get(p, 'nik'), p]));
    for (const p of persons) if (p.relationship === 'HEAD') this.headByKk.set(get(p, 'kk'), p);
    this.dosesByNik = groupBy(folder[DOSES_CSV]!.rows, (r) => get(r, 'nik'));
    this.serviceByNik = groupBy(folder[PERSONNEL_CSV]!.rows, (r) => get(r, 'nik'));
    this.disbursements = folder[DISBURSEMENTS_CSV]!.rows;
    this.aidByNik = groupBy(this.disbursements, (r) => get(r, 'nik'));
    this.dtksByNik = new Map(folder[DTKS_CSV]!.rows.map((r) => [get(r, 'nik'), r]));
    this.programs = folder[PROGRAMS_CSV]!.rows;
  }

  /** DATA.md: serves on D when start_date <= D and (end_date empty or end_date >= D). */
  serves(nik: string, day: string): boolean {
    return (this.serviceByNik.get(nik) ?? []).some((s) => get(s, 'start_date') <= day && (s.end_date === null || s.end_date! >= day));
  }

  /** The facts of one NIK, each source answering from its file. */
  factsOf(nik: string): EligibilityFacts {
    const person = this.personByNik.get(nik);
    const dtks = this.dtksByNik.get(nik);
    return {
      nik,
      population: {
        ok: true,
        value: person
          ? { fullName: get(person, 'full_name'), kk: get(person, 'kk'), villageCode: get(person, 'village_code'), deathDate: person.death_date ?? null }
          : null,
      },
      vaccination: {
        ok: true,
        value: (this.dosesByNik.get(nik) ?? []).map((d) => ({ dose: Number(get(d, 'dose')), administeredOn: get(d, 'administered_on') })),
      },
      civilService: {
        ok: true,
        value: (this.serviceByNik.get(nik) ?? []).map((s) => ({
          corps: get(s, 'corps') as 'ASN' | 'TNI' | 'POLRI',
          agency: get(s, 'agency'),
          startDate: get(s, 'start_date'),
          endDate: s.end_date ?? null,
        })),
      },
      aid: {
        ok: true,
        value: (this.aidByNik.get(nik) ?? []).map((d) => ({ nik, programCode: get(d, 'program_code'), disbursedOn: get(d, 'disbursed_on') })),
      },
      // No programme's rule set uses FAMILY_NOT_RECEIVING (asserted in the tests).
      familyAid: { ok: false, reason: 'not needed' },
      dtks: {
        ok: true,
        value: dtks
          ? { status: get(dtks, 'status') as 'ACTIVE' | 'INACTIVE', statusReason: dtks.status_reason ?? null, decile: Number(get(dtks, 'decile')) }
          : null,
      },
    };
  }

  /** The NIKs in population ELIGIBLE under the rule set on the day, asked for the programme (RULES.md, Programme context). */
  eligibleNiks(ruleSet: RuleSet, asOf: string, program: string): Set<string> {
    const key = `${ruleSet.code}@${asOf}@${program}`;
    let set = this.eligibleCache.get(key);
    if (!set) {
      set = new Set();
      for (const nik of this.personByNik.keys()) {
        if (evaluateEligibility({ ...this.factsOf(nik), program }, ruleSet, asOf).decision === 'ELIGIBLE') set.add(nik);
      }
      this.eligibleCache.set(key, set);
    }
    return set;
  }
}

const ruleSetOf = (code: string): RuleSet => {
  const ruleSet = BUILT_IN_RULE_SETS.find((rs) => rs.code === code);
  if (!ruleSet) throw new Error(`no built-in rule set ${code}`);
  return ruleSet;
};

/** METRICS.md for one programme and month, nationally, from the files alone. */
function programMonth(index: Index, program: Row, period: string): ProgramMonth {
  const code = get(program, 'code');
  const unitIsFamily = get(program, 'unit') === 'FAMILY';
  const asOf = lastDayOf(period);
  const eligibleNiks = index.eligibleNiks(ruleSetOf(get(program, 'rule_set')), asOf, code);
  const unitOf = (row: Row) => get(row, unitIsFamily ? 'kk' : 'nik');
  /** E: a person in population who is eligible; a kk whose head in population is (no head: not eligible). */
  const inE = (unit: string) => {
    if (!unitIsFamily) return eligibleNiks.has(unit);
    const head = index.headByKk.get(unit);
    return head !== undefined && eligibleNiks.has(get(head, 'nik'));
  };

  const rows = index.disbursements
    .filter((d) => d.program_code === code && d.period === period)
    .sort((a, b) => get(a, 'disbursed_on').localeCompare(get(b, 'disbursed_on')) || (get(a, 'id') < get(b, 'id') ? -1 : 1));
  const byCategory = Object.fromEntries(LEAKAGE_CATEGORIES.map((c) => [c, { rows: 0, amount: 0 }])) as ProgramMonth['byCategory'];
  const recipients = new Set<string>();
  let amount = 0;
  for (const row of rows) {
    const unit = unitOf(row);
    const first = !recipients.has(unit);
    recipients.add(unit);
    const category = categoryOf(index, row, first, () => inE(unit));
    amount += Number(get(row, 'amount_idr'));
    if (category) {
      byCategory[category].rows++;
      byCategory[category].amount += Number(get(row, 'amount_idr'));
    }
  }
  const units = unitIsFamily ? [...index.headByKk.keys()] : [...index.personByNik.keys()];
  return {
    rows: rows.length,
    amount,
    recipients: recipients.size,
    eligible: units.filter(inE).length,
    recipientsEligible: [...recipients].filter(inE).length,
    byCategory,
  };
}

/** METRICS.md, Leakage: the first category that applies, in order, or null. */
function categoryOf(index: Index, row: Row, firstOfUnit: boolean, unitInE: () => boolean): LeakageCategory | null {
  const nik = get(row, 'nik');
  const day = get(row, 'disbursed_on');
  const person = index.personByNik.get(nik);
  if (!person) return 'GHOST';
  if (person.death_date !== null && person.death_date! < day) return 'DECEASED';
  if (index.serves(nik, day)) return 'CIVIL_SERVANT';
  if (!firstOfUnit) return 'DUPLICATE';
  if (!unitInE()) return 'INELIGIBLE';
  return null;
}

/** Every programme and month of the files: code -> period -> figures. */
function recompute(index: Index, periods: readonly string[]): Record<string, Record<string, ProgramMonth>> {
  return Object.fromEntries(
    index.programs.map((program) => [
      get(program, 'code'),
      Object.fromEntries(periods.map((period) => [period, programMonth(index, program, period)])),
    ]),
  );
}

/** `code period field: manifest X, files Y` for every figure that differs. */
function disagreements(
  manifest: Manifest,
  expected: Record<string, Record<string, ProgramMonth>>,
): string[] {
  const out: string[] = [];
  for (const [code, months] of Object.entries(expected)) {
    for (const [period, want] of Object.entries(months)) {
      const got = manifest.programs[code]?.months[period];
      if (!got) {
        out.push(`${code} ${period}: missing from the manifest`);
        continue;
      }
      for (const field of ['rows', 'amount', 'recipients', 'eligible', 'recipientsEligible'] as const) {
        if (got[field] !== want[field]) out.push(`${code} ${period} ${field}: manifest ${got[field]}, files ${want[field]}`);
      }
      for (const c of LEAKAGE_CATEGORIES) {
        for (const field of ['rows', 'amount'] as const) {
          const g = got.byCategory?.[c]?.[field];
          if (g !== want.byCategory[c][field]) out.push(`${code} ${period} ${c}.${field}: manifest ${g}, files ${want.byCategory[c][field]}`);
        }
      }
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------
// The runs
// ---------------------------------------------------------------------------------

const tempDirs: string[] = [];
let regions: Regions;
let dir: string;
let manifest: Manifest;
let returned: Manifest;
let folder: Folder;
let progress: string[];

async function generateInto(seed: number, onProgress?: (message: string) => void): Promise<{ out: string; manifest: Manifest }> {
  const out = mkdtempSync(join(tmpdir(), `tepat-generate-${seed}-`));
  tempDirs.push(out);
  return { out, manifest: await generate({ persons: PERSONS, seed, out, onProgress }) };
}

beforeAll(async () => {
  regions = await loadRegions();
  progress = [];
  const run = await generateInto(SEED, (message) => progress.push(message));
  dir = run.out;
  returned = run.manifest;
  manifest = readManifest(dir);
  folder = readFolder(dir);
});

afterAll(() => {
  for (const path of tempDirs) rmSync(path, { recursive: true, force: true });
});

describe('determinism', () => {
  it('gives byte-identical files, manifest.json included, for the same seed', async () => {
    const again = await generateInto(SEED);
    const first = sha256Of(dir);
    expect(Object.keys(first)).toEqual(['manifest.json', ...DATA_FILES].sort());
    expect(sha256Of(again.out)).toEqual(first);
  });

  it('gives a different persons.csv for a different seed', async () => {
    const other = await generateInto(OTHER_SEED);
    expect(sha256Of(other.out)[PERSONS_CSV]).not.toBe(sha256Of(dir)[PERSONS_CSV]);
    const niks = new Set(folder[PERSONS_CSV]!.rows.map((r) => r.nik));
    const otherNiks = readCsv(other.out, PERSONS_CSV).rows.map((r) => r.nik);
    expect(otherNiks.filter((nik) => niks.has(nik)).length).toBeLessThan(otherNiks.length / 2);
  });
});

describe('the DATA.md contract', () => {
  const fileCases = AGENCY_FILES.map((file) => [file.path, file] as [string, AgencyFile]);

  it('writes exactly the seven DATA.md files and manifest.json', () => {
    expect(AGENCY_FILES.map((f) => f.path).sort()).toEqual([...DATA_FILES].sort());
    expect(listFiles(dir)).toEqual(['manifest.json', ...DATA_FILES].sort());
  });

  it.each(fileCases)('%s: header is the contract columns in order', (path, file) => {
    expect(folder[path]!.header).toEqual(agencyHeader(file));
  });

  it.each(fileCases)('%s: every row passes checkAgencyRow', (path, file) => {
    const { fields } = folder[path]!;
    expect(fields.length).toBeGreaterThan(0);
    const problems: string[] = [];
    fields.forEach((values, i) => {
      for (const p of checkAgencyRow(file, values.map((v) => (v === '' ? null : v)), regions)) {
        problems.push(`line ${i + 2}: ${p.column} ${p.reason}`);
      }
    });
    expect(problems.slice(0, 20)).toEqual([]);
  });

  it.each(fileCases)('%s: the DATA.md key is unique', (path, file) => {
    const key = DATA_MD_KEYS[path]!;
    expect(file.key).toEqual(key);
    const rows = folder[path]!.rows;
    const keys = rows.map((r) => key.map((c) => r[c]).join('|'));
    const duplicates = [...groupBy(keys, (k) => k)].filter(([, list]) => list.length > 1).map(([k]) => k);
    expect(duplicates.slice(0, 10)).toEqual([]);
  });

  it('has exactly one HEAD per kk in persons.csv', () => {
    const byKk = groupBy(folder[PERSONS_CSV]!.rows, (r) => get(r, 'kk'));
    const wrong = [...byKk]
      .map(([kk, members]) => ({ kk, heads: members.filter((m) => m.relationship === 'HEAD').length }))
      .filter((f) => f.heads !== 1);
    expect(wrong.slice(0, 10)).toEqual([]);
  });

  it('pays only programmes listed in programs.csv', () => {
    const codes = new Set(folder[PROGRAMS_CSV]!.rows.map((r) => r.code));
    const unknown = new Set(folder[DISBURSEMENTS_CSV]!.rows.map((r) => r.program_code).filter((c) => !codes.has(c)));
    expect([...unknown]).toEqual([]);
  });

  it('records in manifest.json the data rows of each file, and what generate returned', () => {
    expect(manifest).toEqual(returned);
    expect(manifest.seed).toBe(SEED);
    expect(manifest.files).toEqual(Object.fromEntries(DATA_FILES.map((path) => [path, folder[path]!.rows.length])));
    expect(manifest.persons).toBe(PERSONS);
    expect(folder[PERSONS_CSV]!.rows.length).toBe(PERSONS);
    expect(manifest.families).toBe(new Set(folder[PERSONS_CSV]!.rows.map((r) => r.kk)).size);
  });

  it('reports progress', () => {
    expect(progress.some((m) => m.startsWith('population:'))).toBe(true);
    expect(progress.some((m) => m.startsWith('aid:'))).toBe(true);
  });
});

describe('looks like Indonesia', () => {
  const persons = () => folder[PERSONS_CSV]!.rows;
  /** The last day of the disbursement window: ages are taken on it. */
  const endOfWindow = () => lastDayOf(manifest.periods.at(-1)!);
  const adults = () => {
    const bornBy = yearsBefore(endOfWindow(), 18);
    return persons().filter((p) => get(p, 'birth_date') <= bornBy);
  };

  it('places villages in at least 20 provinces, Jembrana and Banyuwangi among them', () => {
    const villages = persons().map((p) => get(p, 'village_code'));
    expect(new Set(villages.map((v) => v.slice(0, 2))).size).toBeGreaterThanOrEqual(20);
    expect(villages.some((v) => v.startsWith('51.01.'))).toBe(true);
    expect(villages.some((v) => v.startsWith('35.10.'))).toBe(true);
  });

  it('has a post office for every programme in each district where people live, and a kecamatan office for BANSOS_JEMBRANA in each of Jembrana’s', () => {
    const districts = [...new Set(persons().map((p) => get(p, 'village_code').slice(0, 8)))].sort();
    const points = folder[COLLECTION_POINTS_CSV]!.rows;
    const forEvery = points.filter((p) => p.program_code === null);
    expect(forEvery.map((p) => get(p, 'district_code'))).toEqual(districts);
    expect(forEvery.every((p) => get(p, 'name').startsWith('Kantor Pos '))).toBe(true);
    const regional = points.filter((p) => p.program_code !== null);
    expect(regional.map((p) => [p.program_code, p.district_code])).toEqual(
      districts.filter((d) => d.startsWith('51.01.')).map((d) => ['BANSOS_JEMBRANA', d]),
    );
  });

  it('registers 25-55 % of persons in DTKS', () => {
    const niks = new Set(persons().map((p) => p.nik));
    const share = folder[DTKS_CSV]!.rows.filter((r) => niks.has(r.nik)).length / niks.size;
    expect(share).toBeGreaterThanOrEqual(0.25);
    expect(share).toBeLessThanOrEqual(0.55);
  });

  it('has INACTIVE DTKS rows, every one with a status_reason', () => {
    const inactive = folder[DTKS_CSV]!.rows.filter((r) => r.status === 'INACTIVE');
    expect(inactive.length).toBeGreaterThan(0);
    expect(inactive.filter((r) => r.status_reason === null)).toEqual([]);
  });

  it('has stale family cards in DTKS (a kk not in persons.csv)', () => {
    const kks = new Set(persons().map((p) => p.kk));
    expect(folder[DTKS_CSV]!.rows.filter((r) => !kks.has(r.kk)).length).toBeGreaterThan(0);
  });

  it('has deaths', () => {
    expect(persons().filter((p) => p.death_date !== null).length).toBeGreaterThan(0);
  });

  it('has civil servants among 0.5-5 % of adults', () => {
    const servants = new Set(folder[PERSONNEL_CSV]!.rows.map((r) => r.nik));
    const all = adults();
    const share = all.filter((p) => servants.has(p.nik)).length / all.length;
    expect(share).toBeGreaterThanOrEqual(0.005);
    expect(share).toBeLessThanOrEqual(0.05);
  });

  it('has most adults vaccinated', () => {
    const vaccinated = new Set(folder[DOSES_CSV]!.rows.map((r) => r.nik));
    const all = adults();
    expect(all.filter((p) => vaccinated.has(p.nik)).length / all.length).toBeGreaterThan(0.7);
  });
});

describe('manifest.json agrees with METRICS.md over the files', () => {
  let index: Index;
  let expected: Record<string, Record<string, ProgramMonth>>;

  beforeAll(() => {
    index = new Index(folder);
    const periods = [...new Set(index.disbursements.map((d) => get(d, 'period')))].sort();
    expected = recompute(index, periods);
  });

  it('lists the same programmes, units, rule sets and periods as the files', () => {
    const programs = index.programs.map((p) => ({ code: p.code, unit: p.unit, ruleSet: p.rule_set }));
    expect(Object.entries(manifest.programs).map(([code, p]) => ({ code, unit: p.unit, ruleSet: p.ruleSet }))).toEqual(programs);
    expect(manifest.periods).toEqual([...new Set(index.disbursements.map((d) => d.period))].sort());
    for (const program of Object.values(manifest.programs)) expect(Object.keys(program.months).sort()).toEqual(manifest.periods);
  });

  it('uses only built-in rule sets, none needing FAMILY_NOT_RECEIVING (which the facts here leave unanswered)', () => {
    for (const program of index.programs) {
      expect(ruleSetOf(get(program, 'rule_set')).checks).not.toContain('FAMILY_NOT_RECEIVING');
    }
  });

  it('gives rows, amount, recipients, eligible, recipientsEligible and byCategory for every programme and month', () => {
    expect(disagreements(manifest, expected)).toEqual([]);
  });

  it('has eligible units and payments to them (the figures are not trivially zero)', () => {
    for (const [code, months] of Object.entries(expected)) {
      const all = Object.values(months);
      expect({ code, eligible: all.some((m) => m.eligible > 0) }).toEqual({ code, eligible: true });
      expect({ code, rows: all.every((m) => m.rows > 0) }).toEqual({ code, rows: true });
    }
    expect(Object.values(expected.PKH!).some((m) => m.recipientsEligible > 0)).toBe(true);
    expect(Object.values(expected.BLT!).some((m) => m.recipientsEligible > 0)).toBe(true);
  });

  it.each(['PKH', 'BLT'])('plants every leakage category in %s', (code) => {
    const months = Object.values(expected[code]!);
    const planted = Object.fromEntries(LEAKAGE_CATEGORIES.map((c) => [c, months.some((m) => m.byCategory[c].rows > 0)]));
    expect(planted).toEqual(Object.fromEntries(LEAKAGE_CATEGORIES.map((c) => [c, true])));
  });
});
