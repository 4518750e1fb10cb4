/**
 * Complaints at a help desk (API.md, Workflows; Bengkulu Utara's posko keluhan): a citizen,
 * a facilitator or the operator at the desk files a complaint about a payment for a person
 * and programme; it gets a ticket number, lands in the queue of the person's region, moves
 * OPEN -> IN_PROGRESS -> RESOLVED (with the resolution) or CLOSED, and is overdue once its
 * due day passes unanswered ("zero deviation": the ministry sees whether desks answer).
 */
import { MAY, ROOT_FIELD } from '@tepat/auth';
import { badInput, nikArg, todayInJakarta, textArg } from '@tepat/core';
import { normaliseName } from '@tepat/rules';
import { builder } from '../builder.js';
import { caseByReceipt, fileCase } from '../cases.js';
import type { CaseRow } from '../db.js';
import { beginFiling, villageFiledFor } from '../filers.js';
import { operatorMove } from '../operator-moves.js';
import { hubUnavailable, personOf } from '../hub.js';
import { normaliseReceipt } from '../receipts.js';
import { CaseRef } from './case.js';

const ComplaintCategoryEnum = builder.enumType('ComplaintCategory', {
  description: 'What a complaint is about.',
  values: {
    NOT_RECEIVED: { description: 'The payment did not arrive.' },
    WRONG_AMOUNT: { description: 'Less (or more) was paid than due.' },
    CARD_OR_ACCOUNT: { description: 'A problem with the KKS card, the bank account or the PIN.' },
    WRONG_DATA: { description: "The person's data is wrong (name, address, family)." },
    OTHER: { description: 'Anything else.' },
  } as const,
});

const ComplaintStatusEnum = builder.enumType('ComplaintStatus', {
  description: "A complaint's status.",
  values: {
    OPEN: { description: 'Filed, not yet taken up.' },
    IN_PROGRESS: { description: 'An operator is working on it.' },
    RESOLVED: { description: 'Answered, with the resolution.' },
    CLOSED: { description: 'Closed without a resolution (withdrawn, a duplicate, not the desk\'s), with the reason.' },
  } as const,
});

export const ComplaintRef = builder.objectRef<CaseRow>('Complaint').implement({
  description: 'A complaint about a payment, with its ticket number.',
  interfaces: [CaseRef],
  isTypeOf: (kase) => (kase as CaseRow).kind === 'COMPLAINT',
  fields: (t) => ({
    ticket: t.exposeString('receipt', { description: 'The ticket number, e.g. ADU-…: the same as the receipt.' }),
    program: t.string({ description: 'The programme the payment is of.', resolve: (c) => c.program! }),
    status: t.field({ type: ComplaintStatusEnum, description: 'OPEN, IN_PROGRESS, RESOLVED or CLOSED.', resolve: (c) => c.status as never }),
    category: t.field({ type: ComplaintCategoryEnum, description: 'What it is about.', resolve: (c) => c.category as never }),
    description: t.exposeString('statement', { nullable: true, description: 'The complaint, as written.' }),
    resolution: t.string({
      nullable: true,
      description: 'How it was resolved, or why closed: the note of its final change.',
      resolve: async (c, _a, ctx) => (c.closedAt ? ((await ctx.loaders.eventsByCase.load(c.id)).at(-1)?.note ?? null) : null),
    }),
  }),
});

builder.queryField('complaint', (t) =>
  t.field({
    type: ComplaintRef,
    nullable: true,
    description: "The complainant's look-up: the complaint with this ticket for this NIK, or null (an unknown ticket and another NIK look alike).",
    tag: ROOT_FIELD.PUBLIC_WORKFLOW,
    authScopes: { roles: MAY.followCases },
    args: {
      ticket: t.arg.string({ required: true, description: 'The ticket number, e.g. ADU-7K3M-9QXD-2R4T.' }),
      nik: t.arg.string({ required: true, description: 'The NIK of the person the complaint is for.' }),
    },
    resolve: (_root, args, ctx) => caseByReceipt(ctx.sql, 'COMPLAINT', normaliseReceipt(textArg('ticket', args.ticket, 40)), nikArg('nik', args.nik)),
  }),
);

