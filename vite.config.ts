import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';

export default defineConfig({
  // Relative asset paths, so the built app works from any folder of a plain static file server.
  base: './',
  plugins: [svelte()],
  // MapLibre alone is about 800 kB minified; the app is one chunk on purpose (one request, cached).
  build: { chunkSizeWarningLimit: 1300 },
  // `npm start` serves on the port the README names (or $PORT) and stops with "Port … is already in use"
  // rather than moving to another port silently.
  preview: { port: Number(process.env.PORT ?? 4173), strictPort: true },
  test: {
    include: ['test/unit/**/*.test.ts'],
    // No test measures speed (that is `npm run bench`); this only stops a hung test. Some tests start the
    // command-line interface as a process, which on a busy 2-core machine can take far more than the default 5 s.
    testTimeout: 300_000,
    environment: 'node',
  },
});
