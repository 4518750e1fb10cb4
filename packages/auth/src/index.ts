export * from './caller.js';
export * from './forwarded.js';
export * from './keys.js';
export * from './policy.js';
export * from './secrets.js';
export * from './tokens.js';
export * from './root-field.js';
export * from './access-record.js';
