/**
 * The data-quality queues (issue 18): the items of 08c_quality.sql, where the sources
 * disagree, each with its evidence and what resolves it, paged by region; and how many
 * there are per kind and region. Arguments are checked here; who may ask for which region
 * is the subgraph's to decide, and so is what to say when the build has no queues
 * (`hasQualityQueues`).
 */
import { badInput, regionLevelOf, type DtksReason, type RegionLevel, type Regions } from '@tepat/core';
import type { Engine } from './engine.js';

export const QUALITY_KINDS = ['DECEASED_ACTIVE', 'STALE_KK', 'GHOST', 'CIVIL_SERVANT', 'PAID_TWICE'] as const;
export type QualityKind = (typeof QUALITY_KINDS)[number];

export const QUALITY_ACTIONS = ['DEACTIVATE_DTKS_MEMBER', 'IMPORT_DTKS', 'AUDIT_CASE', 'PROGRAMME_CORRECTION'] as const;
export type QualityAction = (typeof QUALITY_ACTIONS)[number];

export const MAX_QUALITY_PAGE = 500;

export interface QualityPayment {
  id: string;
  program: string;
  period: string;
  nik: string;
  kk: string;
  amount: number;
  disbursedOn: string;
  districtCode: string;
  /** 1 for the unit's first payment of the month (by date, then id); more is a payment too many. */
  paymentRank: number;
}

export interface ServicePeriod {
  corps: string;
  agency: string;
  startDate: string;
  /** Null while serving. */
  endDate: string | null;
}

/** One way an item is resolved; an item may need more than one (a civil servant ACTIVE in DTKS and paid). */
export interface QualityFix {
  action: QualityAction;
  /** The hub's root field to use: the curation mutation, or the auditors' field a case starts from; null when the fix is the source's. */
  operation: string | null;
  /** The DtksReason to deactivate with. */
  reason: DtksReason | null;
  /** The payments the fix is about: the ghost's, those made while serving, the ones after a unit's first of the month. */
  paymentIds: string[];
  description: string;
}

export interface QualityItem {
  kind: QualityKind;
  /** What makes the item one of its kind: the nik; nik and district for GHOST; programme, month and unit for PAID_TWICE. */
  key: string;
  nik: string;
  kk: string;
  /** The person's village in population; the district paid in for GHOST; the unit's region (METRICS.md) for PAID_TWICE. */
  region: string;
  evidence: {
    inPopulation: boolean;
    deathDate: string | null;
    populationKk: string | null;
    /** ACTIVE or INACTIVE; null without a DTKS record. */
    dtksStatus: string | null;
    dtksStatusReason: DtksReason | null;
    dtksKk: string | null;
    servingToday: boolean;
    /** CIVIL_SERVANT: the periods of service covering the build's day or a day of payment. */
    service: ServicePeriod[];
    /** GHOST, CIVIL_SERVANT and PAID_TWICE: the payments of the programme's latest month behind it, by date, then id. */
    payments: QualityPayment[];
  };
  fixes: QualityFix[];
}

export interface QualityPage {
  totalCount: number;
  nodes: QualityItem[];
}

/** The items of one region at one level, or the nation's (region ''). */
export interface QualityCounts {
  region: string;
  name: string;
  level: 'NATIONAL' | RegionLevel;
  total: number;
  byKind: { kind: QualityKind; items: number }[];
}

/** A row of quality_item (08c_quality.sql); 64-bit integers arrive as strings. */
interface ItemRow {
  kind: QualityKind;
  item_key: string;
  nik: string;
  kk: string;
  region: string;
  in_population: number | boolean;
  death_date: string | null;
  population_kk: string | null;
  dtks_status: string | null;
  dtks_status_reason: DtksReason | null;
  dtks_kk: string | null;
  serving_today: number | boolean;
  service_corps: string[];
  service_agency: string[];
  service_start: string[];
  service_end: (string | null)[];
  payment_id: string[];
  payment_program: string[];
  payment_period: string[];
  payment_nik: string[];
  payment_kk: string[];
  payment_amount: string[];
  payment_disbursed_on: string[];
  payment_district: string[];
  payment_rank: string[];
}

