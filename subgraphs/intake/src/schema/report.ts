/**
 * `submitReport` (API.md, Workflows; Banyuwangi's Smart Kampung): anyone reports themselves
 * or another person as in need. Rejected at once, with the reason, when someone on the
 * person's family card received aid in the last 180 days (FAMILY_NOT_RECEIVING of any
 * programme, as of today, asked of eligibility); otherwise QUEUED for the operators of the
 * person's region, who verify or dismiss it.
 */
import { MAY, ROOT_FIELD } from '@tepat/auth';
import { nikArg, textArg } from '@tepat/core';
import { normaliseName, REPORT_RULE_SET, type EligibilityResult } from '@tepat/rules';
import { builder } from '../builder.js';
import { caseByReceipt, fileCase } from '../cases.js';
import type { CaseRow } from '../db.js';
import { beginFiling, villageBeforeDeciding } from '../filers.js';
import { operatorMove } from '../operator-moves.js';
import type { Prisma } from '../generated/prisma/client.ts';
import { decide } from '../hub.js';
import { normaliseReceipt } from '../receipts.js';
import { reasonsOf } from '../reasons.js';
import { CaseRef, LanguageEnum } from './case.js';

/** What a report rests on, stored with it. */
interface ReportDetail {
  /** The cross-check of the reported person's family card. */
  check: EligibilityResult;
}

const ReportStatusEnum = builder.enumType('ReportStatus', {
  description: "A community report's status (API.md, Workflows).",
  values: {
    REJECTED: { description: "Someone on the person's family card received aid in the last 180 days (or the NIK and name do not match)." },
    QUEUED: { description: "Waiting for the region's operators to verify it." },
    VERIFIED: { description: 'An operator found the person in need.' },
    DISMISSED: { description: 'An operator dismissed it, with the reason.' },
  } as const,
});

const checkOf = (kase: CaseRow) => (kase.detail as unknown as ReportDetail).check;

export const ReportRef = builder.objectRef<CaseRow>('Report').implement({
  description: 'A community report that a person is in need.',
  interfaces: [CaseRef],
  isTypeOf: (kase) => (kase as CaseRow).kind === 'REPORT',
  fields: (t) => ({
    status: t.field({ type: ReportStatusEnum, description: 'REJECTED, QUEUED, VERIFIED or DISMISSED.', resolve: (c) => c.status as never }),
    reasons: t.stringList({
      description: "Why it was rejected at once (which programme paid the family card, and when; the member masked), or what could not be checked yet.",
      args: { language: t.arg({ type: LanguageEnum, required: true, defaultValue: 'ID', description: 'ID (default) or EN.' }) },
      resolve: (c, args, ctx) => reasonsOf(checkOf(c), args.language, ctx.service.regions),
    }),
    reason: t.exposeString('statement', { nullable: true, description: 'Why the reporter thinks the person is in need, as written.' }),
    reporterNik: t.exposeString('reporterNik', {
      nullable: true,
      authScopes: { roles: MAY.readRecordsAnywhere },
      description: "The reporter's NIK, when given: for auditors only.",
    }),
  }),
});

builder.queryField('report', (t) =>
  t.field({
    type: ReportRef,
    nullable: true,
    description: 'A report followed by its receipt and the reported NIK, or null (an unknown receipt and another NIK look alike).',
    tag: ROOT_FIELD.PUBLIC_WORKFLOW,
    authScopes: { roles: MAY.followCases },
    args: {
      receipt: t.arg.string({ required: true, description: 'The receipt given when reporting, e.g. LAP-…' }),
      nik: t.arg.string({ required: true, description: 'The NIK of the person reported.' }),
    },
    resolve: (_root, args, ctx) => caseByReceipt(ctx.sql, 'REPORT', normaliseReceipt(textArg('receipt', args.receipt, 40)), nikArg('nik', args.nik)),
  }),
);

