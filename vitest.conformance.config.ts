// Conformance run configuration (npm run conformance): only the OASIS ABNF suite, verbose.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/conformance/**/*.test.ts'],
    reporters: ['verbose'],
    testTimeout: 60_000,
    pool: 'forks',
  },
});
