/**
 * `npm run broker -- --live`: the built app over HTTP and the broker's trace as a WebSocket feed,
 * so the app's Live mode (`http://HOST:PORT/#live`) shows the real traffic in its views.
 *
 * - `GET /…`          the files of the built app (dist/), `index.html` for `/`; nothing outside it.
 * - `/live-feed`      a WebSocket (the `ws` package); each text message is one trace-json line
 *                     (src/sim/trace-json.ts): the header, then the ring's backlog (the last N
 *                     entries and the `conn` lines they need), then every new line as it happens.
 *
 * With a `token` (required whenever the feed listens beyond loopback, `--live-host`), a feed
 * without `?token=` equal to it is accepted and closed at once with code 4401 and a reason that
 * says what to do: a browser reads the reason, not an HTTP status. A feed reader that falls more
 * than `maxBufferedBytes` behind is closed (1008) rather than buffered without bound.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { TraceLineEvent, TraceRing } from './trace-sinks.ts';

export const FEED_PATH = '/live-feed';
/** Close code for a feed refused for want of the token (4000–4999: the application's own). */
export const TOKEN_REFUSED = 4401;

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.mqtts': 'text/plain; charset=utf-8',
  '.md': 'text/plain; charset=utf-8',
};

export interface LiveServerOptions {
  host: string;
  port: number;
  /** The built app's folder (dist/). */
  root: string;
  /** The trace header line sent first on every feed. */
  header: string;
  ring: TraceRing;
  /** Required as `?token=` on the feed when given. */
  token?: string;
  /** Most bytes queued for one feed reader before it is closed; default 64 MiB. */
  maxBufferedBytes?: number;
}

export interface LiveServer {
  host: string;
  port: number;
  /** Hands a new line to every feed reader (the ring keeps it for later readers itself). */
  sink: (event: TraceLineEvent) => void;
  /** Number of feed readers connected. */
  readonly readers: number;
  close(): Promise<void>;
}

/** Why the built app cannot be served from `root`, or undefined when it can. */
export function missingBuild(root: string): string | undefined {
  if (existsSync(path.join(root, 'index.html'))) return undefined;
  return `${root} holds no built app (index.html): run \`npm run build\` first, then \`npm run broker -- --live\` again`;
}

export async function startLiveServer(options: LiveServerOptions): Promise<LiveServer> {
  const root = path.resolve(options.root);
  const maxBuffered = options.maxBufferedBytes ?? 64 * 1024 * 1024;
  const http: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname === FEED_PATH) {
      res.writeHead(426, { 'content-type': 'text/plain; charset=utf-8', upgrade: 'websocket' }).end('This is the live trace feed: open it as a WebSocket.\n');
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    let rel: string;
    try {
      rel = decodeURIComponent(url.pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    const file = path.resolve(root, '.' + (rel.endsWith('/') ? rel + 'index.html' : rel));
    if (file !== root && !file.startsWith(root + path.sep)) {
      res.writeHead(403).end();
      return;
    }
    let size: number;
    try {
      const st = statSync(file);
      if (!st.isFile()) throw new Error('not a file');
      size = st.size;
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found\n');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream', 'content-length': size, 'cache-control': 'no-cache' });
    if (req.method === 'HEAD') res.end();
    else createReadStream(file).pipe(res);
  });

  const wss = new WebSocketServer({ noServer: true });
  const readers = new Set<WebSocket>();
  http.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname !== FEED_PATH) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      if (options.token !== undefined && url.searchParams.get('token') !== options.token) {
        ws.close(TOKEN_REFUSED, 'token required: open the URL that npm run broker printed (with ?token=)');
        return;
      }
      ws.send(options.header);
      for (const line of options.ring.snapshot()) ws.send(line);
      readers.add(ws);
      ws.on('close', () => readers.delete(ws));
      ws.on('error', () => readers.delete(ws));
    });
  });

  await new Promise<void>((resolve, reject) => {
    const fail = (error: Error) => reject(new Error(`${options.host}:${options.port}: ${error.message}`));
    http.once('error', fail);
    http.listen({ host: options.host, port: options.port }, () => {
      http.off('error', fail);
      resolve();
    });
  });
  const address = http.address() as AddressInfo;

  return {
    host: address.address,
    port: address.port,
    get readers() {
      return readers.size;
    },
    sink: (event) => {
      for (const ws of readers) {
        if (ws.bufferedAmount > maxBuffered) {
          readers.delete(ws);
          ws.close(1008, 'the feed reader fell too far behind');
          continue;
        }
        ws.send(event.line);
      }
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const ws of wss.clients) ws.terminate();
        wss.close();
        http.close(() => resolve());
        http.closeAllConnections?.();
      }),
  };
}
