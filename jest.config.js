// Two projects: server tests (HTTP + real PostgreSQL) and browser tests (Debian chromium).
const swc = ['@swc/jest', { jsc: { parser: { syntax: 'typescript', tsx: true }, target: 'es2022' }, module: { type: 'commonjs' } }];
module.exports = {
  // Registering a platform generates a 4096-bit tool key (ltijs); allow for a busy machine.
  testTimeout: 30000,
  reporters: ['default', '<rootDir>/test/support/summary-reporter.js'],
  projects: [
    {
      displayName: 'server',
      testEnvironment: 'node',
      testTimeout: 30000,
      transform: { '^.+\\.tsx?$': swc },
      testMatch: ['<rootDir>/test/**/*.test.ts', '<rootDir>/server/**/*.test.ts'],
      testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/browser/'],
    },
    {
      displayName: 'browser',
      testEnvironment: 'node',
      testTimeout: 30000,
      transform: { '^.+\\.tsx?$': swc },
      testMatch: ['<rootDir>/test/browser/**/*.test.ts'],
    },
  ],
};
