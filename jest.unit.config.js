/**
 * The fast suite (npm run test:unit): pure rules only, no Temporal server, no database, no global
 * setup. The same files also run in the full `npm test`.
 */
const base = require('./jest.config');

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: base.testEnvironment,
  transform: base.transform,
  roots: ['<rootDir>/test/unit'],
  testMatch: ['**/*.test.ts'],
  testTimeout: 10_000,
};
