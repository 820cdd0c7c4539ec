/**
 * The declarative registry of the atlas: which gemeente geometries (years) and which layers are built,
 * from which input files in $GEO_SOURCES, with the metadata the app shows.
 * - A year is one entry of GEOMETRIES: a map of its own, or composed from the 2015 map along the
 *   reorganisation table (`compose`).
 * - A kind of layout (jeugdregio, ggd, …) is defined once in KINDS (names, description, colour, …); a layer is
 *   one entry of TABLES: that kind in one year, from one table, with its source. Adding a year of a layout or a
 *   RegioAtlas layout is adding an entry there, not code. ALL_LAYERS derives the layers of every year from them,
 *   LAYERS those of the newest year (one layer panel).
 * Input paths are relative to $GEO_SOURCES (see ../shared/geo-sources/SOURCES.md), the reorganisation table's
 * to $GEO_REFERENCE (../shared/reference).
 */
import type { CoverageRules, Layout2011, LayerMeta, RegionCode, SourceInfo } from '../src/lib/types';
import { ALIASES, type MunicipalityAlias } from '../src/lib/data/aliases';
import { DOMAINS } from '../src/lib/data/parse';

/**
 * The reorganisation table and the first year's map: how the gemeenten of 2015 became those of each later
 * year. Gives every gemeente its `parts` (the 2015 gemeenten it consists of), composes the years without a map
 * of their own, and lists the former gemeenten (see geo/README.md, "Years" and "Former gemeenten").
 */
export interface HistorySpec {
  /**
   * CSV `date,type,old_code,old_name,new_code,new_name,area_share,source`, relative to $GEO_REFERENCE:
   * one row per (former gemeente, receiver, date), as in ../shared/reference/herindelingen-2015-2025.md.
   */
  input: string;
  /** TopoJSON of the table's first year (CBS `statcode` properties), relative to $GEO_SOURCES. */
  startTopologyInput: string;
  /** Name of the gemeenten GeometryCollection in that topology. */
  startObjectName: string;
}

/** The former-gemeenten file of a geometry: the gemeenten of the history's first year that are gone. */
export interface FormerSpec {
  source: SourceInfo;
  /**
   * Also check the table against the first year's map and this geometry's map (sampled areas; default true).
   * Once is enough: it is done for the newest year, whose map is independent of the table.
   */
  isMapChecked?: boolean;
}

/** A year whose gemeenten are merged from the history's first-year map (no map of its own is available). */
export interface CompositionSpec {
  /** How many gemeenten the table must give on 1 January of the year (as CBS announced); else the build fails. */
  expectedCount: number;
}

/** A gemeente geometry (one year's set of gemeenten) and where its inputs are. */
export interface GeometrySpec {
  /** e.g. `gemeenten-2025`; layers refer to it by `geometryId`. */
  id: string;
  year: number;
  /**
   * TopoJSON with one GeometryCollection of gemeenten (CBS `statcode` / `statnaam` properties). With
   * `compose`: the history's first-year map, whose gemeenten are merged.
   */
  topologyInput: string;
  /** Name of that GeometryCollection in the input topology. */
  objectName: string;
  /**
   * CSV `gemeentecode,gemeentenaam,inwoners` of the map's gemeenten, or null if this year has no inhabitants
   * figures. With `compose`, each gemeente gets the sum over its parts.
   */
  inhabitantsInput: string | null;
  /** Reference date of the inhabitants figures (ISO), null together with `inhabitantsInput`. */
  inhabitantsDate: string | null;
  /** Citation of the inhabitants figures, null together with `inhabitantsInput`. */
  inhabitantsSource: string | null;
  /** With `compose`, the build appends the gemeenten that were assigned whole to the citation. */
  source: SourceInfo;
  /** Gives each gemeente its `parts`, and checks that the table leads to exactly this year's gemeenten. */
  history?: HistorySpec;
  /** Merge this year's gemeenten from the first-year map along `history` (which it requires). */
  compose?: CompositionSpec;
  /** Where the gemeenten of the history's first year that are not in this one went (requires `history`). */
  former?: FormerSpec;
  /** Other names of this year's gemeenten, checked against the geometry (code and name) at build time. */
  aliases?: readonly MunicipalityAlias[];
}

