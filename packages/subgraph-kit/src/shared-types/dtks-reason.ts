/**
 * API.md's `DtksReason`: why a DTKS member is deactivated or objected to (SIKS-NG's reasons).
 * Defined once for dtks (curation) and intake (objections); the same enum in both.
 */
import { DTKS_REASONS } from '@tepat/core';
import type { CallerContext, SharedTypesBuilder } from '../builder.js';

const DESCRIPTIONS: Record<(typeof DTKS_REASONS)[number], string> = {
  MAMPU: 'Became capable (no longer poor).',
  PINDAH: 'Moved away.',
  MENINGGAL: 'Died.',
  DUPLIKAT: 'A duplicate of another record.',
  LAINNYA: 'Another reason, said in the note.',
};

export function dtksReasonEnum<Context extends CallerContext>(builder: SharedTypesBuilder<Context>) {
  return builder.enumType('DtksReason', {
    description: "Why a DTKS member is deactivated or objected to (SIKS-NG's reasons).",
    values: Object.fromEntries(DTKS_REASONS.map((r) => [r, { description: DESCRIPTIONS[r] }])) as Record<(typeof DTKS_REASONS)[number], { description: string }>,
  });
}
