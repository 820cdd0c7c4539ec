/**
 * Paired rounds (issue 9): the two sides of a comparison run in the same process (or browser), one after
 * the other in every round, with the order swapped each round so neither side always profits from going
 * second (warm caches, JIT, a quieter machine). The ratio is taken per round and summarized by its median,
 * minimum and maximum: a load spike on a shared machine hits both sides of one round and mostly cancels
 * out, where a ratio of two medians from different minutes would not.
 */
import {
  formatMs,
  formatRatioSummary,
  summarize,
  summarizeRatios,
  table,
  type RatioSummary,
  type Summary,
} from './stats';

/** One side of a comparison: `measure` does its own untimed preparation and returns the timed ms. */
export interface PairedSide {
  name: string;
  measure: () => number | Promise<number>;
}

export interface PairedOptions {
  /** Timed rounds (at least 7 for the comparisons issue 9 asks for; fewer only where said, e.g. the scale case). */
  rounds: number;
  /** Untimed rounds first (same alternation). */
  warmupRounds: number;
  /** Progress lines (stderr in bench.ts). */
  log?: (line: string) => void;
}

/** Both sides' timings and the per-round ratio first / second. */
export interface PairedResult {
  rounds: number;
  warmupRounds: number;
  first: { name: string; timing: Summary };
  second: { name: string; timing: Summary };
  /** first ms / second ms, per round. */
  ratio: RatioSummary;
}

/**
 * Run `first` and `second` alternately: rounds 0, 2, 4… run first then second, rounds 1, 3, 5… second
 * then first. Returns both sides' summaries and the per-round ratio first / second.
 */
export async function runPaired(first: PairedSide, second: PairedSide, options: PairedOptions): Promise<PairedResult> {
  const firstMs: number[] = [];
  const secondMs: number[] = [];
  const total = options.warmupRounds + options.rounds;
  for (let round = 0; round < total; round++) {
    const isWarmup = round < options.warmupRounds;
    const order = round % 2 === 0 ? [first, second] : [second, first];
    const times = new Map<PairedSide, number>();
    for (const side of order) times.set(side, await side.measure());
    const a = times.get(first)!;
    const b = times.get(second)!;
    if (!isWarmup) {
      firstMs.push(a);
      secondMs.push(b);
    }
    const label = isWarmup ? 'warm-up' : `round ${round - options.warmupRounds + 1}/${options.rounds}`;
    options.log?.(
      `  ${label}: ${first.name} ${formatMs(a)}, ${second.name} ${formatMs(b)}, ratio ${(a / b).toFixed(2)}`,
    );
  }
  return {
    rounds: options.rounds,
    warmupRounds: options.warmupRounds,
    first: { name: first.name, timing: summarize(firstMs) },
    second: { name: second.name, timing: summarize(secondMs) },
    ratio: summarizeRatios(firstMs.map((ms, i) => ms / secondMs[i]!)),
  };
}

/** Summaries of rounds that were paired elsewhere (the scale case's child process), in the same shape. */
export function pairedFromSamples(
  names: [string, string],
  firstMs: readonly number[],
  secondMs: readonly number[],
  warmupRounds: number,
): PairedResult {
  return {
    rounds: firstMs.length,
    warmupRounds,
    first: { name: names[0], timing: summarize(firstMs) },
    second: { name: names[1], timing: summarize(secondMs) },
    ratio: summarizeRatios(firstMs.map((ms, i) => ms / secondMs[i]!)),
  };
}

/** The result as a table of both sides (median, min, max) and a line with the per-round ratio. */
export function formatPaired(
  result: PairedResult,
  ratioLabel = `${result.first.name} / ${result.second.name}`,
): string {
  const row = (side: PairedResult['first']): string[] => [
    side.name,
    formatMs(side.timing.medianMs),
    formatMs(side.timing.minMs),
    formatMs(side.timing.maxMs),
  ];
  return [
    table(['side', 'median', 'min', 'max'], [row(result.first), row(result.second)]),
    `${ratioLabel}, per round: ${formatRatioSummary(result.ratio)}`,
  ].join('\n');
}
