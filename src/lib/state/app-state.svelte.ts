/**
 * The one application state: user choices in `$state`, loaded data in `$state.raw`,
 * everything computed in `$derived` (STYLE.md §3). Provided by App.svelte through context.
 */
import { getContext, setContext } from 'svelte';
import type { LayerFile, LayerId, LayerMeta, MunicipalityCode, RegionCode } from '../types';
import type { LoadState } from '../data/load';
import { buildAtlas, type Atlas, type AtlasLayer } from '../data/atlas';
import { LAYER_FORMAT } from '../data/parse';
import { createMapGeometryBuilder } from '../geo/map-geometry';
import { moveMunicipality, renameLayer, startDraft } from '../import/what-if';
import { bboxOf } from '../geo/measure';
import { buildSearchIndex } from '../data/search';
import { countBorders } from '../stats/border-count';
import { findMetric, type LayerComparison, type MetricId } from '../stats/pair';
import type { Weight } from '../stats/sets';
import { assignLineStyles, type LineStyle } from '../scales/line-style';
import type { MatrixResult } from '../worker/protocol';
import { translate, type Lang, type MessageKey } from '../i18n/messages';
import { formatDate, formatNumber } from '../i18n/format';
import { EMPTY_VIEW, type CongruenceShow, type ViewState } from './url-state';
import { computeBuildingBlocks, type BuildingBlocks } from '../stats/blocks';
import { blocksLayerFile } from '../stats/blocks-layer';
import { computeMultiCongruence, type MultiCongruence } from '../stats/multi-congruence';
import { withLayers } from '../history/projection';
import type { YearSummary } from '../data/assemble';

/** A region of a layer. */
export interface RegionRef {
  layerId: LayerId;
  code: RegionCode;
}

/** What the side panel shows. */
export type Panel =
  /** A gemeente that was clicked on the map, seen through one layer's region. */
  | { kind: 'region'; municipality: MunicipalityCode; layerId: LayerId }
  /** A gemeente's profile (from search): its regions in every layer. */
  | { kind: 'profile'; municipality: MunicipalityCode }
  /** The congruence matrix of the visible layers. */
  | { kind: 'matrix' }
  /** Two layers compared. */
  | { kind: 'pair'; a: LayerId; b: LayerId }
  /** Import a layer; the user's own layers. */
  | { kind: 'import' }
  /** The layouts through time: what changed between years, and trends. */
  | { kind: 'history' }
  /**
   * Congruence across a set of layouts (issue 11): per gemeente how often it has the same partners, or the
   * building blocks; `municipality` is the gemeente whose partners per layout are shown.
   */
  | { kind: 'congruence'; layers: LayerId[]; show: CongruenceShow; municipality: MunicipalityCode | null };

/** The kinds a congruence map compares by default, as published congruence maps do (jeugd, Veilig Thuis, ZVH). */
const DEFAULT_CONGRUENCE_KINDS = ['jeugdregio', 'veiligthuis', 'veiligheidshuis'];

/** Panels a link restores. */
const LINKED_PANELS = new Set(['region', 'profile', 'matrix', 'pair', 'congruence']);

/** A request to the map: show a box [west, south, east, north], or jump to a camera. */
export type MapRequest =
  | { bbox: [number, number, number, number]; seq: number }
  /** A link's camera; `focus`: the box of the gemeente its panel shows, which a phone fits above its sheet instead. */
  | { camera: Camera; seq: number; focus?: [number, number, number, number] };

/** Map centre and zoom. */
export interface Camera {
  lng: number;
  lat: number;
  zoom: number;
}

/** What the on-screen map shows: camera, bounds [west, south, east, north] and size in CSS pixels. */
export interface MapViewport {
  camera: Camera;
  bounds: [number, number, number, number];
  width: number;
  height: number;
}

/** A result the statistics worker computes: not asked for, under way (layer pairs done of total), there, or failed. */
export type Computation<T> =
  | { status: 'idle' }
  | { status: 'computing'; done: number; total: number }
  | { status: 'ready'; value: T }
  | { status: 'error'; message: string };

