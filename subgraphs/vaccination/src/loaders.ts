/** DataLoaders of the vaccination subgraph: one query per batch of NIKs. */
import { groupBy } from '@tepat/core';
import { selectRows, type Sql } from '@tepat/subgraph-kit';
import DataLoader from 'dataloader';
import type { VaccinationDose } from './generated/prisma/client.ts';

export type DoseRow = VaccinationDose;

export function createLoaders(sql: Pick<Sql, 'query'>) {
  return {
    dosesByNik: new DataLoader<string, DoseRow[]>(async (niks) => {
      const rows = await selectRows<DoseRow, 'administeredOn'>(
        sql,
        `SELECT nik, dose, vaccine, administered_on::text AS "administeredOn" FROM vaccination_dose WHERE nik = ANY($1) ORDER BY nik, dose`,
        [niks],
        { dates: ['administeredOn'], plan: 'generic' },
      );
      const byNik = groupBy(rows, (row) => row.nik);
      return niks.map((nik) => byNik.get(nik) ?? []);
    }),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
