/**
 * A tiny static file server on 127.0.0.1 for the browser tests and the bench: a free port chosen by the
 * system unless one is asked for, so a run never talks to a server it did not start. It serves files as
 * any plain static host would (the app needs nothing more). Files are sent uncompressed and uncached: on
 * the loopback interface transfer time is negligible, so the bench's timings measure parsing, computing
 * and drawing rather than the network.
 */
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { extname, resolve, sep } from 'node:path';

/** URL prefix (starting and ending with `/`) served from a folder. */
export interface Mount {
  prefix: string;
  folder: string;
}

export interface StaticServer {
  /** `http://127.0.0.1:<port>` without a trailing slash. */
  origin: string;
  /** Requests answered with an error status, e.g. `404 /app/data/x.json`. */
  failures: string[];
  close: () => Promise<void>;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webmanifest': 'application/manifest+json',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
};

/**
 * Serve `mounts`; the longest matching prefix wins, and `/` at the end of a path means `index.html`.
 * `port` 0 (the default) lets the system choose a free one; a taken port rejects with EADDRINUSE.
 */
export async function startServer(mounts: readonly Mount[], port = 0): Promise<StaticServer> {
  const ordered = [...mounts].sort((a, b) => b.prefix.length - a.prefix.length);
  const failures: string[] = [];
  // Links of up to 128 kB: the browser tests open hostile links of tens of kilobytes (issue 13), longer than
  // Node's default 16 kB of headers. Any static server the atlas is put on has its own limit; the app copes with
  // whatever reaches it.
  const server = createServer({ maxHeaderSize: 128 * 1024 }, (req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
    const mount = ordered.find((m) => path.startsWith(m.prefix));
    const fail = (status: number): void => {
      failures.push(`${status} ${path}`);
      res.writeHead(status).end();
    };
    if (!mount || req.method !== 'GET') return fail(mount ? 405 : 404);
    const root = resolve(mount.folder);
    const target = resolve(root, `${path.slice(mount.prefix.length)}${path.endsWith('/') ? 'index.html' : ''}`);
    // resolve() has applied any `..` (or a leading `/`); a path outside the folder is not ours to serve.
    if (target !== root && !target.startsWith(root + sep)) return fail(403);
    readFile(target).then(
      (body) => {
        res.writeHead(200, {
          'Content-Type': CONTENT_TYPES[extname(target)] ?? 'application/octet-stream',
          'Content-Length': body.length,
          'Cache-Control': 'no-store',
        });
        res.end(body);
      },
      () => fail(404),
    );
  });
  await new Promise<void>((done, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', done);
  });
  const address = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${address.port}`,
    failures,
    close: () =>
      new Promise<void>((done, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : done()));
      }),
  };
}