export class AppState {
  lang = $state<Lang>('nl');
  /** Visible layers in registry order, so a layer's line offset never depends on the order of clicks. */
  visible = $state<LayerId[]>([]);
  /**
   * The export panel is open: over the panel of the moment, which stays (with its selection, pair colouring or
   * congruence map), so that the export renders exactly what the map shows.
   */
  isExporting = $state(false);
  /** The clean presentation view (`?view=clean`): only the map, its title, legend and sources. */
  isClean = $state(false);
  /** The one layer drawn with a fill, or null. */
  filled = $state<LayerId | null>(null);
  hovered = $state<MunicipalityCode | null>(null);
  panel = $state<Panel | null>(null);
  metric = $state<MetricId>('congruence');
  /** Border mode: borders weighted by how many visible layers share them. */
  isBorderMode = $state(false);
  /** Gemeenten marked on the map ("always together"). */
  marked = $state<MunicipalityCode[]>([]);
  /** A region shown from the profile ("show on map"). */
  shownRegion = $state<RegionRef | null>(null);
  /** Where the map looks, as the map last reported it (or a link set it). */
  camera = $state.raw<Camera | null>(null);
  /** The on-screen map's bounds and size, as last reported (for exports of the same view). */
  viewport = $state.raw<MapViewport | null>(null);
  /** A request to the map to move; `seq` makes equal targets distinct requests. */
  mapRequest = $state.raw<MapRequest | null>(null);
  /** The pair last compared, whose tables the export offers. */
  lastPair = $state<{ a: LayerId; b: LayerId } | null>(null);
  /** Short messages about the link (ignored parameters). */
  notices = $state<string[]>([]);
  load = $state.raw<LoadState>({ status: 'loading' });
  /** The years the data has, oldest first, with their layouts (from the manifest; empty until it is read). */
  years = $state.raw<YearSummary[]>([]);
  /** The year asked for (year control, link); null until the first load chose one. The loader follows it. */
  requestedYear = $state<number | null>(null);
  /** A year being loaded while another is on screen, or null. */
  loadingYear = $state<number | null>(null);
  /** The user's own layers (imported or saved what-ifs), kept in IndexedDB. */
  userLayers = $state.raw<LayerFile[]>([]);
  /**
   * Layers of another year drawn on this year's gemeenten (the history panel's "on the map" and cross-year pairs);
   * each is shown only in the year whose gemeenten it is on.
   */
  overlays = $state.raw<LayerFile[]>([]);
  /** Kinds shown and filled in an earlier year that the year on screen lacks, restored in the next year that has them. */
  private waitingKinds: { shown: string[]; filled: string | null } = { shown: [], filled: null };
  /** Something to do once a year chosen for it is on screen (the history panel's actions). */
  private afterYear: { year: number; apply: () => void } | null = null;
  /** A what-if copy being edited, and the layer it started from; not stored until saved. */
  draft = $state.raw<{ file: LayerFile; originId: LayerId } | null>(null);
  /** The weight that chooses best matches in the pair view. */
  pairWeight = $state<Weight>('count');
  /** The statistics worker's answers for the matrix and for the open pair (kept in step by `connectStats`). */
  matrixResult = $state.raw<Computation<MatrixResult>>({ status: 'idle' });
  pairResult = $state.raw<Computation<LayerComparison>>({ status: 'idle' });

