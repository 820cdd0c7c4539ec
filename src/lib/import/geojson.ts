/**
 * Import region polygons (GeoJSON) as a user layer of whole gemeenten. The polygons are used only to assign
 * gemeenten: each gemeente goes to the region that holds the largest share of its area, if that share is at
 * least 50% (Turf `intersect` and `area` against the gemeente polygons of the atlas's topology). The layer is
 * stored as memberships, like every other layer, so it behaves the same in statistics and exports; the
 * imported polygons themselves are not kept.
 *
 * Geometry is checked before use (type, coordinates, closed rings, WGS84 degrees); a feature that fails, or
 * on which Turf throws, is reported and left out, never thrown. Pure.
 *
 * The work is bounded by what the file holds, not only by its size: at most {@link MAX_IMPORT_VERTICES}
 * positions are read, a ring whose border crosses itself too often is refused, each gemeente is compared only
 * with the features whose box meets its own, and only with the part of them near it (see `clip.ts`), and every
 * step is counted against {@link MAX_IMPORT_WORK}. A file beyond those limits is refused with a message saying
 * how to simplify it, instead of keeping the browser busy for minutes.
 */
import { area } from '@turf/area';
import { intersect } from '@turf/intersect';
import type { BBox, Feature, MultiPolygon, Polygon, Position } from 'geojson';
import { clipRing, indexRing, isClear, WorkBudget, WorkLimitExceeded, type IndexedRing } from './clip';
import { municipalityFeatures } from '../geo/dissolve';
import { bboxOf } from '../geo/measure';
import { normalizeName } from '../data/lookup';
import {
  MAX_REGION_CODE_LENGTH,
  MAX_REGION_NAME_LENGTH,
  MembershipCollector,
  cleanText,
  finishImport,
  type RegionEntry,
} from './build-layer';
import { nameFromFile } from './membership';
import {
  failed,
  type GeometryReason,
  type ImportContext,
  type ImportHooks,
  type ImportOptions,
  type ImportProblem,
  type ImportResult,
  type ImportSeverity,
} from './problems';

/** Most features read from one file. */
export const MAX_IMPORT_FEATURES = 1000;
/**
 * Most positions (vertices) read from one file, all features together: 250,000. The atlas draws all 342
 * gemeenten with about 5,000; a region's border 50 times finer than the gemeenten it is compared with changes
 * no assignment, only the time it takes. A file with more is refused with the advice to simplify it.
 */
export const MAX_IMPORT_VERTICES = 250_000;
/**
 * Most points where one ring's border may cross itself: 1,000. A few crossings are a digitising slip (said as a
 * warning); thousands make the intersection slow and the areas meaningless, so the feature is refused.
 */
export const MAX_SELF_CROSSINGS = 1000;
/**
 * Steps the self-crossing check may take per ring (grid cells an edge enters, pairs of edges compared): this many
 * per edge, plus {@link SWEEP_BASE}. An ordinary border shares each grid cell with a few other edges, so its check
 * takes a few steps per edge; a ring that needs more (long edges criss-crossing, like a star of thousands of
 * spikes) is refused as too complex.
 */
export const SWEEP_STEPS_PER_EDGE = 32;
/** See {@link SWEEP_STEPS_PER_EDGE}. */
export const SWEEP_BASE = 256;
/**
 * Most steps of work of one GeoJSON import (see `WorkBudget` in `clip.ts`): a position read, a cell or pair of
 * edges of the self-crossing check, a vertex cut to a gemeente's box, and for each intersection with a gemeente
 * {@link INTERSECT_CALL_STEPS} plus {@link INTERSECT_STEPS} per vertex. A file within the other limits needs
 * far less: a 100,000-vertex circle around the country about 6 million steps, a 250,000-vertex band snaking
 * through every gemeente about 25 million. This is the backstop for input the other limits did not foresee: a
 * thousand slivers whose boxes each cover the country reach it after about 20 s (Node, 2-core machine), so no
 * file keeps the import worker busy much longer than that.
 */
export const MAX_IMPORT_WORK = 60_000_000;
/** Steps counted per vertex handed to the intersection (Turf/polyclip: 3–20 µs per vertex, by the shapes). */
export const INTERSECT_STEPS = 80;
/** Steps counted per intersection, whatever its size. */
export const INTERSECT_CALL_STEPS = 400;
/** A gemeente joins the region holding the largest share of its area when that share is at least this. */
export const MIN_ASSIGN_SHARE = 0.5;
/**
 * Shares below this (5%) are taken as slivers, from polygons generalised differently than the gemeenten,
 * and not reported; above it a gemeente counts as split between regions.
 */