/** Today plus `days`, as a Date of that calendar day (Asia/Jakarta). */
function dueOn(days: number): Date {
  const due = new Date(`${todayInJakarta()}T00:00:00Z`);
  due.setUTCDate(due.getUTCDate() + days);
  return due;
}

builder.mutationField('submitComplaint', (t) =>
  t.field({
    type: ComplaintRef,
    description:
      "Files a complaint about a payment for a person and programme; it lands in the queue of the person's region, due in TEPAT_COMPLAINT_DUE_DAYS days (14). The NIK and name must match population. The same requestId gives the same complaint.",
    tag: ROOT_FIELD.PUBLIC_WORKFLOW,
    authScopes: { roles: MAY.fileComplaints },
    args: {
      nik: t.arg.string({ required: true, description: 'The NIK of the person the payment is for.' }),
      name: t.arg.string({ required: true, description: 'Their name as on the KTP.' }),
      program: t.arg.string({ required: true, description: 'The programme, e.g. PKH.' }),
      category: t.arg({ type: ComplaintCategoryEnum, required: true, description: 'What it is about.' }),
      description: t.arg.string({ required: true, description: 'What happened, in a few sentences.' }),
      requestId: t.arg.string({ required: true, description: 'Chosen by the caller, new for each complaint: a retry with it gives the first answer.' }),
    },
    resolve: async (_root, args, ctx) => {
      const nik = nikArg('nik', args.nik);
      const name = textArg('name', args.name, 200);
      const program = textArg('program', args.program, 40);
      const description = textArg('description', args.description, 2000, { multiline: true });
      const filing = await beginFiling(ctx, 'submitComplaint', args.requestId, { nik, name: normaliseName(name), program, category: args.category, description }, nik);
      if (filing.earlier) return filing.earlier;
      const { key } = filing;
      await ctx.service.program(program);
      const person = await personOf(ctx.service.gateway, nik);
      const villageCode = villageFiledFor(ctx.caller, person);
      if (person === 'unconfirmed') throw hubUnavailable('population could not check the NIK and name');
      if (!person || normaliseName(person.fullName) !== normaliseName(name)) {
        await filing.nameFailed();
        // The same words for an unknown NIK and a name that differs.
        throw badInput('name', 'and the NIK do not match population (Dukcapil).');
      }
      return fileCase(
        ctx.sql,
        key,
        { kind: 'COMPLAINT', status: 'OPEN', nik, program, villageCode, category: args.category, statement: description, dueOn: dueOn(ctx.service.env.complaintDueDays) },
        ctx.caller,
      );
    },
  }),
);

/** An operator's moves of a complaint of its region. */
const MOVES = {
  startComplaint: { from: ['OPEN'], to: 'IN_PROGRESS', closes: false, noteArg: 'note', required: false, says: 'An operator takes the complaint up, with a note.' },
  resolveComplaint: { from: ['OPEN', 'IN_PROGRESS'], to: 'RESOLVED', closes: true, noteArg: 'resolution', required: true, says: 'An operator resolves the complaint, saying how.' },
  closeComplaint: { from: ['OPEN', 'IN_PROGRESS'], to: 'CLOSED', closes: true, noteArg: 'reason', required: true, says: 'An operator closes the complaint without a resolution, saying why.' },
} as const;

for (const [operation, move] of Object.entries(MOVES)) {
  builder.mutationField(operation, (t) =>
    t.field({
      type: ComplaintRef,
      description: move.says,
      tag: ROOT_FIELD.AUDITED,
      authScopes: { roles: MAY.workCases },
      args: {
        ticket: t.arg.string({ required: true, description: "The complaint's ticket number." }),
        [move.noteArg]: t.arg.string({ required: move.required, description: move.required ? 'Required.' : 'Optional.' }),
        requestId: t.arg.string({ required: true, description: 'Chosen by the caller: a retry with it gives the first answer.' }),
      },
      resolve: (_root, args, ctx) => {
        const values = args as Record<string, string | null | undefined>;
        return operatorMove(ctx, {
          operation,
          kind: 'COMPLAINT',
          receiptArg: 'ticket',
          receipt: values.ticket!,
          note: values[move.noteArg],
          requestId: values.requestId!,
          ...move,
        });
      },
    }),
  );
}
