/**
 * Loading the atlas, in order: fetch and assemble it, read the user's stored layers for it, then show both
 * at once and let the caller restore the link's view (a link naming one of the user's layers restores it
 * too). `app.load` says where it is (`loading`, `ready`, `error`); `retry` starts a new attempt. Each
 * attempt has its own `AbortController`, aborted when the next one starts or the owner goes away: an
 * aborted attempt never writes to the app state.
 */
import { isAbort, messageOf } from '../errors';
import type { Atlas } from '../data/atlas';
import type { LoadedAtlas } from '../data/assemble';
import type { LayerFile } from '../types';
import type { AppState } from './app-state.svelte';

/** The steps of one load, passed in (the browser's fetch and IndexedDB in the app; fakes in tests). */
export interface AtlasLoaderSteps {
  /** Fetch and assemble the atlas; rejects with an `AbortError` once `signal` is aborted. */
  load: (signal: AbortSignal) => Promise<LoadedAtlas>;
  /** The user's stored layers that fit `atlas`; problems become a notice rather than a rejection. */
  loadUserLayers: (atlas: Atlas) => Promise<LayerFile[]>;
  /** Runs once the atlas and the user's layers are in the app state (restore the link's view, start saving). */
  onready: () => void;
}

/** Loads the atlas into `app`. Call `start` from one `$effect`: it runs again on `retry`. */
export class AtlasLoader {
  /** The number of the attempt; `retry` counts it up, and the effect that calls `start` runs again. */
  attempt = $state(0);
  private readonly app: AppState;
  private readonly steps: AtlasLoaderSteps;

  constructor(app: AppState, steps: AtlasLoaderSteps) {
    this.app = app;
    this.steps = steps;
  }

  /** Load again (after an error). */
  retry(): void {
    this.attempt++;
  }

  /**
   * Start an attempt: `app.load` becomes `loading`, then `ready` or `error`. Reads `attempt`, so the
   * `$effect` that calls it starts a new attempt on `retry`; returns the cleanup that aborts this one.
   */
  start(): () => void {
    void this.attempt;
    const controller = new AbortController();
    this.app.setLoaded({ status: 'loading' });
    this.run(controller.signal).catch((error: unknown) => {
      // An aborted attempt has been replaced (or its owner is gone): whatever it ran into is not news.
      if (controller.signal.aborted || isAbort(error)) return;
      this.app.setLoaded({ status: 'error', message: messageOf(error) });
    });
    return () => controller.abort();
  }

  private async run(signal: AbortSignal): Promise<void> {
    const loaded = await this.steps.load(signal);
    // The user's layers first, so that a link naming one of them restores it too.
    const userLayers = await this.steps.loadUserLayers(loaded.atlas);
    if (signal.aborted) return;
    this.app.setLoaded({ status: 'ready', ...loaded });
    this.app.userLayers = userLayers;
    this.steps.onready();
  }
}
