/**
 * Fill colours for the primary layer: palette indices such that neighbouring regions differ
 * (STYLE.md §11). Adjacency comes from the shared arcs of the gemeente topology, lifted to regions.
 */
import { compareCodes } from '../model/codes';
import type { LayerModel } from '../model/layer-model';
import type { RegionCode } from '../types';

/**
 * Which regions touch: two regions are adjacent when a member of one shares a border (an arc, not
 * just a corner point) with a member of the other, or when they share a member (multi-membership:
 * overlapping fills must differ too). Every region of the layer is a key, possibly with no neighbours.
 * Reads the neighbours of the topology index and the memberships of the layer model.
 */
export function regionAdjacency(model: LayerModel): Map<RegionCode, Set<RegionCode>> {
  const codes = model.regions.map((r) => r.code);
  const adjacency = new Map<RegionCode, Set<RegionCode>>(codes.map((code) => [code, new Set()]));
  const link = (a: number, b: number): void => {
    if (a === b) return;
    adjacency.get(codes[a]!)!.add(codes[b]!);
    adjacency.get(codes[b]!)!.add(codes[a]!);
  };
  const { neighbours } = model.index;
  model.regionsOf.forEach((own, n) => {
    for (const a of own) {
      for (const b of own) link(a, b);
      for (const m of neighbours[n] ?? []) for (const b of model.regionsOf[m] ?? []) link(a, b);
    }
  });
  return adjacency;
}

/**
 * Assign each region a palette index 0..k−1 so that adjacent regions (see `regionAdjacency`)
 * never share one. Greedy: regions in order of decreasing member count (ties by code) take the
 * lowest index not used by an already coloured neighbour. Deterministic; not guaranteed minimal
 * (k ≤ maximum number of neighbours + 1), but the Dutch layouts need four or five.
 */
export function colourRegions(model: LayerModel): Map<RegionCode, number> {
  const adjacency = regionAdjacency(model);
  const order = model.regions
    .map((region, r) => ({ code: region.code, size: model.members[r]!.length }))
    .sort((a, b) => b.size - a.size || compareCodes(a.code, b.code));
  const colours = new Map<RegionCode, number>();
  for (const { code } of order) {
    const taken = new Set<number>();
    for (const neighbour of adjacency.get(code) ?? []) {
      const colour = colours.get(neighbour);
      if (colour !== undefined) taken.add(colour);
    }
    let colour = 0;
    while (taken.has(colour)) colour += 1;
    colours.set(code, colour);
  }
  return colours;
}

/** The number of palette colours a colouring uses (its highest index + 1; 0 when empty). */
export function colourCount(colours: ReadonlyMap<RegionCode, number>): number {
  let count = 0;
  for (const colour of colours.values()) count = Math.max(count, colour + 1);
  return count;
}