/**
 * How the regions of a RegioAtlas layout get codes; the export has region names only.
 * - `prefix`: the prefix and the 1-based number (two digits, or more if needed) of the region's name among the
 *   file's distinct names in code-unit order. Stable for a file: the RegioAtlas 2016 export is fixed.
 * - `codes`: region name → code; a name not in the map is an error.
 */
export type RegionCodeRule = { prefix: string } | { codes: Readonly<Record<string, RegionCode>> };

/** Where a membership table is and how to read it. */
export interface TableSpec {
  /**
   * Relative to $GEO_SOURCES: a membership CSV (`gemeentecode,gemeentenaam,regiocode,regionaam`, …), or with
   * `regioAtlas` a RegioAtlas export as it is (`regioatlas-2016/<group>/<file>.csv`, geo/scripts/regioatlas.ts).
   */
  input: string;
  /** Set when `input` is a RegioAtlas export: how its regions get codes. */
  regioAtlas?: { regionCodes: RegionCodeRule };
  /** Column whose text becomes the per-region `note` (source of each documented fact). */
  noteColumn?: string;
  /** Column that must hold the year of `source.referenceDate` in every row. */
  referenceYearColumn?: string;
}

/** Another source of the same layout and year, compared with the layer at build time (its `meta.alsoIn`). */
export interface ComparisonSpec extends TableSpec {
  source: SourceInfo;
}

/** A registry entry: the authored layer metadata plus where its membership table is. */
export interface LayerSpec extends Omit<LayerMeta, 'alsoIn'>, TableSpec {
  /** Compare with this table (validated against the same gemeenten and coverage rules) as partitions. */
  compareWith?: ComparisonSpec;
}

/** What a kind of layout is, whatever the year: the metadata every year's layer of it shares. */
export type KindSpec = Pick<
  LayerMeta,
  'kind' | 'domain' | 'name' | 'regionNoun' | 'description' | 'coverage' | 'color' | 'dash' | 'isDefaultVisible'
> & { layout2011?: Layout2011 };

/** One layer: a kind in one year, from one table, with its source. The registry derives the rest. */
export interface TableEntry extends TableSpec {
  kind: KindSpec;
  year: number;
  source: SourceInfo;
  compareWith?: ComparisonSpec;
}

const FIRST_YEAR = 2015;
const NEWEST_YEAR = 2025;

/** The reorganisations 2015-2025 (../shared/reference/herindelingen-2015-2025.md) and the CBS map of 2015. */
export const HISTORY: HistorySpec = {
  input: 'herindelingen-2015-2025.csv',
  startTopologyInput: 'cbs-2015/Gemeente_2015_layer_q1e3.json',
  startObjectName: 'layer',
};

const CARTOMAP_2025: Omit<SourceInfo, 'referenceDate'> = {
  citation: 'CBS Gebiedsindelingen 2025: gemeenten (PDOK), vereenvoudigd door cartomap/nl',
  url: 'https://github.com/cartomap/nl',
  licence: 'CC BY 4.0',
};

const MAP_2015: SourceInfo = {
  citation:
    'CBS Gebiedsindelingen 2015: gemeenten (PDOK), via ties/cbs_gebiedsindelingen_topojson (Gemeente_2015_layer_q1e3, gekwantiseerd 1e3; SOURCES.md §4)',
  url: 'https://github.com/ties/cbs_gebiedsindelingen_topojson',
  licence: 'CC BY 4.0 (open data CBS)',
  referenceDate: '2015-01-01',
};

const INHABITANTS_2015 = {
  inhabitantsInput: 'cbs/inwoners_2015.csv',
  inhabitantsDate: '2015-01-01',
};
const INHABITANTS_2015_SOURCE =
  'CBS, Wijk- en Buurtkaart 2015 (kerncijfers), aantal inwoners op 1 januari 2015 (SOURCES.md §4), CC BY 4.0';

const INHABITANTS_2024 = {
  inhabitantsInput: 'cbs/inwoners_2024.csv',
  inhabitantsDate: '2024-01-01',
  inhabitantsSource:
    'CBS, Kerncijfers wijken en buurten 2024 (StatLine 85984NED), aantal inwoners op 1 januari 2024, CC BY 4.0',
};

