/**
 * Usul-sanggah (API.md, Workflows; Portal Bansos Digital, Cek Bansos): the public proposes
 * people for DTKS (usul) and objects to current members or recipients (sanggah); the
 * operators of the person's region decide. An accepted proposal admits the person to DTKS
 * (ACTIVE, the decile pending verification) and an upheld objection deactivates the member,
 * both through DTKS curation with the case's receipt in the member's history. An objection
 * not decided within TEPAT_OBJECTION_DUE_DAYS (14) expires.
 */
import { MAY, ROOT_FIELD } from '@tepat/auth';
import { badInput, nikArg, textArg, todayInJakarta } from '@tepat/core';
import { normaliseName } from '@tepat/rules';
import { dtksReasonEnum } from '@tepat/subgraph-kit';
import { builder } from '../builder.js';
import { answered, caseByReceipt, fileCase, requestKey } from '../cases.js';
import type { Context } from '../context.js';
import type { CaseRow } from '../db.js';
import { beginFiling, villageFiledFor } from '../filers.js';
import { casePeople, curateDtks, hubUnavailable } from '../hub.js';
import { operatorMove } from '../operator-moves.js';
import { normaliseReceipt } from '../receipts.js';
import { CaseRef } from './case.js';

const DtksReasonEnum = dtksReasonEnum(builder);

const ProposalStatusEnum = builder.enumType('ProposalStatus', {
  description: "A proposal's status.",
  values: {
    QUEUED: { description: "Waiting for the region's operators." },
    ACCEPTED: { description: 'The person was admitted to DTKS (ACTIVE, the decile pending verification), or reactivated.' },
    REJECTED: { description: 'An operator rejected it, with the reason.' },
  } as const,
});

const ObjectionStatusEnum = builder.enumType('ObjectionStatus', {
  description: "An objection's status.",
  values: {
    QUEUED: { description: "Waiting for the region's operators, who have TEPAT_OBJECTION_DUE_DAYS (14) days." },
    UPHELD: { description: "Upheld: the member was deactivated, the objection's receipt in the member's history." },
    DISMISSED: { description: 'An operator dismissed it, with the reason.' },
    EXPIRED: { description: 'Not decided in time.' },
  } as const,
});

/** What a proposal or an objection rests on, stored with it. */
interface UsulSanggahDetail {
  /** The person's DTKS record when the case was filed. */
  dtksWhenFiled: { status: string; decile: number | null } | null;
}

const detailOf = (kase: CaseRow) => kase.detail as unknown as UsulSanggahDetail;

const DTKS_WHEN_FILED = "The person's DTKS status when the case was filed (ACTIVE or INACTIVE); null when not in DTKS.";

export const ProposalRef = builder.objectRef<CaseRow>('Proposal').implement({
  description: 'A proposal (usul) to add a person to DTKS.',
  interfaces: [CaseRef],
  isTypeOf: (kase) => (kase as CaseRow).kind === 'PROPOSAL',
  fields: (t) => ({
    status: t.field({ type: ProposalStatusEnum, description: 'QUEUED, ACCEPTED or REJECTED.', resolve: (c) => c.status as never }),
    reason: t.exposeString('statement', { nullable: true, description: 'Why the person should be in DTKS, as written.' }),
    dtksWhenFiled: t.string({ nullable: true, description: DTKS_WHEN_FILED, resolve: (c) => detailOf(c).dtksWhenFiled?.status ?? null }),
    submitterNik: t.exposeString('reporterNik', {
      nullable: true,
      authScopes: { roles: MAY.readRecordsAnywhere },
      description: "The submitter's NIK: for auditors only.",
    }),
  }),
});

export const ObjectionRef = builder.objectRef<CaseRow>('Objection').implement({
  description: 'An objection (sanggah) to a DTKS member or recipient.',
  interfaces: [CaseRef],
  isTypeOf: (kase) => (kase as CaseRow).kind === 'OBJECTION',
  fields: (t) => ({
    status: t.field({ type: ObjectionStatusEnum, description: 'QUEUED, UPHELD, DISMISSED or EXPIRED.', resolve: (c) => c.status as never }),
    reason: t.field({ type: DtksReasonEnum, description: 'Why the person should not be in DTKS.', resolve: (c) => c.category as never }),
    note: t.exposeString('statement', { nullable: true, description: 'What the submitter wrote.' }),
    dtksWhenFiled: t.string({ nullable: true, description: DTKS_WHEN_FILED, resolve: (c) => detailOf(c).dtksWhenFiled?.status ?? null }),
    submitterNik: t.exposeString('reporterNik', {
      nullable: true,
      authScopes: { roles: MAY.readRecordsAnywhere },
      description: "The submitter's NIK: for auditors only.",
    }),
  }),
});