export const SLIVER_SHARE = 0.05;

/** Property names (normalized) of a region's name, in order of preference. */
export const NAME_PROPERTIES: readonly string[] = [
  'name',
  'naam',
  'regionaam',
  'regioname',
  'regionname',
  'regio',
  'region',
  'statnaam',
  'titel',
  'title',
  'label',
];
/** Property names (normalized) of a region's code, in order of preference; else the feature's `id`. */
export const CODE_PROPERTIES: readonly string[] = [
  'code',
  'regiocode',
  'regioncode',
  'statcode',
  'id',
  'identificatie',
];

/** A geometry checked by {@link checkGeometry}: its polygons as rings of [lon, lat]. */
export type CheckedGeometry =
  | { ok: true; polygons: Position[][][]; crossing: Position | null }
  | { ok: false; reason: GeometryReason; detail?: string };

/** Where a ring crosses itself (the first point found, null if nowhere), and whether it does too often. */
interface SelfCrossing {
  at: Position | null;
  /** Crossings found (up to {@link MAX_SELF_CROSSINGS} + 1). */
  count: number;
  /** True when the check gave up: more than {@link MAX_SELF_CROSSINGS} crossings, or too many pairs to compare. */
  isTooComplex: boolean;
}

/**
 * Check a GeoJSON geometry for use as a region: a Polygon or MultiPolygon whose rings have at least four
 * positions, each two finite numbers within WGS84 degrees (longitude −180…180, latitude −90…90; coordinates
 * in metres, such as RD New, fail with `not-wgs84`), the last equal to the first. Extra dimensions (height)
 * are dropped. `crossing` is a point where a ring crosses itself (the area may then be off), or null. A ring
 * that crosses itself more than {@link MAX_SELF_CROSSINGS} times, or whose check would compare more pairs of
 * edges than {@link SWEEP_STEPS_PER_EDGE} allows, fails as `too-complex`. Each position and each pair of edges
 * compared is a step of `work`.
 * @example checkGeometry({ type: 'Point', coordinates: [5, 52] }) // { ok: false, reason: 'wrong-type', detail: 'Point' }
 */
export function checkGeometry(geometry: unknown, work: WorkBudget = new WorkBudget(Infinity)): CheckedGeometry {
  if (geometry === null || typeof geometry !== 'object') return { ok: false, reason: 'no-geometry' };
  const { type, coordinates } = geometry as { type?: unknown; coordinates?: unknown };
  if (type !== 'Polygon' && type !== 'MultiPolygon') {
    return { ok: false, reason: 'wrong-type', detail: typeof type === 'string' ? type.slice(0, 40) : undefined };
  }
  if (!Array.isArray(coordinates)) return { ok: false, reason: 'bad-coordinates' };
  const rawPolygons: unknown[] = type === 'Polygon' ? [coordinates] : coordinates;
  const polygons: Position[][][] = [];
  let crossing: Position | null = null;
  for (const rawPolygon of rawPolygons) {
    if (!Array.isArray(rawPolygon) || rawPolygon.length === 0) return { ok: false, reason: 'too-few-positions' };
    const rings: Position[][] = [];
    for (const rawRing of rawPolygon) {
      if (!Array.isArray(rawRing)) return { ok: false, reason: 'bad-coordinates' };
      work.spend(rawRing.length);
      const ring: Position[] = [];
      for (const p of rawRing) {
        if (!Array.isArray(p) || p.length < 2) return { ok: false, reason: 'bad-coordinates' };
        const [lon, lat] = p as unknown[];
        if (typeof lon !== 'number' || typeof lat !== 'number' || !Number.isFinite(lon) || !Number.isFinite(lat)) {
          return { ok: false, reason: 'bad-coordinates' };
        }
        if (Math.abs(lon) > 180 || Math.abs(lat) > 90) {
          return { ok: false, reason: 'not-wgs84', detail: `${lon}, ${lat}` };
        }
        ring.push([lon, lat]);
      }
      if (ring.length < 4) return { ok: false, reason: 'too-few-positions' };
      const first = ring[0]!;
      const last = ring[ring.length - 1]!;
      if (first[0] !== last[0] || first[1] !== last[1]) return { ok: false, reason: 'unclosed-ring' };
      const crossings = findSelfCrossings(ring, work);
      if (crossings.isTooComplex) return { ok: false, reason: 'too-complex' };
      crossing ??= crossings.at;
      rings.push(ring);
    }
    polygons.push(rings);
  }
  return { ok: true, polygons, crossing };
}