/** The former gemeenten of `year`, reckoned from 2015. */
function former(year: number, isMapChecked: boolean): FormerSpec {
  return {
    source: {
      citation:
        'Gemeentelijke herindelingen 1 januari 2015 – 1 januari 2025 (herindelingen-2015-2025.md): datum en soort per rij uit openbare bronnen (CBS, VNG, herindelingswetten, provincies), aandelen gemeten op de CBS-kaarten 2015 en 2025',
      licence: 'feiten per rij geciteerd; kaarten CBS, CC BY 4.0',
      referenceDate: `${year}-01-01`,
    },
    isMapChecked,
  };
}

/** A year between 2015 and 2023: its gemeenten merged from the 2015 map, which has all borders they need. */
function composedYear(year: number, expectedCount: number): GeometrySpec {
  return {
    id: `gemeenten-${year}`,
    year,
    topologyInput: HISTORY.startTopologyInput,
    objectName: HISTORY.startObjectName,
    ...INHABITANTS_2015,
    inhabitantsSource: `${INHABITANTS_2015_SOURCE}; per gemeente van ${year} opgeteld over de gemeenten van 2015 waaruit zij bestaat`,
    source: {
      citation: `Gemeenten op 1 januari ${year}, samengesteld uit de CBS-gemeenten 2015 (PDOK, via ties/cbs_gebiedsindelingen_topojson) door ze langs de gedeelde grenzen samen te voegen (topojson mergeArcs) volgens herindelingen-2015-2025.csv tot die datum (SOURCES.md §12); een gemeente die over meer gemeenten verdeeld werd, is in haar geheel toegewezen aan de gemeente met het grootste deel van haar oppervlakte, en een grenscorrectie tussen gemeenten die blijven bestaan verplaatst niets`,
      url: MAP_2015.url,
      licence: MAP_2015.licence,
      referenceDate: `${year}-01-01`,
    },
    history: HISTORY,
    compose: { expectedCount },
    former: former(year, false),
  };
}

/** 2023 and 2024: the layout did not change between 1 January 2023 and 2025, so the 2025 map holds. */
function yearOf2025Map(year: number): GeometrySpec {
  return {
    id: `gemeenten-${year}`,
    year,
    topologyInput: 'cbs/gemeente_2025.topojson',
    objectName: 'gemeente_2025',
    ...INHABITANTS_2024,
    source: {
      ...CARTOMAP_2025,
      citation: `${CARTOMAP_2025.citation}; de indeling van 1 januari ${year} is dezelfde (geen herindelingen tussen 1 januari 2023 en 2025)`,
      referenceDate: `${year}-01-01`,
    },
    history: HISTORY,
    former: former(year, false),
  };
}

/**
 * The gemeente sets, one per year, newest first (the app opens the newest). The counts of the composed years
 * are those CBS announced (herindelingen-2015-2025.md, "Counts").
 */
export const GEOMETRIES: readonly GeometrySpec[] = [
  {
    id: 'gemeenten-2025',
    year: NEWEST_YEAR,
    topologyInput: 'cbs/gemeente_2025.topojson',
    objectName: 'gemeente_2025',
    ...INHABITANTS_2024,
    source: { ...CARTOMAP_2025, referenceDate: '2025-01-01' },
    history: HISTORY,
    former: former(NEWEST_YEAR, true),
    aliases: ALIASES,
  },
  yearOf2025Map(2024),
  yearOf2025Map(2023),
  composedYear(2022, 345),
  composedYear(2021, 352),
  composedYear(2020, 355),
  composedYear(2019, 355),
  composedYear(2018, 380),
  composedYear(2017, 388),
  composedYear(2016, 390),
  {
    id: 'gemeenten-2015',
    year: FIRST_YEAR,
    topologyInput: HISTORY.startTopologyInput,
    objectName: HISTORY.startObjectName,
    ...INHABITANTS_2015,
    inhabitantsSource: INHABITANTS_2015_SOURCE,
    source: MAP_2015,
    history: HISTORY,
  },
];

/** Every gemeente in exactly one region: the CBS layouts. */
const PARTITION: CoverageRules = { isComplete: true, allowsMultiMembership: false };

const STUDY_2011 = 'de JeugdZaak, Kenis & RIVM (2011), in opdracht van VNG, Tabel 6';

/** Tabel 6 of the 2011 study, one row; blank cells of the printed table are empty strings. */
function layout2011(
  layoutName: string,
  [regionCount, hasNationalCoverage, since, isCooperationImposed, isLayoutImposed, legalBasis]: [
    string,
    string,
    string,
    string,
    string,
    string,
  ],
): Layout2011 {
  return {
    layoutName,
    regionCount,
    hasNationalCoverage,
    since,
    isCooperationImposed,
    isLayoutImposed,
    legalBasis,
    citation: STUDY_2011,
  };
}

