/**
 * DataLoaders of the aid-history subgraph. Disbursement loaders are keyed by the filter
 * too, so the aid history of N persons with one filter is one query, whatever N is.
 */
import { dateFromIso, groupBy } from '@tepat/core';
import DataLoader from 'dataloader';
import type { PrismaClient } from './db.js';
import type { Disbursement, Program } from './generated/prisma/client.ts';

export type ProgramRow = Program;
export type DisbursementRow = Disbursement;

/** Which disbursements an aid history shows: by programme, the month paid for, and an inclusive range of `disbursed_on`. */
export interface AidFilter {
  program?: string;
  period?: string;
  from?: string;
  to?: string;
}

export function createLoaders(prisma: PrismaClient) {
  const disbursementLoaders = new Map<string, DataLoader<string, DisbursementRow[]>>();

  /** The loader of disbursements by nik or kk under one filter, made on first use in this request. */
  function disbursementsBy(unit: 'nik' | 'kk', filter: AidFilter): DataLoader<string, DisbursementRow[]> {
    const key = JSON.stringify([unit, filter.program ?? null, filter.period ?? null, filter.from ?? null, filter.to ?? null]);
    let loader = disbursementLoaders.get(key);
    if (!loader) {
      loader = new DataLoader(async (ids) => {
        const rows = await prisma.disbursement.findMany({
          where: {
            [unit]: { in: [...ids] },
            programCode: filter.program,
            period: filter.period,
            disbursedOn: {
              gte: filter.from ? dateFromIso(filter.from) : undefined,
              lte: filter.to ? dateFromIso(filter.to) : undefined,
            },
          },
          orderBy: [{ disbursedOn: 'asc' }, { id: 'asc' }],
        });
        const byUnit = groupBy(rows, (row) => row[unit]);
        return ids.map((id) => byUnit.get(id) ?? []);
      });
      disbursementLoaders.set(key, loader);
    }
    return loader;
  }

  return {
    programByCode: new DataLoader<string, ProgramRow | null>(async (codes) => {
      const rows = await prisma.program.findMany({ where: { code: { in: [...codes] } } });
      const byCode = new Map(rows.map((row) => [row.code, row]));
      return codes.map((code) => byCode.get(code) ?? null);
    }),
    disbursementsBy,
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
