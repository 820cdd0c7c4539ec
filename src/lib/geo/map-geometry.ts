/**
 * Everything the map draws: per layer its dissolved regions, region borders, "no data" area, fill colours
 * and label points. Pure. Each part of a layer is computed when first read and then kept, so a layer that is
 * never shown costs nothing (the map reads a layer's parts when the layer is first shown); toggling layers
 * later only changes visibility, never these sources (STYLE.md §4).
 */
import { merge } from 'topojson-client';
import type { Feature, FeatureCollection, MultiLineString, MultiPolygon } from 'geojson';
import type { Atlas, AtlasLayer } from '../data/atlas';
import { hasBit } from '../model/bitset';
import { layerModel } from '../model/layer-model';
import type { LayerId, Region, RegionCode } from '../types';
import { dissolveRegions, municipalityBorders, municipalityFeatures, outline, regionBorders } from './dissolve';
import type { RegionFeatureProps } from './dissolve';
import { colourRegions } from './colouring';
import { regionLabelPoint } from './label-points';

/** A region label: where to put the region's name. */
export interface RegionLabel {
  code: RegionCode;
  name: string;
  /** [longitude, latitude] inside the region. */
  lngLat: [number, number];
  /** Member count, used to give larger regions priority when labels collide. */
  memberCount: number;
}

/** One layer's map geometry; every part is computed on first read (see the module comment). */
export interface LayerGeometry {
  readonly layerId: LayerId;
  readonly regions: FeatureCollection<MultiPolygon, RegionFeatureProps>;
  readonly borders: MultiLineString;
  /** The gemeenten in no region of this layer, merged; null when the layer covers all. */
  readonly noData: Feature<MultiPolygon> | null;
  readonly colourIndex: Map<RegionCode, number>;
  /**
   * Where to put each region's name. Only the filled layer is labelled, and the label search is most of the
   * cost of a layer's geometry (about 200 ms for all 11 layers).
   */
  readonly labels: RegionLabel[];
}

export interface MapGeometry {
  municipalities: ReturnType<typeof municipalityFeatures>;
  municipalityBorders: MultiLineString;
  outline: MultiLineString;
  layers: Map<LayerId, LayerGeometry>;
}

/** The map geometry of one layer of the atlas, from its layer model; each part computed when first read. */
function buildLayerGeometry(atlas: Atlas, layer: AtlasLayer): LayerGeometry {
  const { topology, index } = atlas;
  const id = layer.meta.id;
  const once = <T>(compute: () => T): (() => T) => {
    let value: { v: T } | null = null;
    return () => (value ??= { v: compute() }).v;
  };
  const model = once(() => layerModel(index, layer));
  const regions = once(() => dissolveRegions(topology, layer.regions, id));
  const borders = once(() => regionBorders(model()));
  const noData = once((): Feature<MultiPolygon> | null => {
    const uncovered = index.geometries.filter((_, n) => !hasBit(model().covered, n));
    return uncovered.length === 0 ? null : { type: 'Feature', properties: {}, geometry: merge(topology, uncovered) };
  });
  const colourIndex = once(() => colourRegions(model()));
  const labels = once(() =>
    regions().features.map((f) => ({
      code: f.properties.code,
      name: f.properties.name,
      lngLat: regionLabelPoint(f),
      memberCount: f.properties.memberCount,
    })),
  );
  return {
    layerId: id,
    get regions() {
      return regions();
    },
    get borders() {
      return borders();
    },
    get noData() {
      return noData();
    },
    get colourIndex() {
      return colourIndex();
    },
    get labels() {
      return labels();
    },
  };
}

/** Compute the map geometry of every layer of the atlas. */
export function buildMapGeometry(atlas: Atlas): MapGeometry {
  return createMapGeometryBuilder()(atlas);
}

/**
 * A `buildMapGeometry` that remembers its work: a layer whose regions array is the same object as last
 * time (built-in layers across user edits) keeps its geometry object, so the map updates only the layers
 * that changed. The gemeente geometry is computed once per topology.
 */
export function createMapGeometryBuilder(): (atlas: Atlas) => MapGeometry {
  const layerCache = new WeakMap<readonly Region[], LayerGeometry>();
  const baseCache = new WeakMap<Atlas['topology'], Omit<MapGeometry, 'layers'>>();
  return (atlas) => {
    const { topology } = atlas;
    let base = baseCache.get(topology);
    if (!base) {
      base = {
        municipalities: municipalityFeatures(topology),
        municipalityBorders: municipalityBorders(topology),
        outline: outline(topology),
      };
      baseCache.set(topology, base);
    }
    const layers = new Map<LayerId, LayerGeometry>();
    for (const layer of atlas.layers) {
      let g = layerCache.get(layer.regions);
      if (!g || g.layerId !== layer.meta.id) {
        g = buildLayerGeometry(atlas, layer);
        layerCache.set(layer.regions, g);
      }
      layers.set(layer.meta.id, g);
    }
    return { ...base, layers };
  };
}
