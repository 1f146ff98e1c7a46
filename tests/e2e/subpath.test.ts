/**
 * Hosting for a class: the built app works from any folder of any web server. The same build the
 * other browser tests use is served under `/school/mqtt-lab/` by a plain static file server (no
 * SPA fallback: a wrong asset path is a 404), and the app opens, plays its scenario, loads the
 * lazy editor (Monaco and its worker) and the lessons, with no failed request.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { browserPerFile } from './browser.ts';

const PREFIX = '/school/mqtt-lab/';
const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.json': 'application/json', '.ttf': 'font/ttf', '.woff2': 'font/woff2', '.png': 'image/png' };

let server: Server;
let origin: string;

beforeAll(async () => {
  const root = inject('distDir');
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (!url.pathname.startsWith(PREFIX)) {
      res.writeHead(404).end('outside the app folder');
      return;
    }
    const rel = normalize(decodeURIComponent(url.pathname.slice(PREFIX.length)) || 'index.html');
    const file = join(root, rel);
    if (rel.startsWith('..') || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});

afterAll(async () => {
  await new Promise<void>((r) => server.close(() => r()));
});

const { openPage } = browserPerFile();

describe('the build served under a sub-path', () => {
  it(`opens, plays, and loads the editor and the lessons at ${PREFIX}`, async () => {
    const { page } = await openPage();
    await page.goto(`${origin}${PREFIX}`);
    await page.getByRole('main').waitFor();
    // The editor is lazy (Monaco and its worker): it must load from the sub-path too.
    await page.locator('.scenario-editor[data-ready="true"] .monaco-editor .view-lines').waitFor({ timeout: 30_000 });
    await expect(page.locator('.monaco-editor .view-lines').textContent()).resolves.toContain('connect');
    // The lessons are lazy chunks as well.
    await page.getByRole('tab', { name: 'Lesson', exact: true }).click();
    await page.locator('[data-lesson="01-why-mqtt"]').first().waitFor();
  });
});