  private buildGeometry = createMapGeometryBuilder();
  /** The year on screen. */
  year = $derived(this.load.status === 'ready' ? this.load.atlas.geometry.year : null);
  /** The newest year of the data: what a link without a year shows. */
  newestYear = $derived(this.years.length ? this.years[this.years.length - 1]!.year : null);
  /**
   * The built-in atlas plus the user's layers and the draft, each shown like any other layer. A draft belongs to
   * the year it was started in and waits there while another year is shown.
   */
  private layersAtlas = $derived.by((): Atlas | null => {
    if (this.load.status !== 'ready') return null;
    const base = this.load.atlas;
    const ofThisYear = (file: LayerFile) => file.meta.geometryId === base.geometry.id;
    const draft = this.draft && ofThisYear(this.draft.file) ? [this.draft.file] : [];
    const extra = [...this.userLayers, ...draft, ...this.overlays.filter(ofThisYear)];
    if (extra.length === 0) return base;
    const builtIn = base.layers.map((l): LayerFile => ({ format: LAYER_FORMAT, meta: l.meta, regions: l.regions }));
    return buildAtlas(base.geometry, base.topology, [...extra, ...builtIn]);
  });
  /** The open congruence map, if any. */
  congruenceView = $derived(this.panel?.kind === 'congruence' ? this.panel : null);
  /**
   * The open congruence map's layout ids and what it draws (null: not open), as strings: the figures below depend
   * on these only, so choosing a gemeente (a new panel object) or what to draw recomputes no figure.
   */
  private congruenceIds = $derived(this.congruenceView?.layers.join(',') ?? null);
  private congruenceShow = $derived<CongruenceShow | null>(this.congruenceView?.show ?? null);
  /** The layers of the open congruence map that the atlas has. */
  private congruenceLayers = $derived(
    this.congruenceIds ? this.congruenceIds.split(',').flatMap((id) => this.layersAtlas?.layersById.get(id) ?? []) : [],
  );
  /** The congruence map's figures, once two or more of its layers are there. Cheap enough for the main thread. */
  multiCongruence = $derived.by((): MultiCongruence | null => {
    const atlas = this.layersAtlas;
    return atlas && this.congruenceLayers.length >= 2 ? computeMultiCongruence(atlas, this.congruenceLayers) : null;
  });
  buildingBlocks = $derived.by((): BuildingBlocks | null => {
    const atlas = this.layersAtlas;
    return atlas && this.congruenceLayers.length >= 2 ? computeBuildingBlocks(atlas, this.congruenceLayers) : null;
  });
  /** The blocks or groups the congruence map draws, as a layer of their own (never listed or stored). */
  derivedLayer = $derived.by((): LayerFile | null => {
    const show = this.congruenceShow;
    const atlas = this.layersAtlas;
    if (show === null || show === 'score' || !atlas || !this.buildingBlocks) return null;
    return blocksLayerFile(atlas, this.buildingBlocks, this.congruenceLayers, show);
  });
  /** Everything the app shows: the year's layers, the user's, and the congruence map's blocks while it draws them. */
  atlas = $derived.by((): Atlas | null => {
    const atlas = this.layersAtlas;
    return atlas && this.derivedLayer ? withLayers(atlas, [this.derivedLayer]) : atlas;
  });
  searchIndex = $derived(
    this.load.status === 'ready' ? buildSearchIndex(this.load.atlas.municipalities, this.load.former) : null,
  );
  mapGeometry = $derived(this.atlas ? this.buildGeometry(this.atlas) : null);
  /** The filled layer if it is visible, else null: what the map, legend and labels show. */
  shownFill = $derived(this.filled && this.visible.includes(this.filled) ? this.filled : null);
  /** Visible layers in the order they are drawn and listed. */
  visibleLayers = $derived(
    this.atlas ? this.visible.flatMap((id) => this.atlas?.layersById.get(id) ?? []) : ([] as AtlasLayer[]),
  );
  /** A layer's line as drawn now: its assigned style while the map draws it, else its registry style. */
  styleOf = (meta: LayerMeta): LineStyle => this.lineStyles.get(meta.id) ?? meta;
  /**
   * The matrix or a pair (whose back button returns to the matrix) is open: the matrix is wanted. A boolean, so
   * that it changes only when that does, not with every new panel object.
   */
  isComparing = $derived(this.panel?.kind === 'matrix' || this.panel?.kind === 'pair');
  /** The open pair, if the pair view is open. */
  pair = $derived(this.panel?.kind === 'pair' ? this.panel : null);
  /** The comparison of the open pair, once the worker has it (null while it computes or after an error). */
  comparison = $derived.by((): LayerComparison | null => {
    const pair = this.pair;
    const result = this.pairResult;
    return pair && result.status === 'ready' && result.value.a.id === pair.a && result.value.b.id === pair.b
      ? result.value
      : null;
  });
  /**
   * Per gemeente the congruence the map colours (disagreement mode): between the open pair's layers, or across
   * the congruence map's layouts.
   */
  congruence = $derived.by((): ReadonlyMap<MunicipalityCode, number> => {
    const multi = this.congruenceShow === 'score' ? this.multiCongruence : null;
    if (multi) {
      // Across k layouts a score lies in [1/k, 1] (1/k: other partners in every layout); stretched to [0, 1], so
      // the ramp means the same as in the pair view: lightest for no partner in common, darkest for the same ones.
      const k = multi.layerIds.length;
      // eslint-disable-next-line svelte/prefer-svelte-reactivity
      return new Map(multi.perMunicipality.map((m) => [m.code, (k * m.score - 1) / (k - 1)]));
    }
    const entries = this.comparison?.congruence.perMunicipality ?? [];
    // A new read-only map each time the pair changes; nothing mutates it, so it needs no SvelteMap.
    // eslint-disable-next-line svelte/prefer-svelte-reactivity
    return new Map(entries.map((m) => [m.code, m.congruence]));
  });
  /** What the congruence colouring means, for the legend and the export's legend. */
  congruenceLegend = $derived(
    this.congruenceShow === 'score' && this.multiCongruence
      ? translate(this.lang, 'congruenceMapLegend', {
          count: this.multiCongruence.layerIds.length,
          low: `${formatNumber(100 / this.multiCongruence.layerIds.length, this.lang)}%`,
        })
      : translate(this.lang, 'congruenceLegend'),
  );
  /** What the map draws: in the pair view only the two layers, without fill. */
  mapLayers = $derived(
    this.pair
      ? [this.pair.a, this.pair.b]
      : this.congruenceShow !== null
        ? [...this.congruenceLayers.map((l) => l.meta.id), ...(this.derivedLayer ? [this.derivedLayer.meta.id] : [])]
        : this.visible,
  );
  mapFill = $derived(
    this.pair ? null : this.congruenceShow !== null ? (this.derivedLayer?.meta.id ?? null) : this.shownFill,
  );
  /** Distinct line styles of the layers the map draws (`assignLineStyles`), as the map and the export draw them. */
  lineStyles = $derived(assignLineStyles(this.mapLayers.flatMap((id) => this.atlas?.layersById.get(id)?.meta ?? [])));
  borderCounts = $derived(this.atlas && this.isBorderMode ? countBorders(this.atlas, this.mapLayers) : null);
  /** The gemeente whose panel is open. */
  selectedMunicipality = $derived(
    this.panel?.kind === 'region' || this.panel?.kind === 'profile' || this.panel?.kind === 'congruence'
      ? this.panel.municipality
      : null,
  );
  /** The region highlighted on the map. */
  highlightedRegion = $derived.by((): RegionRef | null => {
    const p = this.panel;
    if (p?.kind === 'region') {
      const region = this.atlas?.layersById.get(p.layerId)?.regionsByMember.get(p.municipality)?.[0];
      return region ? { layerId: p.layerId, code: region.code } : null;
    }
    return p?.kind === 'profile' ? this.shownRegion : null;
  });