builder.mutationField('submitReport', (t) =>
  t.field({
    type: ReportRef,
    description:
      "Reports a person (oneself or another) as in need. Rejected at once when someone on the person's family card received aid in the last 180 days, else QUEUED for the region's operators. The same requestId gives the same report.",
    tag: ROOT_FIELD.PUBLIC_WORKFLOW,
    authScopes: { roles: MAY.fileCases },
    args: {
      nik: t.arg.string({ required: true, description: 'The NIK of the person in need.' }),
      name: t.arg.string({ required: true, description: 'Their name as on the KTP.' }),
      reporterNik: t.arg.string({ description: "The reporter's NIK, when they give it (someone reporting a neighbour)." }),
      reason: t.arg.string({ required: true, description: 'Why the person is in need, in a few sentences.' }),
      requestId: t.arg.string({ required: true, description: 'Chosen by the caller, new for each report: a retry with it gives the first answer.' }),
    },
    resolve: async (_root, args, ctx) => {
      const nik = nikArg('nik', args.nik);
      const name = textArg('name', args.name, 200);
      const reporterNik = args.reporterNik == null ? null : nikArg('reporterNik', args.reporterNik);
      const reason = textArg('reason', args.reason, 2000, { multiline: true });
      const filing = await beginFiling(ctx, 'submitReport', args.requestId, { nik, name: normaliseName(name), reporterNik, reason }, nik);
      if (filing.earlier) return filing.earlier;
      const { key } = filing;
      const filedFor = await villageBeforeDeciding(ctx, nik);
      const { decision: check, villageCode } = await decide(ctx.service.gateway, { nik, name, ruleSet: REPORT_RULE_SET, program: null, villageCode: filedFor });
      const failed = check.checks.some((c) => c.status === 'FAIL');
      if (check.checks[0]?.status === 'FAIL') await filing.nameFailed();
      const detail: ReportDetail = { check };
      return fileCase(
        ctx.sql,
        key,
        {
          kind: 'REPORT',
          status: failed ? 'REJECTED' : 'QUEUED',
          nik,
          villageCode,
          reporterNik,
          statement: reason,
          detail: detail as unknown as Prisma.InputJsonValue,
          closed: failed,
        },
        ctx.caller,
      );
    },
  }),
);

const decideReport = { kind: 'REPORT', receiptArg: 'receipt', from: ['QUEUED'], closes: true } as const;

builder.mutationFields((t) => ({
  verifyReport: t.field({
    type: ReportRef,
    description: "An operator of the report's region verified that the person is in need (a visit, a neighbour's word), with a note.",
    tag: ROOT_FIELD.AUDITED,
    authScopes: { roles: MAY.workCases },
    args: {
      receipt: t.arg.string({ required: true, description: "The report's receipt." }),
      note: t.arg.string({ description: 'What was found.' }),
      requestId: t.arg.string({ required: true, description: 'Chosen by the caller: a retry with it gives the first answer.' }),
    },
    resolve: (_root, args, ctx) =>
      operatorMove(ctx, { ...decideReport, operation: 'verifyReport', to: 'VERIFIED', receipt: args.receipt, noteArg: 'note', note: args.note, requestId: args.requestId }),
  }),
  dismissReport: t.field({
    type: ReportRef,
    description: "An operator of the report's region dismissed it, with the reason.",
    tag: ROOT_FIELD.AUDITED,
    authScopes: { roles: MAY.workCases },
    args: {
      receipt: t.arg.string({ required: true, description: "The report's receipt." }),
      reason: t.arg.string({ required: true, description: 'Why it is dismissed.' }),
      requestId: t.arg.string({ required: true, description: 'Chosen by the caller: a retry with it gives the first answer.' }),
    },
    resolve: (_root, args, ctx) =>
      operatorMove(ctx, { ...decideReport, operation: 'dismissReport', to: 'DISMISSED', receipt: args.receipt, noteArg: 'reason', note: args.reason, requestId: args.requestId }),
  }),
}));
