/**
 * The layer catalogue: a year's layers grouped by domain and narrowed by what the user types. Pure; the
 * layer panel shows it. With about fifty layers in a year (2016), a flat list is too long to scan, so the
 * panel groups, filters and lists the layers on the map apart.
 */
import type { AtlasLayer } from './atlas';
import { DOMAINS } from './parse';
import { normalizeName } from './lookup';
import type { Domain } from '../types';

/** One domain's layers that match the filter, and how many of the domain's layers are on the map. */
export interface CatalogueGroup {
  domain: Domain;
  /** The matching layers, in registry order. */
  layers: AtlasLayer[];
  /** All layers of the domain, matching or not. */
  total: number;
  /** Layers of the domain on the map, matching or not. */
  visibleCount: number;
}

/** The words a layer is found by: its names and region nouns in both languages, its domain's names, its kind. */
function searchText(layer: AtlasLayer, domainNames: Readonly<Record<Domain, Record<string, string>>>): string {
  const { name, regionNoun, domain, kind, description } = layer.meta;
  return normalizeName(
    [name.nl, name.en, regionNoun.nl, regionNoun.en, ...Object.values(domainNames[domain]), kind, description.nl].join(
      ' ',
    ),
  );
}

/**
 * Whether every word of `query` occurs in the layer's names, region nouns, domain, kind or Dutch description
 * (case and accents ignored; an empty query matches every layer). Both languages count, so "education" and
 * "onderwijs" find the same layers whatever language the interface is in.
 * @example layerMatches(jeugdLayer, 'jeugd', DOMAIN_NAMES) // true
 */
export function layerMatches(
  layer: AtlasLayer,
  query: string,
  domainNames: Readonly<Record<Domain, Record<string, string>>>,
): boolean {
  const words = normalizeName(query).split(' ').filter(Boolean);
  if (words.length === 0) return true;
  const text = searchText(layer, domainNames);
  return words.every((word) => text.includes(word));
}

/**
 * The catalogue: per domain (in DOMAINS order, domains without layers left out) the layers matching `query`.
 * A domain none of whose layers match is left out while a query is typed, so the list shows only hits.
 */
export function catalogueGroups(
  layers: readonly AtlasLayer[],
  visible: readonly string[],
  query: string,
  domainNames: Readonly<Record<Domain, Record<string, string>>>,
): CatalogueGroup[] {
  const isFiltering = normalizeName(query) !== '';
  return DOMAINS.flatMap((domain) => {
    const all = layers.filter((l) => l.meta.domain === domain);
    const matching = all.filter((l) => layerMatches(l, query, domainNames));
    if (all.length === 0 || (isFiltering && matching.length === 0)) return [];
    return [
      {
        domain,
        layers: matching,
        total: all.length,
        visibleCount: all.filter((l) => visible.includes(l.meta.id)).length,
      },
    ];
  });
}

/** Gemeenten that belong to more than one region of the layer. */
export function multiMemberCount(layer: AtlasLayer): number {
  let count = 0;
  for (const regions of layer.regionsByMember.values()) if (regions.length > 1) count++;
  return count;
}
