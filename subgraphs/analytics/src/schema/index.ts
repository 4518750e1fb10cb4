/** The analytics subgraph schema: metrics, the cases behind them and case figures, read from the served build. */
import { FEDERATION_LINK } from '@tepat/subgraph-kit';
import { builder } from '../builder.js';

builder.queryType({
  description:
    'Analytics: how well aid is targeted (METRICS.md), by programme, month and region, the cases behind each figure, and where the sources disagree (data-quality queues).',
});
import './build.js';
import './case-figures.js';
import './cases.js';
import './equity.js';
import './incidence.js';
import './quality.js';
import './simulation.js';
import './targeting.js';

export const schema = builder.toSubGraphSchema(FEDERATION_LINK);
