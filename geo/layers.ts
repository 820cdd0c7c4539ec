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
 * - `codes`: region name → code (e.g. the CBS code of the same region in the same year, so that the history
 *   follows a region across years by its code); a name not in the map is an error, unless a `prefix` is given
 *   too: then the names the map lacks are numbered with the prefix among themselves. A name in the map that is
 *   not in the file is an error.
 */
export type RegionCodeRule =
  { prefix: string; codes?: Readonly<Record<string, RegionCode>> } | { codes: Readonly<Record<string, RegionCode>> };

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
// to #AD7700 (same hue, 3.9:1), its sky blue and yellow are too light and unused; for the 2016 layouts
// Paul Tol's wine (#882255) and indigo (#332288) are added. Every kind has its own colour × dash (2016 has
// 34 layers), so a layer's line is the same whatever else is shown; the four mission layers get the four most
// distinct: unique colours, solid lines for three and the only dashed green for the police. The 2016-only
// kinds are hidden by default and take the remaining combinations, the long dash last.
const DASHED = [4, 2];
const DOTTED = [1, 2];
const DASH_DOTTED = [4, 2, 1, 2];
const LONG_DASHED = [8, 3];
const WINE = '#882255';
const INDIGO = '#332288';

/** RegioAtlas layouts where a gemeente may be in several regions (the export has several rows for it). */
const OVERLAPPING: CoverageRules = { isComplete: true, allowsMultiMembership: true };

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
  wmo: {
    kind: 'wmo',
    domain: 'zorg-welzijn',
    name: { nl: "Wmo-regio's", en: 'Social support (Wmo) regions' },
    regionNoun: { nl: 'Wmo-regio', en: 'Wmo region' },
    description: {
      nl: 'Regio’s waarin gemeenten samenwerken bij de maatschappelijke ondersteuning (Wet maatschappelijke ondersteuning 2015).',
      en: 'Regions in which gemeenten work together on social support (Social Support Act 2015, Wmo).',
    },
    coverage: PARTITION,
    color: '#AD7700',
    isDefaultVisible: false,
    layout2011: layout2011('Zorg en Welzijn / WMO', ['46', 'Ja', '2005', 'Ja', 'Nee', '']),
  },
  'maatschappelijke-opvang': {
    kind: 'maatschappelijke-opvang',
    domain: 'zorg-welzijn',
    name: {
      nl: 'Centrumgemeenten maatschappelijke opvang en beschermd wonen',
      en: 'Central gemeenten for shelter and sheltered housing',
    },
    regionNoun: { nl: 'opvangregio', en: 'shelter region' },
    description: {
      nl: 'Regio’s waarin één centrumgemeente de maatschappelijke opvang en het beschermd wonen organiseert voor de gemeenten eromheen (Wet maatschappelijke ondersteuning 2015).',
      en: 'Regions in which one central gemeente organises shelter for the homeless and sheltered housing for the gemeenten around it (Social Support Act 2015, Wmo).',
    },
    coverage: PARTITION,
    color: WINE,
    isDefaultVisible: false,
    layout2011: layout2011('Maatschappelijke opvang en verslavingsbeleid', ['43', 'Ja', '1994', 'Ja', 'Ja', '']),
  },
  vrouwenopvang: {
    kind: 'vrouwenopvang',
    domain: 'zorg-welzijn',
    name: {
      nl: 'Centrumgemeenten vrouwenopvang en huiselijk geweld',
      en: 'Central gemeenten for women’s shelters and domestic violence',
    },
    regionNoun: { nl: 'vrouwenopvangregio', en: 'women’s shelter region' },
    description: {
      nl: 'Regio’s waarin één centrumgemeente de vrouwenopvang en de aanpak van huiselijk geweld organiseert voor de gemeenten eromheen (Wet maatschappelijke ondersteuning 2015).',
      en: 'Regions in which one central gemeente organises women’s shelters and the response to domestic violence for the gemeenten around it (Social Support Act 2015, Wmo).',
    },
    coverage: PARTITION,
    color: '#D55E00',
    dash: DASHED,
    isDefaultVisible: false,
    layout2011: layout2011("Huiselijk geweld regio's", ['38', 'Ja', '2002', 'Ja', 'Ja', 'AmvB']),
  },
  hlz: {
    kind: 'hlz',
    domain: 'zorg-welzijn',
    name: { nl: "HLZ-regio's (hervorming langdurige zorg)", en: 'HLZ regions (long-term care reform)' },
    regionNoun: { nl: 'HLZ-regio', en: 'HLZ region' },
    description: {
      nl: 'Regio-indeling van de hervorming van de langdurige zorg (HLZ), waarmee in 2015 taken uit de AWBZ overgingen naar de gemeenten (Wet maatschappelijke ondersteuning 2015), de Zorgverzekeringswet en de Wet langdurige zorg.',
      en: 'Regional layout of the long-term care reform (HLZ), which in 2015 moved tasks of the AWBZ to the gemeenten (Social Support Act 2015), the Health Insurance Act and the Long-term Care Act.',
    },
    coverage: PARTITION,
    color: '#AD7700',
    dash: DASH_DOTTED,
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
  ressort: {
    kind: 'ressort',
    domain: 'veiligheid',
    name: { nl: 'Ressorten (gerechtshoven)', en: 'Court of appeal districts' },
    regionNoun: { nl: 'ressort', en: 'court of appeal district' },
    description: {
      nl: 'Rechtsgebieden van de vier gerechtshoven (hoger beroep); elk ressort omvat enkele arrondissementen (herziening gerechtelijke kaart, 2013).',
      en: 'Areas of the four courts of appeal; each comprises several judicial districts (revision of the judicial map, 2013).',
    },
    coverage: PARTITION,
    color: '#009E73',
    dash: DASH_DOTTED,
    isDefaultVisible: false,
  },
  riec: {
    kind: 'riec',
    domain: 'veiligheid',
    name: {
      nl: "RIEC's (Regionale Informatie- en Expertisecentra)",
      en: 'RIECs (regional information and expertise centres)',
    },
    regionNoun: { nl: 'RIEC-regio', en: 'RIEC region' },
    description: {
      nl: 'Gemeenten, politie, Openbaar Ministerie, Belastingdienst en andere overheidspartners werken samen tegen georganiseerde, ondermijnende criminaliteit. De RIEC-regio’s volgen de politie-eenheden.',
      en: 'Gemeenten, the police, the public prosecution service, the tax administration and other public partners work together against organised, subversive crime. The RIEC regions follow the police units.',
    },
    coverage: PARTITION,
    color: '#009E73',
    isDefaultVisible: false,
  },
  veiligheidshuis: {
    kind: 'veiligheidshuis',
    domain: 'veiligheid',
    name: { nl: 'Zorg- en Veiligheidshuizen', en: 'Safety houses (Zorg- en Veiligheidshuizen)' },
    regionNoun: { nl: 'veiligheidshuisregio', en: 'safety house region' },
    description: {
      nl: 'Werkgebieden van de (Zorg- en) Veiligheidshuizen, waar gemeenten, politie, justitie en zorgorganisaties samen de aanpak van complexe problemen rond overlast, criminaliteit en zorg afstemmen.',
      en: 'Areas of the safety houses, where gemeenten, the police, the justice system and care organisations jointly coordinate their approach to complex problems of nuisance, crime and care.',
    },
    coverage: PARTITION,
    color: INDIGO,
    isDefaultVisible: false,
    layout2011: layout2011('Veiligheidshuis', ['45', 'Nee', '2002', 'Nee', 'Nee', 'nee']),
  },
  vpt: {
    kind: 'vpt',
    domain: 'veiligheid',
    name: { nl: "VPT-regio's 2014", en: 'VPT regions 2014' },
    regionNoun: { nl: 'VPT-regio', en: 'VPT region' },
    description: {
      nl: 'Indeling uit 2014 die de politie-eenheden volgt, waarbij de eenheden Oost-Nederland, Den Haag en Rotterdam zijn opgedeeld in hun veiligheidsregio’s. De RegioAtlas verklaart de afkorting niet.',
      en: 'A 2014 layout that follows the police units, with the units Oost-Nederland, Den Haag and Rotterdam divided into their safety regions. The RegioAtlas does not explain the abbreviation.',
    },
    coverage: PARTITION,
    color: '#000000',
    dash: DASH_DOTTED,
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
  corop: {
    kind: 'corop',
    domain: 'bestuur',
    name: { nl: 'COROP-gebieden', en: 'COROP regions' },
    regionNoun: { nl: 'COROP-gebied', en: 'COROP region' },
    description: {
      nl: 'Statistische indeling van Nederland in gebieden van een kern met zijn omgeving, die het CBS gebruikt voor regionale cijfers. Geen samenwerkingsverband. Enkele gemeenten staan in de RegioAtlas in meer dan één gebied.',
      en: 'Statistical layout of the Netherlands into areas of a core with its surroundings, used by Statistics Netherlands (CBS) for regional figures. Not a cooperation. A few gemeenten are in more than one area in the RegioAtlas.',
    },
    coverage: OVERLAPPING,
    color: WINE,
    dash: DOTTED,
    isDefaultVisible: false,
  },
  'corop-plus': {
    kind: 'corop-plus',
    domain: 'bestuur',
    name: { nl: 'COROP-plusgebieden', en: 'COROP plus regions' },
    regionNoun: { nl: 'COROP-plusgebied', en: 'COROP plus region' },
    description: {
      nl: 'Fijnere statistische indeling waarin enkele COROP-gebieden verder zijn opgedeeld, onder meer rond de grote steden. Geen samenwerkingsverband. Een gemeente kan in meer dan één gebied staan.',
      en: 'Finer statistical layout in which some COROP regions are divided further, among others around the big cities. Not a cooperation. A gemeente may be in more than one area.',
    },
    coverage: OVERLAPPING,
    color: WINE,
    dash: DASH_DOTTED,
    isDefaultVisible: false,
  },
  'corop-sub': {
    kind: 'corop-sub',
    domain: 'bestuur',
    name: { nl: 'COROP-subgebieden', en: 'COROP subregions' },
    regionNoun: { nl: 'COROP-subgebied', en: 'COROP subregion' },
    description: {
      nl: 'De COROP-indeling waarin enkele gebieden zijn gesplitst, zoals Groot-Amsterdam en Groot-Rijnmond. Statistische indeling, geen samenwerkingsverband. Een gemeente kan in meer dan één gebied staan.',
      en: 'The COROP layout with some areas split, such as Groot-Amsterdam and Groot-Rijnmond. A statistical layout, not a cooperation. A gemeente may be in more than one area.',
    },
    coverage: OVERLAPPING,
    color: INDIGO,
    dash: DASH_DOTTED,
    isDefaultVisible: false,
  },
  nuts1: {
    kind: 'nuts1',
    domain: 'bestuur',
    name: { nl: "NUTS-1-regio's (landsdelen)", en: 'NUTS 1 regions (parts of the country)' },
    regionNoun: { nl: 'NUTS-1-regio', en: 'NUTS 1 region' },
    description: {
      nl: 'De landsdelen: het hoogste niveau van de Europese statistische indeling NUTS (verordening (EG) nr. 1059/2003). Geen samenwerkingsverband.',
      en: 'The parts of the country: the top level of the European statistical classification NUTS (Regulation (EC) No 1059/2003). Not a cooperation.',
    },
    coverage: PARTITION,
    color: '#0072B2',
    dash: LONG_DASHED,
    isDefaultVisible: false,
  },
  nuts2: {
    kind: 'nuts2',
    domain: 'bestuur',
    name: { nl: "NUTS-2-regio's", en: 'NUTS 2 regions' },
    regionNoun: { nl: 'NUTS-2-regio', en: 'NUTS 2 region' },
    description: {
      nl: 'Het middelste niveau van de Europese statistische indeling NUTS (verordening (EG) nr. 1059/2003); in Nederland de provincies. Geen samenwerkingsverband.',
      en: 'The middle level of the European statistical classification NUTS (Regulation (EC) No 1059/2003); in the Netherlands the provinces. Not a cooperation.',
    },
    coverage: PARTITION,
    color: '#000000',
    dash: LONG_DASHED,
    isDefaultVisible: false,
  },
  nuts3: {
    kind: 'nuts3',
    domain: 'bestuur',
    name: { nl: "NUTS-3-regio's", en: 'NUTS 3 regions' },
    regionNoun: { nl: 'NUTS-3-regio', en: 'NUTS 3 region' },
    description: {
      nl: 'Het laagste niveau van de Europese statistische indeling NUTS (verordening (EG) nr. 1059/2003); in Nederland de COROP-gebieden. Geen samenwerkingsverband. Enkele gemeenten staan in de RegioAtlas in meer dan één gebied.',
      en: 'The lowest level of the European statistical classification NUTS (Regulation (EC) No 1059/2003); in the Netherlands the COROP regions. Not a cooperation. A few gemeenten are in more than one region in the RegioAtlas.',
    },
    coverage: OVERLAPPING,
    color: WINE,
    dash: LONG_DASHED,
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
  arbeidsmarktplatform: {
    kind: 'arbeidsmarktplatform',
    domain: 'werk-inkomen',
    name: { nl: 'Regionale platforms arbeidsmarkt', en: 'Regional labour market platforms' },
    regionNoun: { nl: 'arbeidsmarktplatform', en: 'labour market platform' },
    description: {
      nl: 'Regionale platforms voor samenwerking rond de regionale arbeidsmarkt; een andere indeling dan die van de arbeidsmarktregio’s.',
      en: 'Regional platforms for cooperation on the regional labour market; a layout other than that of the labour market regions.',
    },
    coverage: PARTITION,
    color: INDIGO,
    dash: DASHED,
    isDefaultVisible: false,
  },
  'sociale-dienst': {
    kind: 'sociale-dienst',
    domain: 'werk-inkomen',
    name: { nl: 'Intergemeentelijke sociale diensten', en: 'Intermunicipal social services' },
    regionNoun: { nl: 'intergemeentelijke sociale dienst', en: 'intermunicipal social service' },
    description: {
      nl: 'Sociale diensten die gemeenten samen hebben, onder meer voor de bijstand (Participatiewet). Alleen gemeenten die zo’n dienst delen staan erin.',
      en: 'Social services that gemeenten share, among other things for social assistance (Participation Act). Only gemeenten that share such a service are included.',
    },
    coverage: { isComplete: false, allowsMultiMembership: false },
    color: '#0072B2',
    dash: DASHED,
    isDefaultVisible: false,
  },
  'sociale-werkvoorziening': {
    kind: 'sociale-werkvoorziening',
    domain: 'werk-inkomen',
    name: { nl: 'Sociale werkvoorziening', en: 'Sheltered employment' },
    regionNoun: { nl: 'SW-werkgebied', en: 'sheltered employment area' },
    description: {
      nl: 'Werkgebieden van de SW-bedrijven die voor gemeenten de sociale werkvoorziening uitvoeren (Wet sociale werkvoorziening); sinds de Participatiewet (2015) is er geen nieuwe instroom. Een gemeente kan bij meer dan één bedrijf horen.',
      en: 'Areas of the sheltered employment companies that run sheltered employment for gemeenten (Sheltered Employment Act, Wsw); since the Participation Act (2015) no new employees enter. A gemeente may belong to more than one company.',
    },
    coverage: OVERLAPPING,
    color: '#0072B2',
    dash: DOTTED,
    isDefaultVisible: false,
  },
  rcf: {
    kind: 'rcf',
    domain: 'werk-inkomen',
    name: { nl: 'RCF Kenniscentra Handhaving', en: 'RCF enforcement knowledge centres' },
    regionNoun: { nl: 'RCF-regio', en: 'RCF region' },
    description: {
      nl: 'Regionale kenniscentra die gemeenten ondersteunen bij handhaving en het tegengaan van fraude in de sociale zekerheid, zoals bij de bijstand (Participatiewet).',
      en: 'Regional knowledge centres that support gemeenten in enforcement and countering fraud in social security, such as social assistance (Participation Act).',
    },
    coverage: PARTITION,
    color: '#0072B2',
    dash: DASH_DOTTED,
    isDefaultVisible: false,
  },
  kvk: {
    kind: 'kvk',
    domain: 'werk-inkomen',
    name: { nl: "Kamer van Koophandel: regio's", en: 'Chamber of Commerce regions' },
    regionNoun: { nl: 'KvK-regio', en: 'Chamber of Commerce region' },
    description: {
      nl: 'Werkgebieden van de regio’s van de Kamer van Koophandel, sinds 2014 één landelijke organisatie. Geen samenwerkingsverband van gemeenten.',
      en: 'Areas of the regions of the Chamber of Commerce, a single national organisation since 2014. Not a cooperation of gemeenten.',
    },
    coverage: PARTITION,
    color: WINE,
    dash: DASHED,
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
  'passend-onderwijs-po': {
    kind: 'passend-onderwijs-po',
    domain: 'onderwijs',
    name: {
      nl: 'Passend onderwijs: samenwerkingsverbanden primair onderwijs',
      en: 'Inclusive education: primary school partnerships',
    },
    regionNoun: { nl: 'po-samenwerkingsverband', en: 'primary education partnership' },
    description: {
      nl: 'De schoolbesturen in een regio zorgen samen dat elke leerling in het primair onderwijs een passende onderwijsplek krijgt (Wet passend onderwijs, 2014). De RegioAtlas noemt de samenwerkingsverbanden bij hun code (PO-xx-yy).',
      en: 'The school boards in a region jointly ensure a suitable place for every pupil in primary education (Appropriate Education Act, 2014). The RegioAtlas names the partnerships by their code (PO-xx-yy).',
    },
    coverage: PARTITION,
    color: '#CC79A7',
    dash: DOTTED,
    isDefaultVisible: false,
    layout2011: layout2011('WSNS PO (voorloper van de samenwerkingsverbanden passend onderwijs)', [
      '231',
      'Ja',
      '',
      'Ja',
      'Nee',
      '',
    ]),
  },
  'passend-onderwijs-vo': {
    kind: 'passend-onderwijs-vo',
    domain: 'onderwijs',
    name: {
      nl: 'Passend onderwijs: samenwerkingsverbanden voortgezet onderwijs',
      en: 'Inclusive education: secondary school partnerships',
    },
    regionNoun: { nl: 'vo-samenwerkingsverband', en: 'secondary education partnership' },
    description: {
      nl: 'De schoolbesturen in een regio zorgen samen dat elke leerling in het voortgezet onderwijs een passende onderwijsplek krijgt (Wet passend onderwijs, 2014). De RegioAtlas noemt de samenwerkingsverbanden bij hun code (VO-xx-yy); een gemeente kan in meer dan één liggen.',
      en: 'The school boards in a region jointly ensure a suitable place for every pupil in secondary education (Appropriate Education Act, 2014). The RegioAtlas names the partnerships by their code (VO-xx-yy); a gemeente may lie in more than one.',
    },
    coverage: OVERLAPPING,
    color: '#CC79A7',
    dash: DASH_DOTTED,
    isDefaultVisible: false,
    layout2011: layout2011('SWv VO (samenwerkingsverbanden voortgezet onderwijs)', ['78', 'Ja', '', '', 'Nee', '']),
  },
  mirt: {
    kind: 'mirt',
    domain: 'fysiek',
    name: { nl: 'MIRT-gebieden', en: 'MIRT areas' },
    regionNoun: { nl: 'MIRT-gebied', en: 'MIRT area' },
    description: {
      nl: 'Gebieden van het Meerjarenprogramma Infrastructuur, Ruimte en Transport (MIRT), waarin het Rijk en de regio’s afspraken maken over investeringen in infrastructuur en ruimtelijke ontwikkeling.',
      en: 'Areas of the Multi-year Programme for Infrastructure, Spatial Planning and Transport (MIRT), in which the national government and the regions agree on investments in infrastructure and spatial development.',
    },
    coverage: PARTITION,
    color: '#D55E00',
    dash: DOTTED,
    isDefaultVisible: false,
  },
  omgevingsdienst: {
    kind: 'omgevingsdienst',
    domain: 'fysiek',
    name: { nl: 'Omgevingsdiensten (RUD’s)', en: 'Environmental services (RUDs)' },
    regionNoun: { nl: 'omgevingsdienst', en: 'environmental service' },
    description: {
      nl: 'Omgevingsdiensten (regionale uitvoeringsdiensten): gemeenten en provincie laten hier samen de vergunningverlening, het toezicht en de handhaving van milieutaken uitvoeren (Wet algemene bepalingen omgevingsrecht, Wabo; sinds 2024 de Omgevingswet).',
      en: 'Environmental services (regional implementation services): gemeenten and the province have them jointly carry out permits, supervision and enforcement of environmental tasks (General Provisions of Environmental Law Act, Wabo; since 2024 the Environment and Planning Act).',
    },
    coverage: PARTITION,
    color: INDIGO,
    dash: DOTTED,
    isDefaultVisible: false,
  },
  brzo: {
    kind: 'brzo',
    domain: 'fysiek',
    name: { nl: 'BRZO-omgevingsdiensten', en: 'BRZO environmental services' },
    regionNoun: { nl: 'BRZO-regio', en: 'BRZO region' },
    description: {
      nl: 'De omgevingsdiensten die voor een groot gebied de vergunningverlening, het toezicht en de handhaving uitvoeren bij bedrijven met risico’s op zware ongevallen (Besluit risico’s zware ongevallen 2015, BRZO).',
      en: 'The environmental services that carry out permits, supervision and enforcement for companies with major-accident hazards in a large area (Major Accidents Risks Decree 2015, BRZO).',
    },
    coverage: PARTITION,
    color: '#D55E00',
    dash: DASH_DOTTED,
    isDefaultVisible: false,
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

/** A RegioAtlas 2016 export (`regioatlas-2016/<group>/<file>.csv`) read as it is: a layer of 2016. */
function regioAtlasLayer(kind: KindSpec, path: string, regionCodes: RegionCodeRule): TableEntry {
  return {
    kind,
    year: 2016,
    source: regioAtlas2016(path),
    input: `regioatlas-2016/${path}`,
    regioAtlas: { regionCodes },
  };
}

// Region codes of the RegioAtlas layouts of kinds that CBS publishes too: the CBS code of the same region in
// 2016 (Veilig Thuis: in 2020, CBS's oldest map of it), by the RegioAtlas name, so that the history follows a
// region from 2016 to 2025 by its code (src/lib/history/changes.ts calls a region whose code changes recoded).
// The other layouts, and RMC (no CBS map of 2016), are numbered by name with a prefix of their own.

/** Veilig Thuis: the CBS codes of 2020, the oldest CBS map (the same 26 names; SOURCES.md §5). */
const VEILIG_THUIS_CODES: Readonly<Record<string, RegionCode>> = {
  'Amsterdam-Amstelland': 'VT01',
  Drenthe: 'VT02',
  Flevoland: 'VT03',
  Friesland: 'VT04',
  'Gelderland-Midden': 'VT05',
  'Gelderland-Zuid': 'VT06',
  'Gooi en Vechtstreek': 'VT07',
  Groningen: 'VT08',
  Haaglanden: 'VT09',
  'Hollands-Midden': 'VT10',
  IJsselland: 'VT11',
  Kennemerland: 'VT12',
  'Noord- en Midden Limburg': 'VT13',
  'Noord- en Oost-Gelderland': 'VT14',
  'Noord-Brabant Midden': 'VT15',
  'Noord-Brabant Noord': 'VT16',
  'Noord-Holland Noord': 'VT17',
  'Rotterdam-Rijnmond': 'VT18',
  Twente: 'VT19',
  Utrecht: 'VT20',
  'West-brabant': 'VT21',
  'Zaanstreek-Waterland': 'VT22',
  Zeeland: 'VT23',
  'Zuid-Holland-Zuid': 'VT24',
  'Zuid-Limburg': 'VT25',
  'Zuidoost-Brabant': 'VT26',
};

/** Police units: the CBS codes (the same 10 names and units in 2016 and 2025; SOURCES.md §5). */
const POLICE_CODES: Readonly<Record<string, RegionCode>> = {
  'Noord-Nederland': 'RE01',
  'Oost-Nederland': 'RE02',
  'Midden-Nederland': 'RE03',
  'Noord-Holland': 'RE04',
  Amsterdam: 'RE05',
  'Den Haag': 'RE06',
  Rotterdam: 'RE07',
  'Zeeland - West-Brabant': 'RE08',
  'Oost-Brabant': 'RE09',
  Limburg: 'RE10',
};

/** Provinces: the CBS codes (the same in 2015, cbs-2015/Provincie_2015_layer_q1e3.json, and 2025). */
const PROVINCE_CODES: Readonly<Record<string, RegionCode>> = {
  Groningen: 'PV20',
  Friesland: 'PV21',
  Drenthe: 'PV22',
  Overijssel: 'PV23',
  Flevoland: 'PV24',
  Gelderland: 'PV25',
  Utrecht: 'PV26',
  'Noord-Holland': 'PV27',
  'Zuid-Holland': 'PV28',
  Zeeland: 'PV29',
  'Noord-Brabant': 'PV30',
  'Limburg (NL)': 'PV31',
};

/** Judicial districts: CBS arrondissementsgebied 2016 (cartomap/nl, wgs84/arrondissementsgebied_2016.topojson). */
const ARRONDISSEMENT_CODES: Readonly<Record<string, RegionCode>> = {
  Amsterdam: 'AR01',
  'Noord-Holland': 'AR02',
  Gelderland: 'AR03',
  'Midden-Nederland': 'AR04',
  'Noord-Nederland': 'AR05',
  Overijssel: 'AR06',
  'Den Haag': 'AR07',
  Rotterdam: 'AR08',
  Limburg: 'AR09',
  'Oost-Brabant': 'AR10',
  'Zeeland - West-Brabant': 'AR11',
};

/**
 * Labour market regions: CBS arbeidsmarktregio 2016 (cartomap/nl, wgs84/arbeidsmarktregio_2016.topojson); 33
 * names as there, "Holland-Rijnland" is CBS's "Holland Rijnland" and "IJsselvechtstreek" CBS's "Regio Zwolle"
 * (the one region left; 13 of its 14 gemeenten are in Regio Zwolle in 2025).
 */
const LABOUR_MARKET_CODES: Readonly<Record<string, RegionCode>> = {
  Groningen: 'AM01',
  Friesland: 'AM02',
  Drenthe: 'AM03',
  Twente: 'AM05',
  'Stedendriehoek en Noordwest Veluwe': 'AM06',
  'Midden-Gelderland': 'AM07',
  'Rijk van Nijmegen': 'AM08',
  Achterhoek: 'AM09',
  Rivierenland: 'AM10',
  Flevoland: 'AM11',
  'Gooi en Vechtstreek': 'AM12',
  'Midden-Utrecht': 'AM13',
  Amersfoort: 'AM14',
  'Noord-Holland Noord': 'AM15',
  'Zaanstreek/Waterland': 'AM17',
  'Groot Amsterdam': 'AM18',
  'Holland-Rijnland': 'AM19',
  'Midden-Holland': 'AM20',
  Haaglanden: 'AM21',
  Rijnmond: 'AM22',
  Drechtsteden: 'AM23',
  Zeeland: 'AM24',
  'West-Brabant': 'AM25',
  'Midden-Brabant': 'AM26',
  'Noordoost-Brabant': 'AM27',
  'Zuidoost-Brabant': 'AM28',
  'Noord-Limburg': 'AM29',
  'Zuid-Limburg': 'AM30',
  'Food Valley': 'AM31',
  'Helmond-De Peel': 'AM32',
  'Midden-Limburg': 'AM33',
  'Zuid-Holland Centraal': 'AM34',
  Gorinchem: 'AM35',
  IJsselvechtstreek: 'AM36',
  'Zuid-Kennemerland en IJmond': 'AM37',
};

/**
 * Care office regions: CBS zorgkantoorregio 2016 (cartomap/nl, wgs84/zorgkantoorregio_2016.topojson), by name
 * without "Zorgkantoor ". CBS 2016 has 31 regions: its ZK33 Westland Schieland Delfland is two regions in the
 * RegioAtlas (Delft Westland Oostland, Nieuwe Waterweg Noord), which keep prefix codes.
 */
const CARE_OFFICE_CODES: Readonly<Record<string, RegionCode>> = {
  'Zorgkantoor Amstelland en De Meerlanden': 'ZK01',
  'Zorgkantoor Amsterdam': 'ZK02',
  'Zorgkantoor Apeldoorn / Zutphen': 'ZK03',
  'Zorgkantoor Arnhem': 'ZK04',
  'Zorgkantoor Drenthe': 'ZK06',
  'Zorgkantoor Flevoland': 'ZK07',
  'Zorgkantoor Friesland': 'ZK08',
  'Zorgkantoor Groningen': 'ZK09',
  'Zorgkantoor Haaglanden': 'ZK10',
  'Zorgkantoor Kennemerland': 'ZK11',
  'Zorgkantoor Midden-Brabant': 'ZK12',
  'Zorgkantoor Midden-Holland': 'ZK13',
  'Zorgkantoor Midden-IJssel': 'ZK14',
  'Zorgkantoor Nijmegen': 'ZK16',
  'Zorgkantoor Noord- en Midden-Limburg': 'ZK17',
  'Zorgkantoor Noord-Holland Noord': 'ZK18',
  'Zorgkantoor Noord-Oost Brabant': 'ZK19',
  'Zorgkantoor Rotterdam': 'ZK20',
  "Zorgkantoor 't Gooi": 'ZK21',
  'Zorgkantoor Twente': 'ZK22',
  'Zorgkantoor Utrecht': 'ZK23',
  'Zorgkantoor Waardenland': 'ZK24',
  'Zorgkantoor West-Brabant': 'ZK25',
  'Zorgkantoor Zaanstreek / Waterland': 'ZK26',
  'Zorgkantoor Zeeland': 'ZK27',
  'Zorgkantoor Zuid-Holland Noord': 'ZK28',
  'Zorgkantoor Zuid-Hollandse Eilanden': 'ZK29',
  'Zorgkantoor Zuid-Oost Brabant': 'ZK30',
  'Zorgkantoor Zuid-Limburg': 'ZK31',
  'Zorgkantoor Zwolle': 'ZK32',
};

/** `first`, …, `last`. */
function years(first: number, last: number): number[] {
  return Array.from({ length: last - first + 1 }, (_, i) => first + i);
}

/** The CBS tables of the kinds that exist in many years; their file stem in `membership/<stem>_<year>.csv`. */
function cbsTable(kind: KindSpec, stem: string, year: number, section: string): TableEntry {
  return { kind, year, source: cbs(year, section), input: `membership/${stem}_${year}.csv` };
}

/**
 * The layouts of the RegioAtlas 2016 export (SOURCES.md §5), each file read as it is; with the three files
 * that ALSO_IN_2016 compares with the CBS layers of 2016, every one of its 34 files. Veilig Thuis and the police
 * get the codes of membership/{veiligthuisregio,regionale_eenheid}_2016_regioatlas.csv, made from these files.
 */
const REGIOATLAS_2016: readonly TableEntry[] = [
  // Bestuurlijk
  regioAtlasLayer(KINDS.arrondissement, 'Bestuurlijk/arrondissementen1.csv', { codes: ARRONDISSEMENT_CODES }),
  regioAtlasLayer(KINDS['corop-plus'], 'Bestuurlijk/coropplusregios.csv', { prefix: 'CRP' }),
  regioAtlasLayer(KINDS.corop, 'Bestuurlijk/coropregios.csv', { prefix: 'CR' }),
  regioAtlasLayer(KINDS['corop-sub'], 'Bestuurlijk/coropsubregios.csv', { prefix: 'CRS' }),
  regioAtlasLayer(KINDS.nuts1, 'Bestuurlijk/nuts1regioslandsdelen.csv', { prefix: 'NUTS1R' }),
  regioAtlasLayer(KINDS.nuts2, 'Bestuurlijk/nuts2regiosprovincies.csv', { prefix: 'NUTS2R' }),
  regioAtlasLayer(KINDS.nuts3, 'Bestuurlijk/nuts3regios.csv', { prefix: 'NUTS3R' }),
  regioAtlasLayer(KINDS.provincie, 'Bestuurlijk/provincies.csv', { codes: PROVINCE_CODES }),
  regioAtlasLayer(KINDS.ressort, 'Bestuurlijk/ressorten1.csv', { prefix: 'RES' }),
  // Fysiek
  regioAtlasLayer(KINDS.mirt, 'Fysiek/mirtgebieden.csv', { prefix: 'MIRT' }),
  regioAtlasLayer(KINDS.omgevingsdienst, 'Fysiek/omgevingsdienstenregionaleuitvoeringsdiensten.csv', {
    prefix: 'OD',
  }),
  regioAtlasLayer(KINDS.brzo, 'Fysiek/regionaleuitvoeringsdienstenbrzo.csv', { prefix: 'BRZO' }),
  // Sociaal (ggds.csv and jeugdzorgregios1.csv: ALSO_IN_2016)
  regioAtlasLayer(KINDS.arbeidsmarktregio, 'Sociaal/arbeidsmarktregios.csv', { codes: LABOUR_MARKET_CODES }),
  regioAtlasLayer(KINDS['maatschappelijke-opvang'], 'Sociaal/centrumgemeentemaatschappelijkeopvangbeschermdwonen.csv', {
    prefix: 'MOBW',
  }),
  regioAtlasLayer(KINDS.vrouwenopvang, 'Sociaal/centrumgemeentenvrouwenopvanggeweldinhuiselijkekring.csv', {
    prefix: 'VOHG',
  }),
  regioAtlasLayer(KINDS.hlz, 'Sociaal/hlzregioshervorminglangdurigezorg.csv', { prefix: 'HLZ' }),
  regioAtlasLayer(KINDS['sociale-dienst'], 'Sociaal/intergemeentelijkesocialediensten.csv', { prefix: 'ISD' }),
  regioAtlasLayer(KINDS.kvk, 'Sociaal/kamervankoophandel.csv', { prefix: 'KVK' }),
  regioAtlasLayer(KINDS['passend-onderwijs-po'], 'Sociaal/passendonderwijsprimaironderwijs.csv', { prefix: 'POPO' }),
  regioAtlasLayer(KINDS['passend-onderwijs-vo'], 'Sociaal/passendonderwijsvoortgezetonderwijs.csv', {
    prefix: 'POVO',
  }),
  regioAtlasLayer(KINDS.rcf, 'Sociaal/rcfkenniscentrahandhaving.csv', { prefix: 'RCF' }),
  regioAtlasLayer(KINDS.arbeidsmarktplatform, 'Sociaal/regionaleplatformsarbeidsmarkt.csv', { prefix: 'RPA' }),
  regioAtlasLayer(KINDS.rmc, 'Sociaal/rmcregiosregionaalmeldencoordinatiepunt.csv', { prefix: 'RMC' }),
  regioAtlasLayer(KINDS['sociale-werkvoorziening'], 'Sociaal/socialewerkvoorziening.csv', { prefix: 'SW' }),
  regioAtlasLayer(KINDS.veiligthuis, 'Sociaal/veiligthuisregios.csv', { codes: VEILIG_THUIS_CODES }),
  regioAtlasLayer(KINDS.wmo, 'Sociaal/wmoregios.csv', { prefix: 'WMO' }),
  regioAtlasLayer(KINDS.zorgkantoor, 'Sociaal/zorgkantoorregios.csv', { prefix: 'RAZK', codes: CARE_OFFICE_CODES }),
  // Veiligheid (veiligheidsregios.csv: ALSO_IN_2016)
  regioAtlasLayer(KINDS['politie-eenheid'], 'Veiligheid/politieeenheden.csv', { codes: POLICE_CODES }),
  regioAtlasLayer(KINDS.riec, 'Veiligheid/regionaalinformatieenexpertisecentra.csv', { prefix: 'RIEC' }),
  regioAtlasLayer(KINDS.veiligheidshuis, 'Veiligheid/veiligheidshuizen.csv', { prefix: 'ZVH' }),
  regioAtlasLayer(KINDS.vpt, 'Veiligheid/vptregios2014.csv', { prefix: 'VPT' }),
];

/**
 * Every layer: a kind in a year and its table. For 2016, jeugd, GGD and veiligheidsregio come from CBS and are
 * compared with RegioAtlas (SOURCES.md §5, §12); every other layout of 2016 from RegioAtlas.
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
  ...REGIOATLAS_2016,
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
