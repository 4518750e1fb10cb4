/**
 * The CSV files agencies deliver (DATA.md): their paths, columns, keys and the rule
 * every value must meet. One description serves the importer, the generator and tests.
 */
import { isIsoDate, isPeriod } from './date.js';
import { isSixteenDigits, parseNik } from './nik.js';
import type { Regions } from './region.js';

/** A row as read: column name to value, `null` for an empty field (DATA.md: an absent value). */
export type AgencyRow = Record<string, string | null>;

/** One broken rule: which column and why, in words an agency's data officer can act on. */
export interface RowProblem {
  column: string;
  reason: string;
}

interface Column {
  name: string;
  /** False when DATA.md allows an empty field. */
  required: boolean;
  /** The reason the value breaks the column's rule, or null when it is fine. Called for present values only. */
  check(value: string, regions: Regions): string | null;
}

export interface AgencyFile {
  /** Path inside an import folder, e.g. `population/persons.csv`. */
  path: string;
  /** The subgraph whose database holds it. */
  subgraph: 'population' | 'dtks' | 'vaccination' | 'civil-service' | 'aid-history';
  /** The database table, whose columns carry the CSV's column names. */
  table: string;
  columns: readonly Column[];
  /** The key rows are upserted by (DATA.md). */
  key: readonly string[];
  /** Rules across columns of one row, given a reader of the row's values by column name. */
  checkRow?(value: (column: string) => string | null): RowProblem | null;
}

/** Why a DTKS record is inactive (DATA.md): capable, moved, died, duplicate, other; SIKS-NG's reasons. */
export const DTKS_REASONS = ['MAMPU', 'PINDAH', 'MENINGGAL', 'DUPLIKAT', 'LAINNYA'] as const;
export type DtksReason = (typeof DTKS_REASONS)[number];

// The largest value of the PostgreSQL `integer` that stores amounts.
const MAX_AMOUNT_IDR = 2_147_483_647;

const sixteenDigits = (value: string) => (isSixteenDigits(value) ? null : 'must be exactly 16 digits');
const date = (value: string) => (isIsoDate(value) ? null : 'must be a date YYYY-MM-DD that exists');
const text = (value: string) =>
  value.trim() === '' ? 'must not be blank' : /[\r\n]/.test(value) ? 'must not contain a line break' : null;
const oneOf =
  (...allowed: string[]) =>
  (value: string) =>
    allowed.includes(value) ? null : `must be one of ${allowed.join(', ')}`;
const integerIn = (min: number, max: number) => (value: string) =>
  /^\d+$/.test(value) && Number(value) >= min && Number(value) <= max ? null : `must be an integer from ${min} to ${max}`;

function column(name: string, check: Column['check'], required = true): Column {
  return { name, required, check };
}

/** Population NIKs carry where and when the person was first registered (DATA.md). */
function populationNik(value: string, regions: Regions): string | null {
  const parts = parseNik(value);
  if (!parts) return 'must be exactly 16 digits';
  if (!regions.has(parts.districtCode, 'DISTRICT')) {
    return `digits 1-6 (${value.slice(0, 6)}) must be a district code that exists (${parts.districtCode} does not)`;
  }
  return null;
}

/** The birth date and sex a population NIK's digits 7-12 encode must be the row's. */
function nikAgreesWithBirth(value: (column: string) => string | null): RowProblem | null {
  const [nik, birthDate, sex] = [value('nik'), value('birth_date'), value('sex')];
  const parts = nik ? parseNik(nik) : null;
  if (!parts || !birthDate || !isIsoDate(birthDate)) return null; // reported by the columns' own rules
  const [year, month, day] = birthDate.split('-').map(Number);
  if (parts.birthDay !== day || parts.birthMonth !== month || parts.birthYear2 !== year % 100) {
    return {
      column: 'birth_date',
      reason: `${birthDate} does not agree with NIK digits 7-12 (${nik!.slice(6, 12)}, DDMMYY with 40 added to DD for women)`,
    };
  }
  if (sex && parts.sex !== sex) {
    return { column: 'sex', reason: `${sex} does not agree with NIK digits 7-8 (${nik!.slice(6, 8)}: 40 is added to the day for women)` };
  }
  return null;
}

