/**
 * Serve the production build (`dist/`, made by `vite build`) for the browser tests from a server this run
 * starts itself: on a free port chosen by the system, or on $E2E_PORT when set (a taken port fails the
 * run instead of testing whatever answers there). The workers read the address from $E2E_BASE_URL, which
 * they inherit because Playwright starts them after this setup.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { CHROMIUM_PATH } from '../chromium';
import { startServer } from '../static-server';

const DIST = join(import.meta.dirname, '../../dist');

export default async function globalSetup(): Promise<() => Promise<void>> {
  if (!existsSync(join(DIST, 'index.html'))) {
    throw new Error(`no production build in ${DIST}: run 'npm run build' first (npm run test:e2e does)`);
  }
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `no Chromium at ${CHROMIUM_PATH}: install Debian's (apt-get install -y chromium) or set CHROMIUM_PATH`,
    );
  }
  const requested = process.env.E2E_PORT === undefined ? 0 : Number(process.env.E2E_PORT);
  if (!Number.isInteger(requested) || requested < 0 || requested > 65535) {
    throw new Error(`E2E_PORT must be a port number, not '${process.env.E2E_PORT}'`);
  }
  const server = await startServer([{ prefix: '/', folder: DIST }], requested).catch((error: unknown) => {
    throw new Error(`cannot serve the build on port ${requested}: ${(error as Error).message}`, { cause: error });
  });
  process.env.E2E_BASE_URL = `${server.origin}/`;
  console.log(`Browser tests: serving ${DIST} at ${server.origin}/`);
  return () => server.close();
}
