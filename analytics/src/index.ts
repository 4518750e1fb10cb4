export * from './builds.js';
export * from './engine.js';
export * from './pipeline.js';
export * from './refresh.js';
export * from './sources.js';
export * from './metrics.js';
export * from './cases.js';
export * from './eligibility.js';