export const AGENCY_FILES: readonly AgencyFile[] = [
  {
    path: 'population/persons.csv',
    subgraph: 'population',
    table: 'person',
    key: ['nik'],
    columns: [
      column('nik', populationNik),
      column('kk', sixteenDigits),
      column('full_name', text),
      column('sex', oneOf('L', 'P')),
      column('birth_date', date),
      column('relationship', oneOf('HEAD', 'SPOUSE', 'CHILD', 'OTHER')),
      column('village_code', (value, regions) => (regions.has(value, 'VILLAGE') ? null : 'must be a village code that exists in idn-area-data')),
      column('death_date', date, false),
    ],
    checkRow: nikAgreesWithBirth,
  },
  {
    path: 'dtks/members.csv',
    subgraph: 'dtks',
    table: 'dtks_member',
    key: ['nik'],
    columns: [
      column('nik', sixteenDigits),
      column('kk', sixteenDigits),
      column('decile', integerIn(1, 10)),
      column('status', oneOf('ACTIVE', 'INACTIVE')),
      column('status_reason', oneOf(...DTKS_REASONS), false),
      column('updated_on', date),
    ],
    checkRow: (value) =>
      value('status') === 'INACTIVE' && value('status_reason') === null
        ? { column: 'status_reason', reason: 'is required when status is INACTIVE' }
        : null,
  },
  {
    path: 'vaccination/doses.csv',
    subgraph: 'vaccination',
    table: 'vaccination_dose',
    key: ['nik', 'dose'],
    columns: [column('nik', sixteenDigits), column('dose', integerIn(1, 9)), column('vaccine', text), column('administered_on', date)],
  },
  {
    path: 'civil-service/personnel.csv',
    subgraph: 'civil-service',
    table: 'personnel',
    key: ['nik', 'corps', 'start_date'],
    columns: [
      column('nik', sixteenDigits),
      column('corps', oneOf('ASN', 'TNI', 'POLRI')),
      column('agency', text),
      column('start_date', date),
      column('end_date', date, false),
    ],
    checkRow: (value) => {
      const [start, end] = [value('start_date'), value('end_date')];
      return start !== null && end !== null && end < start ? { column: 'end_date', reason: `${end} is before start_date ${start}` } : null;
    },
  },
  {
    path: 'aid/programs.csv',
    subgraph: 'aid-history',
    table: 'program',
    key: ['code'],
    columns: [
      column('code', (value) => (/^[A-Z0-9_]+$/.test(value) ? null : 'must match [A-Z0-9_]+')),
      column('name', text),
      column('unit', oneOf('PERSON', 'FAMILY')),
      column('rule_set', (value) => (/^[A-Z0-9_]+$/.test(value) ? null : 'must be a rule-set code matching [A-Z0-9_]+')),
    ],
  },
  {
    path: 'aid/disbursements.csv',
    subgraph: 'aid-history',
    table: 'disbursement',
    key: ['id'],
    columns: [
      column('id', text),
      column('program_code', (value) => (/^[A-Z0-9_]+$/.test(value) ? null : 'must match [A-Z0-9_]+')),
      column('nik', sixteenDigits),
      column('kk', sixteenDigits),
      column('period', (value) => (isPeriod(value) ? null : 'must be a month YYYY-MM')),
      column('amount_idr', integerIn(1, MAX_AMOUNT_IDR)),
      column('disbursed_on', date),
      column('district_code', (value, regions) => (regions.has(value, 'DISTRICT') ? null : 'must be a district code that exists in idn-area-data')),
    ],
  },
  {
    path: 'aid/collection-points.csv',
    subgraph: 'aid-history',
    table: 'collection_point',
    key: ['id'],
    columns: [
      column('id', text),
      // Empty: a point for every programme (DATA.md).
      column('program_code', (value) => (/^[A-Z0-9_]+$/.test(value) ? null : 'must match [A-Z0-9_]+'), false),
      column('district_code', (value, regions) => (regions.has(value, 'DISTRICT') ? null : 'must be a district code that exists in idn-area-data')),
      column('name', text),
      column('address', text),
    ],
  },
];

/** The column names of a file's header row, in DATA.md's order. */
export function agencyHeader(file: AgencyFile): string[] {
  return file.columns.map((c) => c.name);
}

/** The file description for a path inside an import folder, or undefined. */
export function agencyFile(path: string): AgencyFile | undefined {
  return AGENCY_FILES.find((file) => file.path === path);
}

/**
 * Every rule one row breaks: each column's own rule in file order, then (when those
 * hold) the rules across columns; empty when the row is good. `values` are in the
 * order of `file.columns`, null for an empty field.
 */
export function checkAgencyRow(file: AgencyFile, values: readonly (string | null)[], regions: Regions): RowProblem[] {
  const problems: RowProblem[] = [];
  const columns = file.columns;
  for (let i = 0; i < columns.length; i++) {
    const col = columns[i]!;
    const value = values[i] ?? null;
    if (value === null) {
      if (col.required) problems.push({ column: col.name, reason: 'is required' });
      continue;
    }
    const reason = col.check(value, regions);
    if (reason) problems.push({ column: col.name, reason: `${reason} (got ${JSON.stringify(truncate(value))})` });
  }
  if (problems.length === 0 && file.checkRow) {
    const problem = file.checkRow((name) => values[columnIndex(file, name)] ?? null);
    if (problem) problems.push(problem);
  }
  return problems;
}

const indexes = new WeakMap<AgencyFile, Map<string, number>>();

function columnIndex(file: AgencyFile, name: string): number {
  let index = indexes.get(file);
  if (!index) indexes.set(file, (index = new Map(file.columns.map((c, i) => [c.name, i]))));
  const i = index.get(name);
  if (i === undefined) throw new Error(`${file.path} has no column ${name}`);
  return i;
}

function truncate(value: string): string {
  return value.length > 40 ? `${value.slice(0, 40)}…` : value;
}
