/**
 * An operator's decision on a case of its region (API.md, Workflows): verifying or
 * dismissing a report, moving a complaint on, accepting or rejecting a proposal, upholding
 * or dismissing an objection. The same steps for each: the receipt and note read, the
 * request's key, the case found and in the operator's region, what the decision carries out
 * elsewhere (DTKS curation, itself idempotent), then the move with its history event.
 */
import { badInput, textArg } from '@tepat/core';
import { answered, caseOfReceipt, moveCase, requestKey } from './cases.js';
import type { Context } from './context.js';
import type { CaseRow } from './db.js';
import { requireInRegion } from './filers.js';
import { normaliseReceipt, type CaseKind } from './receipts.js';

export interface OperatorMove {
  operation: string;
  kind: CaseKind;
  /** The argument naming the case: `receipt`, or `ticket` for complaints. */
  receiptArg: 'receipt' | 'ticket';
  receipt: string;
  /** The argument the operator's words come in, and what was written (null when optional and absent). */
  noteArg: string;
  note: string | null | undefined;
  requestId: string;
  from: readonly string[];
  to: string;
  closes: boolean;
  /** Done before the case moves, e.g. deactivating the member an objection is upheld against; must be idempotent. */
  carryOut?(kase: CaseRow, note: string | null): Promise<void>;
}

export async function operatorMove(ctx: Context, move: OperatorMove): Promise<CaseRow> {
  const receipt = normaliseReceipt(textArg(move.receiptArg, move.receipt, 40));
  const note = move.note == null ? null : textArg(move.noteArg, move.note, 2000, { multiline: true });
  const key = requestKey(move.operation, move.requestId, { receipt, note });
  const earlier = await answered(ctx.sql, key);
  if (earlier) return earlier;
  const kase = await caseOfReceipt(ctx.sql, receipt);
  if (!kase || kase.kind !== move.kind) throw badInput(move.receiptArg, `names no ${move.kind.toLowerCase()}.`);
  requireInRegion(ctx.caller, kase);
  if (!move.from.includes(kase.status)) {
    throw badInput(move.receiptArg, `names a ${move.kind.toLowerCase()} that is ${kase.status}; it cannot become ${move.to}.`);
  }
  await move.carryOut?.(kase, note);
  return moveCase(ctx.sql, key, kase, { from: move.from, to: move.to, closes: move.closes, note }, ctx.caller);
}
