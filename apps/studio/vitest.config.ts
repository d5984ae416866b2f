import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'studio',
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
  },
});
