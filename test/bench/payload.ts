/** Payload sizes: what a browser downloads, raw and gzip-compressed (zlib level 9). */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';

/** Size of one file in bytes, as stored and after gzip (level 9). */
export interface FileSize {
  /** Path relative to the measured folder, with `/` separators. */
  path: string;
  rawBytes: number;
  gzipBytes: number;
}

/** The files of a folder with their sizes and the totals. */
export interface FolderSizes {
  folder: string;
  files: FileSize[];
  totalRawBytes: number;
  totalGzipBytes: number;
}

/**
 * Measure every file under `folder` (recursively) whose name passes `include`, sorted by path.
 * Gzip sizes are of each file on its own, the way a server compresses each response.
 */
export function measureFolder(folder: string, include: (name: string) => boolean = () => true): FolderSizes {
  const files = listFiles(folder)
    .filter((file) => include(file))
    .map((file): FileSize => {
      const bytes = readFileSync(file);
      return {
        path: relative(folder, file).split('\\').join('/'),
        rawBytes: bytes.length,
        gzipBytes: gzipSync(bytes, { level: 9 }).length,
      };
    })
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  if (files.length === 0) throw new Error(`${folder}: no files to measure (run npm run build first)`);
  return {
    folder,
    files,
    totalRawBytes: files.reduce((sum, f) => sum + f.rawBytes, 0),
    totalGzipBytes: files.reduce((sum, f) => sum + f.gzipBytes, 0),
  };
}

/** True for the JavaScript and CSS files of a Vite build (the worker is an `.mjs`). */
export function isBundleFile(name: string): boolean {
  return /\.(js|mjs|css)$/.test(name);
}

function listFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    return entry.isDirectory() ? listFiles(path) : entry.isFile() ? [path] : [];
  });
}
