/**
 * Border mode: for every arc between two gemeenten, how many of the given layers have a region border
 * there. Pure. Where all visible layouts coincide the count equals the number of layers, so those
 * borders can be drawn heaviest (STYLE.md §11).
 */
import { feature } from 'topojson-client';
import type { Feature, FeatureCollection, LineString } from 'geojson';
import type { Atlas } from '../data/atlas';
import { layerModel, separates } from '../model/layer-model';
import type { TopologyIndex } from '../model/topology-index';
import type { LayerId } from '../types';

/** Properties of one border segment in border mode. */
export interface BorderCountProps {
  /** Layers with a region border on this arc (≥ 1; arcs with none are left out). */
  count: number;
  /** count / number of layers asked about, in (0, 1]: 1 where every one of them has a border here. */
  share: number;
  /** Their ids, in the order given, joined with a comma. */
  layerIds: string;
}

const lineCache = new WeakMap<TopologyIndex, LineString[]>();

/** The decoded geometry of each internal arc, in the order of `index.internalArcs` (cached per index). */
function arcLines(index: TopologyIndex): LineString[] {
  let lines = lineCache.get(index);
  if (!lines) {
    lines = Array.from(
      index.internalArcs.arc,
      (arc) => feature(index.topology, { type: 'LineString', arcs: [arc] }).geometry as LineString,
    );
    lineCache.set(index, lines);
  }
  return lines;
}

/**
 * Every internal arc that is a region border in at least one of `layerIds`, with how many.
 * A border is where the two gemeenten have different region sets (the one rule, `separates`), so the
 * edge of a partial layer's coverage counts as its border.
 * @example countBorders(grid, ['rows-2025', 'columns-2025']).features.every((f) => f.properties.count === 1) // true
 */
export function countBorders(
  atlas: Atlas,
  layerIds: readonly LayerId[],
): FeatureCollection<LineString, BorderCountProps> {
  const layers = layerIds.flatMap((id) => atlas.layersById.get(id) ?? []);
  const models = layers.map((layer) => layerModel(atlas.index, layer));
  const { left, right } = atlas.index.internalArcs;
  const lines = arcLines(atlas.index);
  const features: Feature<LineString, BorderCountProps>[] = [];
  for (let i = 0; i < left.length; i++) {
    const on = models.filter((model) => separates(model, left[i]!, right[i]!));
    if (on.length === 0) continue;
    features.push({
      type: 'Feature',
      properties: { count: on.length, share: on.length / layers.length, layerIds: on.map((m) => m.id).join(',') },
      geometry: lines[i]!,
    });
  }
  return { type: 'FeatureCollection', features };
}
