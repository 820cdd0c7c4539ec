/**
 * Command-line interface to the built atlas data (`public/data/`, written by `npm run geo:build`).
 *
 *   npm run atlas -- layers [--year <y>] [--json] [--data <dir>]
 *   npm run atlas -- lookup <gemeente> [--year <y>] [--json] [--data <dir>]
 *   npm run atlas -- stats <A> <B> [--year <y>] [--weight count|area|inhabitants] [--json|--csv] [--data <dir>]
 *   npm run atlas -- matrix [<layer id>…] [--year <y>] [--metric <id>] [--json|--csv] [--data <dir>]
 *   npm run atlas -- congruence <layer id> <layer id> [<layer id>…] [--year <y>] [--json|--csv] [--data <dir>]
 *   npm run atlas -- blocks <layer id> <layer id> [<layer id>…] [--year <y>] [--json|--csv] [--data <dir>]
 *   npm run atlas -- changes <layer kind> <year A> <year B> [--lang en|nl] [--json|--csv] [--data <dir>]
 *   npm run atlas -- trend <kind A> <kind B> [--metric <id>] [--lang en|nl] [--json|--csv] [--data <dir>]
 *
 * Reads the files with the same validating parsers as the app. `layers`, `lookup`, `stats`, `matrix`, `congruence`
 * and `blocks` use the gemeenten and layers of one year of the manifest: `--year`, or the newest, like the app does.
 * The statistics are those of src/lib/stats, which the app shows too; `congruence` and `blocks` (two or more
 * layers, each once) print the app's CSV tables (src/lib/export/tables.ts) with --csv.
 *
 * `changes` and `trend` work across years with the app's pure history modules (src/lib/history, sentences from
 * src/lib/history/text.ts): `changes` reads the 2015 gemeenten (the areas the matching rests on), both years
 * and the later year's former-gemeenten file, matches the gemeenten with `matcher` as the app does and compares on
 * the earlier year's gemeenten, so year A must be earlier than year B (the reverse is a usage error that names the
 * swapped command). `trend` reads every year, so the years left out are listed too. A layer kind is a layer id
 * without its year (`veiligthuis-2023` → `veiligthuis`).
 *
 * Exit codes: 0 done, 1 no match, unknown layer id or kind, a kind missing in a year, or bad data; 2 usage.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Atlas } from '../lib/data/atlas';
import { assembleYear, readManifest, yearsOf, type DataSource, type LoadedAtlas } from '../lib/data/assemble';
import { findMunicipality, lookupRegions } from '../lib/data/lookup';
import { DataError, messageOf } from '../lib/errors';
import { computeLayoutChanges } from '../lib/history/changes';
import { layerOfKind } from '../lib/history/kind-history';
import { areasOf2015, matcher } from '../lib/history/matching';
import { computeTrend } from '../lib/history/trend';
import { LANGS, type Lang } from '../lib/i18n/messages';
import type { Manifest } from '../lib/types';
import { WEIGHTS, type Weight } from '../lib/stats/sets';
import { computeMatrix } from '../lib/stats/matrix';
import { compareLayers, findLayer, findMetric, METRICS, type MetricId } from '../lib/stats/pair';
import { computeBuildingBlocks } from '../lib/stats/blocks';
import { computeMultiCongruence } from '../lib/stats/multi-congruence';
import { buildingBlocksTable, multiCongruenceTable } from '../lib/export/tables';
import {
  changesCsv,
  exportTableCsv,
  formatBuildingBlocks,
  formatChanges,
  formatLayers,
  formatLookup,
  formatMatrix,
  formatMultiCongruence,
  formatNoMatch,
  formatStats,
  formatTrend,
  formatUnknownKind,
  formatYears,
  kindYears,
  matrixCsv,
  statsCsv,
  summarizeLayers,
  summarizeLookup,
  summarizeTrend,
  trendCsv,
} from './format';

const USAGE = `Usage:
  npm run atlas -- layers [--json] [--data <dir>]     list the layers
  npm run atlas -- lookup <gemeente> [--json] [--data <dir>]
                                                     the regions of a gemeente (name or GM code) per layer
  npm run atlas -- stats <A> <B> [--weight count|area|inhabitants] [--json|--csv] [--data <dir>]
                                                     how layer A and layer B overlap (layer ids as in 'layers');
                                                     --csv prints the region pairs
  npm run atlas -- matrix [<layer id>…] [--metric <id>] [--json|--csv] [--data <dir>]
                                                     one metric for every pair of layers (default: all layers)
  npm run atlas -- congruence <layer id> <layer id> [<layer id>…] [--json|--csv] [--data <dir>]
                                                     per municipality, how far it keeps the same partners in
                                                     every layer given: mean, distribution, least congruent first
  npm run atlas -- blocks <layer id> <layer id> [<layer id>…] [--json|--csv] [--data <dir>]
                                                     building blocks (municipalities together in every layer
                                                     given) and the coarsest groups of whole regions of all
  npm run atlas -- changes <kind> <year A> <year B> [--lang en|nl] [--json|--csv] [--data <dir>]
                                                     what changed in a layout from year A to a later year B:
                                                     the matching of the gemeenten, region events and every
                                                     gemeente with a change (e.g. changes veiligthuis 2022 2023)
  npm run atlas -- trend <kind A> <kind B> [--metric <id>] [--lang en|nl] [--json|--csv] [--data <dir>]
                                                     one metric of two kinds of layout in every year both exist
                                                     (e.g. trend jeugdregio veiligthuis --metric ari);
                                                     --csv prints every metric
  A kind is a layer id without its year (veiligthuis-2023 -> veiligthuis); an unknown kind lists them all.
Options:
  --year <year>     the gemeenten and layers of that year (default: the newest year of the data;
                    not for changes and trend, which name or use their years)
  --json            print JSON instead of a table
  --csv             print CSV (comma, UTF-8, header row, dot decimals; changes and trend start with
                    '# key,value' note rows: the layers, the matching, the years left out)
  --weight <w>      stats: weight of the best matches, mean congruence and nested share (default count)
  --metric <id>     matrix, trend: ${METRICS.map((m) => m.id).join(', ')} (default ${METRICS[0]!.id})
  --lang <lang>     changes, trend: language of the sentences, en or nl (default en; labels stay English)
  --data <dir>      the data folder (default: public/data of this repository)
`;

const COMMANDS = ['layers', 'lookup', 'stats', 'matrix', 'congruence', 'blocks', 'changes', 'trend'] as const;
type Command = (typeof COMMANDS)[number];

function isCommand(value: string | undefined): value is Command {
  return (COMMANDS as readonly (string | undefined)[]).includes(value);
}

/** Default data folder, found from this file so the command works from any working directory. */
const DEFAULT_DATA_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'public', 'data');

