/** DataLoaders of the vaccination subgraph: one query per batch of NIKs. */
import { groupBy } from '@tepat/core';
import DataLoader from 'dataloader';
import type { PrismaClient } from './db.js';
import type { VaccinationDose } from './generated/prisma/client.ts';

export type DoseRow = VaccinationDose;

export function createLoaders(prisma: PrismaClient) {
  return {
    dosesByNik: new DataLoader<string, DoseRow[]>(async (niks) => {
      const rows = await prisma.vaccinationDose.findMany({ where: { nik: { in: [...niks] } }, orderBy: [{ nik: 'asc' }, { dose: 'asc' }] });
      const byNik = groupBy(rows, (row) => row.nik);
      return niks.map((nik) => byNik.get(nik) ?? []);
    }),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
