/**
 * The one order of codes (gemeente, region, layer) everywhere: plain code-unit order, independent of the
 * locale, so the app, the command line and the data files sort alike. Names shown to people sort with
 * `localeCompare(…, 'nl')` instead.
 * @example ['GM0363', 'GM0014'].sort(compareCodes) // ['GM0014', 'GM0363']
 */
export function compareCodes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