// Line styles. Okabe-Ito colours with ≥ 3:1 contrast on white; its orange (#E69F00, 2.2:1) is darkened
// to #AD7700 (same hue, 3.9:1), its sky blue and yellow are too light and unused. Eleven layers need
// colour × dash combinations; the four mission layers get the four most distinct: unique colours, solid
// lines for three and the only dashed green for the police.
const DASHED = [4, 2];
const DOTTED = [1, 2];

/** The kinds of layout; within a domain in the catalogue's order (mission layers first in their domain). */
export const KINDS = {
  jeugdregio: {
    kind: 'jeugdregio',
    domain: 'jeugd',
    name: { nl: "Jeugdzorgregio's", en: 'Youth care regions' },
    regionNoun: { nl: 'jeugdzorgregio', en: 'youth care region' },
    description: {
      nl: 'Gemeenten die samen specialistische jeugdhulp inkopen en organiseren, sinds de Jeugdwet (1 januari 2015).',
      en: 'Gemeenten that jointly procure and organise specialised youth care, since the Youth Act (1 January 2015).',
    },
    coverage: PARTITION,
    color: '#0072B2',
    isDefaultVisible: true,
  },
  veiligthuis: {
    kind: 'veiligthuis',
    domain: 'jeugd',
    name: { nl: "Veilig Thuis-regio's", en: 'Veilig Thuis regions' },
    regionNoun: { nl: 'Veilig Thuis-regio', en: 'Veilig Thuis region' },
    description: {
      nl: 'Werkgebied van een Veilig Thuis-organisatie, het advies- en meldpunt huiselijk geweld en kindermishandeling; sinds 2015, ontstaan uit de AMK’s en SHG’s.',
      en: 'Service area of a Veilig Thuis organisation, the advice and reporting centre for domestic violence and child abuse; since 2015, formed from the former AMK and SHG centres.',
    },
    coverage: PARTITION,
    color: '#D55E00',
    isDefaultVisible: true,
    layout2011: layout2011("Huiselijk geweld regio's (voorloper van Veilig Thuis)", [
      '38',
      'Ja',
      '2002',
      'Ja',
      'Ja',
      'AmvB',
    ]),
  },
  cjg: {
    kind: 'cjg',
    domain: 'jeugd',
    name: { nl: 'Centra voor Jeugd en Gezin (CJG)', en: 'Centres for Youth and Family (CJG)' },
    regionNoun: { nl: 'CJG-werkgebied', en: 'CJG service area' },
    description: {
      nl: 'Lokale centra voor vragen over opvoeden en opgroeien rond de jeugdgezondheidszorg, van één gemeente of gedeeld door meerdere. Er bestaat geen landelijke indeling: alleen gedocumenteerde gevallen staan hier, van alle andere gemeenten is het onbekend.',
      en: 'Local centres for questions about parenting and growing up, around youth health care, run by one gemeente or shared by several. No national layout exists: only documented cases are shown; for every other gemeente it is unknown.',
    },
    coverage: { isComplete: false, allowsMultiMembership: false },
    color: '#CC79A7',
    // Off by default: five known gemeenten would hatch the whole country as "no data" (issue 12).
    isDefaultVisible: false,
    layout2011: layout2011('Centrum voor Jeugd en Gezin', ['83', 'Nee', '2008', 'Nee', 'Nee', 'Nee']),
  },
  ggd: {
    kind: 'ggd',
    domain: 'zorg-welzijn',
    name: { nl: "GGD-regio's", en: 'Public health service (GGD) regions' },
    regionNoun: { nl: 'GGD-regio', en: 'GGD region' },
    description: {
      nl: "Werkgebieden van de GGD's (publieke gezondheidszorg), die de gemeenten samen besturen (Wet publieke gezondheid).",
      en: 'Areas of the municipal public health services (GGD), run jointly by the gemeenten (Public Health Act).',
    },
    coverage: PARTITION,
    color: '#AD7700',
    // Dotted: to protan and deutan eyes this ochre is close to Veilig Thuis's solid vermilion.
    dash: DOTTED,
    isDefaultVisible: false,
    layout2011: layout2011('GGD', ['28', 'Ja', '', '', '', 'Ja']),
  },
  zorgkantoor: {
    kind: 'zorgkantoor',
    domain: 'zorg-welzijn',
    name: { nl: "Zorgkantoorregio's", en: 'Care office regions' },
    regionNoun: { nl: 'zorgkantoorregio', en: 'care office region' },
    description: {
      nl: 'Gebieden waarin een zorgkantoor de langdurige zorg regelt (Wet langdurige zorg, 2015).',
      en: 'Areas in which a care office (zorgkantoor) arranges long-term care (Long-term Care Act, 2015).',
    },
    coverage: PARTITION,
    color: '#AD7700',
    dash: DASHED,
    isDefaultVisible: false,
  },
  'politie-eenheid': {
    kind: 'politie-eenheid',
    domain: 'veiligheid',
    name: { nl: 'Politie: regionale eenheden', en: 'Police: regional units' },
    regionNoun: { nl: 'politie-eenheid', en: 'police unit' },
    description: {
      nl: 'De regionale eenheden van de Nationale Politie, sinds 1 januari 2013 in plaats van 25 regiokorpsen. Elke eenheid is verdeeld in districten en basisteams; daarvan is geen openbare tabel beschikbaar.',
      en: 'The regional units of the national police, since 1 January 2013 replacing 25 regional forces. Each unit is divided into districts and basic teams; no public table of those is available.',
    },
    coverage: PARTITION,
    color: '#009E73',
    dash: DASHED,
    isDefaultVisible: true,
    layout2011: layout2011("Politieregio's (voorloper: 25 regiokorpsen tot 2013)", [
      '25',
      'Ja',
      '1993',
      'Ja',
      'Ja',
      'Onbekend',
    ]),
  },
  veiligheidsregio: {
    kind: 'veiligheidsregio',
    domain: 'veiligheid',
    name: { nl: "Veiligheidsregio's", en: 'Safety regions' },
    regionNoun: { nl: 'veiligheidsregio', en: 'safety region' },
    description: {
      nl: "Brandweer, geneeskundige hulpverlening (GHOR) en crisisbeheersing, bestuurd door de burgemeesters (Wet veiligheidsregio's, 2010).",
      en: 'Fire service, medical emergency coordination (GHOR) and crisis management, governed by the mayors (Safety Regions Act, 2010).',
    },
    coverage: PARTITION,
    color: '#000000',
    dash: DASHED,
    isDefaultVisible: false,
    layout2011: layout2011("Veiligheidsregio's", ['25', 'Ja', '2002', 'Ja', 'Ja', 'Ja']),
  },
  arrondissement: {
    kind: 'arrondissement',
    domain: 'veiligheid',
    name: { nl: 'Arrondissementen', en: 'Judicial districts' },
    regionNoun: { nl: 'arrondissement', en: 'judicial district' },
    description: {
      nl: 'Arrondissementen van de rechtspraak en het Openbaar Ministerie (herziening gerechtelijke kaart, 2013).',
      en: 'Districts of the courts and the public prosecution service (revision of the judicial map, 2013).',
    },
    coverage: PARTITION,
    color: '#009E73',
    dash: DOTTED,
    isDefaultVisible: false,
  },
  provincie: {
    kind: 'provincie',
    domain: 'bestuur',
    name: { nl: 'Provincies', en: 'Provinces' },
    regionNoun: { nl: 'provincie', en: 'province' },
    description: {
      nl: 'De twaalf provincies (Provinciewet).',
      en: 'The twelve provinces (Provinces Act).',
    },
    coverage: PARTITION,
    color: '#000000',
    isDefaultVisible: false,
  },
  arbeidsmarktregio: {
    kind: 'arbeidsmarktregio',
    domain: 'werk-inkomen',
    name: { nl: "Arbeidsmarktregio's", en: 'Labour market regions' },
    regionNoun: { nl: 'arbeidsmarktregio', en: 'labour market region' },
    description: {
      nl: 'Regio’s waarin gemeenten en UWV samenwerken op de arbeidsmarkt (sinds 2012).',
      en: 'Regions in which gemeenten and the UWV (employee insurance agency) work together on the labour market (since 2012).',
    },
    coverage: PARTITION,
    color: '#000000',
    dash: DOTTED,
    isDefaultVisible: false,
  },
  rmc: {
    kind: 'rmc',
    domain: 'onderwijs',
    name: { nl: "RMC-regio's", en: 'RMC regions (early school leavers)' },
    regionNoun: { nl: 'RMC-regio', en: 'RMC region' },
    description: {
      nl: 'Regio’s die voortijdig schoolverlaters registreren en begeleiden (Regionale Meld- en Coördinatiefunctie).',
      en: 'Regions that register and follow up early school leavers (Regional Reporting and Coordination function).',
    },
    coverage: PARTITION,
    color: '#CC79A7',
    dash: DASHED,
    isDefaultVisible: false,
    layout2011: layout2011('RMC', ['39', 'Ja', '1994', 'Ja', 'Ja', 'Ja']),
  },
} satisfies Record<string, KindSpec>;

