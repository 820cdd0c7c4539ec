/**
 * The declarative registry of the atlas: which gemeente geometries (years) and which layers are built,
 * from which input files in $GEO_SOURCES, with the metadata the app shows. Adding a layer is adding an
 * entry to LAYERS; adding a year is adding an entry to GEOMETRIES plus that year's layers.
 * Input paths are relative to $GEO_SOURCES (see ../shared/geo-sources/SOURCES.md).
 */
import type { CoverageRules, Layout2011, LayerMeta, SourceInfo } from '../src/lib/types';
import { ALIASES, type MunicipalityAlias } from '../src/lib/data/aliases';

/**
 * Where the gemeenten of an earlier year that no longer exist went. The table is read from $GEO_REFERENCE
 * (default ../shared/reference); the earlier year's geometry from $GEO_SOURCES, to check the table against
 * the map (see geo/README.md, "Former gemeenten").
 */
export interface FormerSpec {
  /**
   * CSV `date,type,old_code,old_name,new_code,new_name,area_share,source`, relative to $GEO_REFERENCE:
   * one row per (former gemeente, receiver, date), as in ../shared/reference/herindelingen-2015-2025.md.
   */
  input: string;
  /** TopoJSON of the table's first year (CBS `statcode` properties), relative to $GEO_SOURCES. */
  startTopologyInput: string;
  /** Name of the gemeenten GeometryCollection in that topology. */
  startObjectName: string;
  source: SourceInfo;
}

/** A gemeente geometry (one year's set of gemeenten) and where its inputs are. */
export interface GeometrySpec {
  /** e.g. `gemeenten-2025`; layers refer to it by `geometryId`. */
  id: string;
  year: number;
  /** TopoJSON with one GeometryCollection of gemeenten (CBS `statcode` / `statnaam` properties). */
  topologyInput: string;
  /** Name of that GeometryCollection in the input topology. */
  objectName: string;
  /** CSV `gemeentecode,gemeentenaam,inwoners`, or null if this year has no inhabitants figures. */
  inhabitantsInput: string | null;
  /** Reference date of the inhabitants figures (ISO), null together with `inhabitantsInput`. */
  inhabitantsDate: string | null;
  /** Citation of the inhabitants figures, null together with `inhabitantsInput`. */
  inhabitantsSource: string | null;
  source: SourceInfo;
  /** Where the gemeenten of an earlier year that are not in this one went, or omitted. */
  former?: FormerSpec;
  /** Other names of this year's gemeenten, checked against the geometry (code and name) at build time. */
  aliases?: readonly MunicipalityAlias[];
}

/** A registry entry: the authored layer metadata plus where its membership table is. */
export interface LayerSpec extends LayerMeta {
  /** Membership CSV (`gemeentecode,gemeentenaam,regiocode,regionaam`, …), relative to $GEO_SOURCES. */
  input: string;
  /** Column whose text becomes the per-region `note` (source of each documented fact). */
  noteColumn?: string;
  /** Column that must hold the year of `source.referenceDate` in every row. */
  referenceYearColumn?: string;
}

/** The gemeente sets, one per year; only 2025 is built now. */
export const GEOMETRIES: readonly GeometrySpec[] = [
  {
    id: 'gemeenten-2025',
    year: 2025,
    topologyInput: 'cbs/gemeente_2025.topojson',
    objectName: 'gemeente_2025',
    inhabitantsInput: 'cbs/inwoners_2024.csv',
    inhabitantsDate: '2024-01-01',
    inhabitantsSource:
      'CBS, Kerncijfers wijken en buurten 2024 (StatLine 85984NED), aantal inwoners op 1 januari 2024, CC BY 4.0',
    source: {
      citation: 'CBS Gebiedsindelingen 2025: gemeenten (PDOK), vereenvoudigd door cartomap/nl',
      url: 'https://github.com/cartomap/nl',
      licence: 'CC BY 4.0',
      referenceDate: '2025-01-01',
    },
    former: {
      input: 'herindelingen-2015-2025.csv',
      startTopologyInput: 'cbs-2015/Gemeente_2015_layer_q1e3.json',
      startObjectName: 'layer',
      source: {
        citation:
          'Gemeentelijke herindelingen 1 januari 2015 – 1 januari 2025 (herindelingen-2015-2025.md): datum en soort per rij uit openbare bronnen (CBS, VNG, herindelingswetten, provincies), aandelen gemeten op de CBS-kaarten 2015 en 2025',
        licence: 'feiten per rij geciteerd; kaarten CBS, CC BY 4.0',
        referenceDate: '2025-01-01',
      },
    },
    aliases: ALIASES,
  },
];

const CBS_2025: SourceInfo = {
  citation:
    'CBS Gebiedsindelingen 2025 (PDOK), vereenvoudigd door cartomap/nl; lidmaatschap per gemeente afgeleid uit de regiokaart (SOURCES.md §3)',
  url: 'https://github.com/cartomap/nl',
  licence: 'CC BY 4.0',
  referenceDate: '2025-01-01',
};

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

