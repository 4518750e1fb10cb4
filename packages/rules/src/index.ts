export * from './evaluate.js';
export * from './facts.js';
export * from './rule-set.js';
export * from './rederive.js';