  /** Interface string in the current language. */
  t = (key: MessageKey, params?: Record<string, string | number>): string => translate(this.lang, key, params);
  num = (value: number, digits = 0): string => formatNumber(value, this.lang, digits);
  date = (iso: string): string => formatDate(iso, this.lang);

  /**
   * Make the atlas ready and show its default layers; when it replaces another year, carry the view over to it
   * (see `carryOver`).
   */
  setLoaded(load: LoadState): void {
    const previous = this.load.status === 'ready' ? this.load.atlas : null;
    this.load = load;
    if (load.status !== 'ready') return;
    if (previous && previous.geometry.id !== load.atlas.geometry.id) this.carryOver(previous, load.atlas);
    if (this.visible.length === 0) this.showDefaultLayers();
    const after = this.afterYear;
    if (after?.year === load.atlas.geometry.year) {
      this.afterYear = null;
      after.apply();
    }
  }

  /** Run `apply` in `year`: now if it is on screen, else once the year chosen for it is there. */
  inYear(year: number, apply: () => void): void {
    if (this.year === year) {
      // Also cancels a choice of another year still loading, which would otherwise carry this view away.
      this.chooseYear(year);
      apply();
    } else {
      this.chooseYear(year);
      this.afterYear = { year, apply };
    }
  }

