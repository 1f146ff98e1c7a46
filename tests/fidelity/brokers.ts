/**
 * Starting the two brokers a differential test compares: a real Mosquitto 2.0.11 and ours, as a
 * learner runs it (`npm run broker -- --port 0 --config FILE`, as `node --import tsx`, a separate process:
 * this also proves the CLI, the config file format and the TCP driver, which an in-process
 * driver would bypass). Both get the same options, written once as mosquitto.conf for each;
 * passwords are written in plain text for ours and hashed with `mosquitto_passwd -U` for
 * Mosquitto. Everything binds 127.0.0.1; every process is stopped by its own PID.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DEFAULT_MAX_PACKET_BYTES } from '../../src/node/broker/index.ts';

export const MOSQUITTO = '/usr/sbin/mosquitto';
export const MOSQUITTO_PASSWD = '/usr/bin/mosquitto_passwd';
const ROOT = resolve(import.meta.dirname, '../..');

/** The options both brokers get (a subset of mosquitto.conf). */
export interface BrokerOptions {
  allowAnonymous?: boolean;
  /** user → plain password. */
  users?: Record<string, string>;
  /** acl_file text. */
  acl?: string;
  maxInflightMessages?: number;
  maxQueuedMessages?: number;
  maxPacketSize?: number;
  retainAvailable?: boolean;
  /** max_topic_alias (Mosquitto's default 10; 0: the CONNACK announces none). */
  maxTopicAlias?: number;
}

export interface RunningBroker {
  name: 'mosquitto' | 'ours';
  port: number;
  stop(): Promise<void>;
}

/** Fails (never skips) when Mosquitto is not installed. */
export function requireMosquitto(): void {
  if (!existsSync(MOSQUITTO) || !existsSync(MOSQUITTO_PASSWD)) {
    throw new Error(
      `The fidelity tests compare our broker with a real Mosquitto 2.0.11, but ${MOSQUITTO} (or ${MOSQUITTO_PASSWD}) is missing. ` +
        `Install it: apt-get install -y mosquitto (npm test and .ci/run do this when run as root).`,
    );
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen({ host: '127.0.0.1', port: 0 }, () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolvePort(port));
    });
  });
}

function confLines(o: BrokerOptions, dir: string, hashed: boolean): string[] {
  const lines = [`allow_anonymous ${o.allowAnonymous ?? true}`, 'sys_interval 0'];
  if (o.users) {
    const file = join(dir, hashed ? 'passwd-mosquitto' : 'passwd-ours');
    writeFileSync(file, Object.entries(o.users).map(([u, p]) => `${u}:${p}\n`).join(''));
    chmodSync(file, 0o644);
    if (hashed) {
      const r = spawnSync(MOSQUITTO_PASSWD, ['-U', file], { encoding: 'utf8', timeout: 10_000 });
      if (r.status !== 0) throw new Error(`mosquitto_passwd -U failed: ${r.stderr}`);
      chmodSync(file, 0o644);
    }
    lines.push(`password_file ${file}`);
  }
  if (o.acl !== undefined) {
    const file = join(dir, 'acl');
    writeFileSync(file, o.acl);
    chmodSync(file, 0o644);
    lines.push(`acl_file ${file}`);
  }
  if (o.maxInflightMessages !== undefined) lines.push(`max_inflight_messages ${o.maxInflightMessages}`);
  if (o.maxQueuedMessages !== undefined) lines.push(`max_queued_messages ${o.maxQueuedMessages}`);
  // `npm run broker` announces a 16 MiB limit when none is configured (README, "Limits"):
  // Mosquitto, with no limit of its own, is given the same one so that both CONNACKs compare.
  lines.push(`max_packet_size ${o.maxPacketSize ?? DEFAULT_MAX_PACKET_BYTES}`);
  if (o.retainAvailable !== undefined) lines.push(`retain_available ${o.retainAvailable}`);
  if (o.maxTopicAlias !== undefined) lines.push(`max_topic_alias ${o.maxTopicAlias}`);
  return lines;
}

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'mqtt-lab-fidelity-'));
  // Mosquitto started as root drops to the `mosquitto` user: it must be able to read the files.
  chmodSync(dir, 0o755);
  return dir;
}

