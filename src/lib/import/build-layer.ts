/**
 * From collected memberships to a user layer (`LayerFile` with domain `eigen`): regions with stable codes,
 * coverage flags from the data, the layer's metadata (id, name, source, colour) and the result-level
 * problems (partial coverage, multi-membership). Shared by the CSV, layer-JSON and GeoJSON importers and
 * by the what-if editor. Pure.
 */
import { DataError } from '../errors';
import { normalizeName } from '../data/lookup';
import { LAYER_FORMAT, parseLayerFile } from '../data/parse';
import { compareCodes } from '../model/codes';
import type {
  CoverageRules,
  LayerFile,
  LayerMeta,
  LocalizedText,
  MunicipalityCode,
  Region,
  SourceInfo,
} from '../types';
import type { ImportContext, ImportProblem, ImportResult, MunicipalityRef } from './problems';

/**
 * Line colours for user layers: colour-blind-safe hues (Okabe-Ito and Paul Tol's muted set) that no
 * built-in layer uses (those take #0072B2, #D55E00, #CC79A7, #AD7700, #009E73 and #000000).
 */
export const USER_LAYER_COLOURS: readonly string[] = ['#56B4E9', '#E69F00', '#882255', '#332288', '#999933', '#44AA99'];

/** Longest region name kept; longer names are cut (with a warning) so that lists and labels stay usable. */
export const MAX_REGION_NAME_LENGTH = 100;
/** Longest layer name kept. */
export const MAX_LAYER_NAME_LENGTH = 80;
/** Longest region code kept from a file. */
export const MAX_REGION_CODE_LENGTH = 40;

/**
 * 32-bit FNV-1a hash of a text (UTF-16 code units), in base 36: short, stable ids for user layers.
 * Not for security.
 * @example shortHash('abc') // '1a47e90'
 */
export function shortHash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(36).padStart(7, '0');
}

/**
 * A name reduced to `[a-z0-9-]` for use in an id (at most 32 characters), or `laag` when nothing is left.
 * @example slugify('Súdwest-Fryslân regio’s') // 'sudwest-fryslan-regios'
 */
export function slugify(name: string): string {
  const slug = normalizeName(name)
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, 32)
    .replace(/^-+|-+$/g, '');
  return slug === '' ? 'laag' : slug;
}

/**
 * Text from a file made safe to keep: control and bidirectional-override characters removed (they could
 * disguise a name), white space collapsed, trimmed, and cut to `maxLength` characters (ending in "…").
 * Markup is left alone: the interface always shows names as text, never as HTML.
 */
