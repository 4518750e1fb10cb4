/** Civil service's part of Person: periods of service in ASN, TNI or Polri. */
import { MAY } from '@tepat/auth';
import { dateArg, isoFromDate } from '@tepat/core';
import { builder } from '../builder.js';
import type { PersonnelRow } from '../loaders.js';
import { servesOn } from '../serves-on.js';

const Corps = builder.enumType('Corps', {
  description: 'The branch of state service.',
  values: {
    ASN: { description: 'Aparatur Sipil Negara: civil servants.' },
    TNI: { description: 'Tentara Nasional Indonesia: the armed forces.' },
    POLRI: { description: 'Kepolisian Negara Republik Indonesia: the national police.' },
  } as const,
});

const CivilServiceRecord = builder.objectRef<PersonnelRow>('CivilServiceRecord').implement({
  description: 'One period of service of a person in ASN, TNI or Polri.',
  fields: (t) => ({
    corps: t.field({ type: Corps, description: 'ASN, TNI or POLRI.', resolve: (r) => r.corps }),
    agency: t.exposeString('agency', { description: 'The agency or unit served.' }),
    startDate: t.string({ description: 'First day of service, YYYY-MM-DD.', resolve: (r) => isoFromDate(r.startDate) }),
    endDate: t.string({
      nullable: true,
      description: 'Last day of service, YYYY-MM-DD; null while still serving.',
      resolve: (r) => (r.endDate ? isoFromDate(r.endDate) : null),
    }),
  }),
});

builder.externalRef('Person', builder.selection<{ nik: string }>('nik')).implement({
  authScopes: { roles: MAY.readRecords },
  fields: (t) => ({
    nik: t.exposeString('nik', { description: 'The 16-digit NIK.' }),
    civilService: t.field({
      type: [CivilServiceRecord],
      // Nullable so that civil-service being down costs only this field, not the whole answer.
      nullable: true,
      description: 'Every period of service recorded for the person, oldest first; empty when none; null when civil-service cannot answer.',
      resolve: (person, _args, ctx) => ctx.loaders.recordsByNik.load(person.nik),
    }),
    servesOn: t.boolean({
      nullable: true,
      description: 'Whether the person serves in ASN, TNI or Polri on this day: a record starts on or before it and has not ended before it.',
      args: { date: t.arg.string({ required: true, description: 'The day, YYYY-MM-DD.' }) },
      resolve: async (person, args, ctx) => {
        const day = dateArg('date', args.date);
        return (await ctx.loaders.recordsByNik.load(person.nik)).some((r) => servesOn(r, day));
      },
    }),
  }),
});
