/**
 * The gemeenten whose partners differ between two layers (congruence below 1), for the list next to
 * the map's disagreement mode (issue #3). Pure.
 */
import type { Atlas } from '../data/atlas';
import type { Congruence, MunicipalityCongruence } from './congruence';

/** A gemeente with congruence below 1, named. */
export interface Mismatch extends MunicipalityCongruence {
  name: string;
  /** Partners in at least one layer: partnerCountA + partnerCountB − sharedPartnerCount (≥ 1). */
  unionPartnerCount: number;
}

// Dutch collation, digits as numbers; the order does not change with the interface language.
const collator = new Intl.Collator('nl', { numeric: true });

/**
 * The gemeenten with congruence below 1, lowest congruence first, then by name (Dutch collation),
 * then by code.
 * Throws Error when a gemeente is not in the atlas (the congruence was computed on another atlas).
 * @example
 * // Grid rows against L/block: Noordrij's GM0001 keeps none of its partners {2, 3} in Hoek {4, 7, 8, 9}.
 * listMismatches(grid, compareLayers(grid, 'rows-2025', 'ell-2025').congruence)[0]
 * // { code: 'GM0001', name: 'Noordwest', congruence: 0, unionPartnerCount: 6, … }
 */
export function listMismatches(atlas: Atlas, congruence: Congruence): Mismatch[] {
  return congruence.perMunicipality
    .filter((m) => m.congruence < 1)
    .map((m): Mismatch => {
      const municipality = atlas.municipalitiesByCode.get(m.code);
      if (!municipality) throw new Error(`unreachable: gemeente ${m.code} of the congruence is not in the atlas`);
      return {
        ...m,
        name: municipality.name,
        unionPartnerCount: m.partnerCountA + m.partnerCountB - m.sharedPartnerCount,
      };
    })
    .sort(
      (x, y) =>
        x.congruence - y.congruence ||
        collator.compare(x.name, y.name) ||
        (x.code < y.code ? -1 : x.code > y.code ? 1 : 0),
    );
}
