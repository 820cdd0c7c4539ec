import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flushSync } from 'svelte';
import { AppState } from '../../src/lib/state/app-state.svelte';
import {
  BROWSER_STORAGE,
  StoredLayers,
  type LayerChannel,
  type UserLayerStorage,
} from '../../src/lib/state/stored-layers.svelte';
import { buildAtlas, type Atlas } from '../../src/lib/data/atlas';
import { renameLayer } from '../../src/lib/import/what-if';
import { UserLayerStorageError, listUserLayers, saveUserLayer } from '../../src/lib/storage/user-layers';
import { putRaw } from '../fixtures/user-layer-store';
import type { LayerFile, LayerId } from '../../src/lib/types';
import { GRID, GRID_GEOMETRY, LAYOUTS, gridLayerFile } from '../fixtures/grid';

/** A user layer (domain `eigen`) over the grid with the regions of `kind`. */
function userLayer(
  kind: keyof typeof LAYOUTS,
  patch: Partial<LayerFile['meta']> = {},
  regions = LAYOUTS[kind],
): LayerFile {
  const base = gridLayerFile(kind, false);
  return {
    ...base,
    meta: { ...base.meta, id: `eigen-${kind}-2025`, kind: `eigen-${kind}`, domain: 'eigen', ...patch },
    regions,
  };
}

function readyApp(): { app: AppState; atlas: Atlas } {
  const app = new AppState();
  const atlas = buildAtlas(GRID_GEOMETRY, GRID, [gridLayerFile('rows', true)]);
  app.setLoaded({ status: 'ready', atlas, former: [], fileErrors: [] });
  return { app, atlas };
}

/** A storage that records what it is asked, and fails where told to. */
function recordingStorage(stored: LayerFile[] = []) {
  const saved: LayerId[] = [];
  const deleted: LayerId[] = [];
  let failure: Error | null = null;
  // What the store holds, so that reading it back after a write (`verify`) sees the writes.
  const held = new Map(stored.map((l) => [l.meta.id, l]));
  const storage: UserLayerStorage = {
    listUserLayers: async () => [...held.values()],
    saveUserLayer: async (layer) => {
      if (failure) throw failure;
      saved.push(layer.meta.id);
      held.set(layer.meta.id, layer);
    },
    deleteUserLayer: async (id) => {
      if (failure) throw failure;
      deleted.push(id);
      held.delete(id);
    },
  };
  return { storage, saved, deleted, failWith: (error: Error) => (failure = error) };
}

/** Load the store into the app as the loader does, and keep it in step from an effect; returns the cleanup. */
async function connect(app: AppState, atlas: Atlas, layers: StoredLayers): Promise<() => void> {
  app.userLayers = await layers.load(atlas);
  layers.startSaving();
  const cleanup = $effect.root(() => {
    $effect(() => layers.sync());
  });
  flushSync();
  return cleanup;
}

beforeEach(() => {
  // A fresh, empty database per test.
  vi.stubGlobal('indexedDB', new IDBFactory());
});
afterEach(() => {
  vi.unstubAllGlobals();
});

describe('StoredLayers.load', () => {
  it('gives the stored layers drawn on the atlas’s gemeenten, without a notice', async () => {
    const { app, atlas } = readyApp();
    await saveUserLayer(userLayer('columns'));
    await saveUserLayer(userLayer('partial'));
    const layers = new StoredLayers(app, BROWSER_STORAGE);
    expect((await layers.load(atlas)).map((l) => l.meta.id)).toEqual(['eigen-columns-2025', 'eigen-partial-2025']);
    expect(layers.notice).toBeNull();
  });

  it('hides layers of another gemeente geometry quietly, and lists damaged or unknown-gemeente layers', async () => {
    const { app, atlas } = readyApp();
    await saveUserLayer(userLayer('columns'));
    await saveUserLayer(
      userLayer('cells', { id: 'eigen-older-2024', kind: 'eigen-older', year: 2024, geometryId: 'gm-2024' }),
    );
    await saveUserLayer(
      userLayer('partial', { id: 'eigen-elsewhere-2025', kind: 'eigen-elsewhere' }, [
        { code: 'X1', name: 'Elders', members: ['GM0001', 'GM0999'] },
      ]),
    );
    await putRaw('eigen-damaged-2025', { format: 'something else' });
    const layers = new StoredLayers(app, BROWSER_STORAGE);
    expect((await layers.load(atlas)).map((l) => l.meta.id)).toEqual(['eigen-columns-2025']);
    expect(layers.notice).toBe(
      'Niet geladen uit de browseropslag (beschadigd of van een andere gemeente-indeling): eigen-damaged-2025, eigen-elsewhere-2025',
    );
    // What is not shown stays in the store.
    expect(await listUserLayers()).toHaveLength(3);
  });

  it('a store that cannot be read gives no layers and says why', async () => {
    const { app, atlas } = readyApp();
    const storage: UserLayerStorage = {
      ...BROWSER_STORAGE,
      listUserLayers: () => Promise.reject(new UserLayerStorageError('unavailable', 'IndexedDB is not available')),
    };
    const layers = new StoredLayers(app, storage);
    expect(await layers.load(atlas)).toEqual([]);
    expect(layers.notice).toBe(
      'Eigen lagen konden niet in deze browser worden bewaard of gelezen: IndexedDB is not available',
    );
    layers.dismiss();
    expect(layers.notice).toBeNull();
  });
});

