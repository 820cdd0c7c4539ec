/**
 * Where an export's data comes from and how to get back to it: the sources and reference dates of the
 * gemeente geometry and of each exported layer, and the view's link. Shared by the CSV, SVG and PNG
 * exports, so every file names the same sources. Pure.
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
}

const GEOMETRY_SUBJECT: LocalizedText = { nl: 'Gemeentegrenzen {year}', en: 'Municipal borders {year}' };
/** Added to the source of a layer drawn on another year's gemeenten: how the gemeenten were matched. */
const MATCHING: LocalizedText = { nl: 'gemeenten gekoppeld', en: 'municipalities matched' };

/**
 * The sources of an export of `layerIds`: the gemeente geometry first, then each layer in the given order.
 * Throws DataError for a layer id the atlas does not hold.
 * @example sourcesOf(grid, ['rows-2025'], 'nl')[0].subject // 'Gemeentegrenzen 2025'
 */
export function sourcesOf(atlas: Atlas, layerIds: readonly LayerId[], lang: Lang): SourceNote[] {
  const note = (subject: string, source: SourceInfo): SourceNote => ({
    subject,
    citation: source.citation,
    licence: source.licence,
    referenceDate: source.referenceDate,
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

/**
 * One source as a phrase: "subject: citation (licence, reference date 1 January 2025)".
 * @example sourcePhrase({ subject: 'Rijen', citation: 'Test', licence: 'CC0', referenceDate: '2025-01-01' }, 'nl')
 * // 'Rijen: Test (CC0, peildatum 1 januari 2025)'
 */
function sourcePhrase(source: SourceNote, lang: Lang): string {
  const date = formatDate(source.referenceDate, lang);
  return `${source.subject}: ${source.citation} (${source.licence}, ${translate(lang, 'referenceDate')} ${date})`;
}

/**
 * The sources as the one line under an exported map: "Bronnen: a; b; c."
 * @example sourceLine(sourcesOf(grid, [], 'en'), 'en') // 'Sources: Municipal borders 2025: Hand-made test grid (CC0 1.0, reference date 1 January 2025).'
 */
export function sourceLine(sources: readonly SourceNote[], lang: Lang): string {
  return `${translate(lang, 'sourceLine')}: ${sources.map((s) => sourcePhrase(s, lang)).join('; ')}.`;
}

/**
 * The provenance rows of a CSV export: title, the view's link, and one row per source.
 * @example csvNotes('Lidmaatschappen', 'https://example.org/?layers=a', sources, 'nl').map((n) => n.key)
 * // ['titel', 'link', 'bron', 'bron', …]
 */
export function csvNotes(title: string, link: string, sources: readonly SourceNote[], lang: Lang): CsvNote[] {
  const sourceKey = lang === 'nl' ? 'bron' : 'source';
  return [
    { key: lang === 'nl' ? 'titel' : 'title', value: title },
    { key: 'link', value: link },
    ...sources.map((s) => ({ key: sourceKey, value: sourcePhrase(s, lang) })),
  ];
}
