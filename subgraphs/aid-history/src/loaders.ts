/**
 * DataLoaders of the aid-history subgraph. Disbursement loaders are keyed by the filter
 * too, so the aid history of N persons with one filter is one query, whatever N is.
 */
import { groupBy } from '@tepat/core';
import { selectRows, type Sql } from '@tepat/subgraph-kit';
import DataLoader from 'dataloader';
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

/**
 * The disbursement table's columns as the Prisma model names them, dates as text (selectRows),
 * with their programme's: a disbursement is almost always read with its programme, which then
 * needs no statement of its own (one of the three a recipient check costs aid history).
 */
const DISBURSEMENT = `SELECT d.id, d.program_code AS "programCode", d.nik, d.kk, d.period, d.amount_idr AS "amountIdr",
                             d.disbursed_on::text AS "disbursedOn", d.district_code AS "districtCode",
                             p.name AS "programName", p.unit AS "programUnit", p.rule_set AS "programRuleSet"
                      FROM disbursement d JOIN program p ON p.code = d.program_code`;

type DisbursementWithProgram = DisbursementRow & { programName: string; programUnit: ProgramRow['unit']; programRuleSet: string };

export function createLoaders(sql: Pick<Sql, 'query'>) {
  const programByCode = new DataLoader<string, ProgramRow | null>(async (codes) => {
    const rows = await selectRows<ProgramRow>(sql, `SELECT code, name, unit, rule_set AS "ruleSet" FROM program WHERE code = ANY($1)`, [codes], {
      plan: 'generic',
    });
    const byCode = new Map(rows.map((row) => [row.code, row]));
    return codes.map((code) => byCode.get(code) ?? null);
  });
  const disbursementLoaders = new Map<string, DataLoader<string, DisbursementRow[]>>();

  /** The loader of disbursements by nik or kk under one filter, made on first use in this request. */
  function disbursementsBy(unit: 'nik' | 'kk', filter: AidFilter): DataLoader<string, DisbursementRow[]> {
    const key = JSON.stringify([unit, filter.program ?? null, filter.period ?? null, filter.from ?? null, filter.to ?? null]);
    let loader = disbursementLoaders.get(key);
    if (!loader) {
      loader = new DataLoader(async (ids) => {
        // An absent filter is a NULL parameter that matches every row, so the statement's text is one for every filter.
        const found = await selectRows<DisbursementWithProgram, 'disbursedOn'>(
          sql,
          `${DISBURSEMENT}
           WHERE d.${unit} = ANY($1) AND ($2::text IS NULL OR d.program_code = $2) AND ($3::text IS NULL OR d.period = $3)
             AND ($4::date IS NULL OR d.disbursed_on >= $4) AND ($5::date IS NULL OR d.disbursed_on <= $5)
           ORDER BY d.disbursed_on, d.id`,
          [ids, filter.program ?? null, filter.period ?? null, filter.from ?? null, filter.to ?? null],
          { dates: ['disbursedOn'], plan: 'generic' },
        );
        const rows = found.map(({ programName, programUnit, programRuleSet, ...row }) => {
          programByCode.prime(row.programCode, { code: row.programCode, name: programName, unit: programUnit, ruleSet: programRuleSet });
          return row;
        });
        const byUnit = groupBy(rows, (row) => row[unit]);
        return ids.map((id) => byUnit.get(id) ?? []);
      });
      disbursementLoaders.set(key, loader);
    }
    return loader;
  }

  return { programByCode, disbursementsBy };
}

export type Loaders = ReturnType<typeof createLoaders>;