/**
 * Import a GeoJSON FeatureCollection (or a single Feature or Polygon/MultiPolygon geometry) of region
 * polygons. Each feature's region name comes from the first of {@link NAME_PROPERTIES} it has, its code from
 * {@link CODE_PROPERTIES} (or the feature's `id`); features with the same code (or, without codes, the same
 * name) form one region. Reported: invalid geometry per feature (an error; a warning with
 * `skipInvalidRows`), a ring that crosses itself (warning), each gemeente split between regions (info), each
 * gemeente partly covered but below 50% (info, not assigned), and each region holding no gemeente (warning).
 *
 * Refused as a whole: more than {@link MAX_IMPORT_FEATURES} features (`too-many-rows`), more than
 * {@link MAX_IMPORT_VERTICES} positions (`too-many-vertices`), or more work than `hooks.workLimit` (default
 * {@link MAX_IMPORT_WORK}, `too-complex`). `hooks.onProgress` is told after each gemeente is measured; the
 * result's `work` says how many steps the import took.
 */
export function importGeoJson(
  json: unknown,
  fileName: string,
  context: ImportContext,
  options: ImportOptions = {},
  hooks: ImportHooks = {},
): ImportResult {
  const total = context.atlas.municipalities.length;
  const features = featuresOf(json);
  if (features === null) return failed({ kind: 'unknown-format', detail: describeType(json) }, total);
  if (features.length === 0) return { ...failed({ kind: 'no-rows' }, total), format: 'geojson' };
  if (features.length > MAX_IMPORT_FEATURES) {
    return {
      ...failed({ kind: 'too-many-rows', limit: MAX_IMPORT_FEATURES, count: features.length }, total),
      format: 'geojson',
    };
  }
  const vertices = countPositions(features);
  if (vertices > MAX_IMPORT_VERTICES) {
    return {
      ...failed({ kind: 'too-many-vertices', limit: MAX_IMPORT_VERTICES, count: vertices }, total),
      format: 'geojson',
      work: 0,
    };
  }
  const work = new WorkBudget(hooks.workLimit ?? MAX_IMPORT_WORK);
  try {
    return { ...readFeatures(features, fileName, context, options, hooks, work), format: 'geojson', work: work.spent };
  } catch (error) {
    if (!(error instanceof WorkLimitExceeded)) throw error;
    return {
      ...failed({ kind: 'too-complex', limit: error.limit, count: vertices }, total),
      format: 'geojson',
      work: work.spent,
    };
  }
}

