/**
 * The transports of `npm run broker`: where bytes come from, never what they mean. Each listener
 * of the configuration becomes one server that hands every accepted connection to the broker as
 * a plain duplex byte stream (`accept`), so MQTT over TCP, over TLS, over WebSockets and over
 * secure WebSockets all meet the same driver and the same engine.
 *
 * - `mqtt`          node:net
 * - `mqtt` + TLS    node:tls (`certfile`, `keyfile`; `cafile` + `require_certificate` ask the
 *                   client for a certificate signed by that CA, as Mosquitto does;
 *                   `use_identity_as_username` makes its CN the user name, see `identityOf`)
 * - `websockets`    node:http + the `ws` package: MQTT in binary WebSocket frames, subprotocol
 *                   `mqtt` (MQTT-6.0.0-3; `mqttv3.1` accepted for old clients), on the paths `/`
 *                   and `/mqtt`; with `certfile` it is https and `wss://`.
 *
 * No framing and no crypto is written here: Node's tls and the ws package do that.
 */
import { readFileSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type Server as HttpServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { createServer as createNetServer, type AddressInfo, type Server as NetServer, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { createServer as createTlsServer, type TLSSocket } from 'node:tls';
import { createWebSocketStream, WebSocketServer } from 'ws';

/** One listener as mosquitto.conf describes it. */
export interface ListenerSpec {
  port: number;
  /** Address to bind; default 127.0.0.1. */
  host?: string;
  protocol: 'mqtt' | 'websockets';
  tls?: TlsSpec;
}

export interface TlsSpec {
  /** PEM files (paths). */
  certfile: string;
  keyfile: string;
  cafile?: string;
  /** Ask every client for a certificate signed by `cafile`, and refuse one without. */
  requireCertificate?: boolean;
  /**
   * Mosquitto's `use_identity_as_username`: the client certificate's common name (CN) is the
   * user name for the ACL, the password file is not used, and a client without a certificate
   * is refused at CONNECT.
   */
  useIdentityAsUsername?: boolean;
}

/** What the broker learns of a new connection besides its bytes. */
export interface ConnectionInfo {
  /** `ADDRESS:PORT` of the peer. */
  remote: string;
  /** `ADDRESS:PORT` of the listener's end of the connection. */
  local?: string;
  /** `mqtt`, `mqtts`, `ws` or `wss`: how it came in. */
  transport: 'mqtt' | 'mqtts' | 'ws' | 'wss';
  /** The client certificate's common name, when one was presented and verified. */
  certificateCommonName?: string;
  /** Present on a `use_identity_as_username` listener: the broker takes the user name from it. */
  identity?: { commonName?: string };
}

export interface RunningListener {
  spec: ListenerSpec;
  host: string;
  port: number;
  close(): Promise<void>;
}

/** The WebSocket subprotocols accepted, in order of preference. */
const SUBPROTOCOLS = ['mqtt', 'mqttv3.1'];
const PATHS = new Set(['/', '/mqtt']);

function readPem(path: string, what: string): Buffer {
  try {
    return readFileSync(path);
  } catch (error) {
    throw new Error(`cannot read ${what} ${path}: ${(error as Error).message}`, { cause: error });
  }
}

function tlsOptions(tls: TlsSpec) {
  return {
    cert: readPem(tls.certfile, 'certfile'),
    key: readPem(tls.keyfile, 'keyfile'),
    ...(tls.cafile !== undefined ? { ca: readPem(tls.cafile, 'cafile') } : {}),
    requestCert: tls.requireCertificate === true,
    rejectUnauthorized: tls.requireCertificate === true,
  };
}

function commonName(socket: TLSSocket): string | undefined {
  if (!socket.authorized) return undefined;
  const cn = socket.getPeerCertificate()?.subject?.CN;
  return typeof cn === 'string' && cn !== '' ? cn : undefined;
}

/** What a `use_identity_as_username` listener tells the broker: the certificate's CN, if any. */
function identityOf(spec: ListenerSpec, cn: string | undefined): Pick<ConnectionInfo, 'certificateCommonName' | 'identity'> {
  const identity = spec.tls?.useIdentityAsUsername ? { identity: cn !== undefined ? { commonName: cn } : {} } : {};
  return { ...(cn !== undefined ? { certificateCommonName: cn } : {}), ...identity };
}

const remoteOf = (s: Socket): string => `${s.remoteAddress ?? '?'}:${s.remotePort ?? 0}`;
const localOf = (s: Socket): string => `${s.localAddress ?? '?'}:${s.localPort ?? 0}`;

/**
 * Reports every failed TLS handshake with the peer's address. By the time the error arrives the
 * TLS socket may be closed and no longer know its address, so it is read from the TCP socket
 * when the connection opens (Node's TLS socket wraps it as `_parent`).
 */
function reportHandshakeFailures(server: NetServer | HttpServer, onProblem: (message: string) => void): void {
  const remotes = new WeakMap<Socket, string>();
  server.on('connection', (raw: Socket) => remotes.set(raw, remoteOf(raw)));
  server.on('tlsClientError', (error: Error, socket: TLSSocket) => {
    const raw = (socket as TLSSocket & { _parent?: Socket })._parent;
    onProblem(`TLS handshake with ${(raw && remotes.get(raw)) ?? remoteOf(socket)} failed: ${tlsReason(error)}`);
  });
}

/** OpenSSL's reason in words a teacher can act on. */
function tlsReason(error: Error): string {
  const text = `${(error as Error & { code?: string }).code ?? ''} ${error.message}`;
  if (/PEER_DID_NOT_RETURN_A_CERTIFICATE|certificate required/i.test(text)) return 'the client sent no certificate, and this listener requires one (require_certificate true)';
  if (/UNKNOWN_CA|unknown ca/i.test(text)) return 'the client does not trust this server certificate (unknown CA: give the client the cafile)';
  if (/CERTIFICATE_EXPIRED|certificate expired/i.test(text)) return 'the client refused this server certificate: it has expired';
  if (/BAD_CERTIFICATE|bad certificate/i.test(text)) return 'the client refused this server certificate (wrong host name, or not valid)';
  if (/WRONG_VERSION_NUMBER|HTTP_REQUEST|wrong version number|http request/i.test(text)) return 'the client did not speak TLS (plain MQTT to a TLS port?)';
  return error.message;
}

function listen(server: NetServer | HttpServer, spec: ListenerSpec): Promise<{ host: string; port: number }> {
  const host = spec.host ?? '127.0.0.1';
  return new Promise((resolve, reject) => {
    // The message names the address: `cannot listen on 127.0.0.1:1883: listen EADDRINUSE …`.
    const fail = (error: Error): void => reject(new Error(`${host}:${spec.port}: ${error.message}`));
    server.once('error', fail);
    server.listen({ host, port: spec.port }, () => {
      server.off('error', fail);
      const address = server.address() as AddressInfo;
      resolve({ host: address.address, port: address.port });
    });
  });
}

/**
 * Starts one listener; every connection goes to `accept` as a byte stream. A TLS handshake that
 * fails (an unknown CA, no client certificate where one is required, a client that speaks plain
 * MQTT to a TLS port) never reaches the broker: `onProblem` hears why.
 */
export async function startListener(spec: ListenerSpec, accept: (stream: Duplex, info: ConnectionInfo) => void, onProblem: (message: string) => void = () => {}): Promise<RunningListener> {
  let secure: ReturnType<typeof tlsOptions> | undefined;
  try {
    secure = spec.tls ? tlsOptions(spec.tls) : undefined;
  } catch (error) {
    throw new Error(`${spec.host ?? '127.0.0.1'}:${spec.port}: ${(error as Error).message}`, { cause: error });
  }
  if (spec.protocol === 'mqtt') {
    const server = secure
      ? createTlsServer(secure, (socket) => {
          socket.setNoDelay(true);
          accept(socket, { remote: remoteOf(socket), local: localOf(socket), transport: 'mqtts', ...identityOf(spec, commonName(socket)) });
        })
      : createNetServer((socket) => {
          socket.setNoDelay(true);
          accept(socket, { remote: remoteOf(socket), local: localOf(socket), transport: 'mqtt' });
        });
    if (secure) reportHandshakeFailures(server, onProblem);
    const bound = await listen(server, spec);
    return { spec, ...bound, close: () => new Promise((r) => server.close(() => r())) };
  }

  const http = secure ? createHttpsServer(secure) : createHttpServer();
  http.on('request', (_req, res) => {
    res.writeHead(426, { 'content-type': 'text/plain', upgrade: 'websocket' }).end('This is an MQTT over WebSockets endpoint (subprotocol mqtt).\n');
  });
  const wss = new WebSocketServer({
    noServer: true,
    // MQTT-6.0.0-3/-4: the client offers "mqtt", the server selects it.
    handleProtocols: (offered) => SUBPROTOCOLS.find((p) => offered.has(p)) ?? false,
  });
  http.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (!PATHS.has(path)) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      const raw = req.socket as Socket;
      raw.setNoDelay(true);
      const stream = createWebSocketStream(ws);
      // Binary frames only: MQTT is bytes (MQTT-6.0.0-1).
      const cn = spec.tls ? commonName(raw as TLSSocket) : undefined;
      accept(stream, { remote: remoteOf(raw), local: localOf(raw), transport: spec.tls ? 'wss' : 'ws', ...identityOf(spec, cn) });
    });
  });
  if (secure) reportHandshakeFailures(http, onProblem);
  const bound = await listen(http, spec);
  return {
    spec,
    ...bound,
    close: () =>
      new Promise((r) => {
        for (const client of wss.clients) client.terminate();
        wss.close();
        http.close(() => r());
        http.closeAllConnections?.();
      }),
  };
}
