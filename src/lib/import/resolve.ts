/**
 * What a cell of an imported table means: a current gemeente, a former one, several, or none (with
 * spelling suggestions). Stricter than the search box: only a code, a whole name (with or without its
 * province suffix) or a known alias counts as a match, so an import never guesses silently; prefixes and
 * near spellings become suggestions ("Amsterdm": did you mean Amsterdam?). Pure.
 */
import type { Municipality } from '../data/atlas';
import { ALIASES, type MunicipalityAlias } from '../data/aliases';
import { baseName, normalizeName } from '../data/lookup';
import { buildSearchIndex, searchMunicipalities, type SearchIndex } from '../data/search';
import { compareCodes } from '../model/codes';
import type { FormerMunicipality, MunicipalityCode } from '../types';
import type { FormerTarget } from './problems';

/** The meaning of one value. */
export type Resolution =
  | { kind: 'match'; municipality: Municipality }
  | { kind: 'former'; former: FormerMunicipality; targets: FormerTarget[] }
  | { kind: 'ambiguous'; candidates: Municipality[] }
  | { kind: 'unknown'; suggestions: Municipality[] };

/**
 * Distinct unrecognised values that get spelling suggestions. Each costs edit distances to every name and
 * alias (about 10 ms for the 342 gemeenten of 2025); beyond this a table is not a list of misspellings but
 * something else, and the remaining values are reported without suggestions so that a large file stays fast
 * (10,000 distinct unknown names: about 0.6 s).
 */
export const SUGGESTION_LOOKUP_LIMIT = 50;

/** Most suggestions per value. */
const SUGGESTIONS_PER_VALUE = 5;

/**
 * Build a resolver over the atlas's gemeenten, the former gemeenten and the aliases. The returned function
 * remembers its answers per value, so a table that repeats names (the usual case) costs one lookup each.
 *
 * A value is, in turn: a code (`GM0363`, `gm363`, `0363`, `363`) of a current or former gemeente; the whole
 * normalized name of a current gemeente or of an alias; the name without province suffix ("Bergen" →
 * Bergen (L.) and Bergen (NH.): ambiguous when it fits several); the name of a former gemeente. Otherwise it
 * is unknown, with suggestions from `searchMunicipalities` (current gemeenten only).
 * @example createResolver(municipalities, former)('Amsterdm') // { kind: 'unknown', suggestions: [Amsterdam] }
 */
export function createResolver(
  municipalities: readonly Municipality[],
  former: readonly FormerMunicipality[],
  aliases: readonly MunicipalityAlias[] = ALIASES,
): (value: string) => Resolution {
  const byCode = new Map(municipalities.map((m) => [m.code, m]));
  const formerByCode = new Map(former.map((f) => [f.code, f]));
  const byName = new Map<string, Municipality[]>();
  const byBase = new Map<string, Municipality[]>();
  const add = (map: Map<string, Municipality[]>, key: string, m: Municipality) => {
    const list = map.get(key) ?? [];
    if (!list.includes(m)) list.push(m);
    map.set(key, list);
  };
  for (const m of municipalities) {
    add(byName, compact(normalizeName(m.name)), m);
    add(byBase, compact(baseName(m.name)), m);
  }
  for (const a of aliases) {
    const m = byCode.get(a.code);
    // An alias written for another year's gemeente of that code is not used (as in the search index).
    if (m && m.name === a.name) add(byName, compact(normalizeName(a.alias)), m);
  }
  const formerByName = new Map<string, FormerMunicipality[]>();
  for (const f of former) {
    const key = compact(normalizeName(f.name));
    formerByName.set(key, [...(formerByName.get(key) ?? []), f]);
  }

  let index: SearchIndex | null = null;
  let lookups = 0;
  const cache = new Map<string, Resolution>();
  const formerResult = (f: FormerMunicipality): Resolution => ({
    kind: 'former',
    former: f,
    targets: targetsOf(f, byCode),
  });

  function resolveUncached(value: string): Resolution {
    const codeMatch = /^\s*(?:gm)?\s*(\d{1,4})\s*$/i.exec(value);
    if (codeMatch) {
      const code = `GM${codeMatch[1]!.padStart(4, '0')}`;
      const m = byCode.get(code);
      if (m) return { kind: 'match', municipality: m };
      const f = formerByCode.get(code);
      return f ? formerResult(f) : { kind: 'unknown', suggestions: [] };
    }
    const key = compact(normalizeName(value));
    if (key === '') return { kind: 'unknown', suggestions: [] };
    for (const candidates of [byName.get(key), byBase.get(compact(baseName(value)))]) {
      if (candidates?.length === 1) return { kind: 'match', municipality: candidates[0]! };
      if (candidates && candidates.length > 1) return { kind: 'ambiguous', candidates: sortByName(candidates) };
    }
    const formers = formerByName.get(key);
    if (formers?.length === 1) return formerResult(formers[0]!);
    if (lookups >= SUGGESTION_LOOKUP_LIMIT) return { kind: 'unknown', suggestions: [] };
    lookups++;
    index ??= buildSearchIndex(municipalities, former, aliases);
    const suggestions: Municipality[] = [];
    for (const result of searchMunicipalities(value, index, SUGGESTIONS_PER_VALUE * 2)) {
      if (result.kind === 'current' && !suggestions.includes(result.municipality))
        suggestions.push(result.municipality);
    }
    return { kind: 'unknown', suggestions: suggestions.slice(0, SUGGESTIONS_PER_VALUE) };
  }

  return (value: string) => {
    const trimmed = value.trim();
    let result = cache.get(trimmed);
    if (!result) {
      result = resolveUncached(trimmed);
      cache.set(trimmed, result);
    }
    return result;
  };
}

/**
 * The current gemeenten a former gemeente's territory went to, each once: the largest total share first
 * (ties by name, then code), with the year the territory got there (after any intermediate mergers).
 */
export function targetsOf(
  former: FormerMunicipality,
  byCode: ReadonlyMap<MunicipalityCode, Municipality>,
): FormerTarget[] {
  const totals = new Map<MunicipalityCode, { share: number; year: number }>();
  for (const t of former.transfers) {
    const arrived = t.via?.at(-1)?.date ?? t.date;
    const year = Number(arrived.slice(0, 4));
    const known = totals.get(t.code);
    totals.set(t.code, { share: (known?.share ?? 0) + t.areaShare, year: Math.max(known?.year ?? 0, year) });
  }
  return [...totals]
    .map(([code, { share, year }]) => ({ code, name: byCode.get(code)?.name ?? code, year, share }))
    .sort((a, b) => b.share - a.share || compareNames(a.name, b.name) || compareCodes(a.code, b.code))
    .map(({ code, name, year }) => ({ code, name, year }));
}

function compact(s: string): string {
  return s.replaceAll(' ', '');
}

function compareNames(a: string, b: string): number {
  return compareCodes(normalizeName(a), normalizeName(b));
}

function sortByName(list: Municipality[]): Municipality[] {
  return [...list].sort((a, b) => compareNames(a.name, b.name) || compareCodes(a.code, b.code));
}
