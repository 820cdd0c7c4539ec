/**
 * The data model shared by the geo pipeline, the app and the command-line interface.
 * These are also the file formats of `public/data/` (documented in README.md, "Data format"),
 * which users will later import and export.
 */
import type { Topology, GeometryCollection, Polygon, MultiPolygon } from 'topojson-specification';

/** CBS gemeente code, e.g. `GM0363` (Amsterdam). */
export type MunicipalityCode = string;
/** Region code within one layer, e.g. `JZ01`, `VR13`, `CJG01`. */
export type RegionCode = string;
/** Stable layer id: `<kind>-<year>`, e.g. `jeugdregio-2025`. */
export type LayerId = string;

/** A text in both interface languages. */
export interface LocalizedText {
  nl: string;
  en: string;
}

/** Thematic group of layers; `eigen` holds the user's own (imported or edited) layers. */
export type Domain =
  'jeugd' | 'zorg-welzijn' | 'veiligheid' | 'werk-inkomen' | 'onderwijs' | 'fysiek' | 'bestuur' | 'eigen';

/** How the gemeenten of a year relate to a layer's regions. */
export interface CoverageRules {
  /** Every gemeente of the geometry belongs to at least one region. */
  isComplete: boolean;
  /** A gemeente may belong to more than one region. */
  allowsMultiMembership: boolean;
}

/** Where a layer's data comes from. */
export interface SourceInfo {
  /** Human-readable citation, e.g. "CBS Gebiedsindelingen 2025 via cartomap/nl". */
  citation: string;
  /** Public web address of the source, if any (shown as text; the app never fetches it). */
  url?: string;
  /** Licence of the data, e.g. "CC BY 4.0". */
  licence: string;
  /** Date the layout is valid for, ISO `YYYY-MM-DD`. */
  referenceDate: string;
}

/**
 * Attributes of the same kind of layout in 2011, from the VNG study
 * (../shared/reference/layouts-2011.md, Tabel 6). Values as printed there ("Ja", "Nee", "2002", …).
 */
export interface Layout2011 {
  /** The layout's name in the report's table. */
  layoutName: string;
  regionCount: string;
  hasNationalCoverage: string;
  since: string;
  isCooperationImposed: string;
  isLayoutImposed: string;
  legalBasis: string;
  citation: string;
}

/** Authored metadata of one layer (the declarative registry entry, plus what the build derives). */
export interface LayerMeta {
  id: LayerId;
  /** Layout kind without year, e.g. `jeugdregio`; the same kind in another year shares it. */
  kind: string;
  year: number;
  /** Id of the geometry (gemeente set) this layer's member codes refer to, e.g. `gemeenten-2025`. */
  geometryId: string;
  domain: Domain;
  name: LocalizedText;
  /** Name of a single region of this layer, e.g. "jeugdzorgregio" (used in sentences). */
  regionNoun: LocalizedText;
  description: LocalizedText;
  source: SourceInfo;
  coverage: CoverageRules;
  /** Line colour (CSS hex) used for this layer's borders. */
  color: string;
  /** MapLibre `line-dasharray`, or omitted for a solid line. */
  dash?: number[];
  /** Shown in the layer panel by default. */
  isDefaultVisible: boolean;
  layout2011?: Layout2011;
  /** The same layout of the same year in another source, compared at build time; absent if there is none. */
  alsoIn?: LayerAgreement;
}

/**
 * How another source of the same layout and year compares with a layer (e.g. the CBS jeugdregio's of 2016
 * with RegioAtlas 2016), as partitions of the year's gemeenten: region codes and names do not count, only
 * which gemeenten are together. Each region of either source is matched to the region of the other with
 * which it shares most gemeenten.
 */
export interface LayerAgreement {
  /** The other source (citation, licence, reference date). */
  source: SourceInfo;
  /** True when both sources group every gemeente alike (then `differences` is empty). */
  agrees: boolean;
  /**
   * One line per gemeente grouped differently, sorted by code, written
   * `<code> <name>: <region code> <region name> | <other source's region name(s)>`, e.g.
   * `GM0450 Uitgeest: JZ10 IJmond | Noord-Kennemerland`; a gemeente in no region of one side has `-` there.
   */
  differences: string[];
}

/** One region of a layer with its member gemeenten (sorted codes). */
export interface Region {
  code: RegionCode;
  name: string;
  members: MunicipalityCode[];
  /** Per-region source note where the layer's rows carry their own (e.g. CJG facts). */
  note?: string;
}

/** The file `public/data/layers/<id>.json`: one layer's metadata and regions. */
export interface LayerFile {
  format: 'samenwerkingsatlas/layer@1';
  meta: LayerMeta;
  /** Sorted by code. */
  regions: Region[];
}

/** Properties of a gemeente geometry in the municipalities topology. */
export interface MunicipalityProps {
  name: string;
  /** Geodesic area of the generalised polygon, km² (Turf). */
  areaKm2: number;
  /** Inhabitants on the geometry entry's `inhabitantsDate`, or null where unknown. */
  inhabitants: number | null;
  /**
   * For matching gemeenten across years: the gemeenten of the first year of the history (2015) that this
   * gemeente consists of, as GM codes in increasing order (a 2015 gemeente: itself). Whole gemeenten only: a
   * 2015 gemeente whose territory went to several gemeenten (a split, or a merger with a boundary correction)
   * counts wholly in the one that received the largest share of its area, and a boundary correction between
   * gemeenten that both continue moves nothing (geo/README.md, "Years"). So the parts of all gemeenten of
   * a year are every 2015 gemeente exactly once. Absent in topologies built without the history.
   */
  parts?: MunicipalityCode[];
}

