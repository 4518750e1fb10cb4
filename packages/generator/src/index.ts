export * from './generate.js';
export * from './manifest.js';
export * from './random.js';
