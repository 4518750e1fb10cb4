/**
 * The cases behind a leakage figure, for auditors: the disbursements of one programme and
 * month that got a category, with the facts that gave it (06_fact_disbursement.sql).
 * Paged by (category, id), the order the table is kept in, so any page is one range read.
 */
import { badInput, regionLevelOf, type Regions } from '@tepat/core';
import type { Engine } from './engine.js';
import { LEAKAGE_CATEGORIES, type LeakageCategory, type MetricReader } from './metrics.js';

export const MAX_PAGE = 500;

export interface FlaggedDisbursement {
  id: string;
  program: string;
  period: string;
  category: LeakageCategory;
  nik: string;
  kk: string;
  /** The unit paid: the nik of a PERSON programme, the kk of a FAMILY one. */
  unit: string;
  /** The unit's region (METRICS.md): its village, or the district of its first payment when not in population. */
  region: string;
  amount: number;
  disbursedOn: string;
  districtCode: string;
  evidence: {
    inPopulation: boolean;
    deathDate: string | null;
    /** Periods of service covering the day of payment. */
    serving: { corps: string; agency: string }[];
    /** 1 for the unit's first payment of the month, by date then id. */
    paymentRank: number;
    firstPaymentId: string;
    /** The checks of the programme's rule set the unit fails on the month's last day. */
    failedChecks: string[];
  };
}

export interface FlaggedPage {
  totalCount: number;
  nodes: FlaggedDisbursement[];
  /** Pass as `after` for the next page; null on the last. */
  endCursor: string | null;
  hasNextPage: boolean;
}

interface FactRow {
  id: string;
  program: string;
  period: string;
  category: LeakageCategory;
  nik: string;
  kk: string;
  unit: string;
  region: string;
  amount: string;
  disbursed_on: string;
  district_code: string;
  in_population: number | boolean;
  death_date: string | null;
  serving_corps: string[];
  serving_agency: string[];
  payment_rank: string;
  /** NULL on the unit's first payment of the month itself. */
  first_payment_id: string | null;
  unit_failed: string[];
}

export async function flaggedDisbursements(
  engine: Engine,
  database: string,
  metrics: MetricReader,
  regions: Regions,
  args: { program: string; period: string; category?: LeakageCategory | null; region?: string | null; first?: number | null; after?: string | null },
): Promise<FlaggedPage> {
  // The same programme and month checks as the leakage figure the cases stand behind.
  await metrics.checkProgramPeriod(args.program, args.period);
  const first = args.first ?? 50;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE) throw badInput('first', `must be from 1 to ${MAX_PAGE}, not ${first}.`);
  if (args.category && !LEAKAGE_CATEGORIES.includes(args.category)) {
    throw badInput('category', `must be one of ${LEAKAGE_CATEGORIES.join(', ')}.`);
  }
  // Cases are facts, not aggregates: any region code filters them, villages included.
  const region = args.region ?? '';
  if (args.region && (!regionLevelOf(args.region) || !regions.has(args.region))) {
    throw badInput('region', `must be a Kemendagri region code that exists, e.g. 51.01; "${args.region}" is not.`);
  }
  const [afterCategory, afterId] = args.after ? decodeCursor(args.after) : ['', ''];
  const where = `program = {program:String} AND period = {period:String}
    AND category != '' AND ({category:String} = '' OR category = {category:String})
    AND startsWith(region, {region:String})`;
  const params = { db: database, program: args.program, period: args.period, category: args.category ?? '', region };
  const [count] = await engine.query<{ n: string }>(`SELECT count() AS n FROM {db:Identifier}.disbursement_fact WHERE ${where}`, params);
  const rows = await engine.query<FactRow>(
    `SELECT * FROM {db:Identifier}.disbursement_fact
     WHERE ${where} AND (category, id) > ({afterCategory:String}, {afterId:String})
     ORDER BY category, id LIMIT {limit:UInt32}`,
    { ...params, afterCategory, afterId, limit: first + 1 },
  );
  const page = rows.slice(0, first);
  const last = page.at(-1);
  return {
    totalCount: Number(count!.n),
    nodes: page.map(toFlagged),
    endCursor: last && rows.length > first ? encodeCursor(last.category, last.id) : null,
    hasNextPage: rows.length > first,
  };
}

function toFlagged(r: FactRow): FlaggedDisbursement {
  return {
    id: r.id,
    program: r.program,
    period: r.period,
    category: r.category,
    nik: r.nik,
    kk: r.kk,
    unit: r.unit,
    region: r.region,
    amount: Number(r.amount),
    disbursedOn: r.disbursed_on,
    districtCode: r.district_code,
    evidence: {
      inPopulation: Boolean(Number(r.in_population)),
      deathDate: r.death_date,
      serving: r.serving_corps.map((corps, i) => ({ corps, agency: r.serving_agency[i] ?? '' })),
      paymentRank: Number(r.payment_rank),
      firstPaymentId: r.first_payment_id ?? r.id,
      failedChecks: r.unit_failed,
    },
  };
}

function encodeCursor(category: string, id: string): string {
  return Buffer.from(JSON.stringify([category, id])).toString('base64url');
}

function decodeCursor(cursor: string): [string, string] {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(value) && value.length === 2 && value.every((v) => typeof v === 'string')) return value as [string, string];
  } catch {
    // reported below
  }
  throw badInput('after', 'is not a cursor this field gave out (pass endCursor from the previous page).');
}
