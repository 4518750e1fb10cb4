/**
 * Case figures (issue 17, item 6): the applications, community reports, complaints, proposals
 * and objections filed through intake in a month, by kind, with their outcomes and the hours to a decision or
 * resolution, nationally or in a region, for every programme or one. Read from the served
 * build's `case_figures` (08b_metric_cases.sql), one row per kind.
 */
import { badInput, periodArg } from '@tepat/core';
import type { Build } from './builds.js';
import type { Engine } from './engine.js';
import type { MetricReader } from './metrics.js';

export const CASE_KINDS = ['APPLICATION', 'REPORT', 'COMPLAINT', 'PROPOSAL', 'OBJECTION'] as const;
export type CaseKind = (typeof CASE_KINDS)[number];

/** Every status a case can have, in intake's order (its enum CaseStatus, which the supergraph holds both to). */
export const CASE_STATUSES = [
  'PENDING',
  'ACCEPTED',
  'REJECTED',
  'QUEUED',
  'VERIFIED',
  'DISMISSED',
  'OPEN',
  'IN_PROGRESS',
  'RESOLVED',
  'CLOSED',
  'UPHELD',
  'EXPIRED',
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** Each kind's statuses in workflow order (API.md, Workflows), as `case_status` of 08b_metric_cases.sql lists them. */
export const STATUSES_OF_KIND: Record<CaseKind, readonly CaseStatus[]> = {
  APPLICATION: ['PENDING', 'ACCEPTED', 'REJECTED'],
  REPORT: ['QUEUED', 'VERIFIED', 'DISMISSED', 'REJECTED'],
  COMPLAINT: ['OPEN', 'IN_PROGRESS', 'RESOLVED', 'CLOSED'],
  PROPOSAL: ['QUEUED', 'ACCEPTED', 'REJECTED'],
  OBJECTION: ['QUEUED', 'UPHELD', 'DISMISSED', 'EXPIRED'],
};

export interface KindFigures {
  kind: CaseKind;
  filed: number;
  /** Not in a final status when the build was made. */
  stillOpen: number;
  /** In a final status: decided, verified, dismissed, rejected, resolved, closed, upheld or expired. */
  concluded: number;
  /** Still open after their due day, on the build's day (complaints and objections). */
  overdue: number;
  /** Every status of the kind, in workflow order, zeros included. */
  byStatus: { status: CaseStatus; cases: number }[];
  /** Hours from filing to the final status over the concluded cases; null when none is. */
  medianHours: number | null;
  p90Hours: number | null;
}

export interface CaseFigures {
  period: string;
  /** The region asked for; null nationally. */
  region: string | null;
  /** The programme asked for; null for every programme together. */
  program: string | null;
  /** The build's day, on which overdue is counted. */
  asOf: string;
  kinds: KindFigures[];
}

/** The served build was made before case figures were (it staged no intake cases): a refresh makes them. */
export class CaseFiguresNotBuilt extends Error {
  constructor() {
    super('The analytics build being served has no case figures yet: run `npx tepat analytics refresh`.');
  }
}

/** The row of table `case_figures`; counts arrive as strings. */
type FigureRow = Record<
  'filed' | 'still_open' | 'concluded' | 'overdue' | `status_${Lowercase<CaseStatus>}`,
  string
> & { kind: CaseKind; median_hours: number | null; p90_hours: number | null };

export async function caseFigures(
  engine: Engine,
  build: Build,
  metrics: MetricReader,
  args: { period: string; region?: string | null; program?: string | null; kind?: CaseKind | null },
): Promise<CaseFigures> {
  if (build.sources['intake/cases.csv'] === undefined) throw new CaseFiguresNotBuilt();
  periodArg('period', args.period);
  // A month after the build's has no cases yet, which zeros would hide.
  if (args.period > build.asOf.slice(0, 7)) {
    throw badInput('period', `${args.period} is after the analytics build, made on ${build.asOf}; ask a month up to ${build.asOf.slice(0, 7)}.`);
  }
  const { level, region } = metrics.area(args.region);
  if (args.program != null) await metrics.checkProgram(args.program);
  const rows = await engine.query<FigureRow>(
    `SELECT * FROM {db:Identifier}.case_figures
     WHERE period = {period:String} AND level = {level:String} AND region = {region:String} AND program = {program:String}`,
    { db: build.database, period: args.period, level, region, program: args.program ?? '' },
  );
  const byKind = new Map(rows.map((r) => [r.kind, r]));
  const kinds = args.kind ? [args.kind] : CASE_KINDS;
  return {
    period: args.period,
    region: args.region ?? null,
    program: args.program ?? null,
    asOf: build.asOf,
    // A kind with no case in the month and region reads as zeros, not as a gap.
    kinds: kinds.map((kind) => figuresOf(kind, byKind.get(kind))),
  };
}

function figuresOf(kind: CaseKind, row: FigureRow | undefined): KindFigures {
  const count = (column: keyof FigureRow) => Number(row?.[column] ?? 0);
  return {
    kind,
    filed: count('filed'),
    stillOpen: count('still_open'),
    concluded: count('concluded'),
    overdue: count('overdue'),
    byStatus: STATUSES_OF_KIND[kind].map((status) => ({ status, cases: count(`status_${status.toLowerCase() as Lowercase<CaseStatus>}`) })),
    medianHours: row?.median_hours ?? null,
    p90Hours: row?.p90_hours ?? null,
  };
}
