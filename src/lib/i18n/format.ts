/**
 * Number and date formatting per interface language (nl-NL: 1.234,5; en-GB: 1,234.5). Pure.
 */
import type { Lang } from './messages';

const LOCALES: Record<Lang, string> = { nl: 'nl-NL', en: 'en-GB' };

/**
 * Number formats by language and digits: making an `Intl.NumberFormat` costs far more than using one, and a
 * 50-layer matrix formats 5,000 numbers in one render.
 */
const numberFormats = new Map<string, Intl.NumberFormat>();

/**
 * Format a number with grouping and at most `maxDigits` decimals.
 * @example formatNumber(1234.5, 'nl') // '1.234,5'
 */
export function formatNumber(value: number, lang: Lang, maxDigits = 0): string {
  const key = `${lang}:${maxDigits}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(LOCALES[lang], { maximumFractionDigits: maxDigits });
    numberFormats.set(key, format);
  }
  return format.format(value);
}

/** Today in the user's time zone, ISO `YYYY-MM-DD` (the date an export or an import is dated with). */
export function localIsoDate(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/**
 * Format an ISO date (`YYYY-MM-DD`) as a long date in the interface language.
 * @example formatDate('2025-01-01', 'nl') // '1 januari 2025'
 */
export function formatDate(isoDate: string, lang: Lang): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  if (!y || !m || !d) return isoDate;
  return new Intl.DateTimeFormat(LOCALES[lang], {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(Date.UTC(y, m - 1, d)));
}
