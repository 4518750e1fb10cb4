/** DataLoaders of the civil-service subgraph: one query per batch of NIKs. */
import { groupBy } from '@tepat/core';
import { selectRows, type Sql } from '@tepat/subgraph-kit';
import DataLoader from 'dataloader';
import type { Personnel } from './generated/prisma/client.ts';

export type PersonnelRow = Personnel;

export function createLoaders(sql: Pick<Sql, 'query'>) {
  return {
    recordsByNik: new DataLoader<string, PersonnelRow[]>(async (niks) => {
      const rows = await selectRows<PersonnelRow, 'startDate' | 'endDate'>(
        sql,
        `SELECT nik, corps, agency, start_date::text AS "startDate", end_date::text AS "endDate"
         FROM personnel WHERE nik = ANY($1) ORDER BY nik, start_date`,
        [niks],
        { dates: ['startDate', 'endDate'], plan: 'generic' },
      );
      const byNik = groupBy(rows, (row) => row.nik);
      return niks.map((nik) => byNik.get(nik) ?? []);
    }),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
