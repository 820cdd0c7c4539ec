/**
 * Import region polygons (GeoJSON) as a user layer of whole gemeenten. The polygons are used only to assign
 * gemeenten: each gemeente goes to the region that holds the largest share of its area, if that share is at
 * least 50% (Turf `intersect` and `area` against the gemeente polygons of the atlas's topology). The layer is
 * stored as memberships, like every other layer, so it behaves the same in statistics and exports; the
 * imported polygons themselves are not kept.
 *
 * Geometry is checked before use (type, coordinates, closed rings, WGS84 degrees); a feature that fails, or
 * on which Turf throws, is reported and left out, never thrown. Pure.
 */
import { area } from '@turf/area';
import { intersect } from '@turf/intersect';
import type { BBox, Feature, MultiPolygon, Polygon, Position } from 'geojson';
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
  type ImportOptions,
  type ImportProblem,
  type ImportResult,
  type ImportSeverity,
} from './problems';

/** Most features read from one file. */
export const MAX_IMPORT_FEATURES = 1000;
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

/**
 * Check a GeoJSON geometry for use as a region: a Polygon or MultiPolygon whose rings have at least four
 * positions, each two finite numbers within WGS84 degrees (longitude −180…180, latitude −90…90; coordinates
 * in metres, such as RD New, fail with `not-wgs84`), the last equal to the first. Extra dimensions (height)
 * are dropped. `crossing` is a point where a ring crosses itself (the area may then be off), or null.
 * @example checkGeometry({ type: 'Point', coordinates: [5, 52] }) // { ok: false, reason: 'wrong-type', detail: 'Point' }
 */
export function checkGeometry(geometry: unknown): CheckedGeometry {
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
      crossing ??= findSelfCrossing(ring);
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
 */
export function importGeoJson(
  json: unknown,
  fileName: string,
  context: ImportContext,
  options: ImportOptions = {},
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
    const checked = checkGeometry(isGeometryType(f.type) ? f : f.geometry);
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
    const geometry: Polygon | MultiPolygon =
      checked.polygons.length === 1
        ? { type: 'Polygon', coordinates: checked.polygons[0]! }
        : { type: 'MultiPolygon', coordinates: checked.polygons };
    const feature: Feature<Polygon | MultiPolygon> = { type: 'Feature', properties: {}, geometry };
    usable.push({ row, entry, feature, bbox: bboxOf(feature) });
  });

  const gemeenten = municipalityFeatures(context.atlas.topology).features.map((g) => ({
    feature: g,
    code: g.properties.code,
    name: g.properties.name,
    bbox: bboxOf(g),
    areaM2: area(g),
  }));
  // A feature Turf cannot intersect is reported and left out whole; the shares are then measured again
  // without it, since a gemeente's measurement may have stopped early at that feature.
  const failedRows = new Set<number>();
  let shares = gemeenten.map((g) => measureShares(g, usable, failedRows, problems, rowSeverity));
  while (shares.some((s) => s === null)) {
    shares = gemeenten.map((g) => measureShares(g, usable, failedRows, problems, rowSeverity));
  }

  const assigned = new Set<RegionEntry>();
  gemeenten.forEach((g, i) => {
    const found = (shares[i] ?? []).filter((s) => s.share >= SLIVER_SHARE);
    const best = found[0];
    if (!best) return;
    const described = found.map((s) => ({ region: s.entry.name, sharePct: Math.round(s.share * 100) }));
    const municipality = { code: g.code, name: g.name };
    if (best.share >= MIN_ASSIGN_SHARE) {
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
  const result = finishImport(collector.regions(), { name: nameFromFile(fileName) }, fileName, context, problems, {
    rows: features.length,
    matched: usable.filter((u) => !failedRows.has(u.row)).length,
  });
  return { ...result, format: 'geojson' };
}

/** A usable feature: its row, region and geometry. */
interface UsableFeature {
  row: number;
  entry: RegionEntry;
  feature: Feature<Polygon | MultiPolygon>;
  bbox: BBox;
}

/** A gemeente prepared for measuring. */
interface GemeenteShape {
  feature: Feature<Polygon | MultiPolygon>;
  code: string;
  bbox: BBox;
  areaM2: number;
}

/**
 * The share of gemeente `g`'s area in each region (largest first, ties by the region's first row), from the
 * features not in `failedRows`. Features are tried in order of bounding-box overlap, and measuring stops once
 * 95% of the gemeente is accounted for, as the rest can only be slivers; that makes a national layer take
 * about one intersection per gemeente. Returns null when Turf threw on a feature: it is then added to
 * `failedRows` and reported, and the caller measures again.
 */
function measureShares(
  g: GemeenteShape,
  usable: readonly UsableFeature[],
  failedRows: Set<number>,
  problems: ImportProblem[],
  severity: ImportSeverity,
): { entry: RegionEntry; share: number }[] | null {
  if (!(g.areaM2 > 0)) return [];
  const candidates = usable
    .filter((u) => !failedRows.has(u.row))
    .map((u) => ({ u, overlap: overlapArea(u.bbox, g.bbox) }))
    .filter((c) => c.overlap > 0)
    .sort((a, b) => b.overlap - a.overlap || a.u.row - b.u.row);
  const byEntry = new Map<RegionEntry, number>();
  let measuredM2 = 0;
  for (const { u } of candidates) {
    if (measuredM2 >= (1 - SLIVER_SHARE) * g.areaM2) break;
    let m2: number;
    try {
      const both = intersect({ type: 'FeatureCollection', features: [g.feature, u.feature] });
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
    if (!(m2 > 0)) continue;
    measuredM2 += m2;
    byEntry.set(u.entry, (byEntry.get(u.entry) ?? 0) + m2);
  }
  return [...byEntry]
    .map(([entry, m2]) => ({ entry, share: Math.min(1, m2 / g.areaM2) }))
    .sort((a, b) => b.share - a.share || a.entry.firstRow - b.entry.firstRow);
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
 * A point where two non-adjacent edges of a closed ring cross properly, or null. Edges are swept by their
 * west end, so only edges whose longitude ranges overlap are compared.
 */
function findSelfCrossing(ring: readonly Position[]): Position | null {
  const n = ring.length - 1;
  const edges = Array.from({ length: n }, (_, i) => {
    const a = ring[i]!;
    const b = ring[i + 1]!;
    return { i, a, b, west: Math.min(a[0]!, b[0]!), east: Math.max(a[0]!, b[0]!) };
  }).sort((x, y) => x.west - y.west);
  for (let p = 0; p < edges.length; p++) {
    const e = edges[p]!;
    for (let q = p + 1; q < edges.length && edges[q]!.west <= e.east; q++) {
      const f = edges[q]!;
      const gap = Math.abs(e.i - f.i);
      if (gap <= 1 || gap === n - 1) continue;
      const d1 = orient(e.a, e.b, f.a);
      const d2 = orient(e.a, e.b, f.b);
      const d3 = orient(f.a, f.b, e.a);
      const d4 = orient(f.a, f.b, e.b);
      if (d1 * d2 < 0 && d3 * d4 < 0) {
        const t = d3 / (d3 - d4);
        return [e.a[0]! + t * (e.b[0]! - e.a[0]!), e.a[1]! + t * (e.b[1]! - e.a[1]!)];
      }
    }
  }
  return null;
}

function orient(a: Position, b: Position, c: Position): number {
  return (b[0]! - a[0]!) * (c[1]! - a[1]!) - (b[1]! - a[1]!) * (c[0]! - a[0]!);
}
