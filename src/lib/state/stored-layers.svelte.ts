/**
 * The user's own layers in the browser's store (IndexedDB) and in the app: read once when the atlas has
 * loaded (keeping only the layers drawn on the atlas's gemeenten), then kept in step with `app.userLayers`
 * (save what is new or changed, delete what is gone). Problems with the store never stop the app: they
 * become one notice. The storage functions are passed in, so tests use fake-indexeddb or a fake.
 */
import { checkLayerAgainstTopology } from '../data/parse';
import { messageOf } from '../errors';
import { deleteUserLayer, listUserLayers, saveUserLayer } from '../storage/user-layers';
import type { Atlas } from '../data/atlas';
import type { LayerFile, LayerId } from '../types';
import type { AppState } from './app-state.svelte';

/** The storage functions this module calls (by default those of `storage/user-layers.ts`). */
export interface UserLayerStorage {
  listUserLayers: typeof listUserLayers;
  saveUserLayer: typeof saveUserLayer;
  deleteUserLayer: typeof deleteUserLayer;
}

/** The browser's IndexedDB store. */
export const BROWSER_STORAGE: UserLayerStorage = { listUserLayers, saveUserLayer, deleteUserLayer };

/**
 * Reads the stored layers for an atlas and keeps the store in step with `app.userLayers`.
 * Order: `load` (before the atlas is shown), then `startSaving` once `app.userLayers` holds what `load`
 * returned; `sync` is the body of one `$effect`.
 */
export class StoredLayers {
  /** A problem with the browser's layer store, shown as a notice; the app works on without the store. */
  notice = $state<string | null>(null);
  /** Whether the store has been read and the app holds its layers: only then does `sync` write. */
  private isSaving = $state(false);
  /**
   * The user's layers as the store holds them (by id), to store only what changed. Bookkeeping of `sync`,
   * not state: nothing renders from it.
   */
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  private stored = new Map<LayerId, LayerFile>();
  private readonly app: AppState;
  private readonly storage: UserLayerStorage;

  constructor(app: AppState, storage: UserLayerStorage = BROWSER_STORAGE) {
    this.app = app;
    this.storage = storage;
  }

  /**
   * The stored layers that fit `atlas`: drawn on its gemeente geometry and naming only its gemeenten.
   * Damaged records and layers that name unknown gemeenten are listed in the notice; layers of another
   * geometry (another year) are left in the store quietly. Never rejects: a store that cannot be read
   * gives no layers and a notice.
   */
  async load(atlas: Atlas): Promise<LayerFile[]> {
    const skipped: string[] = [];
    try {
      const files = await this.storage.listUserLayers((s) => skipped.push(s.key));
      // Read-only lookup for the check, never rendered: no SvelteSet needed.
      // eslint-disable-next-line svelte/prefer-svelte-reactivity
      const codes = new Set(atlas.municipalities.map((m) => m.code));
      const usable = files.filter((file) => {
        // A stored layer of another gemeente set (another year) is kept in the store quietly, not shown.
        if (file.meta.geometryId !== atlas.geometry.id) return false;
        try {
          checkLayerAgainstTopology(file, codes, file.meta.id);
          return true;
        } catch {
          skipped.push(file.meta.id);
          return false;
        }
      });
      // eslint-disable-next-line svelte/prefer-svelte-reactivity
      this.stored = new Map(usable.map((f) => [f.meta.id, f]));
      if (skipped.length) this.notice = this.app.t('storeSkipped', { list: skipped.join(', ') });
      return usable;
    } catch (error) {
      this.fail(error);
      return [];
    }
  }

  /** `app.userLayers` now holds what `load` returned: from here on the store follows it. */
  startSaving(): void {
    this.isSaving = true;
  }

  /**
   * Save the user's layers that are new or changed (by identity) and delete those that are gone. Reads
   * `app.userLayers`, so an `$effect` that calls it runs again on every change. Failures become the notice.
   */
  sync(): void {
    const layers = this.app.userLayers;
    if (!this.isSaving) return;
    // Only the layers of the year on screen: while another year is read, its stored layers and the app's list of
    // the year before must not be compared (that would delete the one year's layers for the other's).
    const geometryId = this.app.load.status === 'ready' ? this.app.load.atlas.geometry.id : null;
    const fail = (error: unknown) => this.fail(error);
    for (const layer of layers) {
      if (layer.meta.geometryId === geometryId && this.stored.get(layer.meta.id) !== layer) {
        this.stored.set(layer.meta.id, layer);
        this.storage.saveUserLayer(layer).catch(fail);
      }
    }
    for (const [id, stored] of [...this.stored]) {
      if (stored.meta.geometryId === geometryId && !layers.some((l) => l.meta.id === id)) {
        this.stored.delete(id);
        this.storage.deleteUserLayer(id).catch(fail);
      }
    }
  }

  /** The notice was dismissed. */
  dismiss(): void {
    this.notice = null;
  }

  private fail(error: unknown): void {
    this.notice = this.app.t('storeFailed', { message: messageOf(error) });
  }
}
