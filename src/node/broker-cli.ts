/**
 * `npm run broker -- [--host 127.0.0.1] [--port 1883] [--config FILE] [--trace]`
 *
 * Runs the sandbox's broker core on real TCP sockets with real time, so real clients
 * (mosquitto_pub/sub, MQTTX, mqtt.js, an ESP32) can talk to it. Prints `listening on HOST:PORT`
 * when ready (port 0 picks a free port and prints the real one). `--trace` prints the trace as
 * the scenario runner does: time since start, `from -> to`, packet summary; notes with the spec
 * rule applied. SIGINT and SIGTERM stop it cleanly, closing every connection.
 *
 * Precedence: `--host`/`--port` over the config file's `listener` over 127.0.0.1:1883.
 * Exit codes: 0 after a clean stop, 1 when it cannot listen, 2 on a usage or config error.
 */
import { ConfigError, escapeUnprintable, loadBrokerConfig, TcpBroker, type LoadedConfig } from './broker/index.ts';
import { onClosedStdout } from './closed-pipe.ts';

const USAGE = 'usage: npm run broker -- [--host 127.0.0.1] [--port 1883] [--config FILE] [--trace]';

interface Args {
  host?: string;
  port?: number;
  config?: string;
  trace: boolean;
}

function parseArgs(argv: string[]): Args | string {
  const args: Args = { trace: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = (): string | undefined => argv[++i];
    if (a === '--trace') args.trace = true;
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
  const broker = new TcpBroker({
    listeners,
    config: loaded.broker,
    onError: (message) => console.error(`broker: ${message}`),
    ...(args.trace ? { trace: (line: string) => outputOpen && console.log(line) } : {}),
  });
  try {
    await broker.start();
  } catch (error) {
    console.error(`cannot listen on ${(error as Error).message}`);
    return 1;
  }
  // One line a listener; the first is exactly `listening on HOST:PORT`, what scripts wait for.
  for (const [i, l] of broker.listeners.entries()) {
    const kind = l.spec.protocol === 'websockets' ? (l.spec.tls ? 'wss://' : 'ws://') : l.spec.tls ? 'mqtts (TLS)' : 'mqtt';
    console.log(`listening on ${l.host}:${l.port}${i === 0 && kind === 'mqtt' ? '' : ` (${kind})`}`);
  }
  return new Promise<number>((resolveExit) => {
    let stopping = false;
    const stop = (signal: string) => {
      if (stopping) return;
      stopping = true;
      const open = broker.connectionCount;
      const closingLine = () => console.error(`${signal}: stopped, ${open} connection${open === 1 ? '' : 's'} closed`);
      broker.stop().then(
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
