/**
 * `npm run broker -- [--host 127.0.0.1] [--port 1883] [--config FILE] [--trace]
 *                    [--record FILE] [--live [--live-port N] [--live-host H] [--ring N]] [--show-secrets]`
 *
 * Runs the sandbox's broker core on real TCP sockets with real time, so real clients
 * (mosquitto_pub/sub, MQTTX, mqtt.js, an ESP32) can talk to it. Prints `listening on HOST:PORT`
 * when ready (port 0 picks a free port and prints the real one). `--trace` prints the trace as
 * the scenario runner does: time since start, `from -> to`, packet summary; notes with the spec
 * rule applied. SIGINT and SIGTERM stop it cleanly, closing every connection.
 *
 * `--record FILE` writes the trace as it happens in the one trace format (src/sim/trace-json.ts:
 * every connection with its real addresses and transport, every packet with its real bytes and
 * protocol version, every decision with its spec rule). `--live` also serves the built app
 * (dist/, or `--live-root DIR`) and the trace as a WebSocket feed (`/live-feed`: the header, the
 * last `--ring N` entries, then each new one; src/node/broker/live-server.ts) on 127.0.0.1,
 * port `--live-port` (default 1880); with `--live-host H` it listens there and asks for a token
 * printed at start. Passwords in CONNECT are masked in both unless `--show-secrets`.
 *
 * Precedence: `--host`/`--port` over the config file's `listener` over 127.0.0.1:1883.
 * Exit codes: 0 after a clean stop, 1 when it cannot listen, 2 on a usage or config error.
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError, engineConfig, escapeUnprintable, loadBrokerConfig, TcpBroker, type LoadedConfig } from './broker/index.ts';
import { FEED_PATH, missingBuild, startLiveServer, type LiveServer } from './broker/live-server.ts';
import { TraceLines, TraceRecorder, TraceRing } from './broker/trace-sinks.ts';
import { onClosedStdout } from './closed-pipe.ts';
import { traceBrokerConfig } from '../sim/trace-broker-config.ts';

const USAGE =
  'usage: npm run broker -- [--host 127.0.0.1] [--port 1883] [--config FILE] [--trace] [--record FILE]\n' +
  '                         [--live [--live-port 1880] [--live-host HOST] [--ring 10000] [--live-root dist]] [--show-secrets]';

/** The live view's HTTP port when `--live-port` is not given. */
const DEFAULT_LIVE_PORT = 1880;
/** Entries the live feed keeps for a reader that joins late, when `--ring` is not given. */
const DEFAULT_RING = 10_000;

interface Args {
  host?: string;
  port?: number;
  config?: string;
  trace: boolean;
  record?: string;
  live: boolean;
  livePort?: number;
  liveHost?: string;
  liveRoot?: string;
  ring?: number;
  showSecrets: boolean;
}

function portValue(v: string | undefined): number | undefined {
  return v !== undefined && /^\d{1,5}$/.test(v) && Number(v) <= 65535 ? Number(v) : undefined;
}

