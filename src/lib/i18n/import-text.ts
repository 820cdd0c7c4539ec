/**
 * The sentences of the importer, in either interface language: one per problem ("Regel 4: Onbekende
 * gemeente ‘Amsterdm’. Bedoelt u Amsterdam?"), the summary of a result, and storage failures. Plain words,
 * no markup: the interface shows them as text. Pure.
 */
import type {
  GeometryReason,
  ImportFormat,
  ImportProblem,
  ImportProblemKind,
  ImportStats,
  MunicipalityRef,
} from '../import/problems';
import type { StorageFailure } from '../types';
import type { Lang } from './messages';

const LOCALES: Record<Lang, string> = { nl: 'nl-NL', en: 'en-GB' };

/** Most gemeenten named in a sentence about partial coverage. */
const NAMED_MISSING = 5;

/** Problem kinds after which the row (feature, region) is not in the layer; with severity `warning` that is said. */
const LEAVES_OUT: ReadonlySet<ImportProblemKind> = new Set<ImportProblemKind>([
  'malformed-row',
  'empty-municipality',
  'unknown-municipality',
  'ambiguous-municipality',
  'former-municipality',
  'invalid-geometry',
]);

interface Tools {
  lang: Lang;
  q: (s: string | undefined) => string;
  num: (n: number | undefined) => string;
  and: (items: string[]) => string;
  or: (items: string[]) => string;
  names: (list: MunicipalityRef[] | undefined) => string[];
  /** A row of the file as the problem's format calls it, in lower case: "regel 4", "region 2", "vlak 3". */
  where: (row: number | undefined) => string;
}

type Sentence = (p: ImportProblem, t: Tools) => string;

const GEOMETRY_REASONS: Record<GeometryReason, Record<Lang, (detail: string) => string>> = {
  'not-a-feature': { nl: () => 'is geen GeoJSON-Feature', en: () => 'is not a GeoJSON Feature' },
  'no-geometry': { nl: () => 'heeft geen geometrie', en: () => 'has no geometry' },
  'wrong-type': {
    nl: (d) => `is geen vlak (Polygon of MultiPolygon)${d ? ` maar ${d}` : ''}`,
    en: (d) => `is not an area (Polygon or MultiPolygon)${d ? ` but ${d}` : ''}`,
  },
  'bad-coordinates': {
    nl: () => 'heeft coördinaten die geen paar getallen zijn',
    en: () => 'has coordinates that are not pairs of numbers',
  },
  'too-few-positions': {
    nl: () => 'heeft een ring met minder dan vier punten',
    en: () => 'has a ring of fewer than four positions',
  },
  'unclosed-ring': {
    nl: () => 'heeft een ring die niet gesloten is (het laatste punt moet gelijk zijn aan het eerste)',
    en: () => 'has a ring that is not closed (the last position must equal the first)',
  },
  'not-wgs84': {
    nl: (d) =>
      `heeft coördinaten die geen lengte- en breedtegraden zijn (${d}); sla het bestand op in WGS 84 (EPSG:4326), bijvoorbeeld niet in RD (EPSG:28992)`,
    en: (d) =>
      `has coordinates that are not longitude and latitude (${d}); save the file in WGS 84 (EPSG:4326), not for example in RD (EPSG:28992)`,
  },
  'too-complex': {
    nl: () =>
      'heeft een rand die zichzelf vele keren snijdt of te grillig is om na te gaan; repareer en vereenvoudig het, bijvoorbeeld in mapshaper (mapshaper.org, -clean en -simplify 10%)',
    en: () =>
      'has a border that crosses itself many times or is too intricate to check; repair and simplify it, for example in mapshaper (mapshaper.org, -clean and -simplify 10%)',
  },
  'intersect-failed': {
    nl: (d) =>
      `kon niet met de gemeenten worden vergeleken; de vorm is ongeldig, bijvoorbeeld een rand die zichzelf snijdt (${d})`,
    en: (d) =>
      `could not be compared with the municipalities; the shape is invalid, for example a border that crosses itself (${d})`,
  },
};

