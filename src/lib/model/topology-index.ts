/**
 * The topology index: everything the rest of the atlas needs to know about one year's gemeente topology,
 * built once per topology object and cached (STYLE.md §2, "Build once, read everywhere"). Gemeenten are
 * numbered 0…n−1 in code order; areas and inhabitants are typed arrays by number; the internal arcs
 * (arcs with a different gemeente on each side) say which two gemeenten they separate. Dissolving,
 * colouring, borders and every statistic read this index instead of walking the topology again.
 */
import { neighbors } from 'topojson-client';
import { DataError } from '../errors';
import type { MunicipalityCode, MunicipalityGeometry, MunicipalityProps, MunicipalityTopology } from '../types';
import { MUNICIPALITIES_OBJECT } from '../types';
import { wordCountFor } from './bitset';
import { compareCodes } from './codes';

/** The arcs of the topology between two different gemeenten, sorted by arc index (parallel arrays). */
export interface InternalArcs {
  /** Index into `topology.arcs`. */
  arc: Int32Array;
  /** The gemeente numbers on the two sides, `left[i] < right[i]`. */
  left: Int32Array;
  right: Int32Array;
}

/** What a gemeente topology holds, numbered and typed for reading; built by `topologyIndex`. */
export interface TopologyIndex {
  topology: MunicipalityTopology;
  /** Code of gemeente number i, in code order. */
  codes: readonly MunicipalityCode[];
  numberOf: ReadonlyMap<MunicipalityCode, number>;
  /** Geometry of gemeente number i (its `id` the code as a string). */
  geometries: readonly MunicipalityGeometry[];
  /** Properties (name, area, inhabitants) of gemeente number i. */
  properties: readonly MunicipalityProps[];
  /** Area per gemeente number, km² (geodesic, from the build). */
  areaKm2: Float64Array;
  /** Inhabitants per gemeente number; NaN where unknown. */
  inhabitants: Float64Array;
  /** The same with 0 where unknown, for sums over known inhabitants without a test per gemeente. */
  knownInhabitants: Float64Array;
  /** Words of a bitset over the gemeenten. */
  wordCount: number;
  internalArcs: InternalArcs;
  /** Per gemeente number: the numbers of the gemeenten it shares an arc with (ascending). Computed on first read. */
  readonly neighbours: readonly (readonly number[])[];
  /** Geodesic length of each internal arc (same order as `internalArcs`), km. Computed on first read. */
  readonly arcLengthKm: Float64Array;
}

const cache = new WeakMap<MunicipalityTopology, TopologyIndex>();

/**
 * The index of `topology` (built on first call, then cached per topology object).
 * Throws DataError for a geometry that is not a (multi)polygon, lacks properties or repeats a code, and for
 * an arc shared by more than two gemeenten (not a valid planar topology).
 * @example topologyIndex(GRID).codes // ['GM9001', …, 'GM9009'] on the 3×3 test grid
 */
export function topologyIndex(topology: MunicipalityTopology): TopologyIndex {
  let index = cache.get(topology);
  if (!index) {
    index = buildIndex(topology);
    cache.set(topology, index);
  }
  return index;
}

function buildIndex(topology: MunicipalityTopology): TopologyIndex {
  const byCode = new Map<MunicipalityCode, MunicipalityGeometry>();
  for (const geometry of topology.objects[MUNICIPALITIES_OBJECT].geometries) {
    const code = String(geometry.id);
    if (geometry.type !== 'Polygon' && geometry.type !== 'MultiPolygon') {
      throw new DataError(`Municipality ${code}: geometry type ${geometry.type}, expected Polygon or MultiPolygon`);
    }
    if (!geometry.properties) throw new DataError(`Municipality ${code}: geometry has no properties`);
    if (byCode.has(code)) throw new DataError(`Municipality ${code}: appears more than once in the topology`);
    byCode.set(code, { ...geometry, id: code });
  }
  const codes = [...byCode.keys()].sort(compareCodes);
  const geometries = codes.map((code) => byCode.get(code)!);
  const properties = geometries.map((g) => g.properties!);
  const numberOf = new Map(codes.map((code, i) => [code, i]));
  const internalArcs = findInternalArcs(geometries);
  let neighbours: number[][] | undefined;
  let arcLengthKm: Float64Array | undefined;
  return {
    topology,
    codes,
    numberOf,
    geometries,
    properties,
    areaKm2: Float64Array.from(properties, (p) => p.areaKm2),
    inhabitants: Float64Array.from(properties, (p) => p.inhabitants ?? NaN),
    knownInhabitants: Float64Array.from(properties, (p) => p.inhabitants ?? 0),
    wordCount: wordCountFor(codes.length),
    internalArcs,
    get neighbours() {
      // topojson's neighbours are found on shared arcs, so gemeenten meeting at a point only are not neighbours.
      neighbours ??= neighbors(geometries).map((list) => [...list].sort((x, y) => x - y));
      return neighbours;
    },
    get arcLengthKm() {
      if (!arcLengthKm) {
        // A plain loop: `Float64Array.from` with a map function goes through the iterator protocol, slower than the
        // haversine sums themselves.
        arcLengthKm = new Float64Array(internalArcs.arc.length);
        for (let i = 0; i < arcLengthKm.length; i++) arcLengthKm[i] = arcLength(topology, internalArcs.arc[i]!);
      }
      return arcLengthKm;
    },
  };
}

