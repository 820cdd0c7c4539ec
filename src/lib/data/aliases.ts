/**
 * Other names people use for a gemeente, typed in by hand with the source of each fact, so the search box
 * finds "Den Haag" (official name 's-Gravenhage) and "Den Bosch" ('s-Hertogenbosch). Only names in
 * common use whose meaning is beyond doubt are listed. Province suffixes ("Bergen NH"), accents and
 * apostrophes need no alias: the search ignores them.
 * The geo build checks every entry against the gemeenten of 2025 (code and official name), and the search
 * index skips an entry whose code and name do not match its gemeenten, so a later year cannot get a wrong alias.
 */
import type { MunicipalityCode } from '../types';

/** Another name for a gemeente. */
export interface MunicipalityAlias {
  /** The name as people write it, e.g. "Den Haag". */
  alias: string;
  /** The gemeente it denotes. */
  code: MunicipalityCode;
  /** The official (CBS) name of `code` the alias was written for. */
  name: string;
  /** Where the alias is documented. */
  source: string;
}

/** The aliases of the gemeenten of 2025, sorted by code, then alias. */
export const ALIASES: readonly MunicipalityAlias[] = [
  {
    alias: 'Den Haag',
    code: 'GM0518',
    name: "'s-Gravenhage",
    source:
      'The gemeente calls itself "Gemeente Den Haag" (denhaag.nl); \'s-Gravenhage is the official name (CBS). Wikipedia nl: "Den Haag".',
  },
  {
    alias: 'The Hague',
    code: 'GM0518',
    name: "'s-Gravenhage",
    source: 'English name of Den Haag (Wikipedia en: "The Hague").',
  },
  {
    alias: 'Den Bosch',
    code: 'GM0796',
    name: "'s-Hertogenbosch",
    source: 'Common name of \'s-Hertogenbosch (Wikipedia nl: "\'s-Hertogenbosch, in de volksmond Den Bosch").',
  },
];