const SENTENCES: Record<ImportProblemKind, Record<Lang, Sentence>> = {
  'too-large': {
    nl: (p, t) => {
      const [size, limit] = sizes(p.count, p.limit, t);
      return `Het bestand is te groot (${size}); de grens is ${limit}.`;
    },
    en: (p, t) => {
      const [size, limit] = sizes(p.count, p.limit, t);
      return `The file is too large (${size}); the limit is ${limit}.`;
    },
  },
  'empty-file': { nl: () => 'Het bestand is leeg.', en: () => 'The file is empty.' },
  binary: {
    nl: () => 'Dit is geen tekstbestand (het bevat binaire gegevens). Kies een CSV-, JSON- of GeoJSON-bestand.',
    en: () => 'This is not a text file (it contains binary data). Choose a CSV, JSON or GeoJSON file.',
  },
  spreadsheet: {
    nl: () => 'Dit lijkt een Excel- of ander rekenbladbestand. Sla het op als CSV (UTF-8) en lees dat in.',
    en: () => 'This looks like an Excel or other spreadsheet file. Save it as CSV (UTF-8) and import that.',
  },
  'too-many-rows': {
    nl: (p, t) =>
      p.count === undefined
        ? `Het bestand heeft meer dan ${t.num(p.limit)} rijen; zo groot is geen indeling van gemeenten. Er is niets ingelezen.`
        : `Het bestand heeft ${t.num(p.count)} vlakken, meer dan de ${t.num(p.limit)} die worden ingelezen. Er is niets ingelezen.`,
    en: (p, t) =>
      p.count === undefined
        ? `The file has more than ${t.num(p.limit)} rows; no layout of municipalities is that large. Nothing was imported.`
        : `The file has ${t.num(p.count)} features, more than the ${t.num(p.limit)} that are read. Nothing was imported.`,
  },
  'no-rows': {
    nl: () => 'Er staan geen gegevens in het bestand (alleen een kopregel, of geen vlakken).',
    en: () => 'The file holds no data (only a header line, or no features).',
  },
  'no-header': {
    nl: () =>
      'De eerste regel is geen kopregel; de kolommen zijn gelezen als gemeente, regionaam en (als die er is) regiocode.',
    en: () =>
      'The first line is not a header; the columns were read as municipality, region name and (if present) region code.',
  },
  'missing-column': {
    nl: (p, t) =>
      `${p.value === 'region' ? 'Geen kolom voor de regio gevonden (zoals ‘regio’, ‘regionaam’ of ‘regiocode’).' : 'Geen kolom voor de gemeente gevonden (zoals ‘gemeente’, ‘gemeentenaam’ of ‘gemeentecode’).'} Kolommen in het bestand: ${t.q(p.detail)}.`,
    en: (p, t) =>
      `${p.value === 'region' ? 'No column for the region found (such as ‘region’, ‘regio’ or ‘regiocode’).' : 'No column for the municipality found (such as ‘municipality’, ‘gemeente’ or ‘gemeentecode’).'} Columns in the file: ${t.q(p.detail)}.`,
  },
  'malformed-row': {
    nl: (p) => `Deze regel kan niet worden gelezen (${p.detail ?? 'onbekende fout'}); controleer de aanhalingstekens.`,
    en: (p) => `This line cannot be read (${p.detail ?? 'unknown error'}); check the quotation marks.`,
  },
  'invalid-json': {
    nl: (p) => `Het bestand is geen geldige JSON (${p.detail ?? ''}).`,
    en: (p) => `The file is not valid JSON (${p.detail ?? ''}).`,
  },
  'invalid-layer': {
    nl: (p) => `Het bestand lijkt een laag van de Samenwerkingsatlas, maar klopt niet: ${p.detail ?? ''}`,
    en: (p) => `The file looks like a Samenwerkingsatlas layer, but is not valid: ${p.detail ?? ''}`,
  },
  'unknown-format': {
    nl: (p, t) =>
      `Onbekend JSON-formaat (${t.q(p.detail)}). Verwacht een laag van deze atlas (samenwerkingsatlas/layer@1) of een GeoJSON FeatureCollection met vlakken.`,
    en: (p, t) =>
      `Unknown JSON format (${t.q(p.detail)}). Expected a layer of this atlas (samenwerkingsatlas/layer@1) or a GeoJSON FeatureCollection of polygons.`,
  },
  'other-geometry': {
    nl: (p, t) =>
      `De laag is gemaakt voor de gemeenten van ${t.q(p.value)}; ze is gecontroleerd tegen die van ${t.q(p.detail)}.`,
    en: (p, t) =>
      `The layer was made for the municipalities of ${t.q(p.value)}; it was checked against those of ${t.q(p.detail)}.`,
  },
  'empty-municipality': {
    nl: () => 'Geen gemeente ingevuld.',
    en: () => 'No municipality filled in.',
  },
  'unknown-municipality': {
    nl: (p, t) =>
      `Onbekende gemeente ${t.q(p.value)}.${p.suggestions?.length ? ` Bedoelt u ${t.or(t.names(p.suggestions))}?` : ''}`,
    en: (p, t) =>
      `Unknown municipality ${t.q(p.value)}.${p.suggestions?.length ? ` Did you mean ${t.or(t.names(p.suggestions))}?` : ''}`,
  },
  'ambiguous-municipality': {
    nl: (p, t) =>
      `${t.q(p.value)} past bij meer dan één gemeente: ${t.or(t.names(p.suggestions))}. Schrijf de naam met provincie, zoals de CBS-naam, of gebruik de gemeentecode.`,
    en: (p, t) =>
      `${t.q(p.value)} fits more than one municipality: ${t.or(t.names(p.suggestions))}. Write the name with its province, as in the CBS name, or use the municipality code.`,
  },
  'former-municipality': {
    nl: (p, t) =>
      `${t.q(p.value)} is een vroegere gemeente; het gebied hoort nu bij ${t.and(targets(p, t))}. Kies hieronder om vroegere gemeenten in te delen bij hun huidige gemeente.`,
    en: (p, t) =>
      `${t.q(p.value)} is a former municipality; its territory is now part of ${t.and(targets(p, t))}. Choose below to place former municipalities in their current municipality.`,
  },
  'former-mapped': {
    nl: (p, t) =>
      `Vroegere gemeente ${t.q(p.value)} is ingedeeld als ${targets(p, t)[0] ?? '?'}${(p.mapsTo?.length ?? 0) > 1 ? ', die het grootste deel van het gebied kreeg' : ''}.`,
    en: (p, t) =>
      `Former municipality ${t.q(p.value)} was placed as ${targets(p, t)[0] ?? '?'}${(p.mapsTo?.length ?? 0) > 1 ? ', which received the largest part of its territory' : ''}.`,
  },
  corrected: {
    nl: (p, t) => `${t.q(p.value)} gelezen als ${p.municipality?.name ?? '?'}, zoals gekozen.`,
    en: (p, t) => `${t.q(p.value)} read as ${p.municipality?.name ?? '?'}, as chosen.`,
  },
  'name-code-mismatch': {
    nl: (p, t) =>
      `${t.q(p.value)} past niet bij de andere gemeentekolom van deze regel; gelezen als ${p.municipality?.name ?? '?'} (${p.municipality?.code ?? '?'}).`,
    en: (p, t) =>
      `${t.q(p.value)} does not match the other municipality column of this line; read as ${p.municipality?.name ?? '?'} (${p.municipality?.code ?? '?'}).`,
  },
  'empty-region': {
    nl: (p, t) =>
      p.region !== undefined
        ? `Regio zonder naam; ${t.q(p.region)} is als naam gebruikt.`
        : `Geen regio ingevuld${p.municipality ? ` voor ${p.municipality.name}` : ''}; niet ingedeeld.`,
    en: (p, t) =>
      p.region !== undefined
        ? `Region without a name; ${t.q(p.region)} was used as its name.`
        : `No region filled in${p.municipality ? ` for ${p.municipality.name}` : ''}; not placed.`,
  },
  'region-name-conflict': {
    nl: (p, t) =>
      `Deze regiocode heet hier ${t.q(p.value)}, maar op regel ${t.num(p.otherRow)} ${t.q(p.region)}; de eerste naam is aangehouden.`,
    en: (p, t) =>
      `This region code is called ${t.q(p.value)} here, but ${t.q(p.region)} on line ${t.num(p.otherRow)}; the first name was kept.`,
  },
  'long-name': {
    nl: (p, t) => `Te lange naam, ingekort tot ${t.q(p.value)}.`,
    en: (p, t) => `Name too long, cut to ${t.q(p.value)}.`,
  },
  duplicate: {
    nl: (p, t) =>
      `${p.municipality?.name ?? t.q(p.value)} staat al in ${t.q(p.region)} (regel ${t.num(p.otherRow)}); deze regel is dubbel en telt niet nog eens mee.`,
    en: (p, t) =>
      `${p.municipality?.name ?? t.q(p.value)} is already in ${t.q(p.region)} (line ${t.num(p.otherRow)}); this line is a duplicate and does not count again.`,
  },
  'multi-membership': {
    nl: (p, t) => `${p.municipality?.name ?? '?'} hoort bij meer dan één regio: ${t.and((p.regions ?? []).map(t.q))}.`,
    en: (p, t) =>
      `${p.municipality?.name ?? '?'} belongs to more than one region: ${t.and((p.regions ?? []).map(t.q))}.`,
  },
  'partial-coverage': {
    nl: (p, t) =>
      `${t.num(p.count)} ${p.count === 1 ? 'gemeente hoort' : 'gemeenten horen'} bij geen regio; op de kaart staat daar ‘geen gegevens’${named(p, t, 'zoals')}.`,
    en: (p, t) =>
      `${t.num(p.count)} ${p.count === 1 ? 'municipality belongs' : 'municipalities belong'} to no region; the map shows ‘no data’ there${named(p, t, 'such as')}.`,
  },
  'no-regions': {
    nl: () => 'Geen enkele gemeente kon in een regio worden ingedeeld, dus er is geen laag om toe te voegen.',
    en: () => 'No municipality could be placed in a region, so there is no layer to add.',
  },
  'invalid-geometry': {
    nl: (p) => `Dit vlak ${GEOMETRY_REASONS[p.reason ?? 'wrong-type'].nl(p.detail ?? '')}.`,
    en: (p) => `This feature ${GEOMETRY_REASONS[p.reason ?? 'wrong-type'].en(p.detail ?? '')}.`,
  },
  'self-intersection': {
    nl: (p) => `De rand van dit vlak snijdt zichzelf (bij ${p.detail ?? '?'}); oppervlakten kunnen afwijken.`,
    en: (p) => `The border of this feature crosses itself (near ${p.detail ?? '?'}); areas may be off.`,
  },
  'split-municipality': {
    nl: (p, t) =>
      `${p.municipality?.name ?? '?'} ligt in meer regio’s (${shares(p, t)}); ingedeeld bij ${t.q(p.region)}.`,
    en: (p, t) =>
      `${p.municipality?.name ?? '?'} lies in several regions (${shares(p, t)}); placed in ${t.q(p.region)}.`,
  },
  'partly-covered': {
    nl: (p, t) =>
      `${p.municipality?.name ?? '?'} ligt voor minder dan de helft in een regio (${shares(p, t)}); niet ingedeeld.`,
    en: (p, t) =>
      `Less than half of ${p.municipality?.name ?? '?'} lies in any one region (${shares(p, t)}); not placed.`,
  },
  'region-without-municipality': {
    nl: (p, t) => `Regio ${t.q(p.value)} bevat van geen enkele gemeente de helft en valt weg.`,
    en: (p, t) => `Region ${t.q(p.value)} holds half of no municipality and is left out.`,
  },
  'region-left-out': {
    nl: (p, t) =>
      `Regio ${t.q(p.value)} valt weg: geen van de gemeenten ervan kon worden gebruikt (zie ${t.where(p.otherRow)} en verder).`,
    en: (p, t) =>
      `Region ${t.q(p.value)} is left out: none of its municipalities could be used (see ${t.where(p.otherRow)} onwards).`,
  },
  'too-many-vertices': {
    nl: (p, t) =>
      `De vlakken in het bestand hebben samen ${t.num(p.count)} punten; er worden er hoogstens ${t.num(p.limit)} ingelezen, want zo fijn zijn de gemeentegrenzen van de atlas lang niet. Vereenvoudig de vlakken, bijvoorbeeld in mapshaper (mapshaper.org, -simplify 10%), en lees het bestand opnieuw in. Er is niets ingelezen.`,
    en: (p, t) =>
      `The features in the file have ${t.num(p.count)} points together; at most ${t.num(p.limit)} are read, as the atlas’s municipal borders are nowhere near that fine. Simplify the features, for example in mapshaper (mapshaper.org, -simplify 10%), and import the file again. Nothing was imported.`,
  },
  'too-complex': {
    nl: (p, t) =>
      `De vlakken zijn te ingewikkeld om met de gemeenten te vergelijken: dat zou meer dan ${t.num(p.limit)} rekenstappen kosten. Vereenvoudig ze, bijvoorbeeld in mapshaper (mapshaper.org, -simplify 10%), en lees het bestand opnieuw in. Er is niets ingelezen.`,
    en: (p, t) =>
      `The features are too intricate to compare with the municipalities: that would take more than ${t.num(p.limit)} steps. Simplify them, for example in mapshaper (mapshaper.org, -simplify 10%), and import the file again. Nothing was imported.`,
  },
  internal: {
    nl: (p) =>
      `Er ging iets mis bij het inlezen (${p.detail ?? '?'}). Dat is een fout in de atlas, niet in uw bestand; uw andere lagen zijn niet veranderd.`,
    en: (p) =>
      `Something went wrong while importing (${p.detail ?? '?'}). That is a bug in the atlas, not in your file; your other layers are unchanged.`,
  },
};

