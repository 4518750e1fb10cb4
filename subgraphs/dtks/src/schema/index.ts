/** The DTKS subgraph schema. */
import { MAY, ROOT_FIELD } from '@tepat/auth';
import { nikArg } from '@tepat/core';
import { FEDERATION_LINK } from '@tepat/subgraph-kit';
import { JSONResolver } from 'graphql-scalars';
import { builder } from '../builder.js';
import { DtksRecord } from './dtks-record.js';
import './person.js';
import './curation.js';

builder.addScalarType('JSON', JSONResolver);
builder.mutationType({ description: "Operators' curation of DTKS (SIKS-NG): deactivating, reactivating, and admitting a proposed person." });

builder.queryType({
  description: 'DTKS: the integrated social-welfare data.',
  fields: (t) => ({
    dtksRecord: t.field({
      type: DtksRecord,
      nullable: true,
      description: 'The DTKS record of a NIK, or null when DTKS has none. Auditors only: a lookup by NIK has no domicile to check a region against.',
      tag: ROOT_FIELD.PERSONAL,
      authScopes: { roles: MAY.readRecordsAnywhere },
      args: { nik: t.arg.string({ required: true, description: 'A 16-digit NIK.' }) },
      resolve: (_root, args, ctx) => ctx.loaders.memberByNik.load(nikArg('nik', args.nik)),
    }),
  }),
});

export const schema = builder.toSubGraphSchema(FEDERATION_LINK);
