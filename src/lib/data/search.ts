/**
 * The search box's matching: finds current gemeenten by code, name (with or without province suffix), alias,
 * prefix, word or spelling, and former gemeenten by code and name, with the current gemeenten they went to.
 * Case, accents, apostrophes, hyphens and spaces are ignored (`normalizeName`). Pure.
 */
import type { FormerMunicipality, MunicipalityCode } from '../types';
import type { Municipality } from './atlas';
import { ALIASES, type MunicipalityAlias } from './aliases';
import { baseName, normalizeName, osaDistance } from './lookup';
import { compareCodes as compare } from '../model/codes';

/**
 * How a result matched, best first: its code; a whole name or alias; the start of one; the start of a later
 * word in one ("fryslan" in Súdwest-Fryslân); anywhere in one (queries of 3+ characters); or, only when
 * nothing else matched, a spelling within a few edits (then the results are suggestions).
 */
export type MatchKind = 'code' | 'exact' | 'prefix' | 'word' | 'substring' | 'fuzzy';

const MATCH_ORDER: readonly MatchKind[] = ['code', 'exact', 'prefix', 'word', 'substring', 'fuzzy'];

interface ResultBase {
  /** The text to show: the official (current) or last (former) name. */
  label: string;
  match: MatchKind;
  /** The alias the query matched, e.g. "Den Bosch" for 's-Hertogenbosch; absent when it matched the name or code. */
  alias?: string;
}

/** A gemeente of the atlas's geometry. */
export interface CurrentResult extends ResultBase {
  kind: 'current';
  municipality: Municipality;
}

/** A gemeente that no longer exists. */
export interface FormerResult extends ResultBase {
  kind: 'former';
  former: FormerMunicipality;
  /**
   * The current gemeenten its territory went to, each once, the one that got the largest share first
   * (ties by name): where selecting this result should lead. Never empty for a parsed former file.
   */
  receivers: Municipality[];
  /** The share (0–1) of its area each receiver got, in the order of `receivers`. */
  receiverShares: number[];
}

export type SearchResult = CurrentResult | FormerResult;

/** A name form of an entry: compact (normalized, no spaces) and its words. */
interface Key {
  compact: string;
  words: string[];
  /** Set when the key is an alias. */
  alias?: string;
}

interface Entry {
  code: MunicipalityCode;
  label: string;
  /** Normalized label, for ordering. */
  sortKey: string;
  keys: Key[];
  result: Omit<CurrentResult, 'match' | 'alias'> | Omit<FormerResult, 'match' | 'alias'>;
}

/** Prepared search data; build once per atlas with {@link buildSearchIndex}. */
export interface SearchIndex {
  readonly entries: readonly Entry[];
}

/** Results returned when no limit is given. */
export const DEFAULT_SEARCH_LIMIT = 8;

/**
 * Prepare the search over `municipalities` (current), `former` gemeenten and `aliases`. An alias is used only
 * if its code is in `municipalities` under the name it was written for; a former gemeente's receivers that
 * are not in `municipalities` are left out (the parser guarantees they are there).
 */
export function buildSearchIndex(
  municipalities: readonly Municipality[],
  former: readonly FormerMunicipality[] = [],
  aliases: readonly MunicipalityAlias[] = ALIASES,
): SearchIndex {
  const byCode = new Map(municipalities.map((m) => [m.code, m]));
  const entries: Entry[] = municipalities.map((m) => ({
    code: m.code,
    label: m.name,
    sortKey: normalizeName(m.name),
    keys: [
      key(normalizeName(m.name)),
      key(baseName(m.name)),
      ...aliases.filter((a) => a.code === m.code && a.name === m.name).map((a) => key(normalizeName(a.alias), a.alias)),
    ],
    result: { kind: 'current', label: m.name, municipality: m },
  }));
  for (const f of former) {
    const shares = new Map<MunicipalityCode, number>();
    for (const t of f.transfers) shares.set(t.code, (shares.get(t.code) ?? 0) + t.areaShare);
    const receivers = [...shares]
      .flatMap(([code, share]) => {
        const m = byCode.get(code);
        return m ? [{ m, share }] : [];
      })
      .sort((a, b) => b.share - a.share || compare(normalizeName(a.m.name), normalizeName(b.m.name)));
    entries.push({
      code: f.code,
      label: f.name,
      sortKey: normalizeName(f.name),
      keys: [key(normalizeName(f.name))],
      result: {
        kind: 'former',
        label: f.name,
        former: f,
        receivers: receivers.map((r) => r.m),
        receiverShares: receivers.map((r) => r.share),
      },
    });
  }
  return { entries };
}

/**
 * Search gemeenten as a person types. A code (`GM0363`, `gm363`, `0363`, `363`) finds the current or former
 * gemeente with that code. Otherwise every name and alias is compared with the query (normalized, spaces
 * ignored) and each gemeente is ranked by its best match (see `MatchKind`); ties go current before former,
 * then by name, then code. Only when nothing matches do spelling suggestions follow (queries of 3+ characters,
 * Damerau–Levenshtein distance within max(2, ⌈length/3⌉), a name the query starts like counting one edit more
 * than its prefix), nearest first.
 * @returns at most `limit` results; empty for an empty query.
 * @example searchMunicipalities('den bosch', index)[0] // { kind: 'current', label: "'s-Hertogenbosch", alias: 'Den Bosch', … }
 */
