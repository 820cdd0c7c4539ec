/**
 * Where an export's data comes from and how to get back to it: the sources and reference dates of the
 * gemeente geometry and of each exported layer, the view's link and the day of the export. Shared by the
 * CSV, SVG and PNG exports, so every file names the same sources. Pure: the export date is passed in.
 *
 * A source is cited once however many layers come from it ("Jeugdregio's 2025, GGD-regio's 2025: CBS …"),
 * as a reader can follow it: the citation (publisher, title), licence, reference date and web address. The
 * registry's citations also point maintainers to this repository's notes ("(SOURCES.md §3)") and files
 * (`herindelingen-2015-2025.csv`); an export leaves those out or says in words what they are
 * (`displayCitation`). File names of a published dataset (RegioAtlas's `Sociaal/wmoregios.csv`) stay: they
 * name the dataset.
 */
import type { Atlas } from '../data/atlas';
import type { LayerId, LocalizedText, SourceInfo } from '../types';
import type { Lang } from '../i18n/messages';
import { translate } from '../i18n/messages';
import { formatDate } from '../i18n/format';
import { findLayer } from '../stats/pair';
import { isProjected } from '../history/projection';
import type { CsvNote } from './csv';

/** One source of an export: what it gave (the geometry or a layer's name) and its citation. */
export interface SourceNote {
  /** "Gemeentegrenzen 2025" or a layer's name, in the export's language. */
  subject: string;
  citation: string;
  licence: string;
  /** ISO `YYYY-MM-DD`. */
  referenceDate: string;
  /** Public web address of the source, if any. */
  url?: string;
}

/** A distinct source as an export cites it: every subject it gave, and its citation made readable. */
export interface CitedSource {
  /** The subjects of every `SourceNote` with this source, in their order. */
  subjects: string[];
  /** `displayCitation` of the citation; the dataset files of several subjects listed together. */
  citation: string;
  licence: string;
  referenceDate: string;
  url: string | null;
}

const GEOMETRY_SUBJECT: LocalizedText = { nl: 'Gemeentegrenzen {year}', en: 'Municipal borders {year}' };
/** Added to the source of a layer drawn on another year's gemeenten: how the gemeenten were matched. */
const MATCHING: LocalizedText = { nl: 'gemeenten gekoppeld', en: 'municipalities matched' };
/** The export date: "Gemaakt op 3 december 2026". */
const MADE_ON: LocalizedText = { nl: 'Gemaakt op {date}', en: 'Made on {date}' };

/**
 * The sources of an export of `layerIds`: the gemeente geometry first, then each layer in the given order
 * (one per layer, citations as in the registry; `citeSources` makes them an export's list).
 * Throws DataError for a layer id the atlas does not hold.
 * @example sourcesOf(grid, ['rows-2025'], 'nl')[0].subject // 'Gemeentegrenzen 2025'
 */
export function sourcesOf(atlas: Atlas, layerIds: readonly LayerId[], lang: Lang): SourceNote[] {
  const note = (subject: string, source: SourceInfo): SourceNote => ({
    subject,
    citation: source.citation,
    licence: source.licence,
    referenceDate: source.referenceDate,
    ...(source.url ? { url: source.url } : {}),
  });
  return [
    note(GEOMETRY_SUBJECT[lang].replace('{year}', String(atlas.geometry.year)), atlas.geometry.source),
    ...layerIds.map((id) => {
      const meta = findLayer(atlas, id).meta;
      const source = isProjected(meta)
        ? { ...meta.source, citation: `${meta.source.citation}; ${MATCHING[lang]}: ${meta.projection.method.summary}` }
        : meta.source;
      return note(meta.name[lang], source);
    }),
  ];
}

/** Files of this repository that registry citations name, as a reader outside it should read them. */
const REPOSITORY_FILES: Readonly<Record<string, string>> = {
  'herindelingen-2015-2025.csv': 'de gemeentelijke herindelingen 2015–2025 (CBS, VNG, herindelingswetten)',
};

/** A reference to this repository's source notes: "SOURCES.md §5", "SOURCES.md §5, §12b". */
const NOTES_REFERENCE = String.raw`SOURCES\.md(?:\s*§\s*\d+[a-z]?(?:\s*,\s*§\s*\d+[a-z]?)*)?`;

/**
 * A registry citation as an export shows it: references to this repository's notes left out (a whole
 * "(SOURCES.md §3)", or the "; SOURCES.md §4" part of a parenthesis), a parenthesis naming only a notes file
 * (`(herindelingen-2015-2025.md)`) left out, and this repository's data files said in words.
 * @example displayCitation('CBS Gebiedsindelingen 2025 (PDOK); lidmaatschap afgeleid uit de regiokaart (SOURCES.md §3)')
 * // 'CBS Gebiedsindelingen 2025 (PDOK); lidmaatschap afgeleid uit de regiokaart'
 * @example displayCitation('via ties/x (Gemeente_2015_layer_q1e3, gekwantiseerd 1e3; SOURCES.md §4)')
 * // 'via ties/x (Gemeente_2015_layer_q1e3, gekwantiseerd 1e3)'
 */
