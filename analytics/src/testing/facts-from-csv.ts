/**
 * The eligibility facts (@tepat/rules, facts.ts) of every person of a DATA.md folder, read
 * straight from its CSV files as each source would answer (every source answers): the
 * TypeScript side the SQL of 04_fact_eligibility.sql is held to, built without the SQL.
 */
import { groupBy } from '@tepat/core';
import type { DisbursementFacts, EligibilityFacts } from '@tepat/rules';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';

/** A data row by column name; `null` for an empty field (DATA.md: an absent value). */
type CsvRow = Record<string, string | null>;

/** A person of population/persons.csv, as the unit of a programme needs it. */
export interface PopulationPerson {
  nik: string;
  kk: string;
  relationship: string;
}

export interface FolderFacts {
  /** Every person of population/persons.csv, in file order. */
  persons: PopulationPerson[];
  /** The facts of each person of population, by nik. */
  facts: Map<string, EligibilityFacts>;
}

/** Reads the folder's population, vaccination, civil-service, aid and DTKS files into facts per nik. */
export function factsFromCsv(dir: string): FolderFacts {
  const persons = readCsv(dir, 'population/persons.csv');
  const dosesByNik = groupBy(readCsv(dir, 'vaccination/doses.csv'), (r) => field(r, 'nik'));
  const serviceByNik = groupBy(readCsv(dir, 'civil-service/personnel.csv'), (r) => field(r, 'nik'));
  const dtksByNik = new Map(readCsv(dir, 'dtks/members.csv').map((r) => [field(r, 'nik'), r]));
  const aidByNik = groupBy(
    readCsv(dir, 'aid/disbursements.csv').map(
      (r): DisbursementFacts => ({ nik: field(r, 'nik'), programCode: field(r, 'program_code'), disbursedOn: field(r, 'disbursed_on') }),
    ),
    (d) => d.nik,
  );
  // RULES.md, FAMILY_NOT_RECEIVING: the person's current family is the same kk in population.
  const membersByKk = groupBy(persons, (p) => field(p, 'kk'));

  const facts = new Map<string, EligibilityFacts>();
  for (const person of persons) {
    const nik = field(person, 'nik');
    const kk = field(person, 'kk');
    const dtks = dtksByNik.get(nik);
    facts.set(nik, {
      nik,
      population: {
        ok: true,
        value: { fullName: field(person, 'full_name'), kk, villageCode: field(person, 'village_code'), deathDate: person.death_date ?? null },
      },
      vaccination: {
        ok: true,
        value: (dosesByNik.get(nik) ?? []).map((d) => ({ dose: Number(field(d, 'dose')), administeredOn: field(d, 'administered_on') })),
      },
      civilService: {
        ok: true,
        value: (serviceByNik.get(nik) ?? []).map((s) => ({
          corps: field(s, 'corps') as 'ASN' | 'TNI' | 'POLRI',
          agency: field(s, 'agency'),
          startDate: field(s, 'start_date'),
          endDate: s.end_date ?? null,
        })),
      },
      aid: { ok: true, value: aidByNik.get(nik) ?? [] },
      familyAid: { ok: true, value: membersByKk.get(kk)!.flatMap((m) => aidByNik.get(field(m, 'nik')) ?? []) },
      dtks: {
        ok: true,
        value: dtks
          ? {
              status: field(dtks, 'status') as 'ACTIVE' | 'INACTIVE',
              statusReason: dtks.status_reason ?? null,
              decile: Number(field(dtks, 'decile')),
            }
          : null,
      },
    });
  }
  return {
    persons: persons.map((p) => ({ nik: field(p, 'nik'), kk: field(p, 'kk'), relationship: field(p, 'relationship') })),
    facts,
  };
}

/** A CSV file with a header row, through papaparse (the parser subgraph-kit imports with). */
function readCsv(dir: string, path: string): CsvRow[] {
  const parsed = Papa.parse<Record<string, string>>(readFileSync(join(dir, path), 'utf8'), { header: true, skipEmptyLines: true });
  if (parsed.errors.length > 0) {
    const [first] = parsed.errors;
    throw new Error(`${path}: ${parsed.errors.length} CSV error(s), the first on data row ${first!.row}: ${first!.message}`);
  }
  return parsed.data.map((row) => Object.fromEntries(Object.entries(row).map(([column, value]) => [column, value === '' ? null : value])));
}

/** A field every row of the file has. */
function field(row: CsvRow, column: string): string {
  const value = row[column];
  if (value === null || value === undefined) throw new Error(`no ${column} in ${JSON.stringify(row)}`);
  return value;
}
