/**
 * Former gemeenten for the geo build: read the reference table of municipal reorganisations
 * (../shared/reference/herindelingen-2015-2025.md), check it, follow chains to the gemeenten of the
 * geometry's year, and check it against the maps of its first and last year.
 *
 * The map check is the "derive from the data" part: for every gemeente of the first year that lost
 * territory, a regular grid of points inside its old polygon is looked up in the new gemeenten, which
 * estimates where its area went. The table must agree: a whole merger's receiver holds most of the old area,
 * a measured share matches within {@link SHARE_TOLERANCE}, and the receiver holding the largest part is
 * listed. The two maps are generalised differently, so a few per cent always lands elsewhere (see the
 * table's caveats); the tolerances allow for that, not more.
 */
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { DataError } from '../../src/lib/errors';
import type { CsvTable } from '../../src/lib/data/csv';
import { compareTransfers, isIsoDate } from '../../src/lib/data/parse';
import { compareCodes as compare } from '../../src/lib/model/codes';
import type {
  FormerChangeKind,
  FormerMunicipality,
  FormerStep,
  FormerTransfer,
  MunicipalityCode,
} from '../../src/lib/types';

/** The columns of the reference table. */
export const CHANGE_COLUMNS = [
  'date',
  'type',
  'old_code',
  'old_name',
  'new_code',
  'new_name',
  'area_share',
  'source',
] as const;

/** The table's Dutch `type` values and the kinds they map to (see `FormerChangeKind`). */
export const CHANGE_TYPES: Readonly<Record<string, FormerChangeKind>> = {
  samenvoeging: 'merger',
  'samenvoeging (naam en code van partner behouden)': 'merger-kept-code',
  'lichte samenvoeging': 'light-merger',
  'opgegaan in (naam en code behouden)': 'absorbed',
  splitsing: 'split',
  grenscorrectie: 'boundary-correction',
  'naamswijziging (nieuwe code)': 'rename',
};

/** One row of the reference table, checked. */
export interface ChangeRow {
  /** 1-based line in the file. */
  line: number;
  date: string;
  kind: FormerChangeKind;
  oldCode: MunicipalityCode;
  oldName: string;
  newCode: MunicipalityCode;
  newName: string;
  areaShare: number;
  source: string;
}

/** Largest difference between a measured share in the table and the share estimated from the maps. */
export const SHARE_TOLERANCE = 0.05;
/** The shares of a former gemeente must add up to 1 within this (measured shares are approximate). */
export const SHARE_SUM_TOLERANCE = 0.05;

/**
 * Read the rows of the reference table: every column present, ISO dates, known types, GM codes,
 * non-empty names and sources, shares in (0, 1], and no (old, new, date) twice.
 * Throws `DataError` listing every problem with file and line.
 */
