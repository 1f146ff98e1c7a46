/**
 * The three brokers of `npm run bench -- loopback`, each started in a process of its own on
 * 127.0.0.1 and stopped by its PID: ours as a learner runs it (`npm run broker`'s command from
 * package.json, node flags included, as `node FLAGS --import tsx src/node/broker-cli.ts`:
 * `brokerNodeArgs`), aedes (the anchor, `aedes-server.ts`), and
 * Debian's Mosquitto (`/usr/sbin/mosquitto`, skipped with a message when it is missing).
 * `cpuMs()` reads the process's user + system CPU time from /proc.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../../..');
export const MOSQUITTO = '/usr/sbin/mosquitto';
const START_TIMEOUT_MS = 20_000;
/** Linux's clock ticks per second for /proc/PID/stat (USER_HZ, 100 on every common kernel). */
const USER_HZ = 100;

export type BrokerName = 'ours' | 'aedes' | 'mosquitto';

export interface BrokerProcess {
  name: BrokerName;
  port: number;
  pid: number;
  /** User + system CPU time of the broker's process so far, in ms. */
  cpuMs(): number;
  /** With `startOurs(root, { probe: true })`: what `loopback-probe.ts` saw since the last call. */
  probe?: () => Promise<Record<string, number> | null>;
  stop(): Promise<void>;
}

const PROBE = join(import.meta.dirname, 'loopback-probe.ts');

/** Queue limits for all three: deep enough that the closed-loop window, not the limit, decides. */
const QUEUE_LINES = ['max_queued_messages 10000', 'sys_interval 0'];

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen({ host: '127.0.0.1', port: 0 }, () => r()));
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

function cpuOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / USER_HZ; // utime, stime
  } catch {
    return Number.NaN;
  }
}

/** Starts `cmd`, waits for `ready` on stdout or stderr; returns the child and what matched. */
function startProcess(name: BrokerName, cmd: string, args: string[], ready: RegExp, cwd = ROOT): Promise<{ child: ChildProcess; match: RegExpMatchArray }> {
  const child = spawn(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  return new Promise((resolveStart, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${name} did not start within ${START_TIMEOUT_MS} ms: ${log}`));
    }, START_TIMEOUT_MS);
    const onData = (d: Buffer): void => {
      log += d.toString();
      const m = log.match(ready);
      if (m) {
        clearTimeout(timer);
        // Keep draining the pipes (a full pipe would block the broker), without keeping the text.
        for (const stream of [child.stdout!, child.stderr!]) {
          stream.removeAllListeners('data');
          stream.resume();
        }
        resolveStart({ child, match: m });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited (${code}): ${log}`));
    });
  });
}

function stopper(child: ChildProcess, cleanup: () => void): () => Promise<void> {
  return async () => {
    if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) {
      const exited = new Promise<void>((r) => child.once('exit', () => r()));
      process.kill(child.pid, 'SIGTERM');
      const kill = setTimeout(() => child.pid !== undefined && child.exitCode === null && process.kill(child.pid, 'SIGKILL'), 3000);
      await exited;
      clearTimeout(kill);
    }
    cleanup();
  };
}

function handle(name: BrokerName, child: ChildProcess, port: number, cleanup: () => void): BrokerProcess {
  const pid = child.pid!;
  return { name, port, pid, cpuMs: () => cpuOf(pid), stop: stopper(child, cleanup) };
}

/**
 * The node arguments of `npm run broker` in the checkout at `root`: its package.json's
 * `scripts.broker` is `tsx [NODE_FLAGS] ENTRY` (tsx runs ENTRY in a node process with those
 * flags, e.g. the young generation's size), returned as `[...NODE_FLAGS, '--import', 'tsx',
 * ENTRY]`: the same broker process in one process, whose PID and CPU time are the broker's.
 * A script of another shape is an error that quotes it.
 */
export function brokerNodeArgs(root = ROOT): string[] {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts?: Record<string, string> };
  const script = pkg.scripts?.broker ?? '';
  const [runner, ...words] = script.trim().split(/\s+/);
  const entry = words.at(-1);
  const flags = words.slice(0, -1);
  if (runner !== 'tsx' || entry === undefined || !entry.endsWith('.ts') || flags.some((f) => !f.startsWith('--'))) {
    throw new Error(`package.json's scripts.broker is "${script}"; the bench expects "tsx [--node-flag ...] ENTRY.ts"`);
  }
  return [...flags, '--import', 'tsx', entry];
}

/**
 * Reads `loopback-probe` lines from the broker's stderr; `probe()` asks for one (SIGUSR2) and
 * resolves with it, or null after 2 s.
 */
function prober(child: ChildProcess): () => Promise<Record<string, number> | null> {
  let waiting: ((line: Record<string, number>) => void) | null = null;
  let text = '';
  child.stderr!.on('data', (d: Buffer) => {
    text = (text + d.toString()).slice(-65536);
    const m = /loopback-probe (\{.*\})\n/.exec(text);
    if (m) {
      text = text.slice(m.index + m[0].length);
      waiting?.(JSON.parse(m[1]!) as Record<string, number>);
      waiting = null;
    }
  });
  return () =>
    new Promise((resolveProbe) => {
      const timer = setTimeout(() => resolveProbe(null), 2000);
      waiting = (line) => {
        clearTimeout(timer);
        resolveProbe(line);
      };
      child.kill('SIGUSR2');
    });
}

/**
 * Ours, from this checkout or from `root` (another checkout of the project, for an A/B run);
 * `probe` preloads this checkout's `loopback-probe.ts` into it.
 */
export async function startOurs(root = ROOT, options: { probe?: boolean } = {}): Promise<BrokerProcess> {
  const args = brokerNodeArgs(root);
  if (options.probe) args.splice(args.indexOf('tsx') + 1, 0, '--import', PROBE);
  const dir = mkdtempSync(join(tmpdir(), 'mqtt-lab-bench-ours-'));
  const conf = join(dir, 'broker.conf');
  writeFileSync(conf, ['allow_anonymous true', ...QUEUE_LINES, ''].join('\n'));
  const { child, match } = await startProcess('ours', process.execPath, [...args, '--port', '0', '--config', conf], /listening on [\d.]+:(\d+)/, root);
  const broker = handle('ours', child, Number(match[1]), () => rmSync(dir, { recursive: true, force: true }));
  return options.probe ? { ...broker, probe: prober(child) } : broker;
}

export async function startAedes(): Promise<BrokerProcess> {
  const { child, match } = await startProcess('aedes', process.execPath, ['--import', 'tsx', 'src/node/bench/aedes-server.ts'], /listening on [\d.]+:(\d+)/);
  return handle('aedes', child, Number(match[1]), () => undefined);
}

export async function startMosquitto(): Promise<BrokerProcess | null> {
  if (!existsSync(MOSQUITTO)) return null;
  const dir = mkdtempSync(join(tmpdir(), 'mqtt-lab-bench-mosquitto-'));
  chmodSync(dir, 0o755); // started as root, Mosquitto drops to its own user
  const port = await freePort();
  const conf = join(dir, 'mosquitto.conf');
  writeFileSync(conf, [`listener ${port} 127.0.0.1`, 'allow_anonymous true', ...QUEUE_LINES, 'log_dest stderr', 'log_type error', 'log_type information', ''].join('\n'));
  chmodSync(conf, 0o644);
  const { child } = await startProcess('mosquitto', MOSQUITTO, ['-c', conf], /running/);
  return handle('mosquitto', child, port, () => rmSync(dir, { recursive: true, force: true }));
}