const WHERE: Record<ImportFormat, Record<Lang, string>> = {
  csv: { nl: 'Regel', en: 'Line' },
  'layer-json': { nl: 'Regio', en: 'Region' },
  geojson: { nl: 'Vlak', en: 'Feature' },
};

/**
 * One problem as a sentence in `lang`, starting with where it is ("Regel 4: …", "Vlak 2 (Noord): …") when it
 * concerns one row, region or feature of a file read as `format` (default CSV). A row-level problem of
 * severity `warning` (the row was left out by choice) ends with "Weggelaten." / "Left out.".
 * @example describeProblem({ severity: 'error', kind: 'unknown-municipality', row: 4, value: 'Amsterdm',
 *   suggestions: [{ code: 'GM0363', name: 'Amsterdam' }] }, 'nl')
 * // 'Regel 4: Onbekende gemeente ‘Amsterdm’. Bedoelt u Amsterdam?'
 */
export function describeProblem(problem: ImportProblem, lang: Lang, format: ImportFormat = 'csv'): string {
  const locale = LOCALES[lang];
  const tools: Tools = {
    lang,
    q: (s) => `‘${s ?? ''}’`,
    num: (n) => (n === undefined ? '?' : n.toLocaleString(locale)),
    and: (items) => new Intl.ListFormat(locale, { type: 'conjunction' }).format(items),
    or: (items) => new Intl.ListFormat(locale, { type: 'disjunction' }).format(items),
    names: (list) => (list ?? []).map((m) => m.name),
    where: (row) => `${WHERE[format][lang].toLowerCase()} ${row === undefined ? '?' : row.toLocaleString(locale)}`,
  };
  let sentence = SENTENCES[problem.kind][lang](problem, tools);
  if (LEAVES_OUT.has(problem.kind) && problem.severity === 'warning') {
    sentence += lang === 'nl' ? ' Weggelaten.' : ' Left out.';
  }
  if (problem.row === undefined) return sentence;
  const label =
    format === 'geojson' && problem.value !== undefined && problem.kind !== 'long-name'
      ? `${WHERE[format][lang]} ${tools.num(problem.row)} (${problem.value})`
      : `${WHERE[format][lang]} ${tools.num(problem.row)}`;
  return `${label}: ${sentence}`;
}

