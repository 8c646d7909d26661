import { defineConfig } from 'vitest/config';

// Component tests run in jsdom against a real Keystone server (test/keystone-server.ts), never a mocked fetch.
export default defineConfig({
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.tsx', 'src/**/*.test.ts'],
    // One server per file; files run one after another (each boots a server and a database).
    fileParallelism: false,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
