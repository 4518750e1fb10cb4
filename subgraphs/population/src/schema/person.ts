/** Person: one resident in the civil registry, the entity every subgraph extends by NIK. */
import { inCallerRegion, isRegionBound, MAY, ROOT_FIELD } from '@tepat/auth';
import { isoFromDate, nikArg } from '@tepat/core';
import { builder } from '../builder.js';
import type { Context } from '../context.js';
import type { PersonRow } from '../loaders.js';
import { Family } from './family.js';
import { Village } from './region.js';

const Sex = builder.enumType('Sex', {
  description: 'Sex as recorded by Dukcapil.',
  values: { L: { description: 'Laki-laki (male).' }, P: { description: 'Perempuan (female).' } } as const,
});

const Relationship = builder.enumType('FamilyRelationship', {
  description: "A person's place on the family card (KK).",
  values: {
    HEAD: { description: 'Kepala keluarga: head of the family.' },
    SPOUSE: { description: 'Istri or suami: spouse of the head.' },
    CHILD: { description: 'Anak: child.' },
    OTHER: { description: 'Any other member (parent, relative, lodger).' },
  } as const,
});

export const Person = builder.objectRef<PersonRow>('Person');

/**
 * A person's records are readable by the roles that read records, region-bound ones within
 * their region. A caller bound to no region gets one scope map for every person, which
 * Pothos evaluates once per request (it caches by the map itself); a map per person cost a
 * screening's `_entities` batch about a tenth of its time (bench/entities-batch.ts).
 */
export function readableIn(villageCode: string | null, ctx: Context) {
  return isRegionBound(ctx.caller) ? { $all: { roles: MAY.readRecords, domicile: villageCode } } : READ_RECORDS;
}
const READ_RECORDS = { roles: MAY.readRecords };
const readablePerson = (p: PersonRow, ctx: Context) => readableIn(p.villageCode, ctx);

/**
 * The person's record as one nullable object: a caller that starts from a NIK population
 * may not know (eligibility, through the gateway) reads null here rather than losing the
 * whole Person to a missing non-null field.
 */
const RegistryRecord = builder.objectRef<PersonRow>('RegistryRecord').implement({
  description: "A person's record in the civil registry (Dukcapil).",
  authScopes: readablePerson,
  fields: (t) => ({
    fullName: t.exposeString('fullName', { description: 'Full name as on the KTP.' }),
    kk: t.exposeString('kk', { description: 'Number of the family card the person is on.' }),
    villageCode: t.exposeString('villageCode', { description: 'Code of the village of current domicile.' }),
    deathDate: t.string({
      nullable: true,
      description: 'Date of death, YYYY-MM-DD; null while alive.',
      resolve: (p) => (p.deathDate ? isoFromDate(p.deathDate) : null),
    }),
    family: t.field({ type: Family, description: 'The family on the same family card.', resolve: (p) => ({ kk: p.kk }) }),
  }),
});

Person.implement({
  description: 'A person in the civil registry (Dukcapil), identified by NIK. Other subgraphs add their records to this type.',
  authScopes: readablePerson,
  fields: (t) => ({
    nik: t.exposeString('nik', { description: 'Nomor Induk Kependudukan: the 16-digit population number.' }),
    kk: t.exposeString('kk', { description: 'Number of the family card (kartu keluarga) the person is on.' }),
    fullName: t.exposeString('fullName', { description: 'Full name as on the KTP.' }),
    sex: t.field({ type: Sex, description: 'Sex.', resolve: (p) => p.sex }),
    birthDate: t.string({ description: 'Date of birth, YYYY-MM-DD.', resolve: (p) => isoFromDate(p.birthDate) }),
    relationship: t.field({ type: Relationship, description: 'Relationship to the head of the family.', resolve: (p) => p.relationship }),
    deathDate: t.string({
      nullable: true,
      description: 'Date of death, YYYY-MM-DD; null while alive.',
      resolve: (p) => (p.deathDate ? isoFromDate(p.deathDate) : null),
    }),
    villageCode: t.exposeString('villageCode', { description: 'Code of the village of current domicile.' }),
    village: t.field({
      type: Village,
      nullable: true,
      description: 'The village of current domicile with its district, regency and province; null only if the code is unknown to idn-area-data.',
      resolve: (p, _args, ctx) => ctx.regions.place(p.villageCode) ?? null,
    }),
    family: t.field({
      type: Family,
      description: 'The family on the same family card.',
      resolve: (p) => ({ kk: p.kk }),
    }),
    registry: t.field({
      type: RegistryRecord,
      nullable: true,
      description:
        "The person's civil-registry record as one object: null when population has no such NIK. For callers that start from any NIK (eligibility).",
      resolve: (p) => p,
    }),
  }),
});

builder.asEntity(Person, {
  key: builder.selection<{ nik: string }>('nik'),
  resolveReference: (ref, ctx) => ctx.loaders.personByNik.load(ref.nik),
});

builder.queryField('person', (t) =>
  t.field({
    type: Person,
    nullable: true,
    description:
      'The person with this NIK, or null when the civil registry has no such person; for a region-bound caller, also null when the person is domiciled outside its region, so the two cannot be told apart.',
    tag: ROOT_FIELD.PERSONAL,
    authScopes: { roles: MAY.readRecords },
    args: { nik: t.arg.string({ required: true, description: 'A 16-digit NIK.' }) },
    resolve: async (_root, args, ctx) => {
      const person = await ctx.loaders.personByNik.load(nikArg('nik', args.nik));
      return person && inCallerRegion(ctx.caller, person.villageCode) ? person : null;
    },
  }),
);
