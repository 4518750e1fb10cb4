export * from './generate.js';
export * from './manifest.js';