const CBS_2025: SourceInfo = {
  citation:
    'CBS Gebiedsindelingen 2025 (PDOK), vereenvoudigd door cartomap/nl; lidmaatschap per gemeente afgeleid uit de regiokaart (SOURCES.md §3)',
  url: 'https://github.com/cartomap/nl',
  licence: 'CC BY 4.0',
  referenceDate: '2025-01-01',
};

/** A CBS region map of `year` via cartomap/nl, its membership derived per gemeente of that year. */
function cbs(year: number, section: string): SourceInfo {
  return {
    citation: `CBS Gebiedsindelingen ${year} (PDOK), vereenvoudigd door cartomap/nl; lidmaatschap per gemeente van ${year} afgeleid uit de regiokaart (SOURCES.md ${section})`,
    url: 'https://github.com/cartomap/nl',
    licence: 'CC BY 4.0',
    referenceDate: `${year}-01-01`,
  };
}

/** The RegioAtlas export of 2016; `file` names the export file or the table made from it. */
function regioAtlas2016(file: string): SourceInfo {
  return {
    citation: `Ministerie van BZK, RegioAtlas (regioatlas.nl), export door Open State Foundation, februari/maart 2016 (openstate/datasets, gemeenschappelijke_regelingen/regioatlas; ${file}); peildatum: de datum van de export (laatste wijziging 21 maart 2016), de RegioAtlas noemt er geen (SOURCES.md §5)`,
    url: 'https://github.com/openstate/datasets',
    licence: 'ODC-PDDL-1.0',
    referenceDate: '2016-03-21',
  };
}