/**
 * The summary of an import in `lang`, e.g. "12 rijen gelezen, 11 ingedeeld; 3 regio’s; 11 van de 342
 * gemeenten ingedeeld; 1 gemeente in meer dan één regio."
 */
export function describeStats(stats: ImportStats, lang: Lang, format: ImportFormat = 'csv'): string {
  const n = (x: number) => x.toLocaleString(LOCALES[lang]);
  const plural = (count: number, one: string, many: string) => `${n(count)} ${count === 1 ? one : many}`;
  const rows: Record<ImportFormat, Record<Lang, [string, string]>> = {
    csv: { nl: ['rij', 'rijen'], en: ['row', 'rows'] },
    'layer-json': { nl: ['regio', 'regio’s'], en: ['region', 'regions'] },
    geojson: { nl: ['vlak', 'vlakken'], en: ['feature', 'features'] },
  };
  const [one, many] = rows[format][lang];
  // A layer JSON counts its members as used, which are no rows: say them as memberships.
  const read =
    format === 'layer-json'
      ? lang === 'nl'
        ? `${plural(stats.rows, one, many)} gelezen met ${plural(stats.matched, 'lidmaatschap', 'lidmaatschappen')}`
        : `${plural(stats.rows, one, many)} read with ${plural(stats.matched, 'membership', 'memberships')}`
      : lang === 'nl'
        ? `${plural(stats.rows, one, many)} gelezen, ${n(stats.matched)} gebruikt`
        : `${plural(stats.rows, one, many)} read, ${n(stats.matched)} used`;
  const parts =
    lang === 'nl'
      ? [
          read,
          plural(stats.regions, 'regio', 'regio’s'),
          `${n(stats.covered)} van de ${n(stats.total)} gemeenten ingedeeld`,
        ]
      : [
          read,
          plural(stats.regions, 'region', 'regions'),
          `${n(stats.covered)} of the ${n(stats.total)} municipalities placed`,
        ];
  if (stats.multiMembership > 0) {
    parts.push(
      lang === 'nl'
        ? `${plural(stats.multiMembership, 'gemeente', 'gemeenten')} in meer dan één regio`
        : `${plural(stats.multiMembership, 'municipality', 'municipalities')} in more than one region`,
    );
  }
  return `${parts.join('; ')}.`;
}

