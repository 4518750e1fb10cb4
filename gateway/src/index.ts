export * from './compose.js';
export * from './env.js';
export * from './gateway.js';