/** Waits for `child` to exit; SIGKILL (by PID) after `ms`. */
function stopChild(child: ChildProcess, ms = 3000): Promise<void> {
  return new Promise((resolveStop) => {
    if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return resolveStop();
    const kill = setTimeout(() => {
      try {
        process.kill(child.pid!, 'SIGKILL');
      } catch {
        /* already gone */
      }
    }, ms);
    child.once('exit', () => {
      clearTimeout(kill);
      resolveStop();
    });
    try {
      process.kill(child.pid, 'SIGTERM');
    } catch {
      clearTimeout(kill);
      resolveStop();
    }
  });
}

/** Resolves when `text()` matches `re`; rejects after `ms` or when the child exits. */
function waitForOutput(child: ChildProcess, text: () => string, re: RegExp, ms: number, what: string): Promise<RegExpMatchArray> {
  return new Promise((resolveWait, reject) => {
    const check = () => {
      const m = re.exec(text());
      if (m) {
        cleanup();
        resolveWait(m);
      }
    };
    const onExit = () => {
      cleanup();
      reject(new Error(`${what} exited before it was ready:\n${text()}`));
    };
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`${what} was not ready within ${ms} ms:\n${text()}`));
    }, ms);
    const cleanup = () => {
      clearTimeout(timer);
      child.stdout?.off('data', check);
      child.stderr?.off('data', check);
      child.off('exit', onExit);
    };
    child.stdout?.on('data', check);
    child.stderr?.on('data', check);
    child.once('exit', onExit);
    check();
  });
}

export async function startMosquitto(o: BrokerOptions): Promise<RunningBroker> {
  requireMosquitto();
  const dir = tempDir();
  const port = await freePort();
  const conf = join(dir, 'mosquitto.conf');
  writeFileSync(conf, [`listener ${port} 127.0.0.1`, ...confLines(o, dir, true), 'log_dest stderr', 'log_type all', ''].join('\n'));
  chmodSync(conf, 0o644);
  const child = spawn(MOSQUITTO, ['-c', conf], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  try {
    await waitForOutput(child, () => out, /mosquitto version [\d.]+ running/, 10_000, 'mosquitto');
  } catch (error) {
    await stopChild(child, 500);
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    name: 'mosquitto',
    port,
    stop: async () => {
      await stopChild(child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function startOurs(o: BrokerOptions): Promise<RunningBroker> {
  const dir = tempDir();
  const conf = join(dir, 'broker.conf');
  writeFileSync(conf, [...confLines(o, dir, false), ''].join('\n'));
  // `node --import tsx` is what `npm run broker` runs, in one process whose PID we own.
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/node/broker-cli.ts', '--port', '0', '--config', conf], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  let m: RegExpMatchArray;
  try {
    m = await waitForOutput(child, () => out, /listening on 127\.0\.0\.1:(\d+)/, 20_000, 'npm run broker');
  } catch (error) {
    await stopChild(child, 500);
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    name: 'ours',
    port: Number(m[1]),
    stop: async () => {
      await stopChild(child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Both brokers with the same options. */
export async function startBoth(o: BrokerOptions = {}): Promise<{ mosquitto: RunningBroker; ours: RunningBroker; stop(): Promise<void> }> {
  const [m, u] = await Promise.allSettled([startMosquitto(o), startOurs(o)]);
  if (m.status === 'rejected' || u.status === 'rejected') {
    // Stop whichever did start (by its PID), then report the failure.
    await Promise.all([m, u].map((r) => (r.status === 'fulfilled' ? r.value.stop() : undefined)));
    throw m.status === 'rejected' ? m.reason : (u as PromiseRejectedResult).reason;
  }
  const mosquitto = m.value;
  const ours = u.value;
  return { mosquitto, ours, stop: async () => void (await Promise.all([mosquitto.stop(), ours.stop()])) };
}
