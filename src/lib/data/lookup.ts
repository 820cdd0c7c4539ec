/**
 * Finding a gemeente by what a person types (code or name), and the regions it belongs to.
 * Pure; shared by the app's search box and the command-line interface.
 */
import { DataError } from '../errors';
import { compareCodes } from '../model/codes';
import type { MunicipalityCode, Region } from '../types';
import type { Atlas, AtlasLayer, Municipality } from './atlas';

/**
 * A name reduced for comparison: lower case, accents removed (NFD, combining marks dropped),
 * apostrophes dropped, hyphens, dots, brackets and runs of white space turned into one space.
 * @example normalizeName("'s-Hertogenbosch") // 's hertogenbosch'
 * @example normalizeName('Súdwest-Fryslân') // 'sudwest fryslan'
 * @example normalizeName('Middelburg (Z.)') // 'middelburg z'
 */
export function normalizeName(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['‘’‛`´ʼ]/g, '')
    .replace(/[\s\-‐‑‒–—_.,()/]+/g, ' ')
    .trim();
}

/**
 * The name without a trailing province suffix such as "(Z.)", "(NH.)" or "(L.)", normalized;
 * the CBS adds these to tell apart gemeenten of the same name.
 * @example baseName('Bergen (NH.)') // 'bergen'
 */
export function baseName(s: string): string {
  return normalizeName(s.replace(/\s*\([^()]*\)\s*$/, ''));
}

/** The form used for equality and prefixes: normalized, without spaces ("den haag" = "denhaag"). */
function compactKey(s: string): string {
  return s.replaceAll(' ', '');
}

/** Most suggestions returned. */
const SUGGESTION_LIMIT = 5;

/** Outcome of `findMunicipality`. */
export interface MunicipalityMatch {
  /** The one gemeente the query denotes, if it denotes exactly one. */
  match?: Municipality;
  /**
   * Without a match: the candidates, best first (at most 5). For an ambiguous query, the gemeenten
   * it fits ("Bergen" → Bergen (L.), Bergen (NH.)); otherwise the names closest in spelling.
   * Empty when there is a match or nothing is close.
   */
  suggestions: Municipality[];
}

/**
 * Find a gemeente by code or name, trying in turn:
 * 1. a code: `GM0363`, `gm363`, `0363` or `363` (case-insensitive; digits padded to four);
 * 2. the normalized name (`normalizeName`, spaces ignored), with or without its province suffix;
 * 3. a unique prefix of the name.
 * Otherwise `suggestions` ranks names by Damerau–Levenshtein distance (optimal string alignment)
 * to the query, where a name the query is a prefix of counts as distance 1; only names within
 * max(2, ⌈length/3⌉) edits are suggested. Ties go by name then code, so the result is deterministic.
 * `municipalities` is any list (the atlas keeps it sorted by code).
 */
export function findMunicipality(query: string, municipalities: readonly Municipality[]): MunicipalityMatch {
  const codeMatch = /^\s*(?:gm)?\s*(\d{1,4})\s*$/i.exec(query);
  if (codeMatch) {
    const code = `GM${codeMatch[1]!.padStart(4, '0')}`;
    const found = municipalities.find((m) => m.code === code);
    return found ? { match: found, suggestions: [] } : { suggestions: [] };
  }

  const full = compactKey(normalizeName(query));
  const base = compactKey(baseName(query));
  if (full === '') return { suggestions: [] };
  const keyed = municipalities.map((m) => ({
    municipality: m,
    full: compactKey(normalizeName(m.name)),
    base: compactKey(baseName(m.name)),
  }));

  const candidates = [
    keyed.filter((k) => k.full === full),
    keyed.filter((k) => k.base === base || k.full === base),
    keyed.filter((k) => k.full.startsWith(full) || k.base.startsWith(full)),
  ];
  for (const found of candidates) {
    if (found.length === 1) return { match: found[0]!.municipality, suggestions: [] };
    if (found.length > 1) {
      return { suggestions: sortByName(found.map((k) => k.municipality)).slice(0, SUGGESTION_LIMIT) };
    }
  }

  const limit = Math.max(2, Math.ceil(full.length / 3));
  const ranked = keyed
    .map((k) => ({
      municipality: k.municipality,
      distance: Math.min(
        osaDistance(full, k.full),
        osaDistance(full, k.base),
        osaDistance(full, k.full.slice(0, full.length)) + 1,
      ),
    }))
    .filter((r) => r.distance <= limit)
    .sort((a, b) => a.distance - b.distance || compareMunicipalities(a.municipality, b.municipality));
  return { suggestions: ranked.slice(0, SUGGESTION_LIMIT).map((r) => r.municipality) };
}

/**
 * Damerau–Levenshtein distance in its optimal-string-alignment form: insertions, deletions,
 * substitutions and swaps of two adjacent characters each cost 1 (no substring edited twice).
 * @example osaDistance('amsterdm', 'amsterdam') // 1
 */
export function osaDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[] = Array.from({ length: rows * cols }, (_, k) => (k < cols ? k : k % cols === 0 ? k / cols : 0));
  const at = (i: number, j: number): number => d[i * cols + j]!;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        value = Math.min(value, at(i - 2, j - 2) + 1);
      d[i * cols + j] = value;
    }
  }
  return at(rows - 1, cols - 1);
}

/** One layer's answer for a gemeente in `lookupRegions`. */
export interface LayerRegions {
  layer: AtlasLayer;
  /** The gemeente's regions in this layer, by code; empty when the layer does not cover it. */
  regions: readonly Region[];
}

/**
 * The regions of one gemeente in every layer of the atlas, in registry (layer) order.
 * Throws DataError for a code that is not a gemeente of the atlas.
 */
export function lookupRegions(atlas: Atlas, code: MunicipalityCode): LayerRegions[] {
  if (!atlas.municipalitiesByCode.has(code)) {
    throw new DataError(`Unknown gemeente code ${code} (geometry ${atlas.geometry.id})`);
  }
  return atlas.layers.map((layer) => ({
    layer,
    regions: [...(layer.regionsByMember.get(code) ?? [])].sort((a, b) => compareCodes(a.code, b.code)),
  }));
}

function sortByName(list: Municipality[]): Municipality[] {
  return [...list].sort(compareMunicipalities);
}

function compareMunicipalities(a: Municipality, b: Municipality): number {
  return compareCodes(normalizeName(a.name), normalizeName(b.name)) || compareCodes(a.code, b.code);
}
