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
