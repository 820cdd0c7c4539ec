import { defaultClientConditions } from 'vite';
import { existsSync, readFileSync } from 'node:fs';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';

/**
 * Preload links for the manifest and the newest year's files (its gemeente topology, its layers and its former
 * gemeenten: all that the first map waits for), so they download while the app's code does instead of after it.
 * The file names come from the data build's manifest; `crossorigin` makes the preload match the app's `fetch`
 * (CORS mode).
 */
function preloadAtlasData(): Plugin {
  return {
    name: 'preload-atlas-data',
    transformIndexHtml() {
      const manifestPath = 'public/data/manifest.json';
      if (!existsSync(manifestPath)) return [];
      const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as {
        geometries: { id: string; file: string; year: number; former?: { file: string } }[];
        layers: { file: string; geometryId: string }[];
      };
      const newest = [...manifest.geometries].sort((a, b) => b.year - a.year)[0];
      const files = newest
        ? [
            newest.file,
            ...manifest.layers.filter((l) => l.geometryId === newest.id).map((l) => l.file),
            ...(newest.former ? [newest.former.file] : []),
          ]
        : [];
      return ['manifest.json', ...files]
        .map((file) => `data/${file}`)
        .map((href) => ({
          tag: 'link',
          attrs: { rel: 'preload', href, as: 'fetch', crossorigin: 'anonymous' },
          // At the end of the head: first in it they would push `<meta charset>` past the first 1024 bytes, where a
          // browser must find it when the server sends no charset.
          injectTo: 'head' as const,
        }));
    },
  };
}

/**
 * The Content-Security-Policy of the built page (issue 13): the atlas needs no other origin, so everything is
 * 'self'. Workers (statistics, import, MapLibre's) are files of the build; images and downloads are made from
 * blob: and data: URLs (the PNG export, the hatch pattern); no inline script and no eval. Styles: Svelte and
 * MapLibre set element styles through the CSSOM, which CSP allows, and the app's CSS is a file. A `<meta>` cannot
 * carry frame-ancestors, so embedding (the clean view in an iframe) stays possible. Only in the build: the dev
 * server injects inline scripts for hot reloading.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "worker-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
].join('; ');

function contentSecurityPolicy(): Plugin {
  return {
    name: 'content-security-policy',
    apply: 'build',
    transformIndexHtml: () => [
      {
        tag: 'meta',
        attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY },
        injectTo: 'head-prepend',
      },
    ],
  };
}

export default defineConfig({
  // Relative asset paths, so the built app works from any folder of a plain static file server.
  base: './',
  plugins: [svelte(), preloadAtlasData(), contentSecurityPolicy()],
  build: {
    // MapLibre alone is about 800 kB minified, so it gets a chunk of its own, cached across releases of the
    // app; the import and export code is loaded when first used (dynamic imports in the app).
    chunkSizeWarningLimit: 1100,
    rolldownOptions: {
      output: { codeSplitting: { groups: [{ name: 'maplibre', test: /[\\/]node_modules[\\/]maplibre-gl[\\/]/ }] } },
    },
  },
  // `npm start` serves on the port the README names (or $PORT) and stops with "Port … is already in use"
  // rather than moving to another port silently.
  preview: { port: Number(process.env.PORT ?? 4173), strictPort: true },
  test: {
    // No test measures speed (that is `npm run bench`); this only stops a hung test. Some tests start the
    // command-line interface as a process, which on a busy 2-core machine can take far more than the default 5 s.
    testTimeout: 300_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          exclude: ['test/unit/**/*.svelte.test.ts'],
          environment: 'node',
        },
      },
      // Rune tests (`*.svelte.test.ts`) run their effects: still Node, but Svelte's client build, so `$effect`
      // and `flushSync` work (see test/svelte-client-environment.ts).
      {
        extends: true,
        resolve: { conditions: [...defaultClientConditions] },
        test: {
          name: 'runes',
          include: ['test/unit/**/*.svelte.test.ts'],
          environment: './test/svelte-client-environment.ts',
        },
      },
    ],
  },
});