/** The arcs with a gemeente on each side; arcs on the outline (one side) or inside one gemeente are left out. */
function findInternalArcs(geometries: readonly MunicipalityGeometry[]): InternalArcs {
  // Per arc, the first and second gemeente number found on it (-1: none yet).
  const first = new Map<number, number>();
  const second = new Map<number, number>();
  geometries.forEach((geometry, n) => {
    const polygons = geometry.type === 'Polygon' ? [geometry.arcs] : geometry.arcs;
    for (const rings of polygons) {
      for (const ring of rings) {
        for (const signed of ring) {
          const arc = signed < 0 ? ~signed : signed; // a negative index ~i is arc i reversed
          const a = first.get(arc);
          if (a === undefined) first.set(arc, n);
          else if (a !== n) {
            const b = second.get(arc);
            if (b === undefined) second.set(arc, n);
            else if (b !== n) {
              const names = [a, b, n].map((i) => String(geometries[i]!.id)).sort(compareCodes);
              throw new DataError(`Topology arc ${arc} lies between more than two gemeenten: ${names.join(', ')}`);
            }
          }
        }
      }
    }
  });
  const arcs = [...second.keys()].sort((x, y) => x - y);
  return {
    arc: Int32Array.from(arcs),
    left: Int32Array.from(arcs, (arc) => Math.min(first.get(arc)!, second.get(arc)!)),
    right: Int32Array.from(arcs, (arc) => Math.max(first.get(arc)!, second.get(arc)!)),
  };
}

/** Mean Earth radius, km, as Turf's `length` and `distance` use it (6,371,008.8 m). */
const EARTH_RADIUS_KM = 6371.0088;
const RADIANS = Math.PI / 180;
const HALF_RADIANS = RADIANS / 2;

/**
 * Geodesic length of arc `arc` of the topology, km: the haversine distance of each of its segments summed, the
 * formula of `@turf/length`, read straight from the (delta-encoded, quantized) arc instead of through a GeoJSON
 * line per arc.
 */
function arcLength(topology: MunicipalityTopology, arc: number): number {
  const points = topology.arcs[arc]!;
  const isQuantized = topology.transform !== undefined;
  const [scaleX, scaleY] = topology.transform?.scale ?? [1, 1];
  const [translateX, translateY] = topology.transform?.translate ?? [0, 0];
  let x = 0;
  let y = 0;
  let lengthKm = 0;
  let previousLon = 0;
  let previousLat = 0;
  let previousCos = 0;
  for (let i = 0; i < points.length; i++) {
    const point = points[i]!;
    if (isQuantized) {
      x += point[0]!;
      y += point[1]!;
    } else {
      x = point[0]!;
      y = point[1]!;
    }
    const lon = isQuantized ? x * scaleX + translateX : x;
    const lat = isQuantized ? y * scaleY + translateY : y;
    // Each point's cosine of latitude serves the segments on both sides of it.
    const cos = Math.cos(lat * RADIANS);
    if (i > 0) {
      const sinLat = Math.sin((lat - previousLat) * HALF_RADIANS);
      const sinLon = Math.sin((lon - previousLon) * HALF_RADIANS);
      const a = sinLat * sinLat + sinLon * sinLon * previousCos * cos;
      lengthKm += 2 * Math.atan2(Math.sqrt(a), Math.sqrt(1 - a)) * EARTH_RADIUS_KM;
    }
    previousLon = lon;
    previousLat = lat;
    previousCos = cos;
  }
  return lengthKm;
}
