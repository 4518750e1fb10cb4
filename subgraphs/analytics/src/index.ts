/** Analytics in the supergraph: the metrics of METRICS.md and the cases behind them. */
import { schema } from './schema/index.js';

export const subgraph = { name: 'analytics' as const, schema };
export { engineTarget, readAnalyticsEnv, type AnalyticsEnv } from './env.js';
export { refreshThroughService } from './refresh-endpoint.js';
export { ServedBuild } from './served-build.js';
export { runAnalyticsService, serveAnalytics, type RunningAnalytics } from './service.js';