/** The files of a data folder, read from disk. */
function dataSource(dataDir: string): DataSource {
  return {
    nameOf: (file) => join(dataDir, file),
    readText: (file) =>
      readFile(join(dataDir, file), 'utf8').catch((error: unknown) => {
        throw new DataError(`${join(dataDir, file)}: cannot be read (${(error as Error).message})`, file);
      }),
  };
}

/**
 * One year of the atlas (null: the newest), by the same assembly as the app. Stricter than the app: a layer or
 * former-gemeenten file the app would leave out (and report) stops the command, since numbers computed
 * without it could be taken for the whole atlas.
 */
async function loadYear(source: DataSource, manifest: Manifest, year: number | null): Promise<LoadedAtlas> {
  const loaded = await assembleYear(source, manifest, year);
  if (loaded.fileErrors.length > 0) throw new DataError(loaded.fileErrors.map((e) => e.message).join('\n'));
  return loaded;
}

/** The atlas of `year` (default: the newest) from a data folder. */
async function loadAtlas(dataDir: string, year: number | undefined): Promise<Atlas> {
  const source = dataSource(dataDir);
  return (await loadYear(source, await readManifest(source), year ?? null)).atlas;
}

/** Several years of a data folder, by year; the manifest is read once. */
async function loadYears(
  source: DataSource,
  manifest: Manifest,
  years: Iterable<number>,
): Promise<Map<number, LoadedAtlas>> {
  const wanted = [...new Set(years)];
  const loaded = await Promise.all(wanted.map((year) => loadYear(source, manifest, year)));
  return new Map(wanted.map((year, i) => [year, loaded[i]!]));
}

