/**
 * The user's own layers, kept in the browser (IndexedDB) so they survive a reload. The only module that
 * touches `indexedDB`. Each layer is stored as its layer JSON (the same format as `public/data/layers/`),
 * keyed by its id, and checked with `parseLayerFile` when read back: a record that fails (an older or
 * damaged entry) is skipped and reported, never fatal. Where IndexedDB is missing or refused (some private
 * modes), every function rejects with a `UserLayerStorageError` the interface can show.
 */
import { DataError } from '../errors';
import { parseLayerFile } from '../data/parse';
import type { LayerFile, LayerId, StorageFailure } from '../types';

/** Name of the database. */
export const USER_LAYER_DB = 'samenwerkingsatlas';
/** Name of the object store (out-of-line keys: the layer id). */
export const USER_LAYER_STORE = 'user-layers';
const DB_VERSION = 1;

/** A failure of the browser's storage; `reason` says which, for a message in the interface language. */
// A DataError: the browser's storage refused, which is no fault of the atlas (see `messageOf` in errors.ts).
export class UserLayerStorageError extends DataError {
  override readonly name = 'UserLayerStorageError';
  readonly reason: StorageFailure;

  constructor(reason: StorageFailure, message: string) {
    super(message);
    this.reason = reason;
  }
}

/** A stored record that was not a valid user layer, and why. */
export interface SkippedRecord {
  /** Its key in the store. */
  key: string;
  message: string;
}

/**
 * Every stored user layer, validated, sorted by Dutch name (Dutch collation) then id.
 * Records that are not valid user layers are left out and passed to `onskip`.
 */
export async function listUserLayers(onskip?: (skipped: SkippedRecord) => void): Promise<LayerFile[]> {
  const records = await withStore('readonly', (store) => {
    const found: { key: string; value: unknown }[] = [];
    const request = store.openCursor();
    request.onsuccess = () => {
      const cursor = request.result;
      if (!cursor) return;
      found.push({ key: String(cursor.key), value: cursor.value });
      cursor.continue();
    };
    return () => found;
  });
  const layers: LayerFile[] = [];
  for (const { key, value } of records) {
    try {
      layers.push(checkUserLayer(value, key));
    } catch (error) {
      if (!(error instanceof DataError)) throw error;
      onskip?.({ key, message: error.message });
    }
  }
  const collator = new Intl.Collator('nl');
  return layers.sort((a, b) => collator.compare(a.meta.name.nl, b.meta.name.nl) || (a.meta.id < b.meta.id ? -1 : 1));
}

/**
 * Store a user layer (domain `eigen`), replacing any layer with the same id. The layer is stored as plain
 * JSON, so reactive proxies are fine to pass. Throws `DataError` for a layer that `parseLayerFile` rejects
 * or that is not a user layer; rejects with `UserLayerStorageError` when storage fails.
 */
export async function saveUserLayer(layer: LayerFile): Promise<void> {
  const plain: unknown = JSON.parse(JSON.stringify(layer));
  const checked = checkUserLayer(plain, layer.meta?.id ?? '(no id)');
  await withStore('readwrite', (store) => {
    store.put(plain, checked.meta.id);
    return () => undefined;
  });
}

/** Remove the user layer with this id (nothing happens when there is none). */
export async function deleteUserLayer(id: LayerId): Promise<void> {
  await withStore('readwrite', (store) => {
    store.delete(id);
    return () => undefined;
  });
}

/** Parse a stored value as a user layer stored under `key`; throws `DataError` otherwise. */
function checkUserLayer(value: unknown, key: string): LayerFile {
  const file = `stored layer ${key}`;
  const layer = parseLayerFile(value, file);
  if (layer.meta.domain !== 'eigen') {
    throw new DataError(`${file}: domain is "${layer.meta.domain}", but only user layers (eigen) are stored`, file);
  }
  if (layer.meta.id !== key) throw new DataError(`${file}: stored under another id (${layer.meta.id})`, file);
  return layer;
}

/**
 * Run `work` in one transaction on the store and resolve with what its returned getter gives once the
 * transaction has committed (so a write is durable before the promise resolves).
 */
async function withStore<T>(mode: IDBTransactionMode, work: (store: IDBObjectStore) => () => T): Promise<T> {
  const db = await openDatabase();
  try {
    return await new Promise<T>((resolve, reject) => {
      let tx: IDBTransaction;
      try {
        tx = db.transaction(USER_LAYER_STORE, mode);
      } catch (error) {
        reject(storageError(error));
        return;
      }
      const result = work(tx.objectStore(USER_LAYER_STORE));
      tx.oncomplete = () => resolve(result());
      tx.onerror = () => reject(storageError(tx.error));
      tx.onabort = () => reject(storageError(tx.error));
    });
  } finally {
    db.close();
  }
}

function openDatabase(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const factory: IDBFactory | undefined = globalThis.indexedDB;
    if (!factory) {
      reject(new UserLayerStorageError('unavailable', 'IndexedDB is not available in this browser'));
      return;
    }
    let request: IDBOpenDBRequest;
    try {
      request = factory.open(USER_LAYER_DB, DB_VERSION);
    } catch (error) {
      // Some browsers throw here in private mode (SecurityError, InvalidStateError).
      reject(new UserLayerStorageError('unavailable', `IndexedDB refused to open: ${browserSays(error)}`));
      return;
    }
    request.onupgradeneeded = () => {
      if (!request.result.objectStoreNames.contains(USER_LAYER_STORE)) {
        request.result.createObjectStore(USER_LAYER_STORE);
      }
    };
    request.onsuccess = () => {
      // Let the site's storage be cleared (or the database upgraded elsewhere) while a write is under way: close,
      // and the next call opens a fresh database.
      request.result.onversionchange = () => request.result.close();
      resolve(request.result);
    };
    request.onerror = () => {
      const error = request.error;
      const reason: StorageFailure =
        error?.name === 'InvalidStateError' || error?.name === 'SecurityError' ? 'unavailable' : 'failed';
      reject(new UserLayerStorageError(reason, `IndexedDB could not be opened: ${browserSays(error)}`));
    };
    request.onblocked = () => {
      reject(new UserLayerStorageError('failed', 'IndexedDB is blocked by another tab of this app'));
    };
  });
}

function storageError(error: unknown): UserLayerStorageError {
  const name = error instanceof DOMException || error instanceof Error ? error.name : '';
  const reason: StorageFailure = name === 'QuotaExceededError' ? 'quota' : 'failed';
  return new UserLayerStorageError(reason, `IndexedDB: ${browserSays(error)}`);
}

/** What the browser said: the DOMException's name and message (the app's `messageOf` then passes it on as is). */
function browserSays(error: unknown): string {
  if (error instanceof Error || error instanceof DOMException) return `${error.name}: ${error.message}`;
  return String(error);
}
