/**
 * `recipientCheck` (API.md, Workflows; Banyuwangi's and Cek Bansos's "am I a recipient?"):
 * anyone, with NIK and name, sees the aid paid for a month to the person and to their family
 * card. An unknown NIK and a name that does not match give the same answer in the same shape,
 * after the same questions to the hub, so NIKs cannot be enumerated; after a few failed
 * names for one NIK in an hour, every answer for it is "not matched" for the hour.
 */
import { MAY, ROOT_FIELD } from '@tepat/auth';
import { nikArg, periodArg, textArg } from '@tepat/core';
import { normaliseName } from '@tepat/rules';
import { builder } from '../builder.js';
import { paymentsOfMonth, type PaymentInfo } from '../hub.js';

interface ReceivedAid {
  program: string;
  name: string;
  amount: number;
}

interface RecipientCheckAnswer {
  matched: boolean;
  period: string;
  programs: ReceivedAid[];
  familyPrograms: ReceivedAid[];
}

const ReceivedAidRef = builder.objectRef<ReceivedAid>('ReceivedAid').implement({
  description: 'Aid paid for the month by one programme, summed.',
  fields: (t) => ({
    program: t.exposeString('program', { description: 'The programme code, e.g. PKH.' }),
    name: t.exposeString('name', { description: "The programme's name." }),
    amount: t.exposeFloat('amount', { description: 'Rupiah paid for the month.' }),
  }),
});

const RecipientCheckRef = builder.objectRef<RecipientCheckAnswer>('RecipientCheck').implement({
  description: 'Whether a person receives aid in a month; empty lists when the NIK and name do not match.',
  fields: (t) => ({
    matched: t.exposeBoolean('matched', { description: 'The NIK is in population and the name matches it (ignoring case and spacing).' }),
    period: t.exposeString('period', { description: 'The month shown, YYYY-MM.' }),
    programs: t.field({ type: [ReceivedAidRef], description: 'Aid paid to the person.', resolve: (a) => a.programs }),
    familyPrograms: t.field({
      type: [ReceivedAidRef],
      description: "Aid paid to others on the person's family card; no member is named.",
      resolve: (a) => a.familyPrograms,
    }),
  }),
});

/** Payments summed per programme, in programme order. */
function byProgram(payments: PaymentInfo[]): ReceivedAid[] {
  const sums = new Map<string, ReceivedAid>();
  for (const p of payments) {
    const sum = sums.get(p.program.code) ?? { program: p.program.code, name: p.program.name, amount: 0 };
    sum.amount += p.amountIdr;
    sums.set(p.program.code, sum);
  }
  return [...sums.values()].sort((a, b) => a.program.localeCompare(b.program));
}

builder.queryField('recipientCheck', (t) =>
  t.field({
    type: RecipientCheckRef,
    description:
      'Anyone: the aid paid for a month (default: the latest with data) to the person with this NIK and name, and to their family card. An unknown NIK and a wrong name both give matched: false with empty lists.',
    tag: ROOT_FIELD.PUBLIC_WORKFLOW,
    authScopes: { roles: MAY.followCases },
    args: {
      nik: t.arg.string({ required: true, description: 'A 16-digit NIK.' }),
      name: t.arg.string({ required: true, description: 'The name as on the KTP; compared ignoring case and spacing.' }),
      period: t.arg.string({ description: 'The month, YYYY-MM; the latest month with any payment when absent.' }),
    },
    resolve: async (_root, args, ctx) => {
      const nik = nikArg('nik', args.nik);
      const name = textArg('name', args.name, 200);
      const period = args.period == null ? await ctx.service.latestPeriod() : periodArg('period', args.period);
      const locked = await ctx.service.nameGuard.locked(nik);
      // Asked whether or not the NIK is locked or known: every answer costs the same questions.
      const found = await paymentsOfMonth(ctx.service.gateway, nik, period);
      const matched = !locked && found !== null && normaliseName(found.fullName) === normaliseName(name);
      if (!matched) {
        if (!locked) await ctx.service.nameGuard.failed(nik);
        return { matched: false, period, programs: [], familyPrograms: [] };
      }
      return {
        matched: true,
        period,
        programs: byProgram(found.own),
        familyPrograms: byProgram(found.family.filter((p) => p.nik !== nik)),
      };
    },
  }),
);