/** The object name of the gemeenten in every municipalities topology. */
export const MUNICIPALITIES_OBJECT = 'municipalities';

export type MunicipalityTopology = Topology<{
  [MUNICIPALITIES_OBJECT]: GeometryCollection<MunicipalityProps>;
}>;

/** A gemeente geometry in the topology (id = GM code). */
export type MunicipalityGeometry = (Polygon<MunicipalityProps> | MultiPolygon<MunicipalityProps>) & {
  id: MunicipalityCode;
};

/**
 * How a former gemeente's territory (or part of it) went to a receiving gemeente. The reference table
 * (../shared/reference/herindelingen-2015-2025.md) writes these in Dutch:
 * - `merger`: samenvoeging (old gemeente abolished, new gemeente with a new CBS code);
 * - `merger-kept-code`: samenvoeging in which the new gemeente took a partner's name, so CBS kept that code;
 * - `light-merger`: lichte samenvoeging (the territory was added to an existing gemeente);
 * - `absorbed`: opgegaan in (CBS only says the gemeente went up in the receiver, which kept its name and code);
 * - `split`: splitsing (divided over several receivers, one transfer each);
 * - `boundary-correction`: grenscorrectie (a part moved while the gemeente continued);
 * - `rename`: naamswijziging with a new CBS code.
 */
export type FormerChangeKind =
  'merger' | 'merger-kept-code' | 'light-merger' | 'absorbed' | 'split' | 'boundary-correction' | 'rename';

/** One step of a transfer whose receiver was itself merged later (e.g. Muiden → Weesp → Amsterdam). */
export interface FormerStep {
  /** The intermediate gemeente, which no longer exists. */
  code: MunicipalityCode;
  name: string;
  /** When the intermediate gemeente's territory went on to the next receiver, ISO `YYYY-MM-DD`. */
  date: string;
  kind: FormerChangeKind;
  source: string;
}

/** Where (part of) a former gemeente went, as a gemeente of the geometry's year. */
export interface FormerTransfer {
  /** The receiving gemeente in this geometry (after following `via`). */
  code: MunicipalityCode;
  /** When the territory left the former gemeente, ISO `YYYY-MM-DD`. */
  date: string;
  kind: FormerChangeKind;
  /**
   * Share of the former gemeente's area (in the oldest geometry of the table) that went to `code`,
   * in (0, 1]: 1 for a whole merger or rename; measured (± a few per cent) for splits and corrections.
   */
  areaShare: number;
  /** Public statement(s) of date and type; several separated by " | ". */
  source: string;
  /** Intermediate gemeenten in order, when the first receiver no longer exists; absent otherwise. */
  via?: FormerStep[];
}

/** A gemeente that no longer exists, and where its territory went. */
export interface FormerMunicipality {
  code: MunicipalityCode;
  /** Its last official name. */
  name: string;
  /** Sorted by date, then largest share first, then code. Never empty. */
  transfers: FormerTransfer[];
}

/** The file `public/data/former-municipalities-<year>.json`. */
export interface FormerMunicipalitiesFile {
  format: 'samenwerkingsatlas/former-municipalities@1';
  /** The geometry whose gemeenten the receivers are. */
  geometryId: string;
  source: SourceInfo;
  /** Sorted by code. */
  municipalities: FormerMunicipality[];
}

/** The former-gemeenten file of a geometry, in the manifest. */
export interface FormerEntry {
  file: string;
  sha256: string;
  /** Number of former gemeenten listed. */
  count: number;
}

/** One gemeente set (year) in the manifest. */
export interface GeometryEntry {
  id: string;
  year: number;
  file: string;
  sha256: string;
  municipalityCount: number;
  source: SourceInfo;
  /** Reference date of the inhabitants figures, ISO date, or null if none. */
  inhabitantsDate: string | null;
  inhabitantsSource: string | null;
  /** Gemeenten that existed earlier but not in this geometry, and where they went; absent if not built. */
  former?: FormerEntry;
}

/** One layer in the manifest. */
export interface LayerEntry {
  id: LayerId;
  file: string;
  sha256: string;
  geometryId: string;
  regionCount: number;
  /** Number of gemeenten that belong to at least one region. */
  coveredCount: number;
  /**
   * The layer's kind, name and line colour, so that the year control can say which layouts a year has without
   * reading that year's layer files. Optional: manifests written before the years had none.
   */
  kind?: string;
  name?: LocalizedText;
  color?: string;
}

/** `public/data/manifest.json`. */
export interface Manifest {
  format: 'samenwerkingsatlas/manifest@1';
  geometries: GeometryEntry[];
  /** In registry order (grouped by domain). */
  layers: LayerEntry[];
}

/** Why the browser's storage of the user's layers failed: not available (e.g. private mode), full, or another failure. */
export type StorageFailure = 'unavailable' | 'quota' | 'failed';