export function displayCitation(citation: string): string {
  let text = citation
    .replace(new RegExp(String.raw`\s*\(\s*${NOTES_REFERENCE}\s*\)`, 'g'), '')
    .replace(new RegExp(String.raw`\s*[;,]?\s*${NOTES_REFERENCE}`, 'g'), '')
    .replace(/\s*\(\s*[\w.-]+\.md\s*\)/g, '');
  for (const [file, words] of Object.entries(REPOSITORY_FILES)) text = text.replaceAll(file, words);
  return text
    .replace(/\s{2,}/g, ' ')
    .replace(/\s+([;,.)])/g, '$1')
    .trim();
}

/** A published dataset's file named last in a parenthesis: "(openstate/datasets, …; Sociaal/wmoregios.csv)". */
const DATASET_FILE = /;\s*([\w-]+(?:\/[\w.-]+)*\.(?:csv|json|topojson))\)/g;
const FILES_SLOT = '\u0000';

/**
 * The distinct sources of `sources`, in order of first appearance: notes with the same citation (as displayed),
 * licence, reference date and web address become one, with all their subjects. Notes whose citations differ
 * only in the dataset file named at the end of a parenthesis (the RegioAtlas export's files) are one source
 * too, its files listed together in the subjects' order.
 * @example citeSources([{ subject: 'A', citation: 'X', licence: 'L', referenceDate: '2025-01-01' },
 *   { subject: 'B', citation: 'X', licence: 'L', referenceDate: '2025-01-01' }]).map((s) => s.subjects) // [['A', 'B']]
 */
export function citeSources(sources: readonly SourceNote[]): CitedSource[] {
  const byKey = new Map<string, { cited: CitedSource; pattern: string; files: string[] }>();
  for (const source of sources) {
    const citation = displayCitation(source.citation);
    const files = [...citation.matchAll(DATASET_FILE)].map((m) => m[1]!);
    // Only a citation naming exactly one file is merged by its file; any other is cited as it is.
    const pattern = files.length === 1 ? citation.replace(DATASET_FILE, `; ${FILES_SLOT})`) : citation;
    const key = [pattern, source.licence, source.referenceDate, source.url ?? ''].join('\u0001');
    const known = byKey.get(key);
    if (known) {
      if (!known.cited.subjects.includes(source.subject)) known.cited.subjects.push(source.subject);
      for (const file of files) if (!known.files.includes(file)) known.files.push(file);
      continue;
    }
    byKey.set(key, {
      cited: {
        subjects: [source.subject],
        citation,
        licence: source.licence,
        referenceDate: source.referenceDate,
        url: source.url ?? null,
      },
      pattern,
      files: files.length === 1 ? files : [],
    });
  }
  return [...byKey.values()].map(({ cited, pattern, files }) =>
    pattern.includes(FILES_SLOT) ? { ...cited, citation: pattern.replace(FILES_SLOT, files.join(', ')) } : cited,
  );
}

/**
 * One cited source as a phrase: "subjects: citation (licence, reference date 1 January 2025), url".
 * @example sourcePhrase({ subjects: ['Rijen'], citation: 'Test', licence: 'CC0', referenceDate: '2025-01-01', url: null }, 'nl')
 * // 'Rijen: Test (CC0, peildatum 1 januari 2025)'
 */
function sourcePhrase(source: CitedSource, lang: Lang): string {
  const date = formatDate(source.referenceDate, lang);
  const url = source.url ? `, ${source.url}` : '';
  return `${source.subjects.join(', ')}: ${source.citation} (${source.licence}, ${translate(lang, 'referenceDate')} ${date})${url}`;
}

/**
 * The sources as the one line under an exported map: "Bronnen: a; b; c.", each distinct source once.
 * @example sourceLine(sourcesOf(grid, [], 'en'), 'en') // 'Sources: Municipal borders 2025: Hand-made test grid (CC0 1.0, reference date 1 January 2025).'
 */
export function sourceLine(sources: readonly SourceNote[], lang: Lang): string {
  const phrases = citeSources(sources).map((s) => sourcePhrase(s, lang));
  return `${translate(lang, 'sourceLine')}: ${phrases.join('; ')}.`;
}

/**
 * The day of an export as a phrase: "Gemaakt op 3 december 2026".
 * @example madeOn('2026-12-03', 'en') // 'Made on 3 December 2026'
 */
export function madeOn(exportDate: string, lang: Lang): string {
  return MADE_ON[lang].replace('{date}', formatDate(exportDate, lang));
}

/**
 * The provenance rows of a CSV export: title, the view's link, the export date (when given) as ISO
 * `YYYY-MM-DD`, `extra` (facts the table's columns leave out, e.g. its one layer), then one row per distinct
 * source.
 * @example csvNotes('Lidmaatschappen', 'https://example.org/?layers=a', sources, 'nl', '2026-12-03').map((n) => n.key)
 * // ['titel', 'link', 'gemaakt op', 'bron', …]
 */
export function csvNotes(
  title: string,
  link: string,
  sources: readonly SourceNote[],
  lang: Lang,
  exportDate?: string,
  extra: readonly CsvNote[] = [],
): CsvNote[] {
  const nl = lang === 'nl';
  return [
    { key: nl ? 'titel' : 'title', value: title },
    { key: 'link', value: link },
    ...(exportDate ? [{ key: nl ? 'gemaakt op' : 'made on', value: exportDate }] : []),
    ...extra,
    ...citeSources(sources).map((s) => ({ key: nl ? 'bron' : 'source', value: sourcePhrase(s, lang) })),
  ];
}
