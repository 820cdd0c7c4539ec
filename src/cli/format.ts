/**
 * Pure formatting for the `atlas` command-line interface: JSON shapes and plain-text tables.
 * Kept apart from the file reading in `atlas.ts` so it can be tested without files or processes.
 */
import type { Atlas, Municipality } from '../lib/data/atlas';
import type { LayerRegions } from '../lib/data/lookup';

/** One column of a text table. */
export interface Column {
  header: string;
  /** Numbers read best right-aligned. */
  align?: 'left' | 'right';
}

/**
 * A plain-text table: header (aligned like its column), a line of dashes, then the rows; columns two spaces apart, padded to
 * the widest cell (by code points, so "é" counts as one), no trailing spaces.
 */
export function renderTable(columns: readonly Column[], rows: readonly (readonly string[])[]): string {
  const width = (s: string): number => [...s].length;
  const widths = columns.map((column, i) => Math.max(width(column.header), ...rows.map((row) => width(row[i] ?? ''))));
  const line = (cells: readonly string[]): string =>
    columns
      .map((column, i) => {
        const cell = cells[i] ?? '';
        const pad = ' '.repeat(widths[i]! - width(cell));
        return column.align === 'right' ? pad + cell : cell + pad;
      })
      .join('  ')
      .trimEnd();
  return (
    [line(columns.map((c) => c.header)), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n') + '\n'
  );
}

/** A layer as `atlas layers --json` prints it. */
export interface LayerSummary {
  id: string;
  name: string;
  regionCount: number;
  /** Gemeenten in at least one region. */
  coveredCount: number;
  /** Gemeenten of the geometry the layer refers to. */
  municipalityCount: number;
  isComplete: boolean;
  source: string;
  referenceDate: string;
}

/** The layers of the atlas in registry order, summarised (English names). */
export function summarizeLayers(atlas: Atlas): LayerSummary[] {
  return atlas.layers.map((layer) => ({
    id: layer.meta.id,
    name: layer.meta.name.en,
    regionCount: layer.regions.length,
    coveredCount: layer.coveredCount,
    municipalityCount: atlas.municipalities.length,
    isComplete: layer.meta.coverage.isComplete,
    source: layer.meta.source.citation,
    referenceDate: layer.meta.source.referenceDate,
  }));
}

/** `atlas layers` as a table. */
export function formatLayers(layers: readonly LayerSummary[]): string {
  return renderTable(
    [
      { header: 'id' },
      { header: 'name' },
      { header: 'regions', align: 'right' },
      { header: 'covered', align: 'right' },
      { header: 'source' },
      { header: 'reference date' },
    ],
    layers.map((l) => [
      l.id,
      l.name,
      String(l.regionCount),
      `${l.coveredCount} of ${l.municipalityCount}`,
      l.source,
      l.referenceDate,
    ]),
  );
}

/** A gemeente's regions as `atlas lookup --json` prints them. */
export interface LookupResult {
  municipality: Municipality;
  layers: {
    id: string;
    name: string;
    /** The layer claims to assign every gemeente a region. */
    isComplete: boolean;
    /** False when the gemeente belongs to no region of this layer. */
    isCovered: boolean;
    regions: { code: string; name: string }[];
  }[];
}

/** Shape a `lookupRegions` answer for output. */
export function summarizeLookup(municipality: Municipality, layers: readonly LayerRegions[]): LookupResult {
  return {
    municipality,
    layers: layers.map(({ layer, regions }) => ({
      id: layer.meta.id,
      name: layer.meta.name.en,
      isComplete: layer.meta.coverage.isComplete,
      isCovered: regions.length > 0,
      regions: regions.map((r) => ({ code: r.code, name: r.name })),
    })),
  };
}

const integerFormat = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });
const areaFormat = new Intl.NumberFormat('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/**
 * `atlas lookup` as text: the gemeente, then one table row per region (a gemeente in several regions
 * of a layer gets several rows). A layer without a region for it says "no data" (partial layer) or
 * "none" (a complete layer should list every gemeente, so this flags a data problem).
 */
export function formatLookup(result: LookupResult): string {
  const m = result.municipality;
  const inhabitants =
    m.inhabitants === null ? 'inhabitants unknown' : `${integerFormat.format(m.inhabitants)} inhabitants`;
  const heading = `${m.name} (${m.code}): ${areaFormat.format(m.areaKm2)} km², ${inhabitants}\n\n`;
  const rows: string[][] = [];
  for (const layer of result.layers) {
    if (!layer.isCovered) {
      rows.push([layer.name, layer.isComplete ? 'none' : 'no data', '']);
    }
    layer.regions.forEach((region, i) => rows.push([i === 0 ? layer.name : '', region.code, region.name]));
  }
  return heading + renderTable([{ header: 'layer' }, { header: 'region' }, { header: 'name' }], rows);
}

/** The message for a query that denotes no single gemeente. */
export function formatNoMatch(query: string, suggestions: readonly Municipality[]): string {
  const head = `No municipality matches '${query}'.`;
  return suggestions.length === 0 ? head : `${head} Did you mean: ${suggestions.map((m) => m.name).join(', ')}?`;
}