  /**
   * Show `layers` (ids of `year`) and `overlays` (layers of other years on `year`'s gemeenten) and nothing else,
   * marking `marked` gemeenten: what the history panel puts on the map.
   */
  showThroughTime(year: number, layers: LayerId[], overlays: LayerFile[], marked: MunicipalityCode[]): void {
    this.setOverlays(overlays);
    this.inYear(year, () => {
      this.visible = this.inRegistryOrder([...layers, ...overlays.map((o) => o.meta.id)]);
      this.filled = null;
      this.marked = marked;
    });
  }

  /** Show another year (the loader follows); an action waiting for another year is dropped. */
  chooseYear(year: number): void {
    if (this.afterYear?.year !== year) this.afterYear = null;
    this.requestedYear = year;
  }

  /** Layers of other years drawn on this year's gemeenten; those that go are forgotten from the view too. */
  setOverlays(files: LayerFile[]): void {
    for (const old of this.overlays) if (!files.some((f) => f.meta.id === old.meta.id)) this.forgetLayer(old.meta.id);
    this.overlays = files;
  }

  /** Compare layer `a` with `b` in `year`, with `overlays` (layers of other years on that year's gemeenten). */
  pairInYear(year: number, a: LayerId, b: LayerId, overlays: LayerFile[]): void {
    this.setOverlays(overlays);
    this.inYear(year, () => this.openPair(a, b));
  }

  /**
   * A new year replaces `from` by `to`: every layer shown, filled or compared is replaced by the layer of the same
   * kind in the new year (dropped where the year has none); a gemeente panel stays where the gemeente exists in
   * the new year; marks and a region shown from the profile are cleared.
   */
  private carryOver(from: Atlas, to: Atlas): void {
    // A lookup for this call only, never rendered.
    // eslint-disable-next-line svelte/prefer-svelte-reactivity
    const idOfKind = new Map(to.layers.map((l) => [l.meta.kind, l.meta.id]));
    const same = (id: LayerId): LayerId | null => {
      // A layer of another year drawn on `from`'s gemeenten is not in `from` (it is added to the view's atlas), so
      // it is dropped here: it belongs to that year's view only.
      const kind = from.layersById.get(id)?.meta.kind;
      return kind === undefined ? null : (idOfKind.get(kind) ?? null);
    };
    const order = to.layers.map((l) => l.meta.id);
    // Kinds shown (or filled) that a year lacks wait for the next year that has them (politie 2025 → 2024 → 2025).
    const kindsShown = [
      ...this.visible.flatMap((id) => from.layersById.get(id)?.meta.kind ?? []),
      ...this.waitingKinds.shown,
    ];
    const fillKind = (this.filled && from.layersById.get(this.filled)?.meta.kind) ?? this.waitingKinds.filled;
    const unique = <T>(items: T[]): T[] => items.filter((item, i) => items.indexOf(item) === i);
    this.visible = unique(kindsShown.flatMap((kind) => idOfKind.get(kind) ?? [])).sort(
      (a, b) => order.indexOf(a) - order.indexOf(b),
    );
    this.filled = fillKind ? (idOfKind.get(fillKind) ?? null) : null;
    this.waitingKinds = {
      shown: unique(kindsShown.filter((kind) => !idOfKind.has(kind))),
      filled: fillKind && !idOfKind.has(fillKind) ? fillKind : null,
    };
    const pair = this.lastPair && { a: same(this.lastPair.a), b: same(this.lastPair.b) };
    this.lastPair = pair?.a && pair.b ? { a: pair.a, b: pair.b } : null;
    const exists = (code: MunicipalityCode) => to.municipalitiesByCode.has(code);
    const p = this.panel;
    if (p?.kind === 'region') {
      const layerId = same(p.layerId);
      this.panel = layerId && exists(p.municipality) ? { ...p, layerId } : null;
    } else if (p?.kind === 'profile') this.panel = exists(p.municipality) ? p : null;
    else if (p?.kind === 'pair') {
      const [a, b] = [same(p.a), same(p.b)];
      this.panel = a && b ? { kind: 'pair', a, b } : { kind: 'matrix' };
    }
    // The layouts the new year has stay chosen; fewer than two, and the panel asks for more.
    else if (p?.kind === 'congruence') {
      const municipality = p.municipality && exists(p.municipality) ? p.municipality : null;
      this.panel = { ...p, layers: p.layers.flatMap((id) => same(id) ?? []), municipality };
    }
    this.marked = [];
    this.shownRegion = null;
    if (p?.kind !== 'history') this.overlays = [];
  }

