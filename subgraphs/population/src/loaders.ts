/** DataLoaders of the population subgraph: one query per batch of keys, never one per key. */
import { groupBy } from '@tepat/core';
import { selectRows, type Sql } from '@tepat/subgraph-kit';
import DataLoader from 'dataloader';
import type { Person } from './generated/prisma/client.ts';

export type PersonRow = Person;

/** Members in the order a family card lists them: head, spouse, children, others; then by age. */
const RELATIONSHIP_ORDER = { HEAD: 0, SPOUSE: 1, CHILD: 2, OTHER: 3 } as const;

export function byFamilyCardOrder(a: PersonRow, b: PersonRow): number {
  return (
    RELATIONSHIP_ORDER[a.relationship] - RELATIONSHIP_ORDER[b.relationship] ||
    a.birthDate.getTime() - b.birthDate.getTime() ||
    a.nik.localeCompare(b.nik)
  );
}

/** The person table's columns as the Prisma model names them, dates as text (selectRows). */
const PERSON = `SELECT nik, kk, full_name AS "fullName", sex, birth_date::text AS "birthDate", relationship,
                       village_code AS "villageCode", death_date::text AS "deathDate"
                FROM person`;
const DATES = ['birthDate', 'deathDate'] as const;

export function createLoaders(sql: Pick<Sql, 'query'>) {
  return {
    personByNik: new DataLoader<string, PersonRow | null>(async (niks) => {
      const rows = await selectRows<PersonRow, 'birthDate' | 'deathDate'>(sql, `${PERSON} WHERE nik = ANY($1)`, [niks], { dates: DATES, plan: 'generic' });
      const byNik = new Map(rows.map((row) => [row.nik, row]));
      return niks.map((nik) => byNik.get(nik) ?? null);
    }),
    membersByKk: new DataLoader<string, PersonRow[]>(async (kks) => {
      const rows = await selectRows<PersonRow, 'birthDate' | 'deathDate'>(sql, `${PERSON} WHERE kk = ANY($1)`, [kks], { dates: DATES, plan: 'generic' });
      const byKk = groupBy(rows, (row) => row.kk);
      return kks.map((kk) => (byKk.get(kk) ?? []).sort(byFamilyCardOrder));
    }),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
