/** DTKS's part of Person and Family: the welfare records kept under a NIK or a family card. */
import { MAY } from '@tepat/auth';
import { builder } from '../builder.js';
import { DtksRecord } from './dtks-record.js';

builder.externalRef('Person', builder.selection<{ nik: string }>('nik')).implement({
  authScopes: { roles: MAY.readRecords },
  fields: (t) => ({
    nik: t.exposeString('nik', { description: 'The 16-digit NIK.' }),
    dtks: t.field({
      type: DtksRecord,
      nullable: true,
      description: "The person's DTKS record, or null when DTKS has none.",
      resolve: (person, _args, ctx) => ctx.loaders.memberByNik.load(person.nik),
    }),
  }),
});

builder.externalRef('Family', builder.selection<{ kk: string }>('kk')).implement({
  authScopes: { roles: MAY.readRecords },
  fields: (t) => ({
    kk: t.exposeString('kk', { description: 'The 16-digit family card number.' }),
    dtksRecords: t.field({
      type: [DtksRecord],
      description:
        'DTKS records that give this family card number; compare with the members in population to find stale family cards.',
      resolve: (family, _args, ctx) => ctx.loaders.membersByKk.load(family.kk),
    }),
  }),
});
