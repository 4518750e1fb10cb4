/** Which analytics build is served: what a dashboard shows as "data as of". */
import type { Build } from '@tepat/analytics';
import { MAY, ROOT_FIELD } from '@tepat/auth';
import { builder } from '../builder.js';

const SourceRows = builder.objectRef<{ path: string; rows: number }>('AnalyticsSourceRows').implement({
  description: 'Rows one source contributed to a build.',
  fields: (t) => ({
    path: t.exposeString('path', { description: 'The source file, as DATA.md names it, e.g. aid/disbursements.csv.' }),
    rows: t.exposeInt('rows', { description: 'Rows staged.' }),
  }),
});

const AnalyticsBuild = builder.objectRef<Build & { periods: string[] }>('AnalyticsBuild').implement({
  description: 'A finished refresh of the analytics tables.',
  fields: (t) => ({
    builtAt: t.exposeString('builtAt', { description: 'When it finished, ISO 8601 UTC.' }),
    asOf: t.exposeString('asOf', { description: 'The day it was made, YYYY-MM-DD in Asia/Jakarta: the day case figures count overdue cases on.' }),
    seconds: t.exposeFloat('seconds', { description: 'How long the refresh took.' }),
    periods: t.exposeStringList('periods', { description: 'The months it covers, YYYY-MM, in order.' }),
    sources: t.field({
      type: [SourceRows],
      description: 'Rows staged per source.',
      resolve: (b) => Object.entries(b.sources).map(([path, rows]) => ({ path, rows })),
    }),
  }),
});

builder.queryFields((t) => ({
  analyticsBuild: t.field({
    type: AnalyticsBuild,
    nullable: true,
    description: 'The analytics build being served; null before the first `tepat analytics refresh`.',
    tag: ROOT_FIELD.BUILD_ANSWERED,
    authScopes: { roles: MAY.readAggregates },
    resolve: async (_root, _args, ctx) => {
      const served = await ctx.analytics.current();
      return served ? { ...served.build, periods: await served.metrics.periods() } : null;
    },
  }),
}));