  /** The year's default layers, the first of them filled: the view the atlas opens with. */
  showDefaultLayers(): void {
    const atlas = this.atlas;
    if (!atlas) return;
    this.visible = atlas.layers.filter((l) => l.meta.isDefaultVisible).map((l) => l.meta.id);
    this.filled = this.visible[0] ?? null;
    if (this.panel?.kind === 'region' && !this.visible.includes(this.panel.layerId)) this.panel = null;
  }

  toggleLayer(id: LayerId): void {
    if (this.visible.includes(id)) {
      // The fill choice stays, so switching the layer back on restores the same picture.
      this.visible = this.visible.filter((v) => v !== id);
      if (this.panel?.kind === 'region' && this.panel.layerId === id) this.panel = null;
    } else {
      this.visible = this.inRegistryOrder([...this.visible, id]);
    }
  }

  private inRegistryOrder(ids: LayerId[]): LayerId[] {
    const order = this.atlas?.layers.map((l) => l.meta.id) ?? [];
    return ids.filter((id, i) => ids.indexOf(id) === i).sort((a, b) => order.indexOf(a) - order.indexOf(b));
  }

  setFilled(id: LayerId | null): void {
    this.filled = id;
    if (id && !this.visible.includes(id)) this.visible = this.inRegistryOrder([...this.visible, id]);
  }

  /** A click on the map: the region panel of gemeente `code`, through the layer already shown, the fill, or the first visible layer. */
  selectOnMap(code: MunicipalityCode | null): void {
    if (this.panel?.kind === 'congruence') {
      this.panel = { ...this.panel, municipality: code };
      return;
    }
    const current = this.panel?.kind === 'region' ? this.panel.layerId : null;
    const layerId = current && this.visible.includes(current) ? current : (this.shownFill ?? this.visible[0]);
    this.panel = code && layerId ? { kind: 'region', municipality: code, layerId } : null;
  }

  /** The map reported where it is. */
  setViewport(viewport: MapViewport): void {
    this.viewport = viewport;
    this.camera = viewport.camera;
  }

  /**
   * Open the congruence map for `layers`, or by default for the year's jeugd, Veilig Thuis and Zorg- en
   * Veiligheidshuis layers (the visible layers make up for kinds the year lacks, up to three).
   */
  openCongruence(layers?: LayerId[]): void {
    const atlas = this.layersAtlas;
    if (!atlas) return;
    let chosen = layers;
    if (!chosen) {
      const byKind = DEFAULT_CONGRUENCE_KINDS.flatMap((kind) => atlas.layers.find((l) => l.meta.kind === kind) ?? []);
      const ids = byKind.map((l) => l.meta.id);
      for (const id of this.visible) if (ids.length < 3 && !ids.includes(id) && atlas.layersById.has(id)) ids.push(id);
      chosen = ids;
    }
    this.panel = { kind: 'congruence', layers: chosen, show: 'score', municipality: null };
  }

