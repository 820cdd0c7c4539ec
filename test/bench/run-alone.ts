/**
 * Running one part of the bench on its own (`tsx test/bench/<part>.ts`, against the current dist/), as the parts
 * that have their own data folder or browser session allow.
 */
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The repository's root folder. */
const ROOT = join(fileURLToPath(import.meta.url), '..', '..', '..');

/** What a part run alone gives: its report, and whether its checks passed. */
export interface AloneResult {
  text: string;
  isOk: boolean;
}

/**
 * When `moduleUrl` (the part's `import.meta.url`) is the script Node was started with: run `part` with the
 * repository's root and a log on stderr, print its report on stdout, and exit non-zero when its checks fail or it
 * throws. Imported by bench.ts, the part does nothing.
 */
export function runAlone(
  moduleUrl: string,
  part: (root: string, log: (line: string) => void) => Promise<AloneResult>,
): void {
  if (!process.argv[1] || moduleUrl !== pathToFileURL(process.argv[1]).href) return;
  const log = (line: string): void => void process.stderr.write(`${line}\n`);
  part(ROOT, log).then(
    ({ text, isOk }) => {
      process.stdout.write(text);
      if (!isOk) process.exitCode = 1;
    },
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
