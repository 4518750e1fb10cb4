/**
 * The case store (API.md, Workflows): every state change is one transaction that writes the
 * case, its history event and the request it answers, so nothing is half-written; a request
 * repeated with the same requestId gets the case it made the first time and changes nothing
 * more, even when two arrive at once (the request's key refuses the second).
 */
import type { Caller } from '@tepat/auth';
import { badInput } from '@tepat/core';
import { requestIdReused, type RequestKey } from '@tepat/subgraph-kit';
import type { CaseRow, PrismaClient } from './db.js';
import type { Prisma } from './generated/prisma/client.ts';
import { newReceipt, type CaseKind } from './receipts.js';

export { requestKey, type RequestKey } from '@tepat/subgraph-kit';

/** The case an earlier request with this requestId made; BAD_USER_INPUT when that request asked something else. */
export async function answered(prisma: PrismaClient, key: RequestKey): Promise<CaseRow | undefined> {
  const request = await prisma.intakeRequest.findUnique({ where: { requestId: key.requestId } });
  if (!request) return undefined;
  if (request.fingerprint !== key.fingerprint) throw requestIdReused();
  return prisma.intakeCase.findUniqueOrThrow({ where: { id: request.caseId } });
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

function actorColumns(actor: Caller) {
  return { actorRole: actor.role, actorSubject: actor.subject ?? null, actorRegion: actor.region ?? null };
}

/** Whether an error is a unique key refusing a row (Prisma's P2002). */
function isDuplicate(error: unknown): boolean {
  return (error as { code?: string }).code === 'P2002';
}

/** The statuses in which an application is open: at most one per person and programme. */
export const OPEN_APPLICATION = ['PENDING', 'ACCEPTED'];

/**
 * Files a new case with its receipt and first event, once per requestId. An application
 * that is open holds the person's place for the programme (OPEN_APPLICATION).
 */
export async function fileCase(prisma: PrismaClient, key: RequestKey, input: NewCase, actor: Caller): Promise<CaseRow> {
  const earlier = await answered(prisma, key);
  if (earlier) return earlier;
  const now = new Date();
  try {
    return await prisma.$transaction(async (tx) => {
      const kase = await tx.intakeCase.create({
        data: {
          receipt: newReceipt(input.kind),
          kind: input.kind,
          status: input.status,
          nik: input.nik,
          program: input.program ?? null,
          villageCode: input.villageCode ?? null,
          reporterNik: input.reporterNik ?? null,
          category: input.category ?? null,
          statement: input.statement ?? null,
          detail: input.detail,
          filedByRole: actor.role,
          filedBySubject: actor.subject ?? null,
          filedByRegion: actor.region ?? null,
          filedAt: now,
          updatedAt: now,
          closedAt: input.closed ? now : null,
          dueOn: input.dueOn ?? null,
          events: {
            create: { at: now, ...actorColumns(actor), onBehalfOf: onBehalfOf(actor, input.nik), fromStatus: null, toStatus: input.status, note: input.note ?? null },
          },
        },
      });
      if (input.kind === 'APPLICATION' && OPEN_APPLICATION.includes(input.status)) {
        await tx.openApplication.create({ data: { nik: input.nik, program: input.program!, caseId: kase.id } });
      }
      await tx.intakeRequest.create({ data: { ...key, caseId: kase.id, at: now } });
      return kase;
    });
  } catch (error) {
    if (!isDuplicate(error)) throw error;
    // The same request arrived twice at once: the first one's case is the answer.
    const same = await answered(prisma, key);
    if (same) return same;
    throw alreadyOpen(input.program!);
  }
}

/** The answer to a second application while one for the programme is open. */
export function alreadyOpen(program: string) {
  return badInput('nik', `already has an open application for ${program}; follow it with its receipt.`);
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
export async function moveCase(prisma: PrismaClient, key: RequestKey | null, kase: CaseRow, change: CaseChange, actor: Caller): Promise<CaseRow> {
  if (key) {
    const earlier = await answered(prisma, key);
    if (earlier) return earlier;
  }
  const now = new Date();
  try {
    return await prisma.$transaction(async (tx) => {
      const { count } = await tx.intakeCase.updateMany({
        where: { id: kase.id, status: { in: [...change.from] } },
        data: {
          status: change.to,
          updatedAt: now,
          ...(change.closes ? { closedAt: now } : {}),
          ...(change.detail === undefined ? {} : { detail: change.detail }),
          ...(change.villageCode === undefined ? {} : { villageCode: change.villageCode }),
        },
      });
      if (count === 0) {
        const current = await tx.intakeCase.findUniqueOrThrow({ where: { id: kase.id } });
        throw badInput('receipt', `names a case that is ${current.status}; it cannot become ${change.to}.`);
      }
      await tx.caseEvent.create({
        data: { caseId: kase.id, at: now, ...actorColumns(actor), onBehalfOf: null, fromStatus: kase.status, toStatus: change.to, note: change.note ?? null },
      });
      // An application no longer open frees the person's place for the programme.
      if (kase.kind === 'APPLICATION' && !OPEN_APPLICATION.includes(change.to)) await tx.openApplication.deleteMany({ where: { caseId: kase.id } });
      if (key) await tx.intakeRequest.create({ data: { ...key, caseId: kase.id, at: now } });
      return tx.intakeCase.findUniqueOrThrow({ where: { id: kase.id } });
    });
  } catch (error) {
    if (key && isDuplicate(error)) {
      const same = await answered(prisma, key);
      if (same) return same;
    }
    throw error;
  }
}

/** The case with this receipt if it is about this NIK, else null: a wrong NIK and an unknown receipt look alike. */
export async function caseByReceipt(prisma: PrismaClient, kind: CaseKind, receipt: string, nik: string): Promise<CaseRow | null> {
  const kase = await prisma.intakeCase.findUnique({ where: { receipt } });
  return kase && kase.kind === kind && kase.nik === nik ? kase : null;
}