  /** Change what the open congruence map compares or draws. */
  setCongruence(
    change: Partial<{ layers: LayerId[]; show: CongruenceShow; municipality: MunicipalityCode | null }>,
  ): void {
    if (this.panel?.kind === 'congruence') this.panel = { ...this.panel, ...change };
  }

  /** A gemeente chosen in search: its profile, and the map zooms to it. */
  openProfile(code: MunicipalityCode): void {
    // Search is a request to see the gemeente: its profile, not an export that would hide it.
    this.isExporting = false;
    this.panel = { kind: 'profile', municipality: code };
    this.shownRegion = null;
    this.marked = [];
    const geometry = this.mapGeometry?.municipalities.features.find((f) => f.properties.code === code);
    if (geometry) this.focusOn(bboxOf(geometry) as [number, number, number, number]);
  }

  /** From the profile: show one of the gemeente's regions, with its layer visible, and zoom to it. */
  showRegion(layerId: LayerId, code: RegionCode): void {
    if (!this.visible.includes(layerId)) this.visible = this.inRegistryOrder([...this.visible, layerId]);
    this.shownRegion = { layerId, code };
    const feature = this.mapGeometry?.layers.get(layerId)?.regions.features.find((f) => f.properties.code === code);
    if (feature) this.focusOn(bboxOf(feature) as [number, number, number, number]);
  }

  private focusOn(bbox: [number, number, number, number]): void {
    this.mapRequest = { bbox, seq: (this.mapRequest?.seq ?? 0) + 1 };
  }

  openPair(a: LayerId, b: LayerId): void {
    this.panel = { kind: 'pair', a, b };
    this.lastPair = { a, b };
  }

  /** Add (or replace) one of the user's own layers and show it. Storing it is the caller's business. */
  putUserLayer(file: LayerFile): void {
    const id = file.meta.id;
    this.userLayers = [...this.userLayers.filter((l) => l.meta.id !== id), file];
    if (!this.visible.includes(id)) this.visible = this.inRegistryOrder([...this.visible, id]);
  }

  /** Remove one of the user's own layers from the view. */
  removeUserLayer(id: LayerId): void {
    this.userLayers = this.userLayers.filter((l) => l.meta.id !== id);
    this.forgetLayer(id);
  }

  private forgetLayer(id: LayerId): void {
    this.visible = this.visible.filter((v) => v !== id);
    if (this.filled === id) this.filled = null;
    const p = this.panel;
    if ((p?.kind === 'region' && p.layerId === id) || (p?.kind === 'pair' && (p.a === id || p.b === id))) {
      this.panel = null;
    }
    if (p?.kind === 'congruence' && p.layers.includes(id)) {
      this.panel = { ...p, layers: p.layers.filter((l) => l !== id) };
    }
    if (this.lastPair && (this.lastPair.a === id || this.lastPair.b === id)) this.lastPair = null;
  }

  /** What-if: start editing a copy of layer `id`, shown next to it, and look at gemeente `code` through it. */
  startDraft(id: LayerId, code: MunicipalityCode, today: string): void {
    const layer = this.atlas?.layersById.get(id);
    if (!layer) return;
    const taken = this.atlas?.layers.map((l) => l.meta.id) ?? [];
    const file = startDraft(
      { format: LAYER_FORMAT, meta: layer.meta, regions: layer.regions },
      layer.meta.name,
      today,
      taken,
    );
    this.draft = { file, originId: id };
    this.visible = this.inRegistryOrder([...this.visible, file.meta.id]);
    this.panel = { kind: 'region', municipality: code, layerId: file.meta.id };
  }

  /** What-if: move gemeente `code` from one region of the draft to another (null: no region). */
  moveInDraft(code: MunicipalityCode, from: RegionCode | null, to: RegionCode | null): void {
    if (!this.draft || !this.atlas) return;
    const all = this.atlas.municipalities.map((m) => m.code);
    this.draft = { ...this.draft, file: moveMunicipality(this.draft.file, code, from, to, all) };
  }