/** Registry order is the layer panel's order: grouped by domain, mission layers first in their group. */
export const LAYERS: readonly LayerSpec[] = [
  {
    id: 'jeugdregio-2025',
    kind: 'jeugdregio',
    year: 2025,
    geometryId: 'gemeenten-2025',
    domain: 'jeugd-zorg',
    name: { nl: "Jeugdzorgregio's", en: 'Youth care regions' },
    regionNoun: { nl: 'jeugdzorgregio', en: 'youth care region' },
    description: {
      nl: 'Gemeenten die samen specialistische jeugdhulp inkopen en organiseren, sinds de Jeugdwet (1 januari 2015).',
      en: 'Gemeenten that jointly procure and organise specialised youth care, since the Youth Act (1 January 2015).',
    },
    source: CBS_2025,
    coverage: PARTITION,
    color: '#0072B2',
    isDefaultVisible: true,
    input: 'membership/jeugdregio_2025.csv',
  },
  {
    id: 'veiligthuis-2025',
    kind: 'veiligthuis',
    year: 2025,
    geometryId: 'gemeenten-2025',
    domain: 'jeugd-zorg',
    name: { nl: "Veilig Thuis-regio's", en: 'Veilig Thuis regions' },
    regionNoun: { nl: 'Veilig Thuis-regio', en: 'Veilig Thuis region' },
    description: {
      nl: 'Werkgebied van een Veilig Thuis-organisatie, het advies- en meldpunt huiselijk geweld en kindermishandeling; sinds 2015, ontstaan uit de AMK’s en SHG’s.',
      en: 'Service area of a Veilig Thuis organisation, the advice and reporting centre for domestic violence and child abuse; since 2015, formed from the former AMK and SHG centres.',
    },
    source: CBS_2025,
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
    input: 'membership/veiligthuisregio_2025.csv',
  },
  {
    id: 'cjg-2025',
    kind: 'cjg',
    year: 2025,
    geometryId: 'gemeenten-2025',
    domain: 'jeugd-zorg',
    name: { nl: 'Centra voor Jeugd en Gezin (CJG)', en: 'Centres for Youth and Family (CJG)' },
    regionNoun: { nl: 'CJG-werkgebied', en: 'CJG service area' },
    description: {
      nl: 'Lokale centra voor vragen over opvoeden en opgroeien rond de jeugdgezondheidszorg, van één gemeente of gedeeld door meerdere. Er bestaat geen landelijke indeling: alleen gedocumenteerde gevallen staan hier, van alle andere gemeenten is het onbekend.',
      en: 'Local centres for questions about parenting and growing up, around youth health care, run by one gemeente or shared by several. No national layout exists: only documented cases are shown; for every other gemeente it is unknown.',
    },
    source: {
      citation:
        'Y. van Loon (2017), Een open deur?, masterscriptie Erasmus Universiteit Rotterdam; alleen gedocumenteerde feiten, per regio geciteerd (SOURCES.md §11)',
      licence: 'geciteerde feiten (de bron noemt geen licentie)',
      referenceDate: '2017-01-01',
    },
    coverage: { isComplete: false, allowsMultiMembership: false },
    color: '#CC79A7',
    isDefaultVisible: true,
    layout2011: layout2011('Centrum voor Jeugd en Gezin', ['83', 'Nee', '2008', 'Nee', 'Nee', 'Nee']),
    input: 'membership/cjg_known.csv',
    noteColumn: 'source',
    referenceYearColumn: 'reference_year',
  },
  {
    id: 'ggd-2025',
    kind: 'ggd',
    year: 2025,
    geometryId: 'gemeenten-2025',
    domain: 'jeugd-zorg',
    name: { nl: "GGD-regio's", en: 'Public health service (GGD) regions' },
    regionNoun: { nl: 'GGD-regio', en: 'GGD region' },
    description: {
      nl: "Werkgebieden van de GGD's (publieke gezondheidszorg), die de gemeenten samen besturen (Wet publieke gezondheid).",
      en: 'Areas of the municipal public health services (GGD), run jointly by the gemeenten (Public Health Act).',
    },
    source: CBS_2025,
    coverage: PARTITION,
    color: '#AD7700',
    // Dotted: to protan and deutan eyes this ochre is close to Veilig Thuis's solid vermilion.
    dash: DOTTED,
    isDefaultVisible: false,
    layout2011: layout2011('GGD', ['28', 'Ja', '', '', '', 'Ja']),
    input: 'membership/ggdregio_2025.csv',
  },
  {
    id: 'zorgkantoor-2025',
    kind: 'zorgkantoor',
    year: 2025,
    geometryId: 'gemeenten-2025',
    domain: 'jeugd-zorg',
    name: { nl: "Zorgkantoorregio's", en: 'Care office regions' },
    regionNoun: { nl: 'zorgkantoorregio', en: 'care office region' },
    description: {
      nl: 'Gebieden waarin een zorgkantoor de langdurige zorg regelt (Wet langdurige zorg, 2015).',
      en: 'Areas in which a care office (zorgkantoor) arranges long-term care (Long-term Care Act, 2015).',
    },
    source: CBS_2025,
    coverage: PARTITION,
    color: '#AD7700',
    dash: DASHED,
    isDefaultVisible: false,
    input: 'membership/zorgkantoorregio_2025.csv',
  },
  {
    id: 'politie-eenheid-2025',
    kind: 'politie-eenheid',
    year: 2025,
    geometryId: 'gemeenten-2025',
    domain: 'veiligheid',
    name: { nl: 'Politie: regionale eenheden', en: 'Police: regional units' },
    regionNoun: { nl: 'politie-eenheid', en: 'police unit' },
    description: {
      nl: 'De regionale eenheden van de Nationale Politie, sinds 1 januari 2013 in plaats van 25 regiokorpsen. Elke eenheid is verdeeld in districten en basisteams; daarvan is geen openbare tabel beschikbaar.',
      en: 'The regional units of the national police, since 1 January 2013 replacing 25 regional forces. Each unit is divided into districts and basic teams; no public table of those is available.',
    },
    source: CBS_2025,
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
    input: 'membership/regionale_eenheid_2025.csv',
  },
  {
    id: 'veiligheidsregio-2025',
    kind: 'veiligheidsregio',
    year: 2025,
    geometryId: 'gemeenten-2025',
    domain: 'veiligheid',
    name: { nl: "Veiligheidsregio's", en: 'Safety regions' },
    regionNoun: { nl: 'veiligheidsregio', en: 'safety region' },
    description: {
      nl: "Brandweer, geneeskundige hulpverlening (GHOR) en crisisbeheersing, bestuurd door de burgemeesters (Wet veiligheidsregio's, 2010).",
      en: 'Fire service, medical emergency coordination (GHOR) and crisis management, governed by the mayors (Safety Regions Act, 2010).',
    },
    source: CBS_2025,
    coverage: PARTITION,
    color: '#000000',
    dash: DASHED,
    isDefaultVisible: false,
    layout2011: layout2011("Veiligheidsregio's", ['25', 'Ja', '2002', 'Ja', 'Ja', 'Ja']),
    input: 'membership/veiligheidsregio_2025.csv',
  },
  {
    id: 'arrondissement-2025',
    kind: 'arrondissement',
    year: 2025,
    geometryId: 'gemeenten-2025',
    domain: 'veiligheid',
    name: { nl: 'Arrondissementen', en: 'Judicial districts' },
    regionNoun: { nl: 'arrondissement', en: 'judicial district' },
    description: {
      nl: 'Arrondissementen van de rechtspraak en het Openbaar Ministerie (herziening gerechtelijke kaart, 2013).',
      en: 'Districts of the courts and the public prosecution service (revision of the judicial map, 2013).',
    },
    source: CBS_2025,
    coverage: PARTITION,
    color: '#009E73',
    dash: DOTTED,
    isDefaultVisible: false,
    input: 'membership/arrondissementsgebied_2025.csv',
  },
  {
    id: 'provincie-2025',
    kind: 'provincie',
    year: 2025,
    geometryId: 'gemeenten-2025',
    domain: 'bestuur',
    name: { nl: 'Provincies', en: 'Provinces' },
    regionNoun: { nl: 'provincie', en: 'province' },
    description: {
      nl: 'De twaalf provincies (Provinciewet).',
      en: 'The twelve provinces (Provinces Act).',
    },
    source: CBS_2025,
    coverage: PARTITION,
    color: '#000000',
    isDefaultVisible: false,
    input: 'membership/provincie_2025.csv',
  },
  {
    id: 'arbeidsmarktregio-2025',
    kind: 'arbeidsmarktregio',
    year: 2025,
    geometryId: 'gemeenten-2025',
    domain: 'werk-inkomen',
    name: { nl: "Arbeidsmarktregio's", en: 'Labour market regions' },
    regionNoun: { nl: 'arbeidsmarktregio', en: 'labour market region' },
    description: {
      nl: 'Regio’s waarin gemeenten en UWV samenwerken op de arbeidsmarkt (sinds 2012).',
      en: 'Regions in which gemeenten and the UWV (employee insurance agency) work together on the labour market (since 2012).',
    },
    source: CBS_2025,
    coverage: PARTITION,
    color: '#000000',
    dash: DOTTED,
    isDefaultVisible: false,
    input: 'membership/arbeidsmarktregio_2025.csv',
  },
  {
    id: 'rmc-2025',
    kind: 'rmc',
    year: 2025,
    geometryId: 'gemeenten-2025',
    domain: 'werk-inkomen',
    name: { nl: "RMC-regio's", en: 'RMC regions (early school leavers)' },
    regionNoun: { nl: 'RMC-regio', en: 'RMC region' },
    description: {
      nl: 'Regio’s die voortijdig schoolverlaters registreren en begeleiden (Regionale Meld- en Coördinatiefunctie).',
      en: 'Regions that register and follow up early school leavers (Regional Reporting and Coordination function).',
    },
    source: CBS_2025,
    coverage: PARTITION,
    color: '#CC79A7',
    dash: DASHED,
    isDefaultVisible: false,
    layout2011: layout2011('RMC', ['39', 'Ja', '1994', 'Ja', 'Ja', 'Ja']),
    input: 'membership/regionaalmeld_coordinatiepunt_2025.csv',
  },
];
