/**
 * `submitApplication` and `application` (API.md, Workflows; Jembrana's I-BAN): a citizen, a
 * FACILITATOR or a REGIONAL_APP applies for a programme with NIK and name, its rule set
 * decides at once in the programme's context, and the applicant follows it by receipt.
 */
import { type Caller, MAY, ROOT_FIELD } from '@tepat/auth';
import { badInput, nikArg, textArg } from '@tepat/core';
import { collectionPointType, eligibilityResultType } from '@tepat/subgraph-kit';
import { normaliseName, type EligibilityResult } from '@tepat/rules';
import { decideAgain, decideApplication, type ApplicationDetail } from '../applications.js';
import { builder } from '../builder.js';
import { answered, caseByReceipt, caseOfReceipt, fileCase, hasOpenApplication, placeHeld, requestKey } from '../cases.js';
import type { CaseRow } from '../db.js';
import { requireInRegion, beginFiling, villageBeforeDeciding } from '../filers.js';
import type { Prisma } from '../generated/prisma/client.ts';
import { normaliseReceipt } from '../receipts.js';
import { reasonsOf } from '../reasons.js';
import { CaseRef, LanguageEnum } from './case.js';

const EligibilityResultRef = eligibilityResultType(builder);
const CollectionPointRef = collectionPointType(builder);

const ApplicationStatusEnum = builder.enumType('ApplicationStatus', {
  description: "An application's status (API.md, Workflows).",
  values: {
    PENDING: { description: 'A source could not answer (UNDETERMINED): it is decided again automatically when they do.' },
    ACCEPTED: { description: 'Eligible under the programme\'s rule set: the collection point says where to collect.' },
    REJECTED: { description: 'Not eligible: the reasons say why, one per failed check.' },
  } as const,
});

const detailOf = (kase: CaseRow) => kase.detail as unknown as ApplicationDetail;

/**
 * The decision as a caller may see it. The public do not learn from an IDENTITY failure
 * whether the NIK is unknown or the name differs (the evidence tells them apart), so NIKs
 * cannot be tested one by one.
 */
function decisionFor(caller: Caller, decision: EligibilityResult): EligibilityResult {
  const [identity] = decision.checks;
  if (caller.role !== 'PUBLIC' || identity?.code !== 'IDENTITY' || identity.status !== 'FAIL') return decision;
  return { ...decision, checks: [{ ...identity, reason: 'the NIK and the name do not match population', evidence: {} }] };
}

export const ApplicationRef = builder.objectRef<CaseRow>('Application').implement({
  description: 'An application for a programme, decided by its rule set in its context.',
  interfaces: [CaseRef],
  isTypeOf: (kase) => (kase as CaseRow).kind === 'APPLICATION',
  fields: (t) => ({
    program: t.string({ description: 'The programme applied for.', resolve: (c) => c.program! }),
    programName: t.string({ description: "The programme's name.", resolve: (c) => detailOf(c).programName }),
    status: t.field({ type: ApplicationStatusEnum, description: 'ACCEPTED, REJECTED or PENDING.', resolve: (c) => c.status as never }),
    decision: t.field({
      type: EligibilityResultRef,
      description: 'The decision the status rests on, check by check (the latest, for an application decided again).',
      resolve: (c, _a, ctx) => decisionFor(ctx.caller, detailOf(c).decision),
    }),
    reasons: t.stringList({
      description: 'Why not accepted, one sentence per failed or unknown check with the fact that decided it; empty when accepted.',
      args: { language: t.arg({ type: LanguageEnum, required: true, defaultValue: 'ID', description: 'ID (default) or EN.' }) },
      resolve: (c, args, ctx) => reasonsOf(decisionFor(ctx.caller, detailOf(c).decision), args.language, ctx.service.regions),
    }),
    collectionPoint: t.field({
      type: CollectionPointRef,
      nullable: true,
      description: "Where to collect, when ACCEPTED: the programme's point in the applicant's district, else in the regency, else the district office.",
      resolve: (c) => (c.status === 'ACCEPTED' ? detailOf(c).collectionPoint : null),
    }),
  }),
});

