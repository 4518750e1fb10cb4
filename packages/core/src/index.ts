export * from './arguments.js';
export * from './date.js';
export * from './errors.js';
export * from './group-by.js';
export * from './nik.js';
export * from './region.js';
export * from './agency-files.js';
