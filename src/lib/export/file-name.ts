/**
 * File names of exports: `samenwerkingsatlas-<title as a slug>[-<variant>].<extension>`. Pure.
 * A map export names its size in the variant (`-scherm.png`, `-2x.png`, `-a4-300dpi.png`, `-scherm.svg`,
 * `-a4.svg`), so the files of one view in several sizes never overwrite each other in a download folder.
 */
import type { Lang } from '../i18n/messages';
import type { LocalizedText } from '../types';
import type { Resolution } from './layout';

const MAX_SLUG_LENGTH = 60;

/** Text as a file-name part: diacritics dropped, anything but letters and digits a single hyphen, lower case. */
function slug(text: string, maxLength: number): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, maxLength)
    .replace(/^-+|-+$/g, '');
}

/**
 * A download file name from a title: the title as a slug of at most 60 characters (just
 * `samenwerkingsatlas` when nothing is left), then `variant` as a slug (never cut short), then the extension.
 * @example exportFileName('Jeugdzorgregio’s en Veilig Thuis', 'png') // 'samenwerkingsatlas-jeugdzorgregio-s-en-veilig-thuis.png'
 * @example exportFileName('Jeugdregio’s', 'png', 'a4-300dpi') // 'samenwerkingsatlas-jeugdregio-s-a4-300dpi.png'
 */
export function exportFileName(title: string, extension: string, variant = ''): string {
  const parts = ['samenwerkingsatlas', slug(title, MAX_SLUG_LENGTH), slug(variant, Number.POSITIVE_INFINITY)];
  return `${parts.filter((p) => p !== '').join('-')}.${extension}`;
}

/** The size part of a map export's name, per resolution and format. */
const MAP_VARIANTS: Record<'png' | 'svg', Record<Resolution, LocalizedText>> = {
  png: {
    screen: { nl: 'scherm', en: 'screen' },
    '2x': { nl: '2x', en: '2x' },
    print: { nl: 'a4-300dpi', en: 'a4-300dpi' },
  },
  // An SVG has no pixels: screen and 2× are the same drawing on the same page, print is the A4 page.
  svg: {
    screen: { nl: 'scherm', en: 'screen' },
    '2x': { nl: 'scherm', en: 'screen' },
    print: { nl: 'a4', en: 'a4' },
  },
};

/**
 * The file name of a map export: the title, then what size it is (see the module comment) in `lang`.
 * @example mapFileName('Jeugdregio’s (2025)', 'png', '2x', 'nl') // 'samenwerkingsatlas-jeugdregio-s-2025-2x.png'
 * @example mapFileName('Youth care regions', 'png', 'screen', 'en') // 'samenwerkingsatlas-youth-care-regions-screen.png'
 */
export function mapFileName(title: string, format: 'png' | 'svg', resolution: Resolution, lang: Lang): string {
  return exportFileName(title, format, MAP_VARIANTS[format][resolution][lang]);
}