builder.queryField('application', (t) =>
  t.field({
    type: ApplicationRef,
    nullable: true,
    description: "The applicant's own look-up: the application with this receipt for this NIK, or null (an unknown receipt and another NIK look alike).",
    tag: ROOT_FIELD.PUBLIC_WORKFLOW,
    authScopes: { roles: MAY.followCases },
    args: {
      receipt: t.arg.string({ required: true, description: 'The receipt given when applying, e.g. PMH-7K3M-9QXD-2R4T.' }),
      nik: t.arg.string({ required: true, description: "The applicant's 16-digit NIK." }),
    },
    resolve: (_root, args, ctx) => caseByReceipt(ctx.sql, 'APPLICATION', normaliseReceipt(textArg('receipt', args.receipt, 40)), nikArg('nik', args.nik)),
  }),
);

builder.mutationField('submitApplication', (t) =>
  t.field({
    type: ApplicationRef,
    description:
      "Applies for a programme with NIK and name (I-BAN): decided at once by the programme's rule set in its context. One open (PENDING or ACCEPTED) application per person and programme. The same requestId gives the same application.",
    tag: ROOT_FIELD.PUBLIC_WORKFLOW,
    authScopes: { roles: MAY.fileCases },
    args: {
      program: t.arg.string({ required: true, description: 'The programme, e.g. BANSOS_JEMBRANA.' }),
      nik: t.arg.string({ required: true, description: "The applicant's 16-digit NIK." }),
      name: t.arg.string({ required: true, description: "The applicant's name as on the KTP; compared ignoring case and spacing." }),
      requestId: t.arg.string({ required: true, description: 'Chosen by the caller, new for each application: a retry with it gives the first answer.' }),
    },
    resolve: async (_root, args, ctx) => {
      const nik = nikArg('nik', args.nik);
      const name = textArg('name', args.name, 200);
      const program = textArg('program', args.program, 40);
      const filing = await beginFiling(ctx, 'submitApplication', args.requestId, { program, nik, name: normaliseName(name) }, nik);
      if (filing.earlier) return filing.earlier;
      const { key } = filing;
      const info = await ctx.service.program(program);
      const filedFor = await villageBeforeDeciding(ctx, nik);
      // The same request sent twice at once may have filed while this one asked the hub.
      if (await hasOpenApplication(ctx.sql, nik, program)) return placeHeld(ctx.sql, key, program);
      const { status, detail, villageCode } = await decideApplication(ctx.service, info, nik, name, filedFor);
      if (detail.decision.checks[0]?.status === 'FAIL') await filing.nameFailed();
      return fileCase(
        ctx.sql,
        key,
        { kind: 'APPLICATION', status, nik, program, villageCode, detail: detail as unknown as Prisma.InputJsonValue, closed: status !== 'PENDING' },
        ctx.caller,
      );
    },
  }),
);

builder.mutationField('decideApplicationAgain', (t) =>
  t.field({
    type: ApplicationRef,
    description: "An operator working the region's PENDING applications asks for a decision now, instead of waiting for the next automatic round.",
    tag: ROOT_FIELD.AUDITED,
    authScopes: { roles: MAY.workCases },
    args: {
      receipt: t.arg.string({ required: true, description: "The application's receipt." }),
      requestId: t.arg.string({ required: true, description: 'Chosen by the caller: a retry with it gives the first answer.' }),
    },
    resolve: async (_root, args, ctx) => {
      const receipt = normaliseReceipt(textArg('receipt', args.receipt, 40));
      const key = requestKey('decideApplicationAgain', args.requestId, { receipt });
      const earlier = await answered(ctx.sql, key);
      if (earlier) return earlier;
      const kase = await caseOfReceipt(ctx.sql, receipt);
      if (!kase || kase.kind !== 'APPLICATION') throw badInput('receipt', 'names no application.');
      requireInRegion(ctx.caller, kase);
      if (kase.status !== 'PENDING') throw badInput('receipt', `names an application that is ${kase.status}; only a PENDING one is decided again.`);
      return decideAgain(ctx.sql, ctx.service, kase, ctx.caller, key);
    },
  }),
);
