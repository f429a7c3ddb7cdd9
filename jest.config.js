/** One Jest run: unit specs beside the code (src/**.spec.ts) and e2e specs in test/ (**.e2e-spec.ts).
 *  globalSetup gives the run its own PostgreSQL template database and queue prefix. */
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  },
];

/** ES-module-only packages the service imports (Node >= 20.19 requires them natively; Jest's
 *  CommonJS runtime cannot), compiled to CommonJS for the tests only. */
const ESM_ONLY = ['openid-client', 'oauth4webapi', 'jose'];
const swcForEsm = ['@swc/jest', { jsc: { parser: { syntax: 'ecmascript' }, target: 'es2022' }, module: { type: 'commonjs' } }];

module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/src', '<rootDir>/test'],
  modulePathIgnorePatterns: ['<rootDir>/dist', '<rootDir>/dist-test'],
  testRegex: '.*\\.(spec|e2e-spec)\\.ts$',
  transform: { '^.+\\.ts$': swc, [`/node_modules/(${ESM_ONLY.join('|')})/.+\\.js$`]: swcForEsm },
  transformIgnorePatterns: [`/node_modules/(?!(${ESM_ONLY.join('|')})/)`],
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  maxWorkers: 2,
  // A worker that grew past this after a file is replaced by a fresh one: each e2e file boots Nest
  // apps, Chromium and simulators, and a worker that kept them all slowed the run to a crawl.
  workerIdleMemoryLimit: '1536MB',
  testTimeout: 60000,
};