/** A page of a region's items, by kind, region and key. */
export async function dataQualityItems(
  engine: Engine,
  database: string,
  regions: Regions,
  args: { kind?: QualityKind | null; region: string; first?: number | null; offset?: number | null },
): Promise<QualityPage> {
  const first = args.first ?? 50;
  const offset = args.offset ?? 0;
  if (!Number.isInteger(first) || first < 1 || first > MAX_QUALITY_PAGE) throw badInput('first', `must be from 1 to ${MAX_QUALITY_PAGE}, not ${first}.`);
  if (!Number.isInteger(offset) || offset < 0) throw badInput('offset', `must not be negative, not ${offset}.`);
  if (args.kind && !QUALITY_KINDS.includes(args.kind)) throw badInput('kind', `must be one of ${QUALITY_KINDS.join(', ')}.`);
  // Items are about people and payments, not aggregates: any region code, villages included.
  if (!regionLevelOf(args.region) || !regions.has(args.region)) {
    throw badInput('region', `must be a Kemendagri region code that exists, e.g. 64.74.01.1001; "${args.region}" is not.`);
  }
  const where = `({kind:String} = '' OR kind = {kind:String}) AND startsWith(region, {region:String})`;
  const params = { db: database, kind: args.kind ?? '', region: args.region };
  const [count] = await engine.query<{ n: string }>(`SELECT count() AS n FROM {db:Identifier}.quality_item WHERE ${where}`, params);
  const rows = await engine.query<ItemRow>(
    `SELECT * FROM {db:Identifier}.quality_item WHERE ${where}
     ORDER BY kind, region, item_key LIMIT {limit:UInt32} OFFSET {offset:UInt64}`,
    { ...params, limit: first, offset },
  );
  return { totalCount: Number(count!.n), nodes: rows.map(toItem) };
}

/**
 * The counts of a region (the nation without one), or with `level` of every region of that
 * level inside it that has any item, in code order. Every kind is listed, zeros included.
 */
export async function dataQualityCounts(
  engine: Engine,
  database: string,
  regions: Regions,
  args: { region?: string | null; level?: Exclude<RegionLevel, 'VILLAGE'> | null },
): Promise<QualityCounts[]> {
  const within = args.region ?? '';
  const withinLevel = within === '' ? 'NATIONAL' : regionLevelOf(within);
  if (within !== '' && (!withinLevel || !regions.has(within))) {
    throw badInput('region', `must be a Kemendagri region code that exists, e.g. 51.01; "${within}" is not.`);
  }
  const depth = { NATIONAL: 0, PROVINCE: 1, REGENCY: 2, DISTRICT: 3, VILLAGE: 4 } as const;
  if (args.level && depth[args.level] <= depth[withinLevel!]) {
    throw badInput('level', `must be below the region asked for: "${within}" is a ${withinLevel!.toLowerCase()}, and ${args.level.toLowerCase()} is not below it.`);
  }
  const level = args.level ?? withinLevel!;
  const rows = await engine.query<{ region: string; kind: QualityKind; items: string }>(
    `SELECT region, kind, items FROM {db:Identifier}.quality_count
     WHERE level = {level:String} AND ({within:String} = '' OR region = {within:String} OR startsWith(region, {prefix:String}))
     ORDER BY region, kind`,
    { db: database, level, within, prefix: `${within}.` },
  );
  const byRegion = new Map<string, Map<QualityKind, number>>();
  for (const r of rows) {
    if (!byRegion.has(r.region)) byRegion.set(r.region, new Map());
    byRegion.get(r.region)!.set(r.kind, Number(r.items));
  }
  // The region asked for has its row even without items; the regions below it only with some.
  if (!args.level && !byRegion.has(within)) byRegion.set(within, new Map());
  return [...byRegion].map(([region, counts]) => {
    const byKind = QUALITY_KINDS.map((kind) => ({ kind, items: counts.get(kind) ?? 0 }));
    return {
      region,
      name: region === '' ? 'Indonesia' : (regions.get(region)?.name ?? ''),
      level,
      total: byKind.reduce((sum, k) => sum + k.items, 0),
      byKind,
    };
  });
}

/**
 * What resolves an item (issue 18): the curation mutation for what an operator can correct
 * in DTKS, DTKS's own file for a kk, an auditor's case for a ghost, and the programme's
 * correction of payments it should not have made.
 */