builder.queryFields((t) => ({
  proposal: t.field({
    type: ProposalRef,
    nullable: true,
    description: "A proposal followed by its receipt and the proposed person's NIK, or null (an unknown receipt and another NIK look alike).",
    tag: ROOT_FIELD.PUBLIC_WORKFLOW,
    authScopes: { roles: MAY.followCases },
    args: {
      receipt: t.arg.string({ required: true, description: 'The receipt, e.g. USL-…' }),
      nik: t.arg.string({ required: true, description: 'The NIK of the person proposed.' }),
    },
    resolve: (_root, args, ctx) => caseByReceipt(ctx.sql, 'PROPOSAL', normaliseReceipt(textArg('receipt', args.receipt, 40)), nikArg('nik', args.nik)),
  }),
  objection: t.field({
    type: ObjectionRef,
    nullable: true,
    description: "An objection followed by its receipt and the NIK objected to, or null (an unknown receipt and another NIK look alike).",
    tag: ROOT_FIELD.PUBLIC_WORKFLOW,
    authScopes: { roles: MAY.followCases },
    args: {
      receipt: t.arg.string({ required: true, description: 'The receipt, e.g. SGH-…' }),
      nik: t.arg.string({ required: true, description: 'The NIK of the person objected to.' }),
    },
    resolve: (_root, args, ctx) => caseByReceipt(ctx.sql, 'OBJECTION', normaliseReceipt(textArg('receipt', args.receipt, 40)), nikArg('nik', args.nik)),
  }),
}));

