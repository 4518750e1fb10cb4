/** DataLoaders of the civil-service subgraph: one query per batch of NIKs. */
import { groupBy } from '@tepat/core';
import DataLoader from 'dataloader';
import type { PrismaClient } from './db.js';
import type { Personnel } from './generated/prisma/client.ts';

export type PersonnelRow = Personnel;

export function createLoaders(prisma: PrismaClient) {
  return {
    recordsByNik: new DataLoader<string, PersonnelRow[]>(async (niks) => {
      const rows = await prisma.personnel.findMany({ where: { nik: { in: [...niks] } }, orderBy: [{ nik: 'asc' }, { startDate: 'asc' }] });
      const byNik = groupBy(rows, (row) => row.nik);
      return niks.map((nik) => byNik.get(nik) ?? []);
    }),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