describe('StoredLayers.sync', () => {
  it('writes nothing before the stored layers are in the app', () => {
    const { app } = readyApp();
    const { storage, saved, deleted } = recordingStorage();
    const layers = new StoredLayers(app, storage);
    const cleanup = $effect.root(() => {
      $effect(() => layers.sync());
    });
    app.putUserLayer(userLayer('columns'));
    flushSync();
    expect(saved).toEqual([]);
    expect(deleted).toEqual([]);
    cleanup();
  });

  it('saves a layer when it is added and when it changes, never twice for the same version', async () => {
    const { app, atlas } = readyApp();
    const columns = userLayer('columns');
    const { storage, saved, deleted } = recordingStorage([columns]);
    const cleanup = await connect(app, atlas, new StoredLayers(app, storage));
    // The loaded layers are what the store holds: nothing to write.
    expect(saved).toEqual([]);

    app.putUserLayer(userLayer('partial'));
    flushSync();
    expect(saved).toEqual(['eigen-partial-2025']);

    app.putUserLayer(renameLayer(columns, 'Kolommen'));
    flushSync();
    expect(saved).toEqual(['eigen-partial-2025', 'eigen-columns-2025']);

    app.toggleLayer('rows-2025');
    flushSync();
    expect(saved).toHaveLength(2);
    expect(deleted).toEqual([]);
    cleanup();
  });

  it('deletes a layer when it is removed, and only layers it loaded or saved', async () => {
    const { app, atlas } = readyApp();
    const other = userLayer('cells', {
      id: 'eigen-older-2024',
      kind: 'eigen-older',
      year: 2024,
      geometryId: 'gm-2024',
    });
    const { storage, deleted } = recordingStorage([userLayer('columns'), other]);
    const cleanup = await connect(app, atlas, new StoredLayers(app, storage));
    expect(app.userLayers.map((l) => l.meta.id)).toEqual(['eigen-columns-2025']);
    app.removeUserLayer('eigen-columns-2025');
    flushSync();
    // The layer of another geometry was never shown, so it is not "gone": it stays stored.
    expect(deleted).toEqual(['eigen-columns-2025']);
    cleanup();
  });

  it('a failed save or delete becomes the notice', async () => {
    const { app, atlas } = readyApp();
    const { storage, failWith } = recordingStorage();
    const layers = new StoredLayers(app, storage);
    const cleanup = await connect(app, atlas, layers);
    failWith(new UserLayerStorageError('quota', 'IndexedDB: QuotaExceededError: full'));
    app.putUserLayer(userLayer('columns'));
    flushSync();
    await vi.waitFor(() =>
      expect(layers.notice).toBe(
        'Eigen lagen konden niet in deze browser worden bewaard of gelezen: IndexedDB: QuotaExceededError: full',
      ),
    );
    layers.dismiss();
    app.removeUserLayer('eigen-columns-2025');
    flushSync();
    await vi.waitFor(() => expect(layers.notice).toMatch(/QuotaExceededError/));
    cleanup();
  });

  it('an internal fault says it is not the user’s', async () => {
    const { app, atlas } = readyApp();
    const { storage, failWith } = recordingStorage();
    const layers = new StoredLayers(app, storage);
    const cleanup = await connect(app, atlas, layers);
    failWith(new TypeError('x is undefined'));
    app.putUserLayer(userLayer('columns'));
    flushSync();
    await vi.waitFor(() => expect(layers.notice).toMatch(/Internal error \(not caused by your data\): TypeError/));
    cleanup();
  });

  it('keeps IndexedDB in step with the app across a reload', async () => {
    const { app, atlas } = readyApp();
    const cleanup = await connect(app, atlas, new StoredLayers(app, BROWSER_STORAGE));
    app.putUserLayer(userLayer('columns'));
    app.putUserLayer(userLayer('partial'));
    flushSync();
    await vi.waitFor(async () => expect(await listUserLayers()).toHaveLength(2));
    app.removeUserLayer('eigen-partial-2025');
    flushSync();
    await vi.waitFor(async () =>
      expect((await listUserLayers()).map((l) => l.meta.id)).toEqual(['eigen-columns-2025']),
    );
    cleanup();

    // A new page: a new app reads what the first one left.
    const next = readyApp();
    const reloaded = new StoredLayers(next.app, BROWSER_STORAGE);
    expect((await reloaded.load(next.atlas)).map((l) => l.meta.id)).toEqual(['eigen-columns-2025']);
  });

  it('a layer the store refuses as invalid is reported, not thrown', async () => {
    const { app, atlas } = readyApp();
    const layers = new StoredLayers(app, BROWSER_STORAGE);
    const cleanup = await connect(app, atlas, layers);
    // A built-in layer is not a user layer: saveUserLayer rejects it with a DataError.
    app.putUserLayer(gridLayerFile('columns', true));
    flushSync();
    await vi.waitFor(() => expect(layers.notice).toMatch(/only user layers \(eigen\) are stored/));
    expect(layers.notice).not.toMatch(/Internal error/);
    cleanup();
  });
});

