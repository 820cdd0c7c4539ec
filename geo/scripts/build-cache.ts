/**
 * Skip the data build when nothing it reads has changed. The key is a SHA-256 over every file of the
 * sources and reference folders, every module of the pipeline (build-data.ts and everything it imports
 * from this repository, found by following relative imports) and package-lock.json (the parsers'
 * dependencies). The build is skipped only when that key equals the one recorded after the last
 * successful build and every file the manifest lists is still there with its recorded checksum, so a
 * deleted or edited output is rebuilt too.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/** What the key is made of; paths absolute. */
export interface CacheInputs {
  /** Folders read whole (sources, reference); a missing one counts as empty. */
  folders: readonly string[];
  /** The pipeline's entry module; it and its relative imports are hashed. */
  entry: string;
  /** Further single files (package-lock.json). */
  files: readonly string[];
}

/** The modules `entry` depends on in this repository (itself included), sorted; external packages excluded. */
export function pipelineModules(entry: string): string[] {
  const seen = new Set<string>();
  const pending = [resolve(entry)];
  for (let file = pending.pop(); file !== undefined; file = pending.pop()) {
    if (seen.has(file)) continue;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    // Static imports and re-exports with a relative specifier (type-only ones too: a changed type can change
    // what a parser accepts only together with code, but hashing them costs nothing).
    for (const match of text.matchAll(/(?:from|import)\s+'(\.{1,2}\/[^']+)'/g)) {
      const target = resolveModule(dirname(file), match[1]!);
      if (target !== undefined) pending.push(target);
    }
  }
  return [...seen].sort();
}

function resolveModule(from: string, specifier: string): string | undefined {
  const base = resolve(from, specifier);
  for (const candidate of [base, `${base}.ts`, join(base, 'index.ts')]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return undefined; // e.g. a JSON or asset import the pipeline does not have today; nothing to follow
}

function filesUnder(folder: string): string[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

/** The build key of {@link CacheInputs}: names (relative to their folder) and contents of every input. */
export function inputKey(inputs: CacheInputs): string {
  const hash = createHash('sha256');
  const add = (label: string, file: string): void => {
    hash.update(`${label}\0`);
    hash.update(readFileSync(file));
    hash.update('\0');
  };
  for (const folder of inputs.folders) {
    hash.update(`folder\0${folder}\0`);
    for (const file of filesUnder(folder)) add(relative(folder, file), file);
  }
  const root = dirname(resolve(inputs.entry));
  for (const file of pipelineModules(inputs.entry)) add(relative(root, file), file);
  for (const file of inputs.files) if (existsSync(file)) add(file, file);
  return hash.digest('hex');
}

interface Stamp {
  key: string;
  outDir: string;
  /** SHA-256 of the manifest written, which lists every other output with its own checksum. */
  manifestSha256: string;
}

const sha256Of = (file: string): string => createHash('sha256').update(readFileSync(file)).digest('hex');

/**
 * True when `outDir` holds a complete build for `key`: the stamp records that key for that folder, the
 * manifest is the one written then, and every file it lists exists with its recorded SHA-256.
 */
export function isUpToDate(stampFile: string, key: string, outDir: string): boolean {
  let stamp: Stamp;
  try {
    stamp = JSON.parse(readFileSync(stampFile, 'utf8')) as Stamp;
  } catch {
    return false; // no stamp yet (first build, or a fresh clone): build
  }
  if (stamp.key !== key || stamp.outDir !== resolve(outDir)) return false;
  try {
    if (sha256Of(join(outDir, 'manifest.json')) !== stamp.manifestSha256) return false;
    const manifest = JSON.parse(readFileSync(join(outDir, 'manifest.json'), 'utf8')) as {
      geometries: { file: string; sha256: string; former?: { file: string; sha256: string } }[];
      layers: { file: string; sha256: string }[];
    };
    const listed = [...manifest.geometries.flatMap((g) => (g.former ? [g, g.former] : [g])), ...manifest.layers];
    return listed.every(({ file, sha256 }) => sha256Of(join(outDir, file)) === sha256);
  } catch {
    return false; // a missing or unreadable output: build again
  }
}

/** Record that `outDir` now holds the build for `key`. */
export function writeStamp(stampFile: string, key: string, outDir: string): void {
  mkdirSync(dirname(stampFile), { recursive: true });
  const stamp: Stamp = { key, outDir: resolve(outDir), manifestSha256: sha256Of(join(outDir, 'manifest.json')) };
  writeFileSync(stampFile, `${JSON.stringify(stamp)}\n`);
}
