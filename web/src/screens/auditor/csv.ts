/**
 * Flagged payments as CSV (RFC 4180 through papaparse), one row per payment with its
 * evidence flattened; cells that a spreadsheet would run as a formula are escaped.
 */
import Papa from 'papaparse';
import type { Flagged } from './flagged.tsx';

export const CSV_COLUMNS = [
  'id', 'program', 'period', 'category', 'nik', 'kk', 'unit', 'region', 'amount', 'disbursed_on', 'district_code',
  'in_population', 'death_date', 'serving', 'payment_rank', 'first_payment_id', 'failed_checks',
] as const;

export function toCsv(rows: Flagged[]): string {
  return Papa.unparse(
    {
      fields: [...CSV_COLUMNS],
      data: rows.map((r) => [
        r.id, r.program, r.period, r.category, r.nik, r.kk, r.unit, r.region, r.amount, r.disbursedOn, r.districtCode,
        r.evidence.inPopulation, r.evidence.deathDate ?? '', r.evidence.serving.map((s) => `${s.corps} ${s.agency}`).join('; '),
        r.evidence.paymentRank, r.evidence.firstPaymentId, r.evidence.failedChecks.join(' '),
      ]),
    },
    { escapeFormulae: true, newline: '\n' },
  );
}