function parseArgs(argv: string[]): Args | string {
  const args: Args = { trace: false, live: false, showSecrets: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = (): string | undefined => argv[++i];
    if (a === '--trace') args.trace = true;
    else if (a === '--live') args.live = true;
    else if (a === '--show-secrets') args.showSecrets = true;
    else if (a === '--record') {
      const v = value();
      if (!v) return `--record needs a file\n${USAGE}`;
      args.record = v;
    } else if (a === '--live-port') {
      const v = portValue(value());
      if (v === undefined) return `--live-port needs a number from 0 to 65535\n${USAGE}`;
      args.livePort = v;
    } else if (a === '--live-host') {
      const v = value();
      if (!v) return `--live-host needs an address\n${USAGE}`;
      args.liveHost = v;
    } else if (a === '--live-root') {
      const v = value();
      if (!v) return `--live-root needs a folder\n${USAGE}`;
      args.liveRoot = v;
    } else if (a === '--ring') {
      const v = value();
      if (v === undefined || !/^\d{1,9}$/.test(v) || Number(v) < 1) return `--ring needs a number of entries (at least 1)\n${USAGE}`;
      args.ring = Number(v);
    }
    else if (a === '--host' || a === '-h') {
      const v = value();
      if (!v) return `--host needs an address\n${USAGE}`;
      args.host = v;
    } else if (a === '--port' || a === '-p') {
      const v = value();
      if (v === undefined || !/^\d{1,5}$/.test(v) || Number(v) > 65535) return `--port needs a number from 0 to 65535\n${USAGE}`;
      args.port = Number(v);
    } else if (a === '--config' || a === '-c') {
      const v = value();
      if (!v) return `--config needs a file\n${USAGE}`;
      args.config = v;
    } else if (a === '--help') return USAGE;
    else return `unknown argument ${escapeUnprintable(a)}\n${USAGE}`;
  }
  return args;
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  if (typeof args === 'string') {
    (args === USAGE ? console.log : console.error)(args);
    return args === USAGE ? 0 : 2;
  }
  let loaded: LoadedConfig = { listeners: [], broker: {} };
  if (args.config !== undefined) {
    try {
      loaded = loadBrokerConfig(args.config);
    } catch (error) {
      if (error instanceof ConfigError) {
        for (const p of error.problems) console.error(p);
        return 2;
      }
      throw error;
    }
  }
  // --host/--port set the first listener (or the only one, when the file has none).
  const [first, ...more] = loaded.listeners.length > 0 ? loaded.listeners : [{ port: 1883, protocol: 'mqtt' as const }];
  const host = args.host ?? first!.host ?? '127.0.0.1';
  const port = args.port ?? first!.port;
  const listeners = [{ ...first!, host, port }, ...more];
  // When the reader of the trace goes away (`--trace | head`), the trace stops; the broker goes on serving its clients.
  let outputOpen = true;
  onClosedStdout(() => {
    outputOpen = false;
    console.error('output closed: the broker keeps running without printing its trace');
  });
  // --record and --live: the trace as trace-json lines, for a file and for the feed's ring.
  const liveRoot = path.resolve(args.liveRoot ?? path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist'));
  if (args.live) {
    const missing = missingBuild(liveRoot);
    if (missing !== undefined) {
      console.error(missing);
      return 2;
    }
  }
  // The header carries the configuration (no passwords), so the live view's replica decides alike.
  const header = { source: 'broker' as const, startedAt: Date.now(), title: 'npm run broker', broker: traceBrokerConfig(engineConfig({ config: loaded.broker })) };
  const lines = args.record !== undefined || args.live ? new TraceLines(header, args.showSecrets) : undefined;
  let recorder: TraceRecorder | undefined;
  if (lines && args.record !== undefined) {
    recorder = new TraceRecorder(args.record, lines.header, (message) => console.error(`broker: ${message}`));
    try {
      await recorder.ready();
    } catch (error) {
      console.error(`cannot record to ${args.record}: ${(error as Error).message}`);
      return 2;
    }
    lines.add(recorder.sink);
  }
  const ring = args.live ? new TraceRing(args.ring ?? DEFAULT_RING) : undefined;
  if (lines && ring) lines.add(ring.sink);
  const broker = new TcpBroker({
    listeners,
    config: loaded.broker,
    onError: (message) => console.error(`broker: ${message}`),
    ...(args.trace ? { trace: (line: string) => outputOpen && console.log(line) } : {}),
    ...(lines ? { onEntry: lines.entry, onConnection: lines.connection } : {}),
  });
  try {
    await broker.start();
  } catch (error) {
    console.error(`cannot listen on ${(error as Error).message}`);
    await recorder?.close();
    return 1;
  }
  let live: LiveServer | undefined;
  let token: string | undefined;
  if (lines && ring) {
    // Beyond loopback the feed (everything the class sends) needs the token printed here.
    token = args.liveHost !== undefined ? randomBytes(12).toString('base64url') : undefined;
    try {
      live = await startLiveServer({ host: args.liveHost ?? '127.0.0.1', port: args.livePort ?? DEFAULT_LIVE_PORT, root: liveRoot, header: lines.header, ring, ...(token !== undefined ? { token } : {}) });
    } catch (error) {
      console.error(`cannot serve the live view on ${(error as Error).message}`);
      await broker.stop();
      await recorder?.close();
      return 1;
    }
    lines.add(live.sink);
  }
  // One line a listener; the first is exactly `listening on HOST:PORT`, what scripts wait for.
  for (const [i, l] of broker.listeners.entries()) {
    const kind = l.spec.protocol === 'websockets' ? (l.spec.tls ? 'wss://' : 'ws://') : l.spec.tls ? 'mqtts (TLS)' : 'mqtt';
    console.log(`listening on ${l.host}:${l.port}${i === 0 && kind === 'mqtt' ? '' : ` (${kind})`}`);
  }
  if (recorder) console.log(`recording to ${args.record}`);
  if (live) {
    const shownHost = live.host.includes(':') ? `[${live.host}]` : live.host;
    const query = token !== undefined ? `?token=${token}` : '';
    console.log(`live view on http://${shownHost}:${live.port}/${query}#live (feed ws://${shownHost}:${live.port}${FEED_PATH}${query}, last ${ring!.capacity} entries kept)`);
    if (token !== undefined) console.log(`live view token: ${token}`);
    if (live.host === '0.0.0.0' || live.host === '::') console.log(`(from the class's devices: this machine's address instead of ${live.host})`);
  }
  return new Promise<number>((resolveExit) => {
    let stopping = false;
    const stop = (signal: string) => {
      if (stopping) return;
      stopping = true;
      const open = broker.connectionCount;
      const closingLine = () => console.error(`${signal}: stopped, ${open} connection${open === 1 ? '' : 's'} closed`);
      const closeSinks = async () => {
        await live?.close();
        await recorder?.close();
      };
      broker.stop().then(closeSinks).then(
        () => {
          closingLine();
          resolveExit(0);
        },
        (error: unknown) => {
          closingLine();
          console.error(`broker: stopping failed: ${String(error)}`);
          resolveExit(1);
        },
      );
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
}

// Exit with the code even if a handle (a socket, a timer) would keep Node running: a broker
// that cannot listen, or has stopped, serves nobody.
process.exit(await main());