/** A RegioAtlas 2016 export file (`regioatlas-2016/<group>/<file>.csv`) as another source of a layout. */
function alsoInRegioAtlas(path: string, prefix: string): ComparisonSpec {
  return {
    input: `regioatlas-2016/${path}`,
    regioAtlas: { regionCodes: { prefix } },
    source: regioAtlas2016(path),
  };
}

/** `first`, …, `last`. */
function years(first: number, last: number): number[] {
  return Array.from({ length: last - first + 1 }, (_, i) => first + i);
}

/** The CBS tables of the kinds that exist in many years; their file stem in `membership/<stem>_<year>.csv`. */
function cbsTable(kind: KindSpec, stem: string, year: number, section: string): TableEntry {
  return { kind, year, source: cbs(year, section), input: `membership/${stem}_${year}.csv` };
}

/**
 * Every layer: a kind in a year and its table. For 2016, jeugd, GGD and veiligheidsregio come from CBS and are
 * compared with RegioAtlas (SOURCES.md §5, §12); Veilig Thuis and the police from RegioAtlas.
 */
export const TABLES: readonly TableEntry[] = [
  { kind: KINDS.jeugdregio, year: 2025, source: CBS_2025, input: 'membership/jeugdregio_2025.csv' },
  { kind: KINDS.veiligthuis, year: 2025, source: CBS_2025, input: 'membership/veiligthuisregio_2025.csv' },
  {
    kind: KINDS.cjg,
    year: 2025,
    source: {
      citation:
        'Y. van Loon (2017), Een open deur?, masterscriptie Erasmus Universiteit Rotterdam; alleen gedocumenteerde feiten, per regio geciteerd (SOURCES.md §11)',
      licence: 'geciteerde feiten (de bron noemt geen licentie)',
      referenceDate: '2017-01-01',
    },
    input: 'membership/cjg_known.csv',
    noteColumn: 'source',
    referenceYearColumn: 'reference_year',
  },
  { kind: KINDS.ggd, year: 2025, source: CBS_2025, input: 'membership/ggdregio_2025.csv' },
  { kind: KINDS.zorgkantoor, year: 2025, source: CBS_2025, input: 'membership/zorgkantoorregio_2025.csv' },
  {
    kind: KINDS['politie-eenheid'],
    year: 2025,
    source: CBS_2025,
    input: 'membership/regionale_eenheid_2025.csv',
  },
  { kind: KINDS.veiligheidsregio, year: 2025, source: CBS_2025, input: 'membership/veiligheidsregio_2025.csv' },
  { kind: KINDS.arrondissement, year: 2025, source: CBS_2025, input: 'membership/arrondissementsgebied_2025.csv' },
  { kind: KINDS.provincie, year: 2025, source: CBS_2025, input: 'membership/provincie_2025.csv' },
  { kind: KINDS.arbeidsmarktregio, year: 2025, source: CBS_2025, input: 'membership/arbeidsmarktregio_2025.csv' },
  { kind: KINDS.rmc, year: 2025, source: CBS_2025, input: 'membership/regionaalmeld_coordinatiepunt_2025.csv' },

  ...years(2016, 2024).flatMap((year) => [
    cbsTable(KINDS.jeugdregio, 'jeugdregio', year, '§12'),
    cbsTable(KINDS.ggd, 'ggdregio', year, '§12b'),
    cbsTable(KINDS.veiligheidsregio, 'veiligheidsregio', year, '§12b'),
  ]),
  ...years(2020, 2024).map((year) => cbsTable(KINDS.veiligthuis, 'veiligthuisregio', year, '§12')),
  {
    kind: KINDS.veiligthuis,
    year: 2016,
    source: regioAtlas2016('Sociaal/veiligthuisregios.csv'),
    input: 'membership/veiligthuisregio_2016_regioatlas.csv',
  },
  {
    kind: KINDS['politie-eenheid'],
    year: 2016,
    source: regioAtlas2016('Veiligheid/politieeenheden.csv'),
    input: 'membership/regionale_eenheid_2016_regioatlas.csv',
  },
  cbsTable(KINDS.jeugdregio, 'jeugdregio', 2015, '§4'),
  cbsTable(KINDS.ggd, 'ggdregio', 2015, '§4'),
  cbsTable(KINDS.veiligheidsregio, 'veiligheidsregio', 2015, '§4'),
];

