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
    environment: 'node',
  },
});
