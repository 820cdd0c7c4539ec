/**
 * The data build's skip rule (geo/scripts/build-cache.ts): the key changes with any source, reference or
 * pipeline file, and a build counts as current only with the same key and intact outputs.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { inputKey, isUpToDate, pipelineModules, writeStamp, type CacheInputs } from '../../geo/scripts/build-cache';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'atlas-cache-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function write(path: string, text: string): string {
  const file = join(dir, path);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
  return file;
}

/** A little pipeline (entry → helper → shared, plus a package import) and two input folders. */
function fixture(): CacheInputs {
  write('sources/cbs/a.csv', 'code,name\nGM0001,A\n');
  write('sources/SOURCES.md', '# sources\n');
  write('reference/changes.csv', 'date\n');
  const entry = write('geo/build.ts', "import { x } from './helper';\nimport area from '@turf/area';\n");
  write('geo/helper.ts', "export { y } from '../lib/shared';\nexport const x = 1;\n");
  write('lib/shared.ts', "import type { T } from './types';\nexport const y = 2;\n");
  write('lib/types.ts', 'export type T = number;\n');
  write('lib/unrelated.ts', 'export const z = 3;\n');
  return { folders: [join(dir, 'sources'), join(dir, 'reference')], entry, files: [write('lock.json', '{}')] };
}

describe('pipelineModules', () => {
  it('follows relative imports and re-exports (type-only too), not packages or unimported files', () => {
    const inputs = fixture();
    expect(pipelineModules(inputs.entry).map((f) => f.slice(dir.length + 1))).toEqual([
      'geo/build.ts',
      'geo/helper.ts',
      'lib/shared.ts',
      'lib/types.ts',
    ]);
  });

  it('finds the real pipeline: the registry, the parsers and the validation', () => {
    const modules = pipelineModules(join(ROOT, 'geo/scripts/build-data.ts')).map((f) => f.slice(ROOT.length + 1));
    for (const module of ['geo/layers.ts', 'src/lib/data/parse.ts', 'src/lib/data/validate.ts', 'src/lib/types.ts']) {
      expect(modules).toContain(module);
    }
    expect(modules.some((m) => m.endsWith('.svelte') || m.startsWith('src/components'))).toBe(false);
  });
});

describe('inputKey', () => {
  it('is the same for the same inputs and changes with every kind of input', () => {
    const inputs = fixture();
    const key = inputKey(inputs);
    expect(inputKey(inputs)).toBe(key);
    const changes: [string, string][] = [
      ['sources/cbs/a.csv', 'code,name\nGM0001,B\n'], // a source table
      ['sources/cbs/new.csv', 'x\n'], // a new source file
      ['reference/changes.csv', 'date\n2099\n'], // the reference table
      ['geo/build.ts', "import { x } from './helper';\n// changed\n"], // the entry
      ['lib/types.ts', 'export type T = string;\n'], // a module two imports away
      ['lock.json', '{"x":1}'], // the dependencies
    ];
    for (const [path, text] of changes) {
      write(path, text);
      expect(inputKey(inputs), path).not.toBe(key);
      rmSync(join(dir, path));
      fixture(); // the original files again
      expect(inputKey(inputs), `${path} restored`).toBe(key);
    }
  });

  it('ignores files the pipeline does not import', () => {
    const inputs = fixture();
    const key = inputKey(inputs);
    write('lib/unrelated.ts', 'export const z = 4;\n');
    expect(inputKey(inputs)).toBe(key);
  });

  it('tells a renamed source file from the same bytes under the old name', () => {
    const inputs = fixture();
    const key = inputKey(inputs);
    rmSync(join(dir, 'sources/cbs/a.csv'));
    write('sources/cbs/b.csv', 'code,name\nGM0001,A\n');
    expect(inputKey(inputs)).not.toBe(key);
  });
});

describe('isUpToDate', () => {
  const sha = (text: string) => createHash('sha256').update(text).digest('hex');

  /** An output folder whose manifest lists a topology, a former file and a layer, with their checksums. */
  function output(): { outDir: string; stamp: string } {
    const outDir = join(dir, 'out');
    const files = { topo: '{"type":"Topology"}', former: '{"f":1}', layer: '{"l":1}' };
    write('out/municipalities-2099.topo.json', files.topo);
    write('out/former-2099.json', files.former);
    write('out/layers/a.json', files.layer);
    write(
      'out/manifest.json',
      JSON.stringify({
        geometries: [
          {
            file: 'municipalities-2099.topo.json',
            sha256: sha(files.topo),
            former: { file: 'former-2099.json', sha256: sha(files.former) },
          },
        ],
        layers: [{ file: 'layers/a.json', sha256: sha(files.layer) }],
      }),
    );
    return { outDir, stamp: join(dir, 'cache/stamp.json') };
  }

  it('is false before the first build and true after its stamp, for that key and folder only', () => {
    const { outDir, stamp } = output();
    expect(isUpToDate(stamp, 'k1', outDir)).toBe(false);
    writeStamp(stamp, 'k1', outDir);
    expect(isUpToDate(stamp, 'k1', outDir)).toBe(true);
    expect(isUpToDate(stamp, 'k2', outDir)).toBe(false);
    expect(isUpToDate(stamp, 'k1', join(dir, 'elsewhere'))).toBe(false);
  });

  it('is false when the manifest is edited into another valid one', () => {
    const { outDir, stamp } = output();
    writeStamp(stamp, 'k', outDir);
    write('out/manifest.json', JSON.stringify({ geometries: [], layers: [] }));
    expect(isUpToDate(stamp, 'k', outDir)).toBe(false);
  });

  it.each(['manifest.json', 'municipalities-2099.topo.json', 'former-2099.json', 'layers/a.json'])(
    'is false when %s is deleted or edited after the build',
    (file) => {
      const { outDir, stamp } = output();
      writeStamp(stamp, 'k', outDir);
      write(`out/${file}`, '{"edited":true}');
      expect(isUpToDate(stamp, 'k', outDir)).toBe(false);
      rmSync(join(outDir, file));
      expect(isUpToDate(stamp, 'k', outDir)).toBe(false);
    },
  );

  it('is false for an unreadable stamp', () => {
    const { outDir, stamp } = output();
    write('cache/stamp.json', 'not json');
    expect(isUpToDate(stamp, 'k', outDir)).toBe(false);
  });
});
