/**
 * Save a Blob as a file through the browser's download (a temporary `<a download>`). Browser only.
 */

/** A Blob URL lives this long after its download started (some browsers read it asynchronously). */
const REVOKE_AFTER_MS = 10_000;

/** Start the download of `blob` as `fileName`. */
export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = fileName;
  anchor.rel = 'noopener';
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
  setTimeout(() => URL.revokeObjectURL(url), REVOKE_AFTER_MS);
}
