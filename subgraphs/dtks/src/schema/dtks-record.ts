/** A person's record in DTKS, the integrated social-welfare data the national programmes target from. */
import { MAY } from '@tepat/auth';
import { isoFromDate } from '@tepat/core';
import { builder } from '../builder.js';
import type { DtksRow, DtksVersionRow } from '../loaders.js';

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

/** A record as it stands in a version: the fields a change can touch. */
export function recordState(row: DtksRow) {
  return { kk: row.kk, decile: row.decile, status: row.status, statusReason: row.statusReason, updatedOn: isoFromDate(row.updatedOn) };
}

const DtksVersion = builder.objectRef<DtksVersionRow>('DtksVersion').implement({
  description: 'One change of a DTKS record, as it was made; the history is never changed.',
  fields: (t) => ({
    at: t.string({ description: 'When (ISO 8601, UTC).', resolve: (v) => v.at.toISOString() }),
    change: t.exposeString('change', { description: 'DEACTIVATED, REACTIVATED, ADMITTED, or IMPORT_REPLACED (an import newer than the change before it).' }),
    actorRole: t.exposeString('actorRole', { description: 'OPERATOR, SERVICE (an upheld objection, an accepted proposal) or IMPORT.' }),
    actorSubject: t.exposeString('actorSubject', { nullable: true, description: 'Who, as the token names them.' }),
    actorRegion: t.exposeString('actorRegion', { nullable: true, description: "The operator's region." }),
    reason: t.exposeString('reason', { nullable: true, description: 'Why a record was deactivated (DtksReason).' }),
    note: t.exposeString('note', { nullable: true, description: 'What the operator wrote.' }),
    reference: t.exposeString('reference', { nullable: true, description: "What the change answers: an objection's or a proposal's receipt." }),
    before: t.field({ type: 'JSON', nullable: true, description: 'The record before (kk, decile, status, statusReason, updatedOn); null when admitted.', resolve: (v) => v.before }),
    after: t.field({ type: 'JSON', description: 'The record after.', resolve: (v) => v.after }),
  }),
});

export const DtksRecord = builder.objectRef<DtksRow>('DtksRecord').implement({
  description: "A person's DTKS record.",
  authScopes: { roles: MAY.readRecords },
  fields: (t) => ({
    nik: t.exposeString('nik', { description: 'NIK the record is for.' }),
    kk: t.exposeString('kk', {
      description: 'Family card number as DTKS records it; it may be stale when the family card changed since.',
    }),
    decile: t.exposeInt('decile', {
      nullable: true,
      description: 'Welfare decile, 1 (poorest tenth) to 10; null while pending verification (admitted through a proposal, until an import brings one).',
    }),
    decilePending: t.boolean({ description: 'The decile awaits verification: WELFARE_DECILE is UNKNOWN until it arrives.', resolve: (r) => r.decile === null }),
    status: t.field({ type: DtksStatus, description: 'ACTIVE or INACTIVE.', resolve: (r) => r.status }),
    statusReason: t.field({
      type: DtksStatusReason,
      nullable: true,
      description: 'Why the record is INACTIVE; null while ACTIVE.',
      resolve: (r) => r.statusReason,
    }),
    updatedOn: t.string({ description: 'Date of the last update, YYYY-MM-DD.', resolve: (r) => isoFromDate(r.updatedOn) }),
    curatedAt: t.string({
      nullable: true,
      description: "When an operator last changed the record (ISO 8601, UTC); null while it is as an import left it.",
      resolve: (r) => r.curatedAt?.toISOString() ?? null,
    }),
    history: t.field({
      type: [DtksVersion],
      description: "Every operator's change of the record (and every import that replaced one), oldest first.",
      resolve: (r, _args, ctx) => ctx.loaders.versionsByNik.load(r.nik),
    }),
  }),
});
