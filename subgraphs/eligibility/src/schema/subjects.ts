/**
 * Person stubs for any NIKs: the root the facts query starts from, so the gateway fetches
 * every source in parallel from the NIK alone, and one source down costs only its facts.
 */
import { MAY, ROOT_FIELD } from '@tepat/auth';
import { badInput, nikArg } from '@tepat/core';
import { builder } from '../builder.js';
import { MAX_BATCH } from './eligibility.js';

const PersonRef = builder.externalRef('Person', builder.selection<{ nik: string }>('nik')).implement({
  authScopes: { roles: MAY.gatherFacts },
  fields: (t) => ({ nik: t.exposeString('nik', { description: 'The 16-digit NIK.' }) }),
});

builder.queryField('eligibilitySubjects', (t) =>
  t.field({
    type: [PersonRef],
    description:
      'A Person for each NIK given, in order, whether or not population knows it: the root eligibility gathers its facts from. Fields other subgraphs own are null (or fail) for a NIK they do not know; read population through `registry`.',
    tag: ROOT_FIELD.PERSONAL,
    authScopes: { roles: MAY.gatherFacts },
    args: { niks: t.arg.stringList({ required: true, description: `16-digit NIKs, at most ${MAX_BATCH}.` }) },
    resolve: (_root, args) => {
      if (args.niks.length > MAX_BATCH) throw badInput('niks', `holds ${args.niks.length} NIKs; at most ${MAX_BATCH} per call.`);
      return args.niks.map((nik, i) => ({ nik: nikArg(`niks[${i}]`, nik) }));
    },
  }),
);
