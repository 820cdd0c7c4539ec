/**
 * The user's own layers in the browser's store (IndexedDB) and in the app: read once when the atlas has
 * loaded (keeping only the layers drawn on the atlas's gemeenten), then kept in step with `app.userLayers`
 * (save what is new or changed, delete what is gone). Problems with the store never stop the app: they
 * become one notice. The storage functions are passed in, so tests use fake-indexeddb or a fake.
 *
 * Nothing the user made is lost without a word (issue 13):
 * - after every write the store is read back; a layer the app holds that the store lacks (the browser's storage
 *   was cleared while the app was open) is saved again and the user is told;
 * - tabs keep each other in step over a BroadcastChannel: a layer saved or deleted in one tab is added or removed
 *   in the others, so a tab never re-saves a layer another tab deleted, and never holds a stale copy it could
 *   write back over a newer one.
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

/** What one tab tells the others about its writes. */
export type LayerMessage =
  { from: string; kind: 'put'; layer: LayerFile } | { from: string; kind: 'delete'; id: LayerId };

/** The channel tabs of this origin share (BroadcastChannel in the browser and in Node tests). */
export interface LayerChannel {
  postMessage(message: LayerMessage): void;
  onmessage: ((event: MessageEvent<LayerMessage>) => void) | null;
}

/** The channel's name: one per origin, shared by every tab of the atlas. */
const LAYER_CHANNEL = 'samenwerkingsatlas-user-layers';

/** The browser's channel between tabs, or null where there is none (then tabs do not keep in step). */
export function browserChannel(): LayerChannel | null {
  return typeof BroadcastChannel === 'undefined' ? null : (new BroadcastChannel(LAYER_CHANNEL) as LayerChannel);
}

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
  private readonly channel: LayerChannel | null;
  /** This tab, so that it ignores its own messages where a channel echoes them. */
  private readonly tab = Math.random().toString(36).slice(2);
  /** Writes not yet finished; the store is checked once they all are. */
  private pending = 0;
  /** Messages from other tabs that arrived before this tab held its layers. */
  private inbox: LayerMessage[] = [];

  constructor(app: AppState, storage: UserLayerStorage = BROWSER_STORAGE, channel: LayerChannel | null = null) {
    this.app = app;
    this.storage = storage;
    this.channel = channel;
    if (channel) channel.onmessage = (event) => this.receive(event.data);
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
    // What other tabs did while this one was loading, in order.
    for (const message of this.inbox.splice(0)) this.receive(message);
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
    for (const layer of layers) {
      if (layer.meta.geometryId === geometryId && this.stored.get(layer.meta.id) !== layer) {
        this.stored.set(layer.meta.id, layer);
        this.write(this.storage.saveUserLayer(layer), { from: this.tab, kind: 'put', layer });
      }
    }
    for (const [id, stored] of [...this.stored]) {
      if (stored.meta.geometryId === geometryId && !layers.some((l) => l.meta.id === id)) {
        this.stored.delete(id);
        this.write(this.storage.deleteUserLayer(id), { from: this.tab, kind: 'delete', id });
      }
    }
  }

  /** One write: tell the other tabs once it is done, and check the store when the last write of a burst is. */
  private write(done: Promise<void>, message: LayerMessage): void {
    this.pending++;
    done
      .then(() => this.channel?.postMessage(message))
      .catch((error: unknown) => this.fail(error))
      .finally(() => {
        if (--this.pending === 0) void this.verify();
      });
  }

  /**
   * Read the store back: every layer of this year the app holds must be there. One that is not (the browser's
   * storage was cleared meanwhile) is saved again from memory, and the user is told how many were restored.
   */
  async verify(): Promise<void> {
    const geometryId = this.app.load.status === 'ready' ? this.app.load.atlas.geometry.id : null;
    try {
      // A lookup for this check only, never rendered.
      // eslint-disable-next-line svelte/prefer-svelte-reactivity
      const inStore = new Set((await this.storage.listUserLayers()).map((l) => l.meta.id));
      const missing = [...this.stored.values()].filter(
        (l) => l.meta.geometryId === geometryId && !inStore.has(l.meta.id),
      );
      if (missing.length === 0) return;
      await Promise.all(missing.map((layer) => this.storage.saveUserLayer(layer)));
      this.notice = this.app.t('storeRestored', { count: missing.length });
    } catch (error) {
      this.fail(error);
    }
  }

  /**
   * Another tab saved or deleted a layer: follow it, marking it as stored first so that `sync` writes nothing
   * back (the other tab's write is the newer one).
   */
  private receive(message: LayerMessage): void {
    if (message.from === this.tab) return;
    if (!this.isSaving) {
      this.inbox.push(message);
      return;
    }
    if (message.kind === 'put') {
      const layer = message.layer;
      if (this.app.load.status !== 'ready' || layer.meta.geometryId !== this.app.load.atlas.geometry.id) return;
      this.stored.set(layer.meta.id, layer);
      this.app.userLayers = [...this.app.userLayers.filter((l) => l.meta.id !== layer.meta.id), layer];
    } else {
      this.stored.delete(message.id);
      if (this.app.userLayers.some((l) => l.meta.id === message.id)) this.app.removeUserLayer(message.id);
      // Delete here too: had this tab's read-back saved the layer again just before the message came (it cannot
      // tell a deletion elsewhere from cleared storage), the layer would otherwise come back on the next reload.
      this.storage.deleteUserLayer(message.id).catch((error: unknown) => this.fail(error));
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
