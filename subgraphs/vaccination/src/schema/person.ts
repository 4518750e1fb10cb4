/** Vaccination's part of Person: the COVID-19 doses recorded under a NIK. */
import { MAY } from '@tepat/auth';
import { isoFromDate } from '@tepat/core';
import { builder } from '../builder.js';
import type { DoseRow } from '../loaders.js';

const VaccinationDose = builder.objectRef<DoseRow>('VaccinationDose').implement({
  description: 'One COVID-19 vaccine dose given to a person.',
  fields: (t) => ({
    dose: t.exposeInt('dose', { description: 'Which dose: 1 for the first, 2 for the second, 3 and up for boosters.' }),
    vaccine: t.exposeString('vaccine', { description: 'The vaccine, e.g. SINOVAC or ASTRAZENECA.' }),
    administeredOn: t.string({ description: 'Date the dose was given, YYYY-MM-DD.', resolve: (d) => isoFromDate(d.administeredOn) }),
  }),
});

builder.externalRef('Person', builder.selection<{ nik: string }>('nik')).implement({
  authScopes: { roles: MAY.readRecords },
  fields: (t) => ({
    nik: t.exposeString('nik', { description: 'The 16-digit NIK.' }),
    vaccinations: t.field({
      type: [VaccinationDose],
      // Nullable so that vaccination being down costs only this field, not the whole answer (a failed fetch nulls up to a nullable field).
      nullable: true,
      description: 'Every dose recorded for the person, by dose number; empty when none; null when vaccination cannot answer.',
      resolve: (person, _args, ctx) => ctx.loaders.dosesByNik.load(person.nik),
    }),
  }),
});
