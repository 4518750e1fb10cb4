/** DataLoaders of the intake subgraph: a page of N cases costs one query for all their histories. */
import { groupBy } from '@tepat/core';
import DataLoader from 'dataloader';
import type { CaseEventRow, PrismaClient } from './db.js';

export function createLoaders(prisma: PrismaClient) {
  return {
    eventsByCase: new DataLoader<bigint, CaseEventRow[], string>(
      async (ids) => {
        const rows = await prisma.caseEvent.findMany({ where: { caseId: { in: [...ids] } }, orderBy: { id: 'asc' } });
        const byCase = groupBy(rows, (row) => row.caseId.toString());
        return ids.map((id) => byCase.get(id.toString()) ?? []);
      },
      { cacheKeyFn: (id) => id.toString() },
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
