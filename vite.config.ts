import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';

export default defineConfig({
  // Relative asset paths, so the built app works from any folder of a plain static file server.
  base: './',
  plugins: [svelte()],
  // MapLibre alone is about 800 kB minified; the app is one chunk on purpose (one request, cached).
  build: { chunkSizeWarningLimit: 1300 },
  test: {
    include: ['test/unit/**/*.test.ts'],
    // Some tests start the command-line interface as a process; a busy 2-core machine needs more than 5 s.
    testTimeout: 30_000,
    environment: 'node',
  },
});