/** Today plus `days`, as the Date of that calendar day (Asia/Jakarta). */
function dayAfter(days: number): Date {
  const day = new Date(`${todayInJakarta()}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() + days);
  return day;
}

builder.mutationFields((t) => ({
  submitProposal: t.field({
    type: ProposalRef,
    description:
      "Proposes a person (oneself, one's family, someone else) for DTKS, with the reason. The NIK and name must match population; the proposal lands in the queue of the person's region. The same requestId gives the same proposal.",
    tag: ROOT_FIELD.PUBLIC_WORKFLOW,
    authScopes: { roles: MAY.fileProposals },
    args: {
      nik: t.arg.string({ required: true, description: 'The NIK of the person proposed.' }),
      name: t.arg.string({ required: true, description: 'Their name as on the KTP.' }),
      submitterNik: t.arg.string({ required: true, description: "The submitter's NIK." }),
      reason: t.arg.string({ required: true, description: 'Why the person should be in DTKS.' }),
      requestId: t.arg.string({ required: true, description: 'Chosen by the caller, new for each proposal: a retry with it gives the first answer.' }),
    },
    resolve: async (_root, args, ctx) => {
      const nik = nikArg('nik', args.nik);
      const name = textArg('name', args.name, 200);
      const submitterNik = nikArg('submitterNik', args.submitterNik);
      const reason = textArg('reason', args.reason, 2000, { multiline: true });
      const filing = await beginFiling(ctx, 'submitProposal', args.requestId, { nik, name: normaliseName(name), submitterNik, reason }, nik);
      if (filing.earlier) return filing.earlier;
      const { key } = filing;
      const { person } = await casePeople(ctx.service.gateway, nik, null);
      const villageCode = villageFiledFor(ctx.caller, person && { fullName: person.fullName, villageCode: person.villageCode });
      if (!person || normaliseName(person.fullName) !== normaliseName(name)) {
        await filing.nameFailed();
        throw badInput('name', 'and the NIK do not match population (Dukcapil).');
      }
      const detail: UsulSanggahDetail = { dtksWhenFiled: person.dtks };
      return fileCase(
        ctx.sql,
        key,
        { kind: 'PROPOSAL', status: 'QUEUED', nik, villageCode, reporterNik: submitterNik, statement: reason, detail: detail as never },
        ctx.caller,
      );
    },
  }),
  submitObjection: t.field({
    type: ObjectionRef,
    description:
      "Objects to a current DTKS member or recipient (sanggah). The submitter must live in the same village as the person objected to; the region's operators decide within TEPAT_OBJECTION_DUE_DAYS (14) days, else it expires. The same requestId gives the same objection.",
    tag: ROOT_FIELD.PUBLIC_WORKFLOW,
    authScopes: { roles: MAY.fileProposals },
    args: {
      nik: t.arg.string({ required: true, description: 'The NIK of the person objected to.' }),
      submitterNik: t.arg.string({ required: true, description: "The submitter's NIK: they must live in the same village." }),
      reason: t.arg({ type: DtksReasonEnum, required: true, description: 'Why the person should not be in DTKS.' }),
      note: t.arg.string({ description: 'What the submitter knows, e.g. the new address or the date of death.' }),
      requestId: t.arg.string({ required: true, description: 'Chosen by the caller, new for each objection: a retry with it gives the first answer.' }),
    },
    resolve: async (_root, args, ctx) => {
      const nik = nikArg('nik', args.nik);
      const submitterNik = nikArg('submitterNik', args.submitterNik);
      const note = args.note == null ? null : textArg('note', args.note, 2000, { multiline: true });
      const key = requestKey('submitObjection', args.requestId, { nik, submitterNik, reason: args.reason, note });
      const earlier = await answered(ctx.sql, key);
      if (earlier) return earlier;
      const { person, submitterVillage } = await casePeople(ctx.service.gateway, nik, submitterNik);
      const villageCode = villageFiledFor(ctx.caller, person && { fullName: person.fullName, villageCode: person.villageCode });
      // API.md: the submitter must live in the same village as the person objected to.
      if (!person || !submitterVillage || submitterVillage !== person.villageCode) {
        throw badInput('submitterNik', 'must be of someone living in the same village as the person objected to; an objection is a neighbour\'s.');
      }
      if (person.dtks?.status !== 'ACTIVE') throw badInput('nik', 'is not an active DTKS member; there is nothing to object to.');
      const detail: UsulSanggahDetail = { dtksWhenFiled: person.dtks };
      return fileCase(
        ctx.sql,
        key,
        {
          kind: 'OBJECTION',
          status: 'QUEUED',
          nik,
          villageCode,
          reporterNik: submitterNik,
          category: args.reason,
          statement: note,
          detail: detail as never,
          dueOn: dayAfter(ctx.service.env.objectionDueDays),
        },
        ctx.caller,
      );
    },
  }),
}));

/**
 * The operators' decisions on proposals and objections of their region: what each may move
 * from and to, the words it takes, and what it carries out in DTKS first.
 */
const DECISIONS = {
  acceptProposal: {
    kind: 'PROPOSAL',
    to: 'ACCEPTED',
    noteArg: 'note',
    required: false,
    says: "An operator of the region accepts a proposal: the person enters DTKS ACTIVE (the decile pending verification until an import brings one), or an INACTIVE record is reactivated; the proposal's receipt is in the member's history.",
  },
  rejectProposal: { kind: 'PROPOSAL', to: 'REJECTED', noteArg: 'reason', required: true, says: 'An operator of the region rejects a proposal, with the reason.' },
  upholdObjection: {
    kind: 'OBJECTION',
    to: 'UPHELD',
    noteArg: 'note',
    required: false,
    says: "An operator of the region upholds an objection: the member is deactivated for the objection's reason, through DTKS curation, with the objection's receipt in the member's history.",
  },
  dismissObjection: { kind: 'OBJECTION', to: 'DISMISSED', noteArg: 'reason', required: true, says: 'An operator of the region dismisses an objection, with the reason.' },
} as const;

/** What a decision carries out in DTKS before the case moves (idempotent: a retry changes nothing more there). */
async function carryOut(ctx: Context, operation: keyof typeof DECISIONS, kase: CaseRow, note: string | null): Promise<void> {
  if (operation === 'upholdObjection') {
    return curateDtks(ctx.service.gateway, 'deactivateDtksMember', { nik: kase.nik, reason: kase.category!, note, reference: kase.receipt });
  }
  if (operation === 'acceptProposal') {
    const { person } = await casePeople(ctx.service.gateway, kase.nik, null);
    if (!person) throw hubUnavailable('population no longer knows the person');
    if (person.dtks?.status === 'ACTIVE') throw badInput('receipt', 'names a proposal for someone already ACTIVE in DTKS; reject it saying so.');
    await curateDtks(ctx.service.gateway, person.dtks ? 'reactivateDtksMember' : 'admitDtksMember', { nik: kase.nik, note, reference: kase.receipt });
  }
}

for (const [operation, decision] of Object.entries(DECISIONS) as [keyof typeof DECISIONS, (typeof DECISIONS)[keyof typeof DECISIONS]][]) {
  builder.mutationField(operation, (t) =>
    t.field({
      type: decision.kind === 'PROPOSAL' ? ProposalRef : ObjectionRef,
      description: decision.says,
      tag: ROOT_FIELD.AUDITED,
      authScopes: { roles: MAY.workCases },
      args: {
        receipt: t.arg.string({ required: true, description: `The ${decision.kind.toLowerCase()}'s receipt.` }),
        [decision.noteArg]: t.arg.string({ required: decision.required, description: decision.required ? 'Why: required.' : 'What was verified.' }),
        requestId: t.arg.string({ required: true, description: 'Chosen by the caller: a retry with it gives the first answer.' }),
      },
      resolve: (_root, args, ctx) => {
        const values = args as Record<string, string | null | undefined>;
        return operatorMove(ctx, {
          operation,
          kind: decision.kind,
          receiptArg: 'receipt',
          receipt: values.receipt!,
          noteArg: decision.noteArg,
          note: values[decision.noteArg],
          requestId: values.requestId!,
          from: ['QUEUED'],
          to: decision.to,
          closes: true,
          carryOut: (kase, note) => carryOut(ctx, operation, kase, note),
        });
      },
    }),
  );
}