/** What to tell the user when the browser's storage failed. */
export function describeStorageFailure(reason: StorageFailure, lang: Lang): string {
  const text: Record<StorageFailure, Record<Lang, string>> = {
    unavailable: {
      nl: 'Deze browser laat de atlas hier niets bewaren (bijvoorbeeld in een privévenster). Eigen lagen blijven alleen tot u de pagina sluit; exporteer ze om ze te houden.',
      en: 'This browser does not let the atlas store anything here (for example in a private window). Your layers last only until you close the page; export them to keep them.',
    },
    quota: {
      nl: 'De opslag van de browser is vol; de laag is niet bewaard. Verwijder een eigen laag of exporteer hem.',
      en: 'The browser’s storage is full; the layer was not saved. Delete one of your layers or export it.',
    },
    failed: {
      nl: 'Bewaren in de browser is mislukt; de laag staat wel op de kaart tot u de pagina sluit.',
      en: 'Saving in the browser failed; the layer stays on the map until you close the page.',
    },
  };
  return text[reason][lang];
}

function targets(p: ImportProblem, t: Tools): string[] {
  return (p.mapsTo ?? []).map((m) => (t.lang === 'nl' ? `${m.name} (sinds ${m.year})` : `${m.name} (since ${m.year})`));
}

function shares(p: ImportProblem, t: Tools): string {
  return t.and((p.shares ?? []).map((s) => `${t.q(s.region)} ${t.num(s.sharePct)}%`));
}

