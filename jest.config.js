// One jest run for the whole tree: TypeScript through SWC as native ES modules.
// PGlite needs --experimental-vm-modules (set by `npm test`; shared/notes/toolchain.md).
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  transform: {
    '^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'es6' } }],
  },
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  testMatch: ['**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/src/generated/'],
  testTimeout: 120_000,
  maxWorkers: 2,
};