export function readChangeRows(table: CsvTable, file: string): ChangeRow[] {
  const missing = CHANGE_COLUMNS.filter((c) => !table.header.includes(c));
  if (missing.length > 0) {
    throw new DataError(
      `${file}, line 1: missing column(s) ${missing.map((m) => `"${m}"`).join(', ')} (header: ${table.header.join(',')})`,
      file,
    );
  }
  const problems: string[] = [];
  const rows: ChangeRow[] = [];
  const seen = new Map<string, number>();
  for (const { line, values } of table.rows) {
    const at = `${file}, line ${line}`;
    const v = (column: (typeof CHANGE_COLUMNS)[number]) => (values[column] ?? '').trim();
    const rowProblems: string[] = [];
    const date = v('date');
    if (!isIsoDate(date)) rowProblems.push(`date "${date}" is not a date YYYY-MM-DD`);
    const kind = CHANGE_TYPES[v('type')];
    if (kind === undefined) {
      rowProblems.push(`unknown type "${v('type')}" (expected one of: ${Object.keys(CHANGE_TYPES).join('; ')})`);
    }
    for (const column of ['old_code', 'new_code'] as const) {
      if (!/^GM\d{4}$/.test(v(column))) rowProblems.push(`${column} "${v(column)}" is not a gemeente code GMnnnn`);
    }
    for (const column of ['old_name', 'new_name', 'source'] as const) {
      if (v(column) === '') rowProblems.push(`empty ${column}`);
    }
    const shareText = v('area_share');
    const areaShare = /^\d+(\.\d+)?$/.test(shareText) ? Number(shareText) : NaN;
    if (!(areaShare > 0 && areaShare <= 1)) rowProblems.push(`area_share "${shareText}" is not a share in (0, 1]`);
    if (v('old_code') === v('new_code')) rowProblems.push(`old_code and new_code are both ${v('old_code')}`);
    const key = `${v('old_code')} ${v('new_code')} ${date}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) rowProblems.push(`same change as line ${earlier} (${key})`);
    seen.set(key, line);
    if (rowProblems.length > 0 || kind === undefined) {
      problems.push(...rowProblems.map((p) => `${at}: ${p}`));
      continue;
    }
    rows.push({
      line,
      date,
      kind,
      oldCode: v('old_code'),
      oldName: v('old_name'),
      newCode: v('new_code'),
      newName: v('new_name'),
      areaShare,
      source: v('source'),
    });
  }
  throwIfAny(problems, file);
  return rows;
}

/** What {@link resolveFormerMunicipalities} needs to know about the two years. */
export interface ResolveInput {
  file: string;
  rows: readonly ChangeRow[];
  /** Gemeenten of the geometry's year: code → name. */
  current: ReadonlyMap<MunicipalityCode, string>;
  /** Gemeenten of the table's first year: code → name. */
  start: ReadonlyMap<MunicipalityCode, string>;
}

/** A row with its receiver in the geometry's year. */
export interface ResolvedRow {
  row: ChangeRow;
  /** The gemeente of the geometry's year that holds this territory now. */
  finalCode: MunicipalityCode;
  /** Share of the old gemeente's area that reached `finalCode` through this row. */
  finalShare: number;
  via: FormerStep[];
}

/**
 * Check the rows against both years and follow chains: a receiver that is not a current gemeente must
 * itself appear as `old_code` of exactly one later row (e.g. Muiden → Weesp in 2016, Weesp → Amsterdam
 * in 2022), otherwise where the part went is unknown. Also checked: receivers' names match the current
 * geometry, old names match the first year's, a current gemeente only loses territory by a boundary
 * correction, every gemeente of the first year that is gone appears in the table, every `old_code` is a
 * gemeente of the first year or created by an earlier row, and each former gemeente's shares add up to 1.
 * @returns the former gemeenten (old codes that are not current), sorted by code; every row that could be
 *   resolved; and every problem found (file and line in each), so the caller can report them with others.
 */
export function resolveFormerMunicipalities(input: ResolveInput): {
  municipalities: FormerMunicipality[];
  resolved: ResolvedRow[];
  problems: string[];
} {
  const { file, rows, current, start } = input;
  const problems: string[] = [];
  const at = (row: ChangeRow) => `${file}, line ${row.line}`;
  const rowsByOld = new Map<MunicipalityCode, ChangeRow[]>();
  for (const row of rows) rowsByOld.set(row.oldCode, [...(rowsByOld.get(row.oldCode) ?? []), row]);
  const createdBy = new Map<MunicipalityCode, ChangeRow>();
  for (const row of rows) if (!current.has(row.newCode) && !createdBy.has(row.newCode)) createdBy.set(row.newCode, row);

  for (const row of rows) {
    const currentName = current.get(row.newCode);
    if (currentName !== undefined && currentName !== row.newName) {
      problems.push(`${at(row)}: receiver ${row.newCode} is "${currentName}" in the geometry, not "${row.newName}"`);
    }
    const startName = start.get(row.oldCode);
    if (startName !== undefined && startName !== row.oldName) {
      problems.push(`${at(row)}: ${row.oldCode} is "${startName}" in the first year's map, not "${row.oldName}"`);
    }
    const created = createdBy.get(row.oldCode);
    if (startName === undefined && !(created && created.date < row.date)) {
      problems.push(
        `${at(row)}: ${row.oldCode} ${row.oldName} is not a gemeente of the first year's map, nor created by an earlier row`,
      );
    }
    if (current.has(row.oldCode) && row.kind !== 'boundary-correction') {
      problems.push(
        `${at(row)}: ${row.oldCode} ${row.oldName} still exists in the geometry, so it can only lose territory by a grenscorrectie, not a ${row.kind}`,
      );
    }
  }
  for (const [code, name] of [...start].sort(([a], [b]) => compare(a, b))) {
    if (!current.has(code) && !rowsByOld.has(code)) {
      problems.push(`${file}: ${code} ${name} is gone from the geometry, but the table does not say where it went`);
    }
  }

  const resolved: ResolvedRow[] = [];
  for (const row of rows) {
    const via: FormerStep[] = [];
    let finalCode = row.newCode;
    let finalShare = row.areaShare;
    let date = row.date;
    let problem: string | undefined;
    while (!current.has(finalCode)) {
      const onward = (rowsByOld.get(finalCode) ?? []).filter((r) => r.date > date);
      if (onward.length !== 1) {
        problem =
          onward.length === 0
            ? `receiver ${finalCode} is not a gemeente of the geometry, and no later row says where it went`
            : `receiver ${finalCode} was later divided over ${onward.map((r) => r.newCode).join(', ')}, so where this part went is unknown; add rows from ${row.oldCode} to each`;
        break;
      }
      const next = onward[0]!;
      if (via.some((step) => step.code === next.oldCode) || next.oldCode === row.oldCode) {
        problem = `the chain from ${row.oldCode} returns to ${next.oldCode}`;
        break;
      }
      via.push({ code: next.oldCode, name: next.oldName, date: next.date, kind: next.kind, source: next.source });
      finalCode = next.newCode;
      finalShare *= next.areaShare;
      date = next.date;
    }
    if (problem !== undefined) problems.push(`${at(row)}: ${problem}`);
    else resolved.push({ row, finalCode, finalShare, via });
  }

  const municipalities: FormerMunicipality[] = [];
  for (const [code, own] of [...rowsByOld].sort(([a], [b]) => compare(a, b))) {
    if (current.has(code)) continue;
    const sum = own.reduce((total, r) => total + r.areaShare, 0);
    if (Math.abs(sum - 1) > SHARE_SUM_TOLERANCE) {
      problems.push(
        `${file}, line(s) ${own.map((r) => r.line).join(', ')}: the shares of ${code} ${own[0]!.oldName} add up to ${round3(sum)}, not 1 (a receiver is missing or a share is wrong)`,
      );
    }
    const transfers = resolved
      .filter((r) => r.row.oldCode === code)
      .map((r): FormerTransfer => {
        const transfer: FormerTransfer = {
          code: r.finalCode,
          date: r.row.date,
          kind: r.row.kind,
          areaShare: round3(r.finalShare),
          source: r.row.source,
        };
        if (r.via.length > 0) transfer.via = r.via;
        return transfer;
      })
      .sort(compareTransfers);
    municipalities.push({ code, name: own[0]!.oldName, transfers });
  }
  return { municipalities, resolved, problems };
}

