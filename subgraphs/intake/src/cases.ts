/**
 * The case store (API.md, Workflows): every state change is one statement that writes the
 * case, its history event and the request it answers, so nothing is half-written; a request
 * repeated with the same requestId gets the case it made the first time and changes nothing
 * more, even when two arrive at once (the request's key refuses the second).
 *
 * It goes through the kit's Sql, not Prisma: filing a case in Prisma's interactive transaction
 * took eight statements, and with them most of an application's CPU in the intake service's
 * process (bench/README.md, workflows, 2026-12-07); as data-modifying CTEs it is one.
 */
import type { Caller } from '@tepat/auth';
import { badInput, isoFromDate } from '@tepat/core';
import { requestIdReused, selectRows, type RequestKey, type Sql } from '@tepat/subgraph-kit';
import type { CaseRow } from './db.js';
import type { Prisma } from './generated/prisma/client.ts';
import { newReceipt, type CaseKind } from './receipts.js';

export { requestKey, type RequestKey } from '@tepat/subgraph-kit';

/** The intake database as the case store reaches it. */
export type CaseSql = Pick<Sql, 'query'>;

/**
 * A case's columns named as Prisma's model names them; the id and the due day as text
 * (selectCases). A statement selecting them orders by `intake_case.id`: a bare `id` in ORDER BY
 * would be this text.
 */
export const CASE_COLUMNS = `id::text AS id, receipt, kind, status, nik, program, village_code AS "villageCode",
  reporter_nik AS "reporterNik", category, statement, detail, filed_by_role AS "filedByRole",
  filed_by_subject AS "filedBySubject", filed_by_region AS "filedByRegion", filed_at AS "filedAt",
  updated_at AS "updatedAt", closed_at AS "closedAt", due_on::text AS "dueOn"`;

/**
 * Cases read by a statement that selects CASE_COLUMNS (and any `Extra`), typed as Prisma
 * reads them: node-postgres and PGlite read int8 apart, so the id comes as text and is made a
 * bigint here.
 */
export async function selectCases<Extra extends object = object>(sql: CaseSql, text: string, params: unknown[]): Promise<(CaseRow & Extra)[]> {
  const rows = await selectRows<CaseRow & Extra, 'dueOn'>(sql, text, params, { dates: ['dueOn'] });
  for (const row of rows) row.id = BigInt(row.id);
  return rows;
}

/** The case an earlier request with this requestId made; BAD_USER_INPUT when that request asked something else. */
export async function answered(sql: CaseSql, key: RequestKey): Promise<CaseRow | undefined> {
  const [row] = await selectCases<{ fingerprint: string }>(
    sql,
    `SELECT r.fingerprint, ${CASE_COLUMNS} FROM intake_request r JOIN intake_case c ON c.id = r.case_id WHERE r.request_id = $1`,
    [key.requestId],
  );
  if (!row) return undefined;
  const { fingerprint, ...kase } = row;
  if (fingerprint !== key.fingerprint) throw requestIdReused();
  return kase;
}

export interface NewCase {
  kind: CaseKind;
  status: string;
  nik: string;
  program?: string | null;
  villageCode?: string | null;
  reporterNik?: string | null;
  category?: string | null;
  statement?: string | null;
  detail?: Prisma.InputJsonValue;
  dueOn?: Date | null;
  /** Set when the case is filed in a final status (rejected at once). */
  closed?: boolean;
  /** Why, for the first event of its history. */
  note?: string | null;
}

/** The person a case is about, when the actor is not that person (a facilitator, an app, a desk). */
function onBehalfOf(actor: Caller, nik: string): string | null {
  return actor.role === 'PUBLIC' || actor.role === 'SERVICE' ? null : nik;
}

/** Whether an error is a unique key refusing a row (PostgreSQL's unique_violation). */
function isDuplicate(error: unknown): boolean {
  return (error as { code?: string }).code === '23505';
}

/** The statuses in which an application is open: at most one per person and programme. */
export const OPEN_APPLICATION = ['PENDING', 'ACCEPTED'];

/**
 * Files a new case with its receipt and first event, once per requestId. An application
 * that is open holds the person's place for the programme (OPEN_APPLICATION). The caller has
 * looked for the request's earlier answer before deciding anything (`answered`, as
 * beginFiling does); a twin that arrived meanwhile meets the request's unique key here and
 * its case is the answer.
 */
export async function fileCase(sql: CaseSql, key: RequestKey, input: NewCase, actor: Caller): Promise<CaseRow> {
  const holdsPlace = input.kind === 'APPLICATION' && OPEN_APPLICATION.includes(input.status);
  try {
    const [kase] = await selectCases(
      sql,
      `WITH kase AS (
         INSERT INTO intake_case (receipt, kind, status, nik, program, village_code, reporter_nik, category, statement, detail,
                                  filed_by_role, filed_by_subject, filed_by_region, filed_at, updated_at, closed_at, due_on)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb, $11, $12, $13, $14::timestamptz, $14::timestamptz,
                 CASE WHEN $15::boolean THEN $14::timestamptz END, $16::date)
         RETURNING *
       ), event AS (
         INSERT INTO case_event (case_id, at, actor_role, actor_subject, actor_region, on_behalf_of, from_status, to_status, note)
         SELECT id, $14::timestamptz, $11, $12, $13, $17, NULL, $3, $18 FROM kase
       ), place AS (
         INSERT INTO open_application (nik, program, case_id) SELECT $4, $5, id FROM kase WHERE $19::boolean
       ), request AS (
         INSERT INTO intake_request (request_id, fingerprint, case_id, at) SELECT $20, $21, id, $14::timestamptz FROM kase
       )
       SELECT ${CASE_COLUMNS} FROM kase`,
      [
        newReceipt(input.kind),
        input.kind,
        input.status,
        input.nik,
        input.program ?? null,
        input.villageCode ?? null,
        input.reporterNik ?? null,
        input.category ?? null,
        input.statement ?? null,
        input.detail === undefined ? null : JSON.stringify(input.detail),
        actor.role,
        actor.subject ?? null,
        actor.region ?? null,
        new Date().toISOString(),
        input.closed ?? false,
        input.dueOn ? isoFromDate(input.dueOn) : null,
        onBehalfOf(actor, input.nik),
        input.note ?? null,
        holdsPlace,
        key.requestId,
        key.fingerprint,
      ],
    );
    return kase!;
  } catch (error) {
    if (!isDuplicate(error)) throw error;
    // The same request arrived twice at once: the first one's case is the answer.
    return placeHeld(sql, key, input.program!);
  }
}

