/** Summaries of timing samples and the number formats of the benchmark report. */

/** Timing samples of one measurement with their median, minimum and maximum, in milliseconds. */
export interface Summary {
  runs: number;
  medianMs: number;
  minMs: number;
  maxMs: number;
  samplesMs: number[];
}

/** Summarize samples (ms); throws on an empty list, which would be a bug in the bench. */
export function summarize(samplesMs: readonly number[]): Summary {
  if (samplesMs.length === 0) throw new Error('unreachable: no timing samples');
  const sorted = [...samplesMs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const medianMs = sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return {
    runs: sorted.length,
    medianMs: round(medianMs),
    minMs: round(sorted[0]!),
    maxMs: round(sorted[sorted.length - 1]!),
    samplesMs: samplesMs.map(round),
  };
}

/** Per-round ratios of two paired measurements (first side over second side) with their median and range. */
export interface RatioSummary {
  rounds: number;
  median: number;
  min: number;
  max: number;
  ratios: number[];
}

/** Summarize per-round ratios; throws on an empty list, which would be a bug in the bench. */
export function summarizeRatios(ratios: readonly number[]): RatioSummary {
  if (ratios.length === 0) throw new Error('unreachable: no ratios');
  const sorted = [...ratios].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  const three = (x: number): number => Math.round(x * 1000) / 1000;
  return {
    rounds: sorted.length,
    median: three(median),
    min: three(sorted[0]!),
    max: three(sorted[sorted.length - 1]!),
    ratios: ratios.map(three),
  };
}

/** A ratio as `2.31×` (three significant digits, no decimals from 1000 up). */
export function formatRatio(ratio: number): string {
  return ratio >= 1000 ? `${ratio.toFixed(0)}×` : `${ratio.toPrecision(3)}×`;
}

/** `median 2.31× (min 2.10×, max 2.60×)`. */
export function formatRatioSummary(r: RatioSummary): string {
  return `median ${formatRatio(r.median)} (min ${formatRatio(r.min)}, max ${formatRatio(r.max)}, ${r.rounds} rounds)`;
}

/** Run `fn` and return its result with the elapsed wall time in ms. */
export function timed<T>(fn: () => T): { value: T; ms: number } {
  const start = performance.now();
  const value = fn();
  return { value, ms: performance.now() - start };
}

/** Milliseconds to one decimal, so the JSON report stays readable. */
export function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}

/** Bytes as `12.3 MB` from a million up, else as `formatBytes` does. */
export function formatMegabytes(bytes: number): string {
  return Math.abs(bytes) >= 1e6 ? `${(bytes / 1e6).toFixed(1)} MB` : formatBytes(bytes);
}

/** Bytes as `12.3 kB` (1 kB = 1000 B, like Vite's build report). */
export function formatBytes(bytes: number): string {
  return bytes < 1000 ? `${bytes} B` : `${(bytes / 1000).toFixed(1)} kB`;
}

/** Milliseconds as `123.4 ms`, or `1.23 s` from one second up. */
export function formatMs(ms: number): string {
  return ms < 1000 ? `${ms.toFixed(1)} ms` : `${(ms / 1000).toFixed(2)} s`;
}

/** Text table with the first column left-aligned and the others right-aligned. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const all = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...all.map((row) => (row[i] ?? '').length)));
  const line = (row: readonly string[]): string =>
    row
      .map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}