/** Let every pending promise (writes, the read-back after them) settle. */
async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await new Promise((resolve) => setTimeout(resolve, 0));
}

describe('nothing the user made is lost without a word', () => {
  it('saves again what the app holds when the browser’s storage was cleared while it was open, and says so', async () => {
    const { app, atlas } = readyApp();
    await saveUserLayer(userLayer('columns'));
    await saveUserLayer(userLayer('partial'));
    const layers = new StoredLayers(app, BROWSER_STORAGE);
    const cleanup = await connect(app, atlas, layers);
    // The user (or the browser) clears the site's storage.
    vi.stubGlobal('indexedDB', new IDBFactory());
    app.putUserLayer(userLayer('cells'));
    flushSync();
    await settle();
    expect((await listUserLayers()).map((l) => l.meta.id).sort()).toEqual([
      'eigen-cells-2025',
      'eigen-columns-2025',
      'eigen-partial-2025',
    ]);
    expect(layers.notice).toContain('2 eigen lagen zijn opnieuw bewaard');
    cleanup();
  });

  it('keeps two tabs in step: a layer added in one appears in the other, one deleted there is not saved back', async () => {
    const name = `test-${Math.random()}`;
    const [first, second] = [readyApp(), readyApp()];
    const channels = [new BroadcastChannel(name), new BroadcastChannel(name)];
    const [a, b] = [
      new StoredLayers(first.app, BROWSER_STORAGE, channels[0] as unknown as LayerChannel),
      new StoredLayers(second.app, BROWSER_STORAGE, channels[1] as unknown as LayerChannel),
    ];
    const cleanups = [await connect(first.app, first.atlas, a), await connect(second.app, second.atlas, b)];
    first.app.putUserLayer(userLayer('columns'));
    flushSync();
    await vi.waitFor(() => expect(second.app.userLayers.map((l) => l.meta.id)).toEqual(['eigen-columns-2025']));
    // The second tab deletes it; the first follows and does not write it back.
    second.app.removeUserLayer('eigen-columns-2025');
    flushSync();
    await vi.waitFor(() => expect(first.app.userLayers).toEqual([]));
    flushSync();
    await settle();
    expect(await listUserLayers()).toEqual([]);
    expect([a.notice, b.notice]).toEqual([null, null]);
    cleanups.forEach((c) => c());
    channels.forEach((c) => c.close());
  });
});
