/** Aid programmes (PKH, BPNT, BLT, regional programmes) and the payments they make. */
import { MAY } from '@tepat/auth';
import { isoFromDate } from '@tepat/core';
import { builder } from '../builder.js';
import type { DisbursementRow, ProgramRow } from '../loaders.js';

const ProgramUnit = builder.enumType('ProgramUnit', {
  description: 'Who a programme pays.',
  values: {
    PERSON: { description: 'A person, identified by NIK (e.g. BLT).' },
    FAMILY: { description: 'A family, identified by its family card number KK (e.g. PKH, BPNT).' },
  } as const,
});

export const Program = builder.objectRef<ProgramRow>('Program').implement({
  description: 'An aid programme.',
  fields: (t) => ({
    code: t.exposeString('code', { description: 'Programme code, e.g. PKH, BPNT, BLT_DD, BANSOS_JEMBRANA.' }),
    name: t.exposeString('name', { description: 'Programme name.' }),
    unit: t.field({ type: ProgramUnit, description: 'Whether it pays persons or families.', resolve: (p) => p.unit }),
    ruleSet: t.exposeString('ruleSet', { description: 'Code of the eligibility rule set that defines whom it should reach (RULES.md).' }),
  }),
});

export const Disbursement = builder.objectRef<DisbursementRow>('Disbursement').implement({
  description: 'One payment or package handed out by a programme.',
  authScopes: { roles: MAY.readRecords },
  fields: (t) => ({
    id: t.exposeString('id', { description: "The programme's identifier of the payment." }),
    program: t.field({
      type: Program,
      description: 'The programme that paid.',
      resolve: async (d, _args, ctx) => (await ctx.loaders.programByCode.load(d.programCode))!,
    }),
    nik: t.exposeString('nik', { description: 'NIK of the person paid (for a family programme: the member who collected).' }),
    kk: t.exposeString('kk', { description: 'Family card number of the family paid, as the programme recorded it.' }),
    period: t.exposeString('period', { description: 'The month the payment is for, YYYY-MM.' }),
    amountIdr: t.exposeInt('amountIdr', { description: 'Amount in rupiah.' }),
    disbursedOn: t.string({ description: 'Date it was handed out, YYYY-MM-DD.', resolve: (d) => isoFromDate(d.disbursedOn) }),
    districtCode: t.exposeString('districtCode', { description: 'Code of the district where it was collected.' }),
  }),
});
