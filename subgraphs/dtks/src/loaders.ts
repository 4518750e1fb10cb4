/** DataLoaders of the DTKS subgraph: one query per batch of keys. */
import { groupBy } from '@tepat/core';
import { selectRows, type Sql } from '@tepat/subgraph-kit';
import DataLoader from 'dataloader';
import type { PrismaClient } from './db.js';
import type { DtksMember, DtksMemberVersion } from './generated/prisma/client.ts';

export type DtksRow = DtksMember;
export type DtksVersionRow = DtksMemberVersion;

/** The dtks_member table's columns as the Prisma model names them, dates as text (selectRows). */
const MEMBER = `SELECT nik, kk, decile, status, status_reason AS "statusReason", updated_on::text AS "updatedOn", curated_at AS "curatedAt"
                FROM dtks_member`;

/** `sql` for the members (every eligibility check reads one), Prisma for the history. */
export function createLoaders(prisma: PrismaClient, sql: Pick<Sql, 'query'>) {
  return {
    memberByNik: new DataLoader<string, DtksRow | null>(async (niks) => {
      const rows = await selectRows<DtksRow, 'updatedOn'>(sql, `${MEMBER} WHERE nik = ANY($1)`, [niks], { dates: ['updatedOn'], plan: 'generic' });
      const byNik = new Map(rows.map((row) => [row.nik, row]));
      return niks.map((nik) => byNik.get(nik) ?? null);
    }),
    membersByKk: new DataLoader<string, DtksRow[]>(async (kks) => {
      const rows = await selectRows<DtksRow, 'updatedOn'>(sql, `${MEMBER} WHERE kk = ANY($1) ORDER BY nik`, [kks], { dates: ['updatedOn'], plan: 'generic' });
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
