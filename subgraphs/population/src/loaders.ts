/** DataLoaders of the population subgraph: one query per batch of keys, never one per key. */
import { groupBy } from '@tepat/core';
import DataLoader from 'dataloader';
import type { PrismaClient } from './db.js';
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

export function createLoaders(prisma: PrismaClient) {
  return {
    personByNik: new DataLoader<string, PersonRow | null>(async (niks) => {
      const rows = await prisma.person.findMany({ where: { nik: { in: [...niks] } } });
      const byNik = new Map(rows.map((row) => [row.nik, row]));
      return niks.map((nik) => byNik.get(nik) ?? null);
    }),
    membersByKk: new DataLoader<string, PersonRow[]>(async (kks) => {
      const rows = await prisma.person.findMany({ where: { kk: { in: [...kks] } } });
      const byKk = groupBy(rows, (row) => row.kk);
      return kks.map((kk) => (byKk.get(kk) ?? []).sort(byFamilyCardOrder));
    }),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
