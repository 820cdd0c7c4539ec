/**
 * Border coincidence on the shared arcs of the gemeente topology: the share of layer A's internal
 * border length that is also a border of layer B. Pure; directional (A in B differs from B in A).
 *
 * An arc with a different gemeente on each side is a border of a layer when the two gemeenten have
 * different region sets in it (the key `regionBorders` in geo/dissolve.ts uses, so with
 * multi-membership a gemeente in {A, B} is separated from one in {A}). Only arcs between two
 * gemeenten both layers cover count, so a difference in coverage is no border. Arc lengths are
 * geodesic (`@turf/length` on the decoded arc), measured once per topology.
 */
import { length } from '@turf/length';
import { feature } from 'topojson-client';
import type { Atlas, AtlasLayer } from '../data/atlas';
import { DataError } from '../errors';
import type { MunicipalityCode, MunicipalityTopology } from '../types';
import { MUNICIPALITIES_OBJECT } from '../types';
import { commonCoverage, hasBit, layerIndex, municipalityTable } from './layer-index';

/** An arc of the topology with a different gemeente on each side. */
export interface InternalArc {
  /** Index into `topology.arcs`. */
  arc: number;
  /** The two gemeenten it separates, in code order. */
  codes: [MunicipalityCode, MunicipalityCode];
  /** Geodesic length, km (Turf, spherical Earth). */
  lengthKm: number;
}

const arcCache = new WeakMap<MunicipalityTopology, readonly InternalArc[]>();

/**
 * The arcs between two gemeenten, sorted by arc index, with their lengths (cached per topology).
 * Arcs on the outline (one gemeente) and arcs inside one gemeente are left out.
 * Throws DataError when an arc is shared by more than two gemeenten (not a valid topology).
 * @example internalArcs(GRID).length // 12: the inner sides of the 3×3 grid, each 0.1° long
 */
export function internalArcs(topology: MunicipalityTopology): readonly InternalArc[] {
  const cached = arcCache.get(topology);
  if (cached) return cached;
  const sides = new Map<number, Set<MunicipalityCode>>();
  for (const geometry of topology.objects[MUNICIPALITIES_OBJECT].geometries) {
    const code = String(geometry.id);
    const polygons =
      geometry.type === 'Polygon' ? [geometry.arcs] : geometry.type === 'MultiPolygon' ? geometry.arcs : [];
    for (const rings of polygons) {
      for (const ring of rings) {
        for (const signed of ring) {
          // A negative index ~i is arc i reversed.
          const arc = signed < 0 ? ~signed : signed;
          let codes = sides.get(arc);
          if (!codes) sides.set(arc, (codes = new Set()));
          codes.add(code);
        }
      }
    }
  }
  const arcs: InternalArc[] = [];
  for (const arc of [...sides.keys()].sort((x, y) => x - y)) {
    const codes = [...sides.get(arc)!].sort();
    if (codes.length > 2)
      throw new DataError(`Topology arc ${arc} lies between more than two gemeenten: ${codes.join(', ')}`);
    if (codes.length < 2) continue;
    const line = feature(topology, { type: 'LineString', arcs: [arc] });
    arcs.push({ arc, codes: [codes[0]!, codes[1]!], lengthKm: length(line, { units: 'kilometers' }) });
  }
  arcCache.set(topology, arcs);
  return arcs;
}

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

interface NumberedArcs {
  left: Int32Array;
  right: Int32Array;
  lengthKm: Float64Array;
}

const numberedCache = new WeakMap<Atlas, NumberedArcs>();

function numberedArcs(atlas: Atlas): NumberedArcs {
  let numbered = numberedCache.get(atlas);
  if (!numbered) {
    const arcs = internalArcs(atlas.topology);
    const { numberOf } = municipalityTable(atlas);
    const numberFor = (code: MunicipalityCode): number => {
      const n = numberOf.get(code);
      if (n === undefined) throw new Error(`unreachable: topology gemeente ${code} is not in the atlas`);
      return n;
    };
    numbered = {
      left: Int32Array.from(arcs, (a) => numberFor(a.codes[0])),
      right: Int32Array.from(arcs, (a) => numberFor(a.codes[1])),
      lengthKm: Float64Array.from(arcs, (a) => a.lengthKm),
    };
    numberedCache.set(atlas, numbered);
  }
  return numbered;
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
  const a = layerIndex(atlas, layerA);
  const b = layerIndex(atlas, layerB);
  const { common } = commonCoverage(a, b);
  const { left, right, lengthKm } = numberedArcs(atlas);
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
    const isBorderA = a.setKey[l] !== a.setKey[r];
    const isBorderB = b.setKey[l] !== b.setKey[r];
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