export function fixesFor(item: Omit<QualityItem, 'fixes'>): QualityFix[] {
  const ids = item.evidence.payments.map((p) => p.id);
  const fix = (action: QualityAction, description: string, more: Partial<QualityFix> = {}): QualityFix => ({
    action,
    operation: null,
    reason: null,
    paymentIds: [],
    description,
    ...more,
  });
  switch (item.kind) {
    case 'DECEASED_ACTIVE':
      return [
        fix('DEACTIVATE_DTKS_MEMBER', 'An operator of the region deactivates the record as died: deactivateDtksMember(nik, reason: MENINGGAL).', {
          operation: 'deactivateDtksMember',
          reason: 'MENINGGAL',
        }),
      ];
    case 'STALE_KK':
      return [
        fix(
          'IMPORT_DTKS',
          "DTKS sends the record with population's kk in its next dtks/members.csv (tepat import); curation does not change a kk.",
        ),
      ];
    case 'GHOST':
      return [
        fix(
          'AUDIT_CASE',
          'An auditor opens a case on the payments, found under flaggedDisbursements(category: GHOST); the item leaves when population registers the NIK or the programme pays it no more.',
          { operation: 'flaggedDisbursements', paymentIds: ids },
        ),
      ];
    case 'CIVIL_SERVANT': {
      const fixes: QualityFix[] = [];
      if (item.evidence.dtksStatus === 'ACTIVE' && item.evidence.servingToday) {
        fixes.push(
          fix('DEACTIVATE_DTKS_MEMBER', 'An operator of the region deactivates the record: deactivateDtksMember(nik, reason: LAINNYA), noting the service.', {
            operation: 'deactivateDtksMember',
            reason: 'LAINNYA',
          }),
        );
      }
      if (ids.length > 0) {
        fixes.push(fix('PROGRAMME_CORRECTION', 'The programme stops paying and recovers the payments made while the person served.', { paymentIds: ids }));
      }
      return fixes;
    }
    case 'PAID_TWICE':
      return [
        fix('PROGRAMME_CORRECTION', "The programme reverses the payments after the unit's first of the month.", {
          paymentIds: item.evidence.payments.filter((p) => p.paymentRank > 1).map((p) => p.id),
        }),
      ];
  }
}

/** Builds made before 08c have no queues; the next refresh makes them. */
const withQueues = new Set<string>();

/** Whether a build has the tables of 08c_quality.sql (one made before it has not). */
export async function hasQualityQueues(engine: Engine, database: string): Promise<boolean> {
  if (withQueues.has(database)) return true;
  const found = await engine.query('SELECT 1 FROM system.tables WHERE database = {db:String} AND name = {table:String}', {
    db: database,
    table: 'quality_item',
  });
  if (found.length > 0) withQueues.add(database);
  return found.length > 0;
}

function toItem(r: ItemRow): QualityItem {
  const item: Omit<QualityItem, 'fixes'> = {
    kind: r.kind,
    key: r.item_key,
    nik: r.nik,
    kk: r.kk,
    region: r.region,
    evidence: {
      inPopulation: Boolean(Number(r.in_population)),
      deathDate: r.death_date,
      populationKk: r.population_kk,
      dtksStatus: r.dtks_status,
      dtksStatusReason: r.dtks_status_reason,
      dtksKk: r.dtks_kk,
      servingToday: Boolean(Number(r.serving_today)),
      service: r.service_corps.map((corps, i) => ({
        corps,
        agency: r.service_agency[i]!,
        startDate: r.service_start[i]!,
        endDate: r.service_end[i] ?? null,
      })),
      payments: r.payment_id.map((id, i) => ({
        id,
        program: r.payment_program[i]!,
        period: r.payment_period[i]!,
        nik: r.payment_nik[i]!,
        kk: r.payment_kk[i]!,
        amount: Number(r.payment_amount[i]),
        disbursedOn: r.payment_disbursed_on[i]!,
        districtCode: r.payment_district[i]!,
        paymentRank: Number(r.payment_rank[i]),
      })),
    },
  };
  return { ...item, fixes: fixesFor(item) };
}