/** Polygons of one gemeente as GeoJSON coordinates (lon, lat). */
export type PolygonCoordinates = Position[][][];

/** The coordinates of a Polygon or MultiPolygon as a list of polygons. */
export function polygonsOf(geometry: Polygon | MultiPolygon): PolygonCoordinates {
  return geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
}

/** Points per side of the sampling grid over a gemeente's bounding box (the longer side, in metres). */
const GRID_STEPS = 40;

/**
 * Estimate which share of `subject`'s area lies in each of `targets`: a regular grid of points over its
 * bounding box (square cells in a local equirectangular frame, `GRID_STEPS` along the longer side) is
 * clipped to the subject and each point looked up in the targets. Points in no target (sea, generalisation
 * gaps) count in the denominator only. Deterministic; exact to about 1/GRID_STEPS² of the area.
 * @returns target code → share in [0, 1], only targets that got a point.
 */
export function estimateShares(
  subject: PolygonCoordinates,
  targets: ReadonlyMap<MunicipalityCode, PolygonCoordinates>,
): Map<MunicipalityCode, number> {
  const box = bboxOf(subject);
  const [west, south, east, north] = box;
  const kx = Math.cos((((south + north) / 2) * Math.PI) / 180);
  const step = Math.max((east - west) * kx, north - south) / GRID_STEPS;
  const candidates = [...targets]
    .map(([code, polygons]) => ({ code, polygons, box: bboxOf(polygons) }))
    .filter((t) => t.box[0] <= east && t.box[2] >= west && t.box[1] <= north && t.box[3] >= south);
  const counts = new Map<MunicipalityCode, number>();
  let inside = 0;
  for (let y = south + step / 2; y < north; y += step) {
    for (let x = west + step / kx / 2; x < east; x += step / kx) {
      if (!containsPoint(subject, x, y)) continue;
      inside++;
      const hit = candidates.find(
        (t) => x >= t.box[0] && x <= t.box[2] && y >= t.box[1] && y <= t.box[3] && containsPoint(t.polygons, x, y),
      );
      if (hit) counts.set(hit.code, (counts.get(hit.code) ?? 0) + 1);
    }
  }
  return new Map([...counts].map(([code, n]) => [code, n / inside]));
}