/** The first year of the gemeenten, whose areas every matching across years rests on (`parts`, matching.ts). */
const BASE_YEAR = 2015;

/** Why `kind` cannot be compared from `yearA` to `yearB`, or null when both years have it. */
function missingKindError(kind: string, years: readonly number[], manifest: Manifest): string | null {
  const kinds = kindYears(yearsOf(manifest));
  const present = kinds.get(kind);
  if (!present) return formatUnknownKind(kind, kinds);
  const dataYears = new Set(manifest.geometries.map((g) => g.year));
  const missing = years.filter((year) => !present.includes(year));
  if (missing.length === 0) return null;
  const notInData = missing.filter((year) => !dataYears.has(year));
  const why = notInData.length > 0 ? ` (the data has no gemeenten for ${formatYears(notInData)})` : '';
  return `There is no ${kind} layer in ${missing.join(' and ')}${why}. ${kind} exists in ${formatYears(present)}.`;
}

/**
 * `atlas changes`: the changes of `kind` from `yearA` to the later `yearB`, with the app's matching (2015 areas,
 * the later year's former gemeenten). Returns the output, or an error message for exit status 1.
 */
async function runChanges(
  source: DataSource,
  kind: string,
  yearA: number,
  yearB: number,
  format: 'text' | 'json' | 'csv',
  lang: Lang,
): Promise<{ output: string } | { error: string }> {
  const manifest = await readManifest(source);
  const missing = missingKindError(kind, [yearA, yearB], manifest);
  if (missing) return { error: missing };
  if (!manifest.geometries.some((g) => g.year === BASE_YEAR)) {
    throw new DataError(
      `${source.nameOf('manifest.json')}: no gemeenten of ${BASE_YEAR}, which matching across years needs`,
    );
  }
  const loaded = await loadYears(source, manifest, [BASE_YEAR, yearA, yearB]);
  const year = (y: number) => loaded.get(y)!;
  const hasFormerFile = (y: number) => manifest.geometries.some((g) => g.year === y && g.former);
  const matchingOf = matcher(areasOf2015(year(BASE_YEAR).atlas), (y) =>
    loaded.has(y) && hasFormerFile(y) ? year(y).former : null,
  );
  const layerA = layerOfKind(year(yearA).atlas, kind);
  const layerB = layerOfKind(year(yearB).atlas, kind);
  if (!layerA || !layerB)
    throw new DataError(`The manifest lists a ${kind} layer in ${yearA} and ${yearB}, but the loaded years lack it`);
  const changes = computeLayoutChanges(layerA, layerB, matchingOf(year(yearA).atlas, year(yearB).atlas));
  if (format === 'json') return { output: `${JSON.stringify(changes, null, 2)}\n` };
  if (format === 'csv') return { output: changesCsv(changes) };
  const gemeenten2015 = year(BASE_YEAR).atlas.municipalitiesByCode;
  return { output: formatChanges(changes, lang, (code) => gemeenten2015.get(code)?.name ?? code) };
}

/** `atlas trend`: `metric` of `kindA` against `kindB` in every year of the data. */
async function runTrend(
  source: DataSource,
  kindA: string,
  kindB: string,
  metric: MetricId,
  format: 'text' | 'json' | 'csv',
  lang: Lang,
): Promise<{ output: string } | { error: string }> {
  const manifest = await readManifest(source);
  const kinds = kindYears(yearsOf(manifest));
  for (const kind of [kindA, kindB]) if (!kinds.has(kind)) return { error: formatUnknownKind(kind, kinds) };
  const yearsA = kinds.get(kindA)!;
  const yearsB = kinds.get(kindB)!;
  if (!yearsA.some((year) => yearsB.includes(year))) {
    return {
      error: `No year has both ${kindA} (${formatYears(yearsA)}) and ${kindB} (${formatYears(yearsB)}).`,
    };
  }
  // Every year, so that the years left out are listed with the kind they lack, as the app lists them.
  const loaded = await loadYears(
    source,
    manifest,
    manifest.geometries.map((g) => g.year),
  );
  const trend = computeTrend(
    [...loaded.values()].map((l) => l.atlas),
    kindA,
    kindB,
  );
  if (format === 'csv') return { output: trendCsv(trend) };
  const output = summarizeTrend(trend, metric, lang);
  return { output: format === 'json' ? `${JSON.stringify(output, null, 2)}\n` : formatTrend(output) };
}

