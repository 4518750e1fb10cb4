/**
 * Where an accepted applicant collects aid (API.md, Workflows): the programme's point in the
 * applicant's district (DATA.md aid/collection-points.csv), else one in the regency, else the
 * district's own office, as I-BAN hands aid out at the nearest kecamatan.
 */
import { MAY, ROOT_FIELD } from '@tepat/auth';
import { badInput, regionCodeAt } from '@tepat/core';
import { collectionPointType, type CollectionPointAnswer } from '@tepat/subgraph-kit';
import { builder } from '../builder.js';
import type { Context } from '../context.js';

const CollectionPoint = collectionPointType(builder);

/** The point for `program` in `district`, by the rule above; `district` must exist. */
export async function collectionPointFor(ctx: Context, program: string, district: string): Promise<CollectionPointAnswer> {
  const regency = regionCodeAt(district, 'REGENCY');
  const candidates = await ctx.prisma.collectionPoint.findMany({
    where: {
      districtCode: { startsWith: `${regency}.` },
      OR: [{ programCode: program }, { programCode: null }],
    },
  });
  // Nearest first: the district before the rest of its regency; the programme's own before one for every programme; then by id.
  const rank = (p: (typeof candidates)[number]) => [p.districtCode === district ? 0 : 1, p.programCode === program ? 0 : 1] as const;
  const [best] = candidates.sort((a, b) => {
    const [ra, rb] = [rank(a), rank(b)];
    return ra[0] - rb[0] || ra[1] - rb[1] || a.districtCode.localeCompare(b.districtCode) || a.id.localeCompare(b.id);
  });
  if (best) return { name: best.name, address: best.address, districtCode: best.districtCode };
  return { name: `Kantor Camat ${ctx.regions.get(district)!.name}`, address: null, districtCode: district };
}

builder.queryField('collectionPoint', (t) =>
  t.field({
    type: CollectionPoint,
    description:
      "Where a recipient of the programme living in the district collects: the programme's point in the district, else one in its regency, else the district office (Kantor Camat).",
    tag: ROOT_FIELD.IMPERSONAL,
    authScopes: { roles: MAY.readReference },
    args: {
      program: t.arg.string({ required: true, description: 'Programme code, e.g. BANSOS_JEMBRANA.' }),
      district: t.arg.string({ required: true, description: 'The district (kecamatan) code of the recipient, e.g. 51.01.01.' }),
    },
    resolve: async (_root, args, ctx) => {
      if (!ctx.regions.has(args.district, 'DISTRICT')) throw badInput('district', 'must be a district code that exists in idn-area-data, e.g. 51.01.01.');
      if (!(await ctx.loaders.programByCode.load(args.program))) throw badInput('program', `names no known programme ("${args.program.slice(0, 40)}").`);
      return collectionPointFor(ctx, args.program, args.district);
    },
  }),
);