  /** What-if: keep the draft as one of the user's layers under `name`; returns it for storing. */
  saveDraft(name: string): LayerFile | null {
    if (!this.draft) return null;
    const file = renameLayer(this.draft.file, name);
    this.draft = null;
    this.putUserLayer(file);
    return file;
  }

  discardDraft(): void {
    if (!this.draft) return;
    const id = this.draft.file.meta.id;
    this.draft = null;
    this.forgetLayer(id);
  }

  closePanel(): void {
    this.panel = null;
    this.shownRegion = null;
    this.marked = [];
  }

  /** The view as a link carries it (see url-state.ts). */
  toView(): ViewState {
    const p = this.panel;
    return {
      ...EMPTY_VIEW,
      lang: this.lang === 'nl' ? null : this.lang,
      // Only an earlier year goes into the link: one without a year opens the newest.
      year: this.newestYear !== null && this.year !== this.newestYear ? this.year : null,
      layers: [...this.visible],
      fill: this.filled ?? 'none',
      municipality: p?.kind === 'region' || p?.kind === 'profile' || p?.kind === 'congruence' ? p.municipality : null,
      regionLayer:
        p?.kind === 'region' ? p.layerId : p?.kind === 'profile' ? (this.shownRegion?.layerId ?? null) : null,
      pair: p?.kind === 'pair' ? [p.a, p.b] : null,
      set: p?.kind === 'congruence' ? [...p.layers] : null,
      show: p?.kind === 'congruence' && p.show !== 'score' ? p.show : null,
      panel: p && LINKED_PANELS.has(p.kind) ? (p.kind as ViewState['panel']) : null,
      metric: p?.kind === 'matrix' || p?.kind === 'pair' ? this.metric : null,
      camera: this.camera,
      clean: this.isClean,
    };
  }

  /** Restore a view from a link; values not in the link keep their defaults. */
  applyView(view: ViewState): void {
    if (view.lang) this.lang = view.lang;
    this.isClean = view.clean;
    if (view.layers) this.visible = this.inRegistryOrder(view.layers);
    if (view.fill) this.filled = view.fill === 'none' ? null : view.fill;
    if (view.metric && findMetric(view.metric)) this.metric = view.metric as MetricId;
    if (view.camera) {
      this.camera = view.camera;
      const feature = view.municipality
        ? this.mapGeometry?.municipalities.features.find((f) => f.properties.code === view.municipality)
        : undefined;
      this.mapRequest = {
        camera: view.camera,
        seq: (this.mapRequest?.seq ?? 0) + 1,
        ...(feature ? { focus: bboxOf(feature) as [number, number, number, number] } : {}),
      };
    }
    this.shownRegion = null;
    this.marked = [];
    const code = view.municipality;
    if (view.panel === 'matrix') this.panel = { kind: 'matrix' };
    else if (view.panel === 'congruence') {
      this.openCongruence(view.set ?? undefined);
      this.setCongruence({ show: view.show ?? 'score', municipality: code });
    } else if (view.panel === 'pair' && view.pair) this.panel = { kind: 'pair', a: view.pair[0], b: view.pair[1] };
    else if (code && view.panel === 'profile') {
      this.panel = { kind: 'profile', municipality: code };
      if (view.regionLayer) {
        const region = this.atlas?.layersById.get(view.regionLayer)?.regionsByMember.get(code)?.[0];
        if (region) this.shownRegion = { layerId: view.regionLayer, code: region.code };
      }
    } else if (code && view.regionLayer) this.panel = { kind: 'region', municipality: code, layerId: view.regionLayer };
    else if (code) this.panel = { kind: 'profile', municipality: code };
    else this.panel = null;
  }
}

const KEY = Symbol('app-state');

export function setAppState(state: AppState): AppState {
  return setContext(KEY, state);
}

export function getAppState(): AppState {
  return getContext<AppState>(KEY);
}
