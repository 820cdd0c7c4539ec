import { afterEach, describe, expect, it } from 'vitest';
import { flushSync } from 'svelte';
import { AppState } from '../../src/lib/state/app-state.svelte';
import { AtlasLoader } from '../../src/lib/state/atlas-loader.svelte';
import { buildAtlas, type Atlas } from '../../src/lib/data/atlas';
import type { LoadedAtlas } from '../../src/lib/data/assemble';
import { DataError } from '../../src/lib/errors';
import type { LayerFile } from '../../src/lib/types';
import { GRID, GRID_GEOMETRY, gridLayerFile } from '../fixtures/grid';

function loadedAtlas(...kinds: ('rows' | 'columns' | 'partial')[]): LoadedAtlas {
  return {
    atlas: buildAtlas(
      GRID_GEOMETRY,
      GRID,
      kinds.map((k) => gridLayerFile(k, k !== 'partial')),
    ),
    former: [],
    fileErrors: [],
  };
}

function userLayer(): LayerFile {
  const base = gridLayerFile('columns', true);
  return { ...base, meta: { ...base.meta, id: 'eigen-columns-2025', kind: 'eigen-columns', domain: 'eigen' } };
}

/** A promise with its resolve and reject at hand. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const abortError = () => Object.assign(new Error('The operation was aborted'), { name: 'AbortError' });

/** Wait until pending promise callbacks have run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

/** A loader whose every step is a promise the test settles by hand, with a log of what ran. */
function setUp() {
  const app = new AppState();
  const log: string[] = [];
  const loads: { signal: AbortSignal; result: ReturnType<typeof deferred<LoadedAtlas>> }[] = [];
  const userLoads: { atlas: Atlas; result: ReturnType<typeof deferred<LayerFile[]>> }[] = [];
  const loader = new AtlasLoader(app, {
    load: (signal) => {
      log.push('load');
      const result = deferred<LoadedAtlas>();
      loads.push({ signal, result });
      return result.promise;
    },
    loadUserLayers: (atlas) => {
      log.push('user layers');
      const result = deferred<LayerFile[]>();
      userLoads.push({ atlas, result });
      return result.promise;
    },
    onready: () => log.push(`ready: ${app.load.status}, ${app.userLayers.length} user layer(s)`),
  });
  const cleanup = $effect.root(() => {
    $effect(() => loader.start());
  });
  flushSync();
  cleanups.push(cleanup);
  return { app, loader, log, loads, userLoads, cleanup };
}

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

describe('AtlasLoader', () => {
  it('loads the atlas, then the user’s layers for it, then shows both and calls onready', async () => {
    const { app, log, loads, userLoads } = setUp();
    expect(app.load.status).toBe('loading');
    const loaded = loadedAtlas('rows', 'columns');
    loads[0]!.result.resolve(loaded);
    await settle();
    expect(log).toEqual(['load', 'user layers']);
    expect(userLoads[0]!.atlas).toBe(loaded.atlas);
    // Not shown until the user's layers are there, so a link naming one of them can be restored.
    expect(app.load.status).toBe('loading');
    userLoads[0]!.result.resolve([userLayer()]);
    await settle();
    expect(log).toEqual(['load', 'user layers', 'ready: ready, 1 user layer(s)']);
    expect(app.atlas?.layersById.has('eigen-columns-2025')).toBe(true);
    expect(app.visible).toEqual(['rows-2025', 'columns-2025']);
  });

  it('a failure shows its message; retry starts a new attempt that can succeed', async () => {
    const { app, loader, log, loads, userLoads } = setUp();
    loads[0]!.result.reject(new DataError('data/manifest.json: HTTP 404 Not Found', 'data/manifest.json'));
    await settle();
    expect(app.load).toEqual({ status: 'error', message: 'data/manifest.json: HTTP 404 Not Found' });
    expect(log).toEqual(['load']);

    loader.retry();
    flushSync();
    expect(loader.attempt).toBe(1);
    expect(app.load.status).toBe('loading');
    loads[1]!.result.resolve(loadedAtlas('rows'));
    await settle();
    userLoads[0]!.result.resolve([]);
    await settle();
    expect(app.load.status).toBe('ready');
    expect(log.at(-1)).toBe('ready: ready, 0 user layer(s)');
  });

  it('an internal fault is shown as one, not as a problem with the data', async () => {
    const { app, loads } = setUp();
    loads[0]!.result.reject(new TypeError('x is undefined'));
    await settle();
    expect(app.load).toEqual({
      status: 'error',
      message: 'Internal error (not caused by your data): TypeError: x is undefined',
    });
  });

  it('a new attempt aborts the one before, whose late answers change nothing', async () => {
    const { app, loader, log, loads, userLoads } = setUp();
    loads[0]!.result.resolve(loadedAtlas('rows'));
    await settle();
    // The first attempt waits for the user's layers when the retry comes.
    loader.retry();
    flushSync();
    expect(loads[0]!.signal.aborted).toBe(true);
    expect(loads[1]!.signal.aborted).toBe(false);
    userLoads[0]!.result.resolve([userLayer()]);
    await settle();
    expect(app.load.status).toBe('loading');
    expect(app.userLayers).toEqual([]);

    loads[1]!.result.resolve(loadedAtlas('rows', 'columns'));
    await settle();
    userLoads[1]!.result.resolve([]);
    await settle();
    expect(app.load.status).toBe('ready');
    expect(app.atlas?.layers.map((l) => l.meta.id)).toEqual(['rows-2025', 'columns-2025']);
    expect(log.filter((l) => l.startsWith('ready'))).toHaveLength(1);
  });

  it('the failure of an aborted attempt is not shown over the next one', async () => {
    const { app, loader, loads } = setUp();
    loader.retry();
    flushSync();
    loads[0]!.result.reject(new DataError('data/manifest.json: HTTP 500', 'data/manifest.json'));
    await settle();
    expect(app.load.status).toBe('loading');
  });

  it('ending the effect aborts the load, and the abort is no error', async () => {
    const { app, loads, cleanup } = setUp();
    cleanup();
    expect(loads[0]!.signal.aborted).toBe(true);
    loads[0]!.result.reject(abortError());
    await settle();
    expect(app.load.status).toBe('loading');
  });
});
