export * from './compose.js';
export * from './env.js';
export * from './gateway.js';
export { BUILD_ANSWERED_FIELDS } from './response-cache.js';
export { rootFieldsOf } from './personal-data.js';
export { DASHBOARD_PATH, WEB_APP_DIR, WEB_APP_PATH, WEB_APP_POLICY } from './web-app.js';
export { queryPlanOf } from './query-plan.js';
export { subgraphFetcher } from './subgraph-fetch.js';
export { rateLimiter, type RateLimits } from './limits.js';
