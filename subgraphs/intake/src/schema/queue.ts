/**
 * The cases a caller works or supervises (API.md, Workflows; issue: "one queue view per
 * region"): an OPERATOR's region's queue, a REGIONAL_APP's region's applications, a
 * FACILITATOR's own cases, every case for an AUDITOR. Filtered by kind, status, village and
 * filer; overdue first, then oldest first; paged.
 */
import { type Caller, inCallerRegion, isRegionBound, MAY, ROOT_FIELD } from '@tepat/auth';
import { badInput, regionLevelOf, todayInJakarta } from '@tepat/core';
import { forbidden } from '@tepat/subgraph-kit';
import { builder } from '../builder.js';
import { CASE_COLUMNS, selectCases } from '../cases.js';
import type { CaseRow } from '../db.js';
import { CaseKindEnum, CaseRef, CaseStatusEnum } from './case.js';

/** The most cases one page holds. */
export const MAX_PAGE = 200;

interface CasePage {
  total: number;
  cases: CaseRow[];
}

const CasePageRef = builder.objectRef<CasePage>('CasePage').implement({
  description: 'One page of cases.',
  fields: (t) => ({
    total: t.exposeInt('total', { description: 'How many cases match, on every page.' }),
    cases: t.field({ type: [CaseRef], description: 'The cases of this page: overdue first, then oldest first.', resolve: (p) => p.cases }),
  }),
});

/** A WHERE clause built condition by condition, each value a numbered parameter. */
interface Where {
  conditions: string[];
  params: unknown[];
}

/** Adds `column op value`, the value as the next parameter. */
function where(w: Where, condition: (param: string) => string, value: unknown): void {
  w.params.push(value);
  w.conditions.push(condition(`$${w.params.length}`));
}

/** What each role may list, whatever it asks for. */
function scopeOf(caller: Caller, kind: string | null | undefined, w: Where): void {
  switch (caller.role) {
    case 'AUDITOR':
      return;
    case 'OPERATOR':
      return where(w, (p) => `starts_with(village_code, ${p})`, caller.region!);
    case 'REGIONAL_APP':
      if (kind != null && kind !== 'APPLICATION') throw forbidden(caller, 'cases other than applications');
      w.conditions.push(`kind = 'APPLICATION'`);
      return where(w, (p) => `starts_with(village_code, ${p})`, caller.region!);
    case 'FACILITATOR':
      w.conditions.push(`filed_by_role = 'FACILITATOR'`);
      return where(w, (p) => `filed_by_subject = ${p}`, caller.subject ?? '');
    default:
      throw forbidden(caller, 'cases');
  }
}

builder.queryField('caseQueue', (t) =>
  t.field({
    type: CasePageRef,
    description:
      "Cases to work or supervise: an OPERATOR's region's, a REGIONAL_APP's region's applications, a FACILITATOR's own, everything for an AUDITOR. Overdue first, then oldest first.",
    tag: ROOT_FIELD.AUDITED,
    authScopes: { roles: MAY.listCases },
    args: {
      kind: t.arg({ type: CaseKindEnum, description: 'Only this kind.' }),
      status: t.arg({ type: CaseStatusEnum, description: 'Only this status.' }),
      village: t.arg.string({ description: 'Only cases of people in this region (a village, district, regency or province code) inside your own.' }),
      overdue: t.arg.boolean({ description: 'Only overdue cases (true) or only those not overdue (false).' }),
      filedBy: t.arg.string({ description: "Only cases filed by this token subject, e.g. a facilitator's, for supervision." }),
      first: t.arg.int({ required: true, defaultValue: 50, description: `At most this many (1 to ${MAX_PAGE}).` }),
      offset: t.arg.int({ required: true, defaultValue: 0, description: 'Skip this many, for the next page.' }),
    },
    resolve: async (_root, args, ctx) => {
      if (args.first < 1 || args.first > MAX_PAGE) throw badInput('first', `must be from 1 to ${MAX_PAGE}.`);
      if (args.offset < 0) throw badInput('offset', 'must not be negative.');
      if (args.village != null) {
        if (regionLevelOf(args.village) === null) throw badInput('village', 'must be a region code such as 35.10.01.2001 or 35.10.');
        if (isRegionBound(ctx.caller) && !inCallerRegion(ctx.caller, args.village)) throw forbidden(ctx.caller, `cases outside its region (${args.village})`);
      }
      const w: Where = { conditions: [], params: [] };
      scopeOf(ctx.caller, args.kind, w);
      if (args.kind != null) where(w, (p) => `kind = ${p}`, args.kind);
      if (args.status != null) where(w, (p) => `status = ${p}`, args.status);
      if (args.village != null) where(w, (p) => `starts_with(village_code, ${p})`, args.village);
      if (args.filedBy != null) where(w, (p) => `filed_by_subject = ${p}`, args.filedBy);
      // Overdue: an open case whose due day passed; false, not NULL, when it has no due day.
      // Today is a date this process formatted (YYYY-MM-DD), not the caller's, so it is written in.
      const overdue = `coalesce(closed_at IS NULL AND due_on < DATE '${todayInJakarta()}', false)`;
      if (args.overdue != null) w.conditions.push(args.overdue ? overdue : `NOT ${overdue}`);
      const filter = w.conditions.length === 0 ? '' : `WHERE ${w.conditions.join(' AND ')}`;
      // One statement for the page and its total: the queue is an operator's every screen. The
      // order is found on narrow rows and only the page's cases are read whole: sorting every
      // matching case with its statement and detail took twice as long (2,000 cases: 8.6 ms
      // against 4.1 ms a page in PGlite).
      const cases = await selectCases<{ total: number }>(
        ctx.sql,
        `WITH page AS (
           SELECT id, ${overdue} AS late, filed_at AS filed, count(*) OVER ()::int AS total FROM intake_case ${filter}
           ORDER BY late DESC, filed, id
           LIMIT ${args.first} OFFSET ${args.offset})
         SELECT ${CASE_COLUMNS}, page.total FROM page JOIN intake_case USING (id)
         ORDER BY page.late DESC, page.filed, page.id`,
        w.params,
      );
      // A page past the last case carries no total of its own.
      const total =
        cases[0]?.total ??
        (await ctx.sql.query<{ total: number }>(`SELECT count(*)::int AS total FROM intake_case ${filter}`, w.params))[0]!.total;
      return { total, cases };
    },
  }),
);