export function cleanText(value: string, maxLength: number): { text: string; isCut: boolean } {
  const text = value
    .replace(/[\p{Cc}\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const chars = [...text];
  if (chars.length <= maxLength) return { text, isCut: false };
  return { text: `${chars.slice(0, maxLength - 1).join('')}…`, isCut: true };
}

/**
 * The first of {@link USER_LAYER_COLOURS}, starting at `seed` (modulo their number), that is not in `avoid`
 * (compared case-insensitively); the colour at `seed` when all are taken.
 */
export function pickColour(seed: number, avoid: Iterable<string>): string {
  const taken = new Set([...avoid].map((c) => c.toLowerCase()));
  const n = USER_LAYER_COLOURS.length;
  const start = Math.abs(Math.trunc(seed)) % n;
  for (let k = 0; k < n; k++) {
    const colour = USER_LAYER_COLOURS[(start + k) % n]!;
    if (!taken.has(colour.toLowerCase())) return colour;
  }
  return USER_LAYER_COLOURS[start]!;
}

/** Coverage rules that describe `regions` over `allCodes`: complete if every gemeente is in one, multi if any is in two. */
export function coverageOf(regions: readonly Region[], allCodes: Iterable<MunicipalityCode>): CoverageRules {
  const count = membershipCounts(regions);
  let isComplete = true;
  for (const code of allCodes) {
    if (!count.has(code)) {
      isComplete = false;
      break;
    }
  }
  return { isComplete, allowsMultiMembership: [...count.values()].some((n) => n > 1) };
}

/** Gemeente code → number of regions it is in. */
export function membershipCounts(regions: readonly Region[]): Map<MunicipalityCode, number> {
  const count = new Map<MunicipalityCode, number>();
  for (const r of regions) for (const m of r.members) count.set(m, (count.get(m) ?? 0) + 1);
  return count;
}

/** The id of a user layer from its kind, as `parseLayerFile` requires (`<kind>-<year>`). */
export function userLayerId(kind: string, year: number): string {
  return `${kind}-${year}`;
}

/** The parts of a user layer's metadata an importer decides; the rest follows from the data and the atlas. */
export interface UserLayerIdentity {
  name: LocalizedText;
  /** Kind without year, e.g. `eigen-jeugdregios-1x2y3z4`; default `eigen-<slug of name>-<hash of name and regions>`. */
  kind?: string;
  description?: LocalizedText;
  source?: SourceInfo;
  color?: string;
}

/**
 * Metadata of a user layer: domain `eigen`, the atlas's year and geometry, coverage from the data,
 * region noun "regio"/"region", visible by default. Unless given: id `eigen-<slug>-<hash>-<year>` (the hash
 * over the name and the regions, so the same file imported twice gives the same id), a description and
 * source naming `fileName` (licence "eigen gegevens", reference date `today`), and a colour no built-in
 * layer uses.
 */
export function buildUserMeta(
  identity: UserLayerIdentity,
  regions: readonly Region[],
  fileName: string,
  context: ImportContext,
): LayerMeta {
  const { geometry, municipalities, layers } = context.atlas;
  const hash = shortHash(`${identity.name.nl}\n${JSON.stringify(regions.map((r) => [r.code, r.name, r.members]))}`);
  const kind = identity.kind ?? `eigen-${slugify(identity.name.nl)}-${hash}`;
  const file = cleanText(fileName.split(/[/\\]/).pop() ?? '', 100).text || 'tabel';
  return {
    id: userLayerId(kind, geometry.year),
    kind,
    year: geometry.year,
    geometryId: geometry.id,
    domain: 'eigen',
    name: identity.name,
    regionNoun: { nl: 'regio', en: 'region' },
    description: identity.description ?? {
      nl: `Eigen laag, ingelezen uit ${file}.`,
      en: `Your own layer, imported from ${file}.`,
    },
    source: identity.source ?? {
      citation: `Eigen import: ${file}`,
      licence: 'eigen gegevens',
      referenceDate: context.today,
    },
    coverage: coverageOf(
      regions,
      municipalities.map((m) => m.code),
    ),
    color:
      identity.color ??
      pickColour(
        parseInt(hash, 36),
        layers.map((l) => l.meta.color),
      ),
    isDefaultVisible: true,
  };
}

/**
 * Finish an import: build the layer from `regions` (any order; sorted here), add the result-level problems
 * (one `multi-membership` info per gemeente in several regions, one `partial-coverage` info listing the
 * gemeenten without a region), count the stats, and check the layer with `parseLayerFile` so that what is
 * added can always be stored and loaded again. Without regions there is no layer and a `no-regions` error.
 */
export function finishImport(
  regions: readonly Region[],
  identity: UserLayerIdentity,
  fileName: string,
  context: ImportContext,
  problems: ImportProblem[],
  counts: { rows: number; matched: number },
): ImportResult {
  const { municipalities } = context.atlas;
  const sorted = regions
    .map((r) => ({ ...r, members: [...r.members].sort(compareCodes) }))
    .sort((a, b) => compareCodes(a.code, b.code));
  const counted = membershipCounts(sorted);
  const stats = {
    ...counts,
    regions: sorted.length,
    covered: municipalities.filter((m) => counted.has(m.code)).length,
    total: municipalities.length,
    multiMembership: [...counted.values()].filter((n) => n > 1).length,
  };
  if (sorted.length === 0) {
    return { layer: null, problems: [...problems, { severity: 'error', kind: 'no-regions' }], stats };
  }
  const all = [...problems];
  for (const m of municipalities) {
    if ((counted.get(m.code) ?? 0) < 2) continue;
    all.push({
      severity: 'info',
      kind: 'multi-membership',
      municipality: { code: m.code, name: m.name },
      regions: sorted.filter((r) => r.members.includes(m.code)).map((r) => r.name),
    });
  }
  const missing: MunicipalityRef[] = municipalities
    .filter((m) => !counted.has(m.code))
    .map((m) => ({ code: m.code, name: m.name }))
    .sort((a, b) => compareCodes(normalizeName(a.name), normalizeName(b.name)) || compareCodes(a.code, b.code));
  if (missing.length > 0) {
    all.push({ severity: 'info', kind: 'partial-coverage', count: missing.length, municipalities: missing });
  }
  const draft: LayerFile = {
    format: LAYER_FORMAT,
    meta: buildUserMeta(identity, sorted, fileName, context),
    regions: sorted,
  };
  try {
    return { layer: parseLayerFile(draft, fileName), problems: all, stats };
  } catch (error) {
    if (!(error instanceof DataError)) throw error;
    return { layer: null, problems: [...all, { severity: 'error', kind: 'internal', detail: error.message }], stats };
  }
}

/** One region being collected, before codes are generated. */
export interface RegionEntry {
  /** The code from the file, or null when it gets a generated one. */
  code: string | null;
  name: string;
  firstRow: number;
  /** Gemeente → row it was first listed on. */
  members: Map<MunicipalityCode, number>;
  note?: string;
}

/** Outcome of {@link MembershipCollector.add}. */
export type AddOutcome = { kind: 'added' } | { kind: 'duplicate'; firstRow: number };

/**
 * Collects memberships row by row. A region is known by its code where the file gives one, otherwise by its
 * name (case and white space ignored); a row without code whose name was seen with a code joins that region.
 * Regions without a code get `U01`, `U02`, … in order of first appearance, skipping codes the file uses.
 */
export class MembershipCollector {
  private readonly byKey = new Map<string, RegionEntry>();
  private readonly keyByName = new Map<string, string>();

  /**
   * The region for a row, created on first sight. Returns `conflict` when `code` was first seen with another
   * name (the first name is kept), so the caller can report it.
   */
  region(
    code: string | null,
    name: string,
    row: number,
  ): { entry: RegionEntry; conflict?: { name: string; firstRow: number } } {
    const nameKey = name.toLocaleLowerCase('nl');
    const key = code !== null ? `code:${code}` : (this.keyByName.get(nameKey) ?? `name:${nameKey}`);
    let entry = this.byKey.get(key);
    if (!entry) {
      entry = { code, name, firstRow: row, members: new Map() };
      this.byKey.set(key, entry);
    }
    if (!this.keyByName.has(nameKey)) this.keyByName.set(nameKey, key);
    if (entry.name.toLocaleLowerCase('nl') !== nameKey) {
      return { entry, conflict: { name: entry.name, firstRow: entry.firstRow } };
    }
    return { entry };
  }

  /** Add gemeente `code` to `entry`, unless it is there already. */
  add(entry: RegionEntry, code: MunicipalityCode, row: number): AddOutcome {
    const first = entry.members.get(code);
    if (first !== undefined) return { kind: 'duplicate', firstRow: first };
    entry.members.set(code, row);
    return { kind: 'added' };
  }

  /** The regions with at least one gemeente, with their final codes (unsorted). */
  regions(): Region[] {
    const used = [...this.byKey.values()].filter((e) => e.members.size > 0);
    const taken = new Set(used.flatMap((e) => (e.code === null ? [] : [e.code])));
    const generatedCount = used.filter((e) => e.code === null).length;
    const width = Math.max(2, String(generatedCount).length);
    let next = 1;
    return used.map((e) => {
      let code = e.code;
      while (code === null) {
        const candidate = `U${String(next++).padStart(width, '0')}`;
        if (!taken.has(candidate)) code = candidate;
      }
      const region: Region = { code, name: e.name, members: [...e.members.keys()] };
      if (e.note !== undefined) region.note = e.note;
      return region;
    });
  }

  /**
   * The regions seen without any gemeente (every row of theirs was left out), in order of first appearance, as
   * `region-left-out` warnings naming each (`otherRow`: its first row), so that a region never disappears with
   * only its gemeenten reported as without a region.
   */
  leftOut(): ImportProblem[] {
    return [...this.byKey.values()]
      .filter((e) => e.members.size === 0)
      .map((e) => ({ severity: 'warning', kind: 'region-left-out', value: e.name, otherRow: e.firstRow }));
  }

  /** Set the note of a region (from a layer JSON). */
  setNote(entry: RegionEntry, note: string): void {
    entry.note = note;
  }
}