/** {@link importGeoJson} after the file-level limits: check each feature, measure each gemeente, build the layer. */
function readFeatures(
  features: readonly unknown[],
  fileName: string,
  context: ImportContext,
  options: ImportOptions,
  hooks: ImportHooks,
  work: WorkBudget,
): ImportResult {
  const problems: ImportProblem[] = [];
  const rowSeverity: ImportSeverity = options.skipInvalidRows ? 'warning' : 'error';
  const collector = new MembershipCollector();
  const usable: UsableFeature[] = [];
  const entries = new Set<RegionEntry>();

  features.forEach((raw, i) => {
    const row = i + 1;
    const f = (raw !== null && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
    const props = (f.properties !== null && typeof f.properties === 'object' ? f.properties : {}) as Record<
      string,
      unknown
    >;
    const name = cleanText(propertyText(props, NAME_PROPERTIES), MAX_REGION_NAME_LENGTH);
    const code = cleanText(propertyText(props, CODE_PROPERTIES) || textOf(f.id), MAX_REGION_CODE_LENGTH);
    if (name.isCut) problems.push({ severity: 'warning', kind: 'long-name', row, value: name.text });
    if (f.type !== 'Feature' && !isGeometryType(f.type)) {
      problems.push({ severity: rowSeverity, kind: 'invalid-geometry', row, reason: 'not-a-feature' });
      return;
    }
    const checked = checkGeometry(isGeometryType(f.type) ? f : f.geometry, work);
    const label = name.text || code.text || undefined;
    if (!checked.ok) {
      problems.push({
        severity: rowSeverity,
        kind: 'invalid-geometry',
        row,
        reason: checked.reason,
        ...(label === undefined ? {} : { value: label }),
        ...(checked.detail === undefined ? {} : { detail: checked.detail }),
      });
      return;
    }
    if (checked.crossing) {
      problems.push({
        severity: 'warning',
        kind: 'self-intersection',
        row,
        ...(label === undefined ? {} : { value: label }),
        detail: `${checked.crossing[0]!.toFixed(5)}, ${checked.crossing[1]!.toFixed(5)}`,
      });
    }
    let regionName = name.text;
    if (regionName === '') {
      regionName = code.text || `Regio ${row}`;
      problems.push({ severity: 'warning', kind: 'empty-region', row, region: regionName });
    }
    const { entry } = collector.region(code.text === '' ? null : code.text, regionName, row);
    entries.add(entry);
    const polygons = checked.polygons.map((rings) => rings.map(indexRing));
    usable.push({ row, entry, polygons, bbox: boxOfAll(polygons.map((rings) => rings[0]!.box)) });
  });

  const gemeenten = municipalityFeatures(context.atlas.topology).features.map((g): GemeenteShape => {
    const bbox = bboxOf(g);
    // A little larger than the gemeente, so that it lies strictly inside: what is cut off cannot touch it.
    const margin = 0.01 * Math.max(bbox[2] - bbox[0], bbox[3] - bbox[1]) + 1e-9;
    return {
      feature: g,
      code: g.properties.code,
      name: g.properties.name,
      bbox,
      clipBox: [bbox[0] - margin, bbox[1] - margin, bbox[2] + margin, bbox[3] + margin],
      areaM2: area(g),
      vertices: countPositions([g]),
    };
  });
  // A feature Turf cannot intersect is reported and left out whole; the gemeenten measured with it are then
  // measured again without it, since their measurement may have stopped early at that feature.
  const failedRows = new Set<number>();
  const measured: (Measured | null)[] = gemeenten.map(() => null);
  let todo = gemeenten.map((_, i) => i);
  while (todo.length > 0) {
    todo.forEach((i, done) => {
      measured[i] = measureShares(gemeenten[i]!, usable, failedRows, problems, rowSeverity, work);
      hooks.onProgress?.(done + 1, todo.length);
    });
    todo = gemeenten
      .map((_, i) => i)
      .filter((i) => {
        const m = measured[i];
        return m === null || m === undefined || m.rows.some((row) => failedRows.has(row));
      });
  }

  const assigned = new Set<RegionEntry>();
  gemeenten.forEach((g, i) => {
    const found = (measured[i]?.shares ?? []).filter((s) => s.share >= SLIVER_SHARE);
    const best = found[0];
    if (!best) return;
    // Below half, a share is never said as 50% ("less than half … 50%"): at most 49.
    const isAssigned = best.share >= MIN_ASSIGN_SHARE;
    const described = found.map((s) => ({
      region: s.entry.name,
      sharePct: isAssigned ? Math.round(s.share * 100) : Math.min(49, Math.round(s.share * 100)),
    }));
    const municipality = { code: g.code, name: g.name };
    if (isAssigned) {
      collector.add(best.entry, g.code, best.entry.firstRow);
      assigned.add(best.entry);
      if (found.length > 1) {
        problems.push({
          severity: 'info',
          kind: 'split-municipality',
          municipality,
          region: best.entry.name,
          shares: described,
        });
      }
    } else {
      problems.push({ severity: 'info', kind: 'partly-covered', municipality, shares: described });
    }
  });
  for (const entry of entries) {
    const rows = usable.filter((u) => u.entry === entry);
    if (!assigned.has(entry) && rows.some((u) => !failedRows.has(u.row))) {
      problems.push({
        severity: 'warning',
        kind: 'region-without-municipality',
        row: entry.firstRow,
        value: entry.name,
      });
    }
  }
  problems.sort((a, b) => (a.row ?? Infinity) - (b.row ?? Infinity));
  return finishImport(collector.regions(), { name: nameFromFile(fileName) }, fileName, context, problems, {
    rows: features.length,
    matched: usable.filter((u) => !failedRows.has(u.row)).length,
  });
}

/** A usable feature: its row, region, polygons (rings indexed for clipping) and box. */
interface UsableFeature {
  row: number;
  entry: RegionEntry;
  polygons: IndexedRing[][];
  bbox: BBox;
}

/** A gemeente prepared for measuring. */
interface GemeenteShape {
  feature: Feature<Polygon | MultiPolygon>;
  code: string;
  name: string;
  bbox: BBox;
  /** `bbox` with a margin: features are cut to this box before they are intersected with the gemeente. */
  clipBox: BBox;
  areaM2: number;
  vertices: number;
}

/** A gemeente's shares per region, and the features (rows) they were measured with. */
interface Measured {
  shares: { entry: RegionEntry; share: number }[];
  rows: number[];
}

/**
 * The share of gemeente `g`'s area in each region (largest first, ties by the region's first row), from the
 * features not in `failedRows`. Features are tried in order of bounding-box overlap, each cut to the
 * gemeente's box first, and measuring stops once 95% of the gemeente is accounted for, as the rest can only be
 * slivers; that makes a national layer take about one intersection per gemeente. Returns null when Turf threw
 * on a feature: it is then added to `failedRows` and reported, and the caller measures again.
 */
function measureShares(
  g: GemeenteShape,
  usable: readonly UsableFeature[],
  failedRows: Set<number>,
  problems: ImportProblem[],
  severity: ImportSeverity,
  work: WorkBudget,
): Measured | null {
  if (!(g.areaM2 > 0)) return { shares: [], rows: [] };
  work.spend(usable.length);
  const candidates = usable
    .filter((u) => !failedRows.has(u.row))
    .map((u) => ({ u, overlap: overlapArea(u.bbox, g.bbox) }))
    .filter((c) => c.overlap > 0)
    .sort((a, b) => b.overlap - a.overlap || a.u.row - b.u.row);
  const byEntry = new Map<RegionEntry, number>();
  const rows: number[] = [];
  let measuredM2 = 0;
  for (const { u } of candidates) {
    if (measuredM2 >= (1 - SLIVER_SHARE) * g.areaM2) break;
    const near = clipPolygons(u.polygons, g.clipBox, work);
    if (near.length === 0) continue;
    work.spend(
      INTERSECT_CALL_STEPS + INTERSECT_STEPS * (g.vertices + near.reduce((n, rings) => n + countRings(rings), 0)),
    );
    let m2: number;
    try {
      const part: Feature<MultiPolygon> = {
        type: 'Feature',
        properties: {},
        geometry: { type: 'MultiPolygon', coordinates: near },
      };
      const both = intersect({ type: 'FeatureCollection', features: [g.feature, part] });
      m2 = both ? area(both) : 0;
    } catch (error) {
      problems.push({
        severity,
        kind: 'invalid-geometry',
        row: u.row,
        reason: 'intersect-failed',
        value: u.entry.name,
        detail: error instanceof Error ? error.message : String(error),
      });
      failedRows.add(u.row);
      return null;
    }
    rows.push(u.row);
    if (!(m2 > 0)) continue;
    measuredM2 += m2;
    byEntry.set(u.entry, (byEntry.get(u.entry) ?? 0) + m2);
  }
  const shares = [...byEntry]
    .map(([entry, m2]) => ({ entry, share: Math.min(1, m2 / g.areaM2) }))
    .sort((a, b) => b.share - a.share || a.entry.firstRow - b.entry.firstRow);
  return { shares, rows };
}

/** The parts of `polygons` inside `box` (see `clipRing`): polygons without an outer ring there are left out. */
function clipPolygons(polygons: readonly IndexedRing[][], box: BBox, work: WorkBudget): Position[][][] {
  const out: Position[][][] = [];
  for (const rings of polygons) {
    work.spend(1);
    if (isClear(rings[0]!.box, box)) continue;
    const outer = clipRing(rings[0]!, box, work);
    if (!outer) continue;
    const part = [outer];
    for (const hole of rings.slice(1)) {
      const clipped = clipRing(hole, box, work);
      if (clipped) part.push(clipped);
    }
    out.push(part);
  }
  return out;
}

/** Positions in a polygon's rings. */
function countRings(rings: readonly Position[][]): number {
  return rings.reduce((n, ring) => n + ring.length, 0);
}

/**
 * Positions in the Polygon and MultiPolygon geometries of `features` (features, or bare geometries), without
 * checking them: what the file asks the importer to read. Costs one step per ring, not per position.
 */
function countPositions(features: readonly unknown[]): number {
  let count = 0;
  const addRings = (rings: unknown) => {
    if (!Array.isArray(rings)) return;
    for (const ring of rings) if (Array.isArray(ring)) count += ring.length;
  };
  for (const raw of features) {
    if (raw === null || typeof raw !== 'object') continue;
    const f = raw as { type?: unknown; geometry?: unknown };
    const geometry = (isGeometryType(f.type) ? f : f.geometry) as { type?: unknown; coordinates?: unknown } | null;
    if (geometry === null || typeof geometry !== 'object') continue;
    if (geometry.type === 'Polygon') addRings(geometry.coordinates);
    else if (geometry.type === 'MultiPolygon' && Array.isArray(geometry.coordinates)) {
      for (const polygon of geometry.coordinates) addRings(polygon);
    }
  }
  return count;
}

/** The box around boxes. */
function boxOfAll(boxes: readonly BBox[]): BBox {
  return boxes.reduce<BBox>(
    (all, b) => [Math.min(all[0], b[0]), Math.min(all[1], b[1]), Math.max(all[2], b[2]), Math.max(all[3], b[3])],
    [Infinity, Infinity, -Infinity, -Infinity],
  );
}

/** The features of a FeatureCollection, a single Feature or a bare geometry; null for anything else. */
function featuresOf(json: unknown): unknown[] | null {
  if (json === null || typeof json !== 'object' || Array.isArray(json)) return null;
  const o = json as { type?: unknown; features?: unknown };
  if (o.type === 'FeatureCollection') return Array.isArray(o.features) ? o.features : null;
  if (o.type === 'Feature' || isGeometryType(o.type)) return [json];
  return null;
}

function isGeometryType(type: unknown): boolean {
  return type === 'Polygon' || type === 'MultiPolygon';
}

function describeType(json: unknown): string {
  if (json !== null && typeof json === 'object' && !Array.isArray(json)) {
    const t = (json as { type?: unknown; format?: unknown }).type ?? (json as { format?: unknown }).format;
    if (typeof t === 'string') return t.slice(0, 60);
  }
  return Array.isArray(json) ? 'array' : typeof json;
}

/** The text of the first property of `preferred` (names normalized) that `props` has as text or a number, or ''. */
function propertyText(props: Record<string, unknown>, preferred: readonly string[]): string {
  const byName = new Map<string, string>();
  for (const [key, value] of Object.entries(props)) {
    const normalized = normalizeName(key).replace(/[^a-z0-9]/g, '');
    const text = textOf(value);
    if (!byName.has(normalized) && text.trim() !== '') byName.set(normalized, text);
  }
  for (const name of preferred) {
    const text = byName.get(name);
    if (text !== undefined) return text;
  }
  return '';
}

function textOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return '';
}