/** What is wrong with the arguments of `command`, or null when they fit. */
function optionError(
  command: Command,
  rest: readonly string[],
  values: { json?: boolean; csv?: boolean; weight?: string; metric?: string; year?: string; lang?: string },
): string | null {
  if (values.json && values.csv) return '--json and --csv exclude each other.';
  if (values.year !== undefined && (command === 'changes' || command === 'trend')) {
    return command === 'changes'
      ? 'changes takes its two years as arguments, not --year.'
      : 'trend uses every year of the data, not --year.';
  }
  if (values.year !== undefined && !/^\d{4}$/.test(values.year))
    return `--year needs a year such as 2016, not '${values.year}'.`;
  if (values.csv && (command === 'layers' || command === 'lookup')) return `${command} has no --csv.`;
  if (values.weight !== undefined && command !== 'stats') return '--weight belongs to stats.';
  if (values.metric !== undefined && command !== 'matrix' && command !== 'trend')
    return '--metric belongs to matrix and trend.';
  if (values.lang !== undefined && command !== 'changes' && command !== 'trend')
    return '--lang belongs to changes and trend.';
  if (values.lang !== undefined && !(LANGS as readonly string[]).includes(values.lang)) {
    return `Unknown language '${values.lang}'. Languages: ${LANGS.join(', ')}.`;
  }
  if (command === 'stats' && rest.length !== 2) return 'stats needs two layer ids.';
  if (command === 'congruence' || command === 'blocks') {
    if (rest.length < 2) return `${command} needs at least two layer ids.`;
    const twice = rest.find((id, i) => rest.indexOf(id) !== i);
    if (twice !== undefined) return `${command} takes each layer once; ${twice} is given twice.`;
  }
  if (command === 'trend' && rest.length !== 2)
    return 'trend needs two layer kinds, e.g. trend jeugdregio veiligthuis.';
  if (command === 'changes') {
    const [kind, yearA, yearB] = rest;
    if (rest.length !== 3) return 'changes needs a layer kind and two years, e.g. changes veiligthuis 2022 2023.';
    const notYear = [yearA!, yearB!].find((year) => !/^\d{4}$/.test(year));
    if (notYear !== undefined) return `changes needs years such as 2022, not '${notYear}'.`;
    if (yearA === yearB) return `changes compares two different years, not ${yearA} with itself.`;
    // Changes are told from the earlier year to the later, on the earlier year's gemeenten (issue 10).
    if (Number(yearA) > Number(yearB)) {
      return `changes compares an earlier year with a later one: try 'changes ${kind} ${yearB} ${yearA}'.`;
    }
  }
  if (values.weight !== undefined && !(WEIGHTS as readonly string[]).includes(values.weight)) {
    return `Unknown weight '${values.weight}'. Weights: ${WEIGHTS.join(', ')}.`;
  }
  if (values.metric !== undefined && !findMetric(values.metric)) {
    return `Unknown metric '${values.metric}'. Metrics: ${METRICS.map((m) => m.id).join(', ')}.`;
  }
  return null;
}

