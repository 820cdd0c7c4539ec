/**
 * Loading the atlas, one year at a time: read the manifest once, then the year asked for (a link's year, a
 * choice in the year control, or the newest), its gemeenten and layers; read the user's stored layers for it;
 * then show both at once and let the caller restore the link's view. Each year is assembled once and kept, so
 * going back to a year is instant. `app.load` says where the first load is (`loading`, `ready`, `error`);
 * switching years keeps the year on screen until the next one is ready (`app.loadingYear`), and a year that
 * fails to load leaves it there with a notice. Each attempt has its own `AbortController`, aborted when the
 * next one starts or the owner goes away: an aborted attempt never writes to the app state.
 */
import { untrack } from 'svelte';
import { isAbort, messageOf } from '../errors';
import type { Atlas } from '../data/atlas';
import { newestYear, yearsOf, type LoadedAtlas } from '../data/assemble';
import type { LayerFile, Manifest } from '../types';
import type { AppState } from './app-state.svelte';

/** The steps of one load, passed in (the browser's fetch and IndexedDB in the app; fakes in tests). */
export interface AtlasLoaderSteps {
  /** Fetch and check the manifest; rejects with an `AbortError` once `signal` is aborted. */
  loadManifest: (signal: AbortSignal) => Promise<Manifest>;
  /** Fetch and assemble one year of the manifest (not aborted: a year once asked for is kept). */
  loadYear: (manifest: Manifest, year: number) => Promise<LoadedAtlas>;
  /** The year the page's link names, if any (read once, before the first load). */
  linkYear: () => number | null;
  /** The user's stored layers that fit `atlas`; problems become a notice rather than a rejection. */
  loadUserLayers: (atlas: Atlas) => Promise<LayerFile[]>;
  /** Runs each time a year's atlas and the user's layers are in the app state (restore the link's view, start saving). */
  onready: () => void;
}

/** Loads the atlas into `app`. Call `start` from one `$effect`: it runs again on `retry` and on a year choice. */
export class AtlasLoader {
  /** The number of the attempt; `retry` counts it up, and the effect that calls `start` runs again. */
  attempt = $state(0);
  private readonly app: AppState;
  private readonly steps: AtlasLoaderSteps;
  private manifest: Manifest | null = null;
  /**
   * Each year's atlas, assembled once (a failed load is forgotten, so it is tried again). A year's files are
   * fetched to the end even when the attempt that asked for them is replaced: the next attempt may want the same
   * year (quick clicks on the year control), and a year once read is kept anyway.
   */
  // Bookkeeping of the loader, not state: nothing renders from it.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  private readonly years = new Map<number, Promise<LoadedAtlas>>();

  constructor(app: AppState, steps: AtlasLoaderSteps) {
    this.app = app;
    this.steps = steps;
  }

  /** Load again (after an error). */
  retry(): void {
    this.attempt++;
  }

  /**
   * Start an attempt for the year the app asks for (`app.requestedYear`; before any choice the link's year or the
   * newest). Reads `attempt` and `app.requestedYear`, so the `$effect` that calls it runs again on `retry` and on
   * a year choice; returns the cleanup that aborts this attempt.
   */
  start(): () => void {
    void this.attempt;
    const requested = this.app.requestedYear;
    // Everything else is read and written without making it a dependency of the effect.
    return untrack(() => this.begin(requested));
  }

  private begin(requested: number | null): () => void {
    const isReady = this.app.load.status === 'ready';
    const shown = this.app.year;
    if (isReady && (requested === null || requested === shown)) {
      // Back to the year on screen before another arrived: that attempt is replaced, and nothing is loading.
      this.app.loadingYear = null;
      return () => {};
    }
    const controller = new AbortController();
    if (!isReady) this.app.setLoaded({ status: 'loading' });
    this.app.loadingYear = requested;
    this.run(requested, controller.signal)
      .catch((error: unknown) => {
        // An aborted attempt has been replaced (or its owner is gone): whatever it ran into is not news.
        if (controller.signal.aborted || isAbort(error)) return;
        if (isReady) {
          // The year on screen stays; the choice goes back to it.
          const notice = this.app.t('yearFailed', { year: requested ?? '', message: messageOf(error) });
          this.app.notices = [...this.app.notices, notice];
          // Before the choice changes: that replaces (aborts) this attempt, whose `finally` then leaves it alone.
          this.app.loadingYear = null;
          if (shown !== null) this.app.chooseYear(shown);
        } else this.app.setLoaded({ status: 'error', message: messageOf(error) });
      })
      .finally(() => {
        if (!controller.signal.aborted) this.app.loadingYear = null;
      });
    return () => controller.abort();
  }

  private async run(requested: number | null, signal: AbortSignal): Promise<void> {
    this.manifest ??= await this.steps.loadManifest(signal);
    const manifest = this.manifest;
    const years = yearsOf(manifest);
    this.app.years = years;
    const known = (year: number | null) => year !== null && years.some((y) => y.year === year);
    const linked = this.steps.linkYear();
    let year = known(requested) ? requested! : known(linked) ? linked! : newestYear(manifest);
    let loaded: LoadedAtlas;
    try {
      loaded = await this.loadYear(manifest, year);
    } catch (error) {
      // A linked year that cannot be read does not take the atlas down: the newest year opens, with a notice.
      const newest = newestYear(manifest);
      if (isAbort(error) || year === newest || this.app.load.status === 'ready') throw error;
      this.app.notices = [...this.app.notices, this.app.t('yearFailed', { year, message: messageOf(error) })];
      year = newest;
      loaded = await this.loadYear(manifest, year);
    }
    if (signal.aborted) return;
    // The user's layers first, so that a link naming one of them restores it too.
    const userLayers = await this.steps.loadUserLayers(loaded.atlas);
    if (signal.aborted) return;
    this.app.setLoaded({ status: 'ready', ...loaded });
    this.app.userLayers = userLayers;
    this.app.requestedYear = year;
    this.steps.onready();
  }

  /**
   * Every year of the data (for the history views), each read once as when it is chosen; rejects when the
   * manifest has not been read yet or a year cannot be used.
   */
  async allYears(): Promise<LoadedAtlas[]> {
    const manifest = this.manifest;
    if (!manifest) throw new Error('the manifest is read before the years are');
    return await Promise.all(yearsOf(manifest).map((y) => this.loadYear(manifest, y.year)));
  }

  private loadYear(manifest: Manifest, year: number): Promise<LoadedAtlas> {
    let loaded = this.years.get(year);
    if (!loaded) {
      loaded = this.steps.loadYear(manifest, year);
      this.years.set(year, loaded);
      loaded.catch(() => this.years.delete(year));
    }
    return loaded;
  }
}
