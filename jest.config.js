// Tests run against a real PostgreSQL: test/global-setup.ts starts an embedded one (binaries from npm) in the
// OS temp directory and migrates a test database; workers reach it through PROCTOR_TEST_DATABASE_URL.
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }] },
  globalSetup: '<rootDir>/test/global-setup.ts',
  globalTeardown: '<rootDir>/test/global-teardown.ts',
  // Decorated classes (entities, GraphQL types) need the metadata polyfill loaded before any of them.
  setupFiles: ['reflect-metadata'],
  testTimeout: 30000,
};
