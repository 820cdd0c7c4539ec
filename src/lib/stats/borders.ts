/**
 * Border coincidence on the shared arcs of the gemeente topology: the share of layer A's internal
 * border length that is also a border of layer B. Pure; directional (A in B differs from B in A).
 *
 * An arc with a different gemeente on each side is a border of a layer by the atlas's one border rule
 * (`separates` in model/layer-model.ts: the two gemeenten have different region sets). Only arcs between
 * two gemeenten both layers cover count, so a difference in coverage is no border. Arc lengths are
 * geodesic, measured once per topology by the topology index.
 */
import type { Atlas, AtlasLayer } from '../data/atlas';
import { hasBit } from '../model/bitset';
import { layerModel, separates } from '../model/layer-model';
import { commonCoverage } from './sets';

/** How much of one layer's border is also the other's. */
export interface BorderCoincidence {
  /** Length of the layer's borders between gemeenten both layers cover, km. */
  borderKm: number;
  /** The part of it that is also a border of the other layer, km. */
  sharedKm: number;
  /** sharedKm / borderKm, in [0, 1]; null when the layer has no such border. */
  share: number | null;
  /** Arcs making up `borderKm` and `sharedKm`. */
  arcCount: number;
  sharedArcCount: number;
}

/**
 * Border coincidence both ways between layer A and layer B.
 * @example
 * // Grid rows against the L/block layout: the rows border on the 6 arcs of the two inner parallels; the
 * // L/block border runs along 2 of them (Midden|Zuid and Oost|Zuidoost) and along 2 meridian arcs.
 * computeBorderCoincidence(grid, rows, ell).aInB // { arcCount: 6, sharedArcCount: 2, share: ≈ 2/6, … }
 * computeBorderCoincidence(grid, rows, ell).bInA // { arcCount: 4, sharedArcCount: 2, share: ≈ 0.38, … }
 */
export function computeBorderCoincidence(
  atlas: Atlas,
  layerA: AtlasLayer,
  layerB: AtlasLayer,
): { aInB: BorderCoincidence; bInA: BorderCoincidence } {
  const a = layerModel(atlas.index, layerA);
  const b = layerModel(atlas.index, layerB);
  const { common } = commonCoverage(a, b);
  const { left, right } = atlas.index.internalArcs;
  const lengthKm = atlas.index.arcLengthKm;
  let kmA = 0;
  let kmB = 0;
  let kmBoth = 0;
  let arcsA = 0;
  let arcsB = 0;
  let arcsBoth = 0;
  for (let i = 0; i < left.length; i++) {
    const l = left[i]!;
    const r = right[i]!;
    if (!hasBit(common, l) || !hasBit(common, r)) continue;
    const isBorderA = separates(a, l, r);
    const isBorderB = separates(b, l, r);
    const km = lengthKm[i]!;
    if (isBorderA) {
      kmA += km;
      arcsA++;
    }
    if (isBorderB) {
      kmB += km;
      arcsB++;
    }
    if (isBorderA && isBorderB) {
      kmBoth += km;
      arcsBoth++;
    }
  }
  const coincidence = (borderKm: number, arcCount: number): BorderCoincidence => ({
    borderKm,
    sharedKm: kmBoth,
    share: arcCount > 0 ? kmBoth / borderKm : null,
    arcCount,
    sharedArcCount: arcsBoth,
  });
  return { aInB: coincidence(kmA, arcsA), bInA: coincidence(kmB, arcsB) };
}