/** RegioAtlas 2016 tables of layouts that CBS also has for 2016: the layer of that kind and year is compared. */
const ALSO_IN_2016: ReadonlyMap<string, ComparisonSpec> = new Map([
  ['jeugdregio', alsoInRegioAtlas('Sociaal/jeugdzorgregios1.csv', 'RAJZ')],
  ['ggd', alsoInRegioAtlas('Sociaal/ggds.csv', 'RAGG')],
  ['veiligheidsregio', alsoInRegioAtlas('Veiligheid/veiligheidsregios.csv', 'RAVR')],
]);

const KIND_ORDER: readonly string[] = Object.keys(KINDS);

/** The layer of a table entry: its kind's metadata, the id `<kind>-<year>` and the year's geometry. */
function layerOf({ kind, year, compareWith, ...table }: TableEntry): LayerSpec {
  const comparison = compareWith ?? (year === 2016 ? ALSO_IN_2016.get(kind.kind) : undefined);
  const spec: LayerSpec = {
    ...kind,
    id: `${kind.kind}-${year}`,
    year,
    geometryId: `gemeenten-${year}`,
    ...table,
  };
  if (comparison) spec.compareWith = comparison;
  return spec;
}

/**
 * Every layer of every year, newest year first; within a year in the layer catalogue's order: by domain
 * (DOMAINS), within a domain in KINDS order (mission layers first). The build writes these, in this order.
 */
export const ALL_LAYERS: readonly LayerSpec[] = [...TABLES]
  .sort(
    (a, b) =>
      b.year - a.year ||
      DOMAINS.indexOf(a.kind.domain) - DOMAINS.indexOf(b.kind.domain) ||
      KIND_ORDER.indexOf(a.kind.kind) - KIND_ORDER.indexOf(b.kind.kind),
  )
  .map(layerOf);

/** The layers of the newest year (2025), in the layer panel's order: one panel, what the app opens with. */
export const LAYERS: readonly LayerSpec[] = ALL_LAYERS.filter((l) => l.year === NEWEST_YEAR);