/**
 * The answer when the person's place for the programme is already held: the case of this same
 * request when it holds it (sent twice at once, the other filed first), else a refusal.
 */
export async function placeHeld(sql: CaseSql, key: RequestKey, program: string): Promise<CaseRow> {
  const same = await answered(sql, key);
  if (same) return same;
  throw badInput('nik', `already has an open application for ${program}; follow it with its receipt.`);
}

export interface CaseChange {
  /** The statuses the change may start from. */
  from: readonly string[];
  to: string;
  note?: string | null;
  /** Whether `to` is final (decided, dismissed, resolved, closed). */
  closes: boolean;
  detail?: Prisma.InputJsonValue;
  villageCode?: string | null;
}

/**
 * Moves a case from one of `from` to `to` with an event, once per requestId (none for the
 * hub's own re-decisions). A case no longer in `from` (someone else moved it meanwhile) is
 * BAD_USER_INPUT naming its status.
 */
export async function moveCase(sql: CaseSql, key: RequestKey | null, kase: CaseRow, change: CaseChange, actor: Caller): Promise<CaseRow> {
  if (key) {
    const earlier = await answered(sql, key);
    if (earlier) return earlier;
  }
  // An application no longer open frees the person's place for the programme.
  const freesPlace = kase.kind === 'APPLICATION' && !OPEN_APPLICATION.includes(change.to);
  try {
    const [moved] = await selectCases(
      sql,
      `WITH moved AS (
         UPDATE intake_case SET status = $2, updated_at = $3::timestamptz,
           closed_at = CASE WHEN $4::boolean THEN $3::timestamptz ELSE closed_at END,
           detail = CASE WHEN $5::boolean THEN $6::jsonb ELSE detail END,
           village_code = CASE WHEN $7::boolean THEN $8 ELSE village_code END
         WHERE id = $1::bigint AND status = ANY($9::text[])
         RETURNING *
       ), event AS (
         INSERT INTO case_event (case_id, at, actor_role, actor_subject, actor_region, on_behalf_of, from_status, to_status, note)
         SELECT id, $3::timestamptz, $10, $11, $12, NULL, $13, $2, $14 FROM moved
       ), place AS (
         DELETE FROM open_application WHERE case_id = (SELECT id FROM moved) AND $15::boolean
       ), request AS (
         INSERT INTO intake_request (request_id, fingerprint, case_id, at) SELECT $16, $17, id, $3::timestamptz FROM moved WHERE $16::text IS NOT NULL
       )
       SELECT ${CASE_COLUMNS} FROM moved`,
      [
        kase.id.toString(),
        change.to,
        new Date().toISOString(),
        change.closes,
        change.detail !== undefined,
        change.detail === undefined ? null : JSON.stringify(change.detail),
        change.villageCode !== undefined,
        change.villageCode ?? null,
        [...change.from],
        actor.role,
        actor.subject ?? null,
        actor.region ?? null,
        kase.status,
        change.note ?? null,
        freesPlace,
        key?.requestId ?? null,
        key?.fingerprint ?? null,
      ],
    );
    if (moved) return moved;
  } catch (error) {
    if (key && isDuplicate(error)) {
      const same = await answered(sql, key);
      if (same) return same;
    }
    throw error;
  }
  // Someone else moved it meanwhile.
  const [current] = await sql.query<{ status: string }>('SELECT status FROM intake_case WHERE id = $1::bigint', [kase.id.toString()]);
  throw badInput('receipt', `names a case that is ${current?.status}; it cannot become ${change.to}.`);
}

/** The case with this receipt, if any. */
export async function caseOfReceipt(sql: CaseSql, receipt: string): Promise<CaseRow | undefined> {
  const [kase] = await selectCases(sql, `SELECT ${CASE_COLUMNS} FROM intake_case WHERE receipt = $1`, [receipt]);
  return kase;
}

/** The case with this receipt if it is about this NIK, else null: a wrong NIK and an unknown receipt look alike. */
export async function caseByReceipt(sql: CaseSql, kind: CaseKind, receipt: string, nik: string): Promise<CaseRow | null> {
  const kase = await caseOfReceipt(sql, receipt);
  return kase && kase.kind === kind && kase.nik === nik ? kase : null;
}

/** Whether the person has an application for the programme open (OPEN_APPLICATION). */
export async function hasOpenApplication(sql: CaseSql, nik: string, program: string): Promise<boolean> {
  return (await sql.query('SELECT 1 FROM open_application WHERE nik = $1 AND program = $2', [nik, program])).length > 0;
}
