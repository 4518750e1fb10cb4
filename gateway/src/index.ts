export * from './compose.js';
export * from './env.js';
export * from './gateway.js';
export { BUILD_ANSWERED_FIELDS } from './answer-cache.js';
export { DASHBOARD_PATH, DASHBOARD_QUERIES } from './dashboard.js';
export { rootFieldsOf } from './personal-data.js';
