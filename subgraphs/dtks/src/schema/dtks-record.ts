/** A person's record in DTKS, the integrated social-welfare data the national programmes target from. */
import { MAY } from '@tepat/auth';
import { isoFromDate } from '@tepat/core';
import { builder } from '../builder.js';
import type { DtksRow } from '../loaders.js';

const DtksStatus = builder.enumType('DtksStatus', {
  description: 'Whether the record is in force.',
  values: {
    ACTIVE: { description: 'In force: the person counts for DTKS targeting.' },
    INACTIVE: { description: 'Deactivated by an operator; statusReason says why.' },
  } as const,
});

const DtksStatusReason = builder.enumType('DtksStatusReason', {
  description: "Why a record was deactivated (SIKS-NG's reasons).",
  values: {
    MAMPU: { description: 'Became capable (no longer poor).' },
    PINDAH: { description: 'Moved away.' },
    MENINGGAL: { description: 'Died.' },
    DUPLIKAT: { description: 'Duplicate of another record.' },
    LAINNYA: { description: 'Another reason.' },
  } as const,
});

export const DtksRecord = builder.objectRef<DtksRow>('DtksRecord').implement({
  description: "A person's DTKS record.",
  authScopes: { roles: MAY.readRecords },
  fields: (t) => ({
    nik: t.exposeString('nik', { description: 'NIK the record is for.' }),
    kk: t.exposeString('kk', {
      description: 'Family card number as DTKS records it; it may be stale when the family card changed since.',
    }),
    decile: t.exposeInt('decile', { description: 'Welfare decile, 1 (poorest tenth) to 10.' }),
    status: t.field({ type: DtksStatus, description: 'ACTIVE or INACTIVE.', resolve: (r) => r.status }),
    statusReason: t.field({
      type: DtksStatusReason,
      nullable: true,
      description: 'Why the record is INACTIVE; null while ACTIVE.',
      resolve: (r) => r.statusReason,
    }),
    updatedOn: t.string({ description: 'Date of the last update, YYYY-MM-DD.', resolve: (r) => isoFromDate(r.updatedOn) }),
  }),
});
