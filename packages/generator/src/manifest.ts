/**
 * `manifest.json`: what the generator wrote and the truth analytics must recover. The
 * figures per programme, month and category follow METRICS.md to the letter, computed
 * from the generator's own facts with the same eligibility function the hub uses.
 */

export const LEAKAGE_CATEGORIES = ['GHOST', 'DECEASED', 'CIVIL_SERVANT', 'DUPLICATE', 'INELIGIBLE'] as const;
export type LeakageCategory = (typeof LEAKAGE_CATEGORIES)[number];

export interface Amounts {
  rows: number;
  amount: number;
}

/** METRICS.md for one programme and month, nationally. */
export interface ProgramMonth {
  rows: number;
  amount: number;
  /** |R|: distinct units paid. */
  recipients: number;
  /** |E|: units eligible on the last day of the month. */
  eligible: number;
  /** |R ∩ E|. */
  recipientsEligible: number;
  byCategory: Record<LeakageCategory, Amounts>;
}

/** What the generator set out to plant in a programme's recipient list (units), before METRICS.md decides. */
export interface Planted {
  eligibleListed: number;
  /** Eligible at the start and left off the list: the exclusion error. */
  eligibleNeverPaid: number;
  ghosts: number;
  deceased: number;
  civilServants: number;
  ineligible: number;
  /** Extra payments in a month to a listed unit. */
  duplicatePayments: number;
}

export interface Manifest {
  seed: number;
  generatedBy: string;
  persons: number;
  families: number;
  periods: string[];
  /** Data rows per file (headers not counted). */
  files: Record<string, number>;
  programs: Record<
    string,
    { unit: 'PERSON' | 'FAMILY'; ruleSet: string; planted: Planted; months: Record<string, ProgramMonth> }
  >;
}