function named(p: ImportProblem, t: Tools, such: string): string {
  const list = t.names(p.municipalities).slice(0, NAMED_MISSING);
  if (list.length === 0) return '';
  const more = (p.municipalities?.length ?? 0) > list.length;
  return ` (${such} ${list.join(', ')}${more ? ', …' : ''})`;
}

/**
 * A file's size and the limit it exceeds, in MB (1024 × 1024 bytes), never as the same number: the size gets
 * as many decimals (up to three) as it takes to differ from the limit, rounded down so that it never looks
 * smaller than it is next to the limit ("5,2 MB; de grens is 5 MB"); a size only bytes over the limit is said
 * in bytes, as the limit is then.
 */
function sizes(bytes: number | undefined, limitBytes: number | undefined, t: Tools): [string, string] {
  const locale = LOCALES[t.lang];
  const mb = (n: number, digits: number) =>
    `${(Math.floor((n / (1024 * 1024)) * 10 ** digits) / 10 ** digits).toLocaleString(locale, { maximumFractionDigits: digits })} MB`;
  if (bytes === undefined || limitBytes === undefined) {
    return [bytes === undefined ? '?' : mb(bytes, 1), limitBytes === undefined ? '?' : mb(limitBytes, 1)];
  }
  const limit = mb(limitBytes, 3);
  for (let digits = 1; digits <= 3; digits++) {
    const size = mb(bytes, digits);
    if (size !== limit) return [size, limit];
  }
  const exact = (n: number) => `${n.toLocaleString(locale)} bytes`;
  return [exact(bytes), exact(limitBytes)];
}
