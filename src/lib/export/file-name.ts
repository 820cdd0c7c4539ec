/**
 * File names of exports: `samenwerkingsatlas-<title as a slug>.<extension>`. Pure.
 */

const MAX_SLUG_LENGTH = 60;

/**
 * A download file name from a title: diacritics dropped, anything but letters and digits a single
 * hyphen, lower case, at most 60 characters; just `samenwerkingsatlas` when nothing is left.
 * @example exportFileName('Jeugdzorgregio’s en Veilig Thuis', 'png') // 'samenwerkingsatlas-jeugdzorgregio-s-en-veilig-thuis.png'
 */
export function exportFileName(title: string, extension: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, MAX_SLUG_LENGTH)
    .replace(/^-+|-+$/g, '');
  return `samenwerkingsatlas${slug ? `-${slug}` : ''}.${extension}`;
}
