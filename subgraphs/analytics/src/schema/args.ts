/** The arguments most analytics fields share, described once. */
import type { ArgBuilder, SchemaTypes } from '@pothos/core';

/** A programme, a month, and a region filter at a level the metric tables keep. */
export function programMonthRegionArgs<Types extends SchemaTypes>(arg: ArgBuilder<Types>) {
  return {
    program: arg.string({ required: true, description: 'Programme code, e.g. PKH.' }),
    period: arg.string({ required: true, description: 'The month, YYYY-MM.' }),
    region: arg.string({
      description: 'A province, regency or district code (e.g. 51.01): only units whose region starts with it count. National when absent.',
    }),
  };
}

/** API.md, Small cells: said once on each type whose figures can be suppressed. */
export const SMALL_CELL =
  'For ANALYST, figures resting on fewer than k units (TEPAT_MIN_CELL, default 10), or derivable from such by subtraction, are null and `suppressed` is true; AUDITOR and ADMIN see every figure.';

/** The options of every `suppressed` field: whether an object's figures are withheld, wholly or in part, as SMALL_CELL says. */
export const SUPPRESSED = {
  description: 'True when some of these figures are null because they rest on too few units (small-cell suppression).',
} as const;