/** Map input of {@link checkAgainstMaps}. */
export interface MapCheckInput {
  file: string;
  resolved: readonly ResolvedRow[];
  /** Polygons of the first year's gemeenten. */
  startPolygons: ReadonlyMap<MunicipalityCode, PolygonCoordinates>;
  /** Polygons of the geometry's gemeenten. */
  currentPolygons: ReadonlyMap<MunicipalityCode, PolygonCoordinates>;
  /** Names for messages. */
  current: ReadonlyMap<MunicipalityCode, string>;
}

/**
 * Compare the table with the two maps, for every gemeente of the first year that lost territory:
 * - a receiver of the whole gemeente (share 1) must hold at least half of its old area;
 * - a measured share (below 1) must match the estimate within {@link SHARE_TOLERANCE};
 * - for a gemeente that is gone, the current gemeente holding the largest part of it must be a receiver.
 * Shares are summed per final receiver (two rows can end in the same gemeente).
 * @returns every mismatch, with file and line(s); empty when the table and the maps agree.
 */
export function checkAgainstMaps(input: MapCheckInput): string[] {
  const { file, resolved, startPolygons, currentPolygons, current } = input;
  const problems: string[] = [];
  const byOld = new Map<MunicipalityCode, ResolvedRow[]>();
  for (const r of resolved) byOld.set(r.row.oldCode, [...(byOld.get(r.row.oldCode) ?? []), r]);
  for (const [oldCode, rows] of [...byOld].sort(([a], [b]) => compare(a, b))) {
    const polygons = startPolygons.get(oldCode);
    // Created after the first year (no old polygon): nothing to measure; its rows were checked as a chain.
    if (!polygons) continue;
    const oldName = rows[0]!.row.oldName;
    const estimated = estimateShares(polygons, currentPolygons);
    const stated = new Map<MunicipalityCode, { share: number; lines: number[] }>();
    for (const r of rows) {
      const entry = stated.get(r.finalCode) ?? { share: 0, lines: [] };
      entry.share += r.finalShare;
      entry.lines.push(r.row.line);
      stated.set(r.finalCode, entry);
    }
    for (const [code, { share, lines }] of stated) {
      const measured = estimated.get(code) ?? 0;
      const where = `${file}, line ${lines.join(', ')}: ${oldCode} ${oldName} → ${code} ${current.get(code) ?? ''}`;
      if (share >= 1 - 1e-9) {
        if (measured < 0.5) {
          problems.push(`${where}: only ${percent(measured)} of its old area lies there on the maps (expected most)`);
        }
      } else if (Math.abs(measured - share) > SHARE_TOLERANCE) {
        problems.push(
          `${where}: share ${round3(share)} in the table, ${round3(measured)} on the maps (tolerance ${SHARE_TOLERANCE})`,
        );
      }
    }
    if (!current.has(oldCode)) {
      const [largest] = [...estimated].sort(([a, x], [b, y]) => y - x || compare(a, b));
      if (largest && !stated.has(largest[0])) {
        problems.push(
          `${file}: ${oldCode} ${oldName}: the largest part of its old area (${percent(largest[1])}) lies in ${largest[0]} ${current.get(largest[0]) ?? ''} on the maps, which the table does not list as a receiver`,
        );
      }
    }
  }
  return problems;
}

type Box = [number, number, number, number];

function bboxOf(polygons: PolygonCoordinates): Box {
  const box: Box = [Infinity, Infinity, -Infinity, -Infinity];
  for (const rings of polygons) {
    for (const [x, y] of rings[0] ?? []) {
      box[0] = Math.min(box[0], x!);
      box[1] = Math.min(box[1], y!);
      box[2] = Math.max(box[2], x!);
      box[3] = Math.max(box[3], y!);
    }
  }
  return box;
}

/** Even-odd rule per polygon (outer ring minus holes); polygons of a MultiPolygon do not overlap. */
function containsPoint(polygons: PolygonCoordinates, x: number, y: number): boolean {
  return polygons.some((rings) => rings.reduce((inside, ring) => (ringContains(ring, x, y) ? !inside : inside), false));
}

/** Ray casting: does a ray from (x, y) eastwards cross the ring an odd number of times? */
function ringContains(ring: Position[], x: number, y: number): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]! as [number, number];
    const [xj, yj] = ring[j]! as [number, number];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Throw one `DataError` listing `problems`, if there are any. */
export function throwIfAny(problems: readonly string[], file: string): void {
  if (problems.length > 0) {
    throw new DataError(`${file}: ${problems.length} problem(s):\n  ${problems.join('\n  ')}`, file);
  }
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}

function percent(share: number): string {
  return `${Math.round(share * 100)}%`;
}
