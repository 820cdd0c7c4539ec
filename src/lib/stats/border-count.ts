/**
 * Border mode: for every arc between two gemeenten, how many of the given layers have a region border
 * there. Pure. Where all visible layouts coincide the count equals the number of layers, so those
 * borders can be drawn heaviest (STYLE.md §11).
 */
import { feature } from 'topojson-client';
import type { Feature, FeatureCollection, LineString } from 'geojson';
import type { Atlas } from '../data/atlas';
import type { LayerId, MunicipalityTopology } from '../types';
import { internalArcs } from './borders';

/** Properties of one border segment in border mode. */
export interface BorderCountProps {
  /** Layers with a region border on this arc (≥ 1; arcs with none are left out). */
  count: number;
  /** count / number of layers asked about, in (0, 1]: 1 where every one of them has a border here. */
  share: number;
  /** Their ids, in the order given, joined with a comma. */
  layerIds: string;
}

const lineCache = new WeakMap<MunicipalityTopology, Map<number, LineString>>();

/** The decoded geometry of each internal arc (cached per topology). */
function arcLines(topology: MunicipalityTopology): Map<number, LineString> {
  let lines = lineCache.get(topology);
  if (!lines) {
    lines = new Map();
    for (const { arc } of internalArcs(topology)) {
      lines.set(arc, feature(topology, { type: 'LineString', arcs: [arc] }).geometry as LineString);
    }
    lineCache.set(topology, lines);
  }
  return lines;
}

/**
 * Every internal arc that is a region border in at least one of `layerIds`, with how many.
 * A border is where the two gemeenten have different region sets (as in `regionBorders`), so the
 * edge of a partial layer's coverage counts as its border.
 * @example countBorders(grid, ['rows-2025', 'columns-2025']).features.every((f) => f.properties.count === 1) // true
 */
export function countBorders(
  atlas: Atlas,
  layerIds: readonly LayerId[],
): FeatureCollection<LineString, BorderCountProps> {
  const layers = layerIds.flatMap((id) => atlas.layersById.get(id) ?? []);
  const keyOf = layers.map((layer) => {
    const keys = new Map<string, string>();
    for (const m of atlas.municipalities) {
      keys.set(
        m.code,
        (layer.regionsByMember.get(m.code) ?? [])
          .map((r) => r.code)
          .sort()
          .join('|'),
      );
    }
    return keys;
  });
  const lines = arcLines(atlas.topology);
  const features: Feature<LineString, BorderCountProps>[] = [];
  for (const { arc, codes } of internalArcs(atlas.topology)) {
    const on = layers.filter((_, i) => keyOf[i]!.get(codes[0]) !== keyOf[i]!.get(codes[1]));
    if (on.length === 0) continue;
    features.push({
      type: 'Feature',
      properties: { count: on.length, share: on.length / layers.length, layerIds: on.map((l) => l.meta.id).join(',') },
      geometry: lines.get(arc)!,
    });
  }
  return { type: 'FeatureCollection', features };
}
