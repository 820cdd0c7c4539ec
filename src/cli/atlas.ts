/**
 * Command-line interface to the built atlas data (`public/data/`, written by `npm run geo:build`).
 *
 *   npm run atlas -- layers [--year <y>] [--json] [--data <dir>]
 *   npm run atlas -- lookup <gemeente> [--year <y>] [--json] [--data <dir>]
 *   npm run atlas -- stats <A> <B> [--year <y>] [--weight count|area|inhabitants] [--json|--csv] [--data <dir>]
 *   npm run atlas -- matrix [<layer id>…] [--year <y>] [--metric <id>] [--json|--csv] [--data <dir>]
 *
 * Reads the files with the same validating parsers as the app and uses the gemeenten and layers of one
 * year of the manifest: `--year`, or the newest, like the app does. The statistics are those of src/lib/stats, which the
 * app shows too. Exit codes: 0 done, 1 no match, unknown layer id or bad data, 2 usage.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Atlas } from '../lib/data/atlas';
import { assembleAtlas } from '../lib/data/assemble';
import { findMunicipality, lookupRegions } from '../lib/data/lookup';
import { DataError, messageOf } from '../lib/errors';
import { WEIGHTS, type Weight } from '../lib/stats/sets';
import { computeMatrix } from '../lib/stats/matrix';
import { compareLayers, findMetric, METRICS } from '../lib/stats/pair';
import {
  formatLayers,
  formatLookup,
  formatMatrix,
  formatNoMatch,
  formatStats,
  matrixCsv,
  statsCsv,
  summarizeLayers,
  summarizeLookup,
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
Options:
  --year <year>     the gemeenten and layers of that year (default: the newest year of the data)
  --json            print JSON instead of a table
  --csv             print CSV (comma, UTF-8, header row, dot decimals)
  --weight <w>      stats: weight of the best matches, mean congruence and nested share (default count)
  --metric <id>     matrix: ${METRICS.map((m) => m.id).join(', ')} (default ${METRICS[0]!.id})
  --data <dir>      the data folder (default: public/data of this repository)
`;

const COMMANDS = ['layers', 'lookup', 'stats', 'matrix'] as const;
type Command = (typeof COMMANDS)[number];

function isCommand(value: string | undefined): value is Command {
  return (COMMANDS as readonly (string | undefined)[]).includes(value);
}

/** Default data folder, found from this file so the command works from any working directory. */
const DEFAULT_DATA_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'public', 'data');

/**
 * The atlas from a data folder, by the same assembly as the app. Stricter than the app: a layer or
 * former-gemeenten file the app would leave out (and report) stops the command, since numbers computed
 * without it could be taken for the whole atlas.
 */
async function loadAtlas(dataDir: string, year: number | undefined): Promise<Atlas> {
  const { atlas, fileErrors } = await assembleAtlas(
    {
      nameOf: (file) => join(dataDir, file),
      readText: (file) =>
        readFile(join(dataDir, file), 'utf8').catch((error: unknown) => {
          throw new DataError(`${join(dataDir, file)}: cannot be read (${(error as Error).message})`, file);
        }),
    },
    year,
  );
  if (fileErrors.length > 0) throw new DataError(fileErrors.map((e) => e.message).join('\n'));
  return atlas;
}

/** What is wrong with the arguments of `command`, or null when they fit. */
function optionError(
  command: Command,
  rest: readonly string[],
  values: { json?: boolean; csv?: boolean; weight?: string; metric?: string; year?: string },
): string | null {
  if (values.json && values.csv) return '--json and --csv exclude each other.';
  if (values.year !== undefined && !/^\d{4}$/.test(values.year))
    return `--year needs a year such as 2016, not '${values.year}'.`;
  if (values.csv && (command === 'layers' || command === 'lookup')) return `${command} has no --csv.`;
  if (values.weight !== undefined && command !== 'stats') return '--weight belongs to stats.';
  if (values.metric !== undefined && command !== 'matrix') return '--metric belongs to matrix.';
  if (command === 'stats' && rest.length !== 2) return 'stats needs two layer ids.';
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
