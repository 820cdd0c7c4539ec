/**
 * A Vitest environment for rune tests whose effects must run: Node (no DOM), but with the Vite "client"
 * environment, so `svelte` resolves to its browser build and `*.svelte.ts` modules compile for the client
 * (in the default "ssr" environment `$effect` is compiled away and never runs). The `runes` project of
 * vite.config.ts runs every `*.svelte.test.ts` in it.
 */
import { builtinEnvironments, type Environment } from 'vitest/environments';

export default {
  ...builtinEnvironments.node,
  name: 'svelte-client',
  viteEnvironment: 'client',
} satisfies Environment;