export function searchMunicipalities(
  query: string,
  index: SearchIndex,
  limit: number = DEFAULT_SEARCH_LIMIT,
): SearchResult[] {
  const codeMatch = /^\s*(?:gm)?\s*(\d{1,4})\s*$/i.exec(query);
  if (codeMatch) {
    const code = `GM${codeMatch[1]!.padStart(4, '0')}`;
    return rank(
      index.entries.filter((e) => e.code === code).map((entry) => ({ entry, match: 'code', distance: 0 })),
      limit,
    );
  }
  const q = normalizeName(query).replaceAll(' ', '');
  if (q === '') return [];

  const found: Candidate[] = [];
  for (const entry of index.entries) {
    let best: Candidate | undefined;
    for (const k of entry.keys) {
      const match = matchKey(k, q);
      if (match === undefined) continue;
      const candidate: Candidate = { entry, match, distance: 0, ...(k.alias === undefined ? {} : { alias: k.alias }) };
      if (!best || isBetter(candidate, best)) best = candidate;
    }
    if (best) found.push(best);
  }
  if (found.length > 0 || q.length < 3) return rank(found, limit);

  const maxDistance = Math.max(2, Math.ceil(q.length / 3));
  for (const entry of index.entries) {
    let best: Candidate | undefined;
    for (const k of entry.keys) {
      const distance = Math.min(osaDistance(q, k.compact), osaDistance(q, k.compact.slice(0, q.length)) + 1);
      if (distance > maxDistance) continue;
      const candidate: Candidate = {
        entry,
        match: 'fuzzy',
        distance,
        ...(k.alias === undefined ? {} : { alias: k.alias }),
      };
      if (!best || isBetter(candidate, best)) best = candidate;
    }
    if (best) found.push(best);
  }
  return rank(found, limit);
}

interface Candidate {
  entry: Entry;
  match: MatchKind;
  /** Edit distance for fuzzy matches, 0 otherwise. */
  distance: number;
  alias?: string;
}

function key(normalized: string, alias?: string): Key {
  return {
    compact: normalized.replaceAll(' ', ''),
    words: normalized.split(' '),
    ...(alias === undefined ? {} : { alias }),
  };
}

/** The best non-fuzzy way `q` (compact) matches `k`, or undefined. */
function matchKey(k: Key, q: string): MatchKind | undefined {
  if (k.compact === q) return 'exact';
  if (k.compact.startsWith(q)) return 'prefix';
  for (let i = 1; i < k.words.length; i++) if (k.words.slice(i).join('').startsWith(q)) return 'word';
  if (q.length >= 3 && k.compact.includes(q)) return 'substring';
  return undefined;
}

/** Better match kind, then smaller distance, then a name over an alias. */
function isBetter(a: Candidate, b: Candidate): boolean {
  const byKind = MATCH_ORDER.indexOf(a.match) - MATCH_ORDER.indexOf(b.match);
  if (byKind !== 0) return byKind < 0;
  if (a.distance !== b.distance) return a.distance < b.distance;
  return a.alias === undefined && b.alias !== undefined;
}

function rank(candidates: Candidate[], limit: number): SearchResult[] {
  return candidates
    .sort(
      (a, b) =>
        MATCH_ORDER.indexOf(a.match) - MATCH_ORDER.indexOf(b.match) ||
        a.distance - b.distance ||
        (a.entry.result.kind === b.entry.result.kind ? 0 : a.entry.result.kind === 'current' ? -1 : 1) ||
        compare(a.entry.sortKey, b.entry.sortKey) ||
        compare(a.entry.code, b.entry.code),
    )
    .slice(0, Math.max(0, limit))
    .map(({ entry, match, alias }): SearchResult => ({
      ...entry.result,
      match,
      ...(alias === undefined ? {} : { alias }),
    }));
}

/** One choice the search offers: a result and the current gemeente choosing it opens. */
export interface SearchChoice {
  result: SearchResult;
  /** The gemeente to open: the result itself, or where a former gemeente went. */
  target: Municipality;
  /**
   * Set when the result is a former gemeente divided over several current ones (Haaren, 2021): this choice
   * is one of them, with the share (0–1) of the former gemeente's area it got. The search lists every such
   * successor as a choice of its own rather than opening the largest without saying so (issue #12).
   */
  successor?: { share: number };
}

/**
 * The choices to list for `results`, in their order: a current gemeente is one choice; a former gemeente
 * that went whole to one current gemeente is one choice leading there; a former gemeente divided over
 * several is one choice per current gemeente that got part of it, the largest share first.
 * @example searchChoices(searchMunicipalities('Haaren', index)).map((c) => c.target.name)
 * // ['Vught', 'Oisterwijk', 'Tilburg', 'Boxtel'] (2021: 39 %, 31 %, 19 %, 10 % of its area)
 */
export function searchChoices(results: readonly SearchResult[]): SearchChoice[] {
  return results.flatMap((result): SearchChoice[] => {
    if (result.kind === 'current') return [{ result, target: result.municipality }];
    if (result.receivers.length === 1) return [{ result, target: result.receivers[0]! }];
    return result.receivers.map((target, i) => ({
      result,
      target,
      successor: { share: result.receiverShares[i] ?? 0 },
    }));
  });
}