/** Area (square degrees) of the overlap of two bounding boxes; 0 when they do not overlap. */
function overlapArea(a: BBox, b: BBox): number {
  const width = Math.min(a[2], b[2]) - Math.max(a[0], b[0]);
  const height = Math.min(a[3], b[3]) - Math.max(a[1], b[1]);
  return width > 0 && height > 0 ? width * height : 0;
}

/**
 * Where two non-adjacent edges of a closed ring cross properly: the first point found and how many (counting
 * stops after {@link MAX_SELF_CROSSINGS}). The edges are put in a grid of square cells about as large as an
 * edge (at least as many cells as edges fit the ring's box), and only edges that share a cell are compared, so
 * an ordinary border costs a few comparisons per edge. A ring needing more than
 * `SWEEP_BASE + SWEEP_STEPS_PER_EDGE × edges` steps (cells entered plus pairs compared: long edges criss-crossing,
 * like a star of thousands of spikes), or crossing itself more than {@link MAX_SELF_CROSSINGS} times, is
 * `isTooComplex` and the check stops there. Each step is spent from `work`.
 */
function findSelfCrossings(ring: readonly Position[], work: WorkBudget): SelfCrossing {
  const n = ring.length - 1;
  const allowed = SWEEP_BASE + SWEEP_STEPS_PER_EDGE * n;
  let steps = n;
  let unspent = n;
  const step = (count: number): boolean => {
    steps += count;
    unspent += count;
    if (unspent >= 1024) {
      work.spend(unspent);
      unspent = 0;
    }
    return steps > allowed;
  };
  const tooComplex = (at: Position | null, count: number): SelfCrossing => {
    work.spend(unspent);
    return { at, count, isTooComplex: true };
  };
  let [west, south, east, north] = [Infinity, Infinity, -Infinity, -Infinity];
  let length = 0;
  for (let i = 0; i < n; i++) {
    const [x, y] = ring[i]! as [number, number];
    const [nx, ny] = ring[i + 1]! as [number, number];
    west = Math.min(west, x);
    east = Math.max(east, x);
    south = Math.min(south, y);
    north = Math.max(north, y);
    length += Math.hypot(nx - x, ny - y);
  }
  // Cells as large as the average edge; a longer edge is followed through the cells it passes in pieces of half
  // a cell, each of which can reach only four cells.
  const size = length / n || 1;
  const columns = Math.floor((east - west) / size) + 1;
  const cellOf = (x: number, y: number) => Math.floor((x - west) / size) + Math.floor((y - south) / size) * columns;
  const cells = new Map<number, number[]>();
  const entered = new Set<number>();
  for (let i = 0; i < n; i++) {
    const [ax, ay] = ring[i]! as [number, number];
    const [bx, by] = ring[i + 1]! as [number, number];
    const pieces = Math.max(1, Math.ceil((2 * Math.max(Math.abs(bx - ax), Math.abs(by - ay))) / size));
    if (step(4 * pieces)) return tooComplex(null, 0);
    entered.clear();
    for (let k = 0; k < pieces; k++) {
      const [x0, y0] = [ax + ((bx - ax) * k) / pieces, ay + ((by - ay) * k) / pieces];
      const [x1, y1] = [ax + ((bx - ax) * (k + 1)) / pieces, ay + ((by - ay) * (k + 1)) / pieces];
      for (const x of [Math.min(x0, x1), Math.max(x0, x1)]) {
        for (const y of [Math.min(y0, y1), Math.max(y0, y1)]) entered.add(cellOf(x, y));
      }
    }
    for (const key of entered) {
      const list = cells.get(key);
      if (list) list.push(i);
      else cells.set(key, [i]);
    }
  }
  let at: Position | null = null;
  let count = 0;
  for (const [key, list] of cells) {
    if (list.length < 2) continue;
    if (step((list.length * (list.length - 1)) / 2)) return tooComplex(at, count);
    for (let p = 0; p < list.length; p++) {
      const i = list[p]!;
      const a = ring[i]!;
      const b = ring[i + 1]!;
      for (let q = p + 1; q < list.length; q++) {
        const j = list[q]!;
        const gap = Math.abs(i - j);
        if (gap <= 1 || gap === n - 1) continue;
        const c = ring[j]!;
        const d = ring[j + 1]!;
        // Compared once: in the cell where the two edges' boxes start to overlap.
        const overlapWest = Math.max(Math.min(a[0]!, b[0]!), Math.min(c[0]!, d[0]!));
        const overlapSouth = Math.max(Math.min(a[1]!, b[1]!), Math.min(c[1]!, d[1]!));
        if (overlapWest > Math.min(Math.max(a[0]!, b[0]!), Math.max(c[0]!, d[0]!))) continue;
        if (overlapSouth > Math.min(Math.max(a[1]!, b[1]!), Math.max(c[1]!, d[1]!))) continue;
        if (cellOf(overlapWest, overlapSouth) !== key) continue;
        const d1 = orient(a, b, c);
        const d2 = orient(a, b, d);
        const d3 = orient(c, d, a);
        const d4 = orient(c, d, b);
        if (d1 * d2 < 0 && d3 * d4 < 0) {
          if (++count > MAX_SELF_CROSSINGS) return tooComplex(at, count);
          if (!at) {
            const t = d3 / (d3 - d4);
            at = [a[0]! + t * (b[0]! - a[0]!), a[1]! + t * (b[1]! - a[1]!)];
          }
        }
      }
    }
  }
  work.spend(unspent);
  return { at, count, isTooComplex: false };
}

function orient(a: Position, b: Position, c: Position): number {
  return (b[0]! - a[0]!) * (c[1]! - a[1]!) - (b[1]! - a[1]!) * (c[0]! - a[0]!);
}
