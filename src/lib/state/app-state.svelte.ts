/**
 * The one application state: user choices in `$state`, loaded data in `$state.raw`,
 * everything computed in `$derived` (STYLE.md §3). Provided by App.svelte through context.
 */
import { getContext, setContext } from 'svelte';
import type { LayerId, MunicipalityCode } from '../types';
import type { LoadState } from '../data/load';
import type { AtlasLayer } from '../data/atlas';
import { buildMapGeometry } from '../geo/map-geometry';
import { translate, type Lang, type MessageKey } from '../i18n/messages';
import { formatDate, formatNumber } from '../scales/format';

/** The region panel's subject: a gemeente that was clicked, seen through one layer. */
export interface Selection {
  municipality: MunicipalityCode;
  layerId: LayerId;
}

export class AppState {
  lang = $state<Lang>('nl');
  /** Visible layers in registry order, so a layer's line offset never depends on the order of clicks. */
  visible = $state<LayerId[]>([]);
  /** The one layer drawn with a fill, or null. */
  filled = $state<LayerId | null>(null);
  hovered = $state<MunicipalityCode | null>(null);
  selection = $state<Selection | null>(null);
  load = $state.raw<LoadState>({ status: 'loading' });

  atlas = $derived(this.load.status === 'ready' ? this.load.atlas : null);
  mapGeometry = $derived(this.atlas ? buildMapGeometry(this.atlas) : null);
  /** The filled layer if it is visible, else null: what the map, legend and labels show. */
  shownFill = $derived(this.filled && this.visible.includes(this.filled) ? this.filled : null);
  /** Visible layers in the order they are drawn and listed. */
  visibleLayers = $derived(
    this.atlas ? this.visible.flatMap((id) => this.atlas?.layersById.get(id) ?? []) : ([] as AtlasLayer[]),
  );

  /** Interface string in the current language. */
  t = (key: MessageKey, params?: Record<string, string | number>): string => translate(this.lang, key, params);
  num = (value: number, digits = 0): string => formatNumber(value, this.lang, digits);
  date = (iso: string): string => formatDate(iso, this.lang);

  /** Make the atlas ready and show its default layers. */
  setLoaded(load: LoadState): void {
    this.load = load;
    if (load.status === 'ready' && this.visible.length === 0) {
      this.visible = load.atlas.layers.filter((l) => l.meta.isDefaultVisible).map((l) => l.meta.id);
      this.filled = this.visible[0] ?? null;
    }
  }

  toggleLayer(id: LayerId): void {
    if (this.visible.includes(id)) {
      // The fill choice stays, so switching the layer back on restores the same picture.
      this.visible = this.visible.filter((v) => v !== id);
      if (this.selection?.layerId === id) this.selection = null;
    } else {
      this.visible = this.inRegistryOrder([...this.visible, id]);
    }
  }

  private inRegistryOrder(ids: LayerId[]): LayerId[] {
    const order = this.atlas?.layers.map((l) => l.meta.id) ?? [];
    return [...ids].sort((a, b) => order.indexOf(a) - order.indexOf(b));
  }

  setFilled(id: LayerId | null): void {
    this.filled = id;
    if (id && !this.visible.includes(id)) this.visible = this.inRegistryOrder([...this.visible, id]);
  }

  /** Open the region panel for the gemeente `code`, through the filled layer or else the first visible one. */
  select(code: MunicipalityCode | null): void {
    const layerId =
      this.selection?.layerId && this.visible.includes(this.selection.layerId)
        ? this.selection.layerId
        : (this.shownFill ?? this.visible[0]);
    this.selection = code && layerId ? { municipality: code, layerId } : null;
  }
}

const KEY = Symbol('app-state');

export function setAppState(state: AppState): AppState {
  return setContext(KEY, state);
}

export function getAppState(): AppState {
  return getContext<AppState>(KEY);
}