/** Run the command; resolves to the exit code. */
async function main(argv: string[]): Promise<number> {
  let values: {
    json?: boolean;
    csv?: boolean;
    weight?: string;
    metric?: string;
    year?: string;
    lang?: string;
    data?: string;
    help?: boolean;
  };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: argv,
      options: {
        json: { type: 'boolean' },
        csv: { type: 'boolean' },
        weight: { type: 'string' },
        metric: { type: 'string' },
        year: { type: 'string' },
        lang: { type: 'string' },
        data: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      allowPositionals: true,
    }));
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const [command, ...rest] = positionals;
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  if (!isCommand(command) || (command === 'layers' && rest.length > 0)) {
    process.stderr.write(USAGE);
    return 2;
  }
  const usageError = optionError(command, rest, values);
  if (usageError) {
    process.stderr.write(`${usageError}\n\n${USAGE}`);
    return 2;
  }
  // Names of several words need no quotes: `lookup Súdwest Fryslân`.
  const query = rest.join(' ').trim();
  if (command === 'lookup' && query === '') {
    process.stderr.write(`lookup needs a gemeente name or code.\n\n${USAGE}`);
    return 2;
  }

  const dataDir = values.data ?? DEFAULT_DATA_DIR;
  if (!existsSync(join(dataDir, 'manifest.json'))) {
    process.stderr.write(`No manifest.json in ${dataDir}: run npm run geo:build first.\n`);
    return 1;
  }
  const format = values.json ? 'json' : values.csv ? 'csv' : 'text';
  const lang = (values.lang ?? 'en') as Lang;
  if (command === 'changes' || command === 'trend') {
    const [first, second, third] = rest as [string, string, string];
    const result =
      command === 'changes'
        ? await runChanges(dataSource(dataDir), first, Number(second), Number(third), format, lang)
        : await runTrend(
            dataSource(dataDir),
            first,
            second,
            (values.metric ?? METRICS[0]!.id) as MetricId,
            format,
            lang,
          );
    if ('error' in result) {
      process.stderr.write(`${result.error.trimEnd()}\n`);
      return 1;
    }
    process.stdout.write(result.output);
    return 0;
  }
  const atlas = await loadAtlas(dataDir, values.year === undefined ? undefined : Number(values.year));

  if (command === 'layers') {
    const layers = summarizeLayers(atlas);
    process.stdout.write(values.json ? `${JSON.stringify(layers, null, 2)}\n` : formatLayers(layers));
    return 0;
  }
  if (command === 'stats') {
    const [idA, idB] = rest as [string, string];
    const comparison = compareLayers(atlas, idA, idB, { weight: (values.weight ?? 'count') as Weight });
    const nameOf = (code: string): string => atlas.municipalitiesByCode.get(code)?.name ?? code;
    process.stdout.write(
      values.json
        ? `${JSON.stringify(comparison, null, 2)}\n`
        : values.csv
          ? statsCsv(comparison)
          : formatStats(comparison, nameOf),
    );
    return 0;
  }
  if (command === 'matrix') {
    const ids = rest.length > 0 ? rest : atlas.layers.map((l) => l.meta.id);
    const metric = findMetric(values.metric ?? METRICS[0]!.id)!;
    const matrix = computeMatrix(atlas, ids, metric.id);
    process.stdout.write(
      values.json ? `${JSON.stringify(matrix, null, 2)}\n` : values.csv ? matrixCsv(matrix) : formatMatrix(matrix),
    );
    return 0;
  }
  if (command === 'congruence' || command === 'blocks') {
    // An unknown id is a DataError naming the known ids: exit status 1, as for stats and matrix.
    const layers = rest.map((id) => findLayer(atlas, id));
    if (command === 'congruence') {
      const result = computeMultiCongruence(atlas, layers);
      process.stdout.write(
        values.json
          ? `${JSON.stringify(result, null, 2)}\n`
          : values.csv
            ? exportTableCsv(multiCongruenceTable(atlas, rest, 'en', result))
            : formatMultiCongruence(result, atlas),
      );
    } else {
      const result = computeBuildingBlocks(atlas, layers);
      process.stdout.write(
        values.json
          ? `${JSON.stringify(result, null, 2)}\n`
          : values.csv
            ? exportTableCsv(buildingBlocksTable(atlas, rest, 'en', result))
            : formatBuildingBlocks(result, atlas),
      );
    }
    return 0;
  }
  const { match, suggestions } = findMunicipality(query, atlas.municipalities);
  if (!match) {
    process.stderr.write(`${formatNoMatch(query, suggestions)}\n`);
    return 1;
  }
  const result = summarizeLookup(match, lookupRegions(atlas, match.code));
  process.stdout.write(values.json ? `${JSON.stringify(result, null, 2)}\n` : formatLookup(result));
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // Bad data is the user's to fix and gets a plain message; anything else is our bug and keeps its stack.
    if (!(error instanceof DataError)) throw error;
    process.stderr.write(`${messageOf(error)}\n`);
    process.exitCode = 1;
  },
);
