/**
 * A plain static file server for browser tests: one folder (a build) served under a URL prefix
 * such as `/school/mqtt-lab/` on 127.0.0.1 and a free port, the way a school's web server
 * would: no SPA fallback (a wrong path is a 404), files read from disk on every request (a test
 * may swap a file to deploy a "new version").
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.ttf': 'font/ttf',
  '.woff2': 'font/woff2',
  '.png': 'image/png',
};

export interface StaticFolder {
  /** `http://127.0.0.1:PORT` (no prefix, no trailing slash). */
  origin: string;
  close: () => Promise<void>;
}

export async function serveFolder(root: string, prefix: string): Promise<StaticFolder> {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (!url.pathname.startsWith(prefix)) {
      res.writeHead(404).end('outside the app folder');
      return;
    }
    const rel = normalize(decodeURIComponent(url.pathname.slice(prefix.length)) || 'index.html');
    const file = join(root, rel);
    if (rel.startsWith('..') || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return {
    origin: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
