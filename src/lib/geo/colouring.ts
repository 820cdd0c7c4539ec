/**
 * Fill colours for the primary layer: palette indices such that neighbouring regions differ
 * (STYLE.md §11). Adjacency comes from the shared arcs of the gemeente topology, lifted to regions.
 */
import { neighbors } from 'topojson-client';
import { DataError } from '../errors';
import type { MunicipalityCode, MunicipalityTopology, Region, RegionCode } from '../types';
import { indexMunicipalityGeometries } from './dissolve';

/**
 * Which regions touch: two regions are adjacent when a member of one shares a border (an arc, not
 * just a corner point) with a member of the other, or when they share a member (multi-membership:
 * overlapping fills must differ too). Every region of `regions` is a key, possibly with no neighbours.
 * Throws DataError when a member is absent from the topology.
 */
export function regionAdjacency(
  topology: MunicipalityTopology,
  regions: readonly Region[],
): Map<RegionCode, Set<RegionCode>> {
  const geometries = [...indexMunicipalityGeometries(topology).values()];
  const indexOf = new Map<MunicipalityCode, number>(geometries.map((g, i) => [g.id, i]));
  const regionsOf: RegionCode[][] = geometries.map(() => []);
  const adjacency = new Map<RegionCode, Set<RegionCode>>();
  for (const region of regions) {
    adjacency.set(region.code, new Set());
    for (const code of region.members) {
      const i = indexOf.get(code);
      if (i === undefined) {
        throw new DataError(
          `Region ${region.code} (${region.name}): member ${code} is not in the municipalities topology`,
        );
      }
      regionsOf[i]!.push(region.code);
    }
  }
  const link = (a: RegionCode, b: RegionCode): void => {
    if (a === b) return;
    adjacency.get(a)!.add(b);
    adjacency.get(b)!.add(a);
  };
  const neighbourLists = neighbors(geometries);
  regionsOf.forEach((own, i) => {
    for (const a of own) {
      for (const b of own) link(a, b);
      for (const j of neighbourLists[i] ?? []) {
        for (const b of regionsOf[j] ?? []) link(a, b);
      }
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
export function colourRegions(topology: MunicipalityTopology, regions: readonly Region[]): Map<RegionCode, number> {
  const adjacency = regionAdjacency(topology, regions);
  const order = [...regions].sort(
    (a, b) => b.members.length - a.members.length || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0),
  );
  const colours = new Map<RegionCode, number>();
  for (const region of order) {
    const taken = new Set<number>();
    for (const neighbour of adjacency.get(region.code) ?? []) {
      const colour = colours.get(neighbour);
      if (colour !== undefined) taken.add(colour);
    }
    let colour = 0;
    while (taken.has(colour)) colour += 1;
    colours.set(region.code, colour);
  }
  return colours;
}

/** The number of palette colours a colouring uses (its highest index + 1; 0 when empty). */
export function colourCount(colours: ReadonlyMap<RegionCode, number>): number {
  let count = 0;
  for (const colour of colours.values()) count = Math.max(count, colour + 1);
  return count;
}
