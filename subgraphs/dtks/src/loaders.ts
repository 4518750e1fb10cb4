/** DataLoaders of the DTKS subgraph: one query per batch of keys. */
import { groupBy } from '@tepat/core';
import DataLoader from 'dataloader';
import type { PrismaClient } from './db.js';
import type { DtksMember, DtksMemberVersion } from './generated/prisma/client.ts';

export type DtksRow = DtksMember;
export type DtksVersionRow = DtksMemberVersion;

export function createLoaders(prisma: PrismaClient) {
  return {
    memberByNik: new DataLoader<string, DtksRow | null>(async (niks) => {
      const rows = await prisma.dtksMember.findMany({ where: { nik: { in: [...niks] } } });
      const byNik = new Map(rows.map((row) => [row.nik, row]));
      return niks.map((nik) => byNik.get(nik) ?? null);
    }),
    membersByKk: new DataLoader<string, DtksRow[]>(async (kks) => {
      const rows = await prisma.dtksMember.findMany({ where: { kk: { in: [...kks] } }, orderBy: { nik: 'asc' } });
      const byKk = groupBy(rows, (row) => row.kk);
      return kks.map((kk) => byKk.get(kk) ?? []);
    }),
    versionsByNik: new DataLoader<string, DtksVersionRow[]>(async (niks) => {
      const rows = await prisma.dtksMemberVersion.findMany({ where: { nik: { in: [...niks] } }, orderBy: { id: 'asc' } });
      const byNik = groupBy(rows, (row) => row.nik);
      return niks.map((nik) => byNik.get(nik) ?? []);
    }),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
