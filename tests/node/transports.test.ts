/**
 * Real transports on `npm run broker`: TLS (with and without client certificates) and MQTT over
 * WebSockets (ws:// and wss://), each a `listener` block of one Mosquitto-style config file.
 *
 * Certificates are made here with openssl: a test CA, a server certificate for localhost and
 * 127.0.0.1, one for a wrong host name, an expired one, and a client certificate. The same TLS
 * probes (mosquitto_pub/mosquitto_sub with `--cafile`, `--cert`/`--key`) run against real
 * Mosquitto 2.0.11 with the same files, and both brokers answer alike. Debian's Mosquitto cannot
 * open a websockets listener, so WebSockets is checked against the spec's rules (binary frames,
 * subprotocol `mqtt`) with mqtt.js over ws:// and wss://.
 */
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { freePort, MOSQUITTO, requireMosquitto } from '../fidelity/brokers.ts';
import { stopChild, waitFor } from './broker-process.ts';
import { certificateMaker } from './test-certificates.ts';

const ROOT = join(import.meta.dirname, '../..');
const MOSQUITTO_PUB = '/usr/bin/mosquitto_pub';
const MOSQUITTO_SUB = '/usr/bin/mosquitto_sub';
const STDBUF = '/usr/bin/stdbuf';
const dir = mkdtempSync(join(tmpdir(), 'mqtt-lab-tls-'));
chmodSync(dir, 0o755); // Mosquitto started as root reads its files as the mosquitto user
const file = (name: string): string => join(dir, name);

const { ca, signed } = certificateMaker(dir);

interface Running {
  ports: { plain: number; tls: number; mutual: number; wrongHost: number; expired: number; ws?: number; wss?: number };
  /** What the broker printed so far. */
  log(): string;
  stop(): Promise<void>;
}

function listenerLines(ports: Running['ports'], websockets: boolean): string {
  const tls = (cert: string) => [`certfile ${file(`${cert}.crt`)}`, `keyfile ${file(`${cert}.key`)}`];
  return [
    'allow_anonymous true',
    `listener ${ports.plain} 127.0.0.1`,
    `listener ${ports.tls} 127.0.0.1`, ...tls('server'),
    `listener ${ports.mutual} 127.0.0.1`, ...tls('server'), `cafile ${file('ca.crt')}`, 'require_certificate true',
    `listener ${ports.wrongHost} 127.0.0.1`, ...tls('wrong-host'),
    `listener ${ports.expired} 127.0.0.1`, ...tls('expired'),
    ...(websockets ? [`listener ${ports.ws} 127.0.0.1`, 'protocol websockets', `listener ${ports.wss} 127.0.0.1`, 'protocol websockets', ...tls('server')] : []),
    '',
  ].join('\n');
}

async function ports(websockets: boolean): Promise<Running['ports']> {
  const p = { plain: await freePort(), tls: await freePort(), mutual: await freePort(), wrongHost: await freePort(), expired: await freePort() };
  return websockets ? { ...p, ws: await freePort(), wss: await freePort() } : p;
}

async function startOurs(): Promise<Running> {
  // Port 0 everywhere: the broker prints the port each listener got, in the file's order (no
  // race with other tests for a port picked in advance).
  const zero = { plain: 0, tls: 0, mutual: 0, wrongHost: 0, expired: 0, ws: 0, wss: 0 };
  writeFileSync(file('ours.conf'), listenerLines(zero, true));
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/node/broker-cli.ts', '--config', file('ours.conf')], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let printed = '';
  child.stderr!.on('data', (d: Buffer) => (printed += d.toString()));
  const log = await waitFor(child, /\(wss:\/\/\)/, 'npm run broker');
  const bound = [...log.matchAll(/^listening on 127\.0\.0\.1:(\d+)(.*)$/gm)].map((m) => [Number(m[1]), m[2]] as const);
  expect(bound.map(([, kind]) => kind)).toEqual(['', ' (mqtts (TLS))', ' (mqtts (TLS))', ' (mqtts (TLS))', ' (mqtts (TLS))', ' (ws://)', ' (wss://)']);
  const [plain, tls, mutual, wrongHost, expired, ws, wss] = bound.map(([port]) => port) as [number, number, number, number, number, number, number];
  return { ports: { plain, tls, mutual, wrongHost, expired, ws, wss }, log: () => printed, stop: stopChild(child) };
}

async function startMosquitto(): Promise<Running> {
  const p = await ports(false);
  writeFileSync(file('mosquitto.conf'), listenerLines(p, false));
  chmodSync(file('mosquitto.conf'), 0o644);
  const child = spawn(MOSQUITTO, ['-c', file('mosquitto.conf')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let printed = '';
  child.stderr!.on('data', (d: Buffer) => (printed += d.toString()));
  await waitFor(child, /running/, 'mosquitto');
  return { ports: p, log: () => printed, stop: stopChild(child) };
}

/** mosquitto_pub once; its exit code and what it printed. */
function pub(port: number, extra: string[]): { code: number | null; out: string } {
  const r = spawnSync(MOSQUITTO_PUB, ['-h', 'localhost', '-p', String(port), '-t', 'tls/probe', '-m', 'hello', '-q', '1', ...extra], { encoding: 'utf8', timeout: 15_000 });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

/**
 * One message through a TLS listener: mosquitto_sub waits for it, mosquitto_pub sends it once
 * the subscription stands. `-d` makes mosquitto_sub print its SUBACK ("Subscribed (mid: 1)"):
 * that is waited for, not a fixed time (a fixed 700 ms was too short for a TLS handshake and
 * SUBSCRIBE at load 20, and the message went out before anyone subscribed).
 */
async function roundTrip(port: number, extra: string[]): Promise<string> {
  // stdbuf -oL: into a pipe mosquitto_sub's stdout is block-buffered, and the SUBACK line would
  // only come out when it exits.
  const sub = spawn(STDBUF, ['-oL', MOSQUITTO_SUB, '-h', 'localhost', '-p', String(port), '-t', 'tls/round', '-C', '1', '-W', '30', '-v', '-d', ...extra], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const exited = new Promise<number | null>((r) => sub.once('exit', r));
  const subscribed = new Promise<void>((resolve, reject) => {
    sub.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (/^Subscribed \(mid: \d+\)/m.test(out)) resolve();
    });
    void exited.then((code) => reject(new Error(`mosquitto_sub ended (exit ${code}) before its SUBACK: ${out}`)));
  });
  await subscribed;
  spawnSync(MOSQUITTO_PUB, ['-h', 'localhost', '-p', String(port), '-t', 'tls/round', '-m', 'over tls', '-q', '1', ...extra], { timeout: 15_000 });
  await exited;
  // The message line, without mosquitto_sub's debug lines.
  return out.split('\n').filter((line) => line !== '' && !/^(Client |Subscribed )/.test(line)).join('\n');
}

const CA = ['--cafile', file('ca.crt')];
const CLIENT_CERT = ['--cert', file('client.crt'), '--key', file('client.key')];

/** The probes both brokers answer: each is (name, port picker, options, should it connect?). */
const PROBES: Array<[string, (p: Running['ports']) => number, string[], boolean]> = [
  ['TLS with the CA', (p) => p.tls, CA, true],
  ['TLS without the CA (an unknown issuer)', (p) => p.tls, ['--capath', dir], false],
  ['a certificate for another host name', (p) => p.wrongHost, CA, false],
  ['an expired certificate', (p) => p.expired, CA, false],
  ['a listener that requires a client certificate, without one', (p) => p.mutual, CA, false],
  ['a listener that requires a client certificate, with one', (p) => p.mutual, [...CA, ...CLIENT_CERT], true],
  ['plain MQTT to a TLS listener', (p) => p.tls, [], false],
];

let ours: Running;
let mosquitto: Running;

beforeAll(async () => {
  requireMosquitto();
  const started = Date.now();
  ca();
  signed('server', 'localhost', 'DNS:localhost,IP:127.0.0.1', '30');
  signed('wrong-host', 'wrong.example', 'DNS:wrong.example', '30');
  signed('expired', 'localhost', 'DNS:localhost,IP:127.0.0.1', '0'); // valid until now: expired a second later
  signed('client', 'sensor-17', undefined, '30');
  for (const name of ['ca.crt', 'server.crt', 'server.key', 'wrong-host.crt', 'wrong-host.key', 'expired.crt', 'expired.key', 'client.crt', 'client.key']) chmodSync(file(name), 0o644);
  [ours, mosquitto] = await Promise.all([startOurs(), startMosquitto()]);
  const wait = started + 1500 - Date.now();
  if (wait > 0) await new Promise((r) => setTimeout(r, wait)); // the expired certificate has expired
}, 90_000);

afterAll(async () => {
  await Promise.all([ours?.stop(), mosquitto?.stop()]);
  rmSync(dir, { recursive: true, force: true });
});

describe('TLS listeners, against Mosquitto with the same certificates', () => {
  it.each(PROBES)('%s: both brokers answer alike', (_name, portOf, options, connects) => {
    const a = pub(portOf(ours.ports), options);
    const b = pub(portOf(mosquitto.ports), options);
    expect({ connects: a.code === 0 }, a.out).toEqual({ connects });
    expect({ connects: b.code === 0 }, b.out).toEqual({ connects });
  }, 40_000);

  it('carries a message through TLS, and through TLS with a client certificate, in both brokers', async () => {
    for (const broker of [ours, mosquitto]) {
      await expect(roundTrip(broker.ports.tls, CA)).resolves.toBe('tls/round over tls');
      await expect(roundTrip(broker.ports.mutual, [...CA, ...CLIENT_CERT])).resolves.toBe('tls/round over tls');
    }
  }, 60_000);

  it('says why a TLS connection was refused: the client reports a TLS error, the broker the reason', async () => {
    const probes: Array<[number, string[], RegExp]> = [
      [ours.ports.mutual, CA, /TLS handshake with 127\.0\.0\.1:\d+ failed: the client sent no certificate, and this listener requires one/],
      [ours.ports.expired, CA, /TLS handshake with 127\.0\.0\.1:\d+ failed: the client refused this server certificate: it has expired/],
      [ours.ports.tls, [], /TLS handshake with 127\.0\.0\.1:\d+ failed: the client did not speak TLS/],
    ];
    for (const [port, options, reason] of probes) {
      const r = pub(port, options);
      expect(r.code).not.toBe(0);
      expect(r.out).toMatch(/TLS error|connection was lost|Protocol error/i); // mosquitto_pub's own words
      // The broker logs the reason when it sees the handshake fail: polled for (bounded), not a fixed 200 ms.
      await expect.poll(() => ours.log(), { timeout: 15_000 }).toMatch(reason);
    }
  }, 30_000);
});

describe('MQTT over WebSockets', () => {
  async function roundTripJs(url: string, options: mqtt.IClientOptions = {}): Promise<string> {
    const sub = await mqtt.connectAsync(url, { clientId: `ws-sub-${Date.now()}`, reconnectPeriod: 0, connectTimeout: 10_000, ...options });
    const got = new Promise<string>((r) => sub.on('message', (t, m) => r(`${t} ${m.toString()}`)));
    await sub.subscribeAsync('ws/round', { qos: 1 });
    const pubClient = await mqtt.connectAsync(url, { clientId: `ws-pub-${Date.now()}`, reconnectPeriod: 0, protocolVersion: 5, connectTimeout: 10_000, ...options });
    await pubClient.publishAsync('ws/round', 'over websockets', { qos: 1 });
    const message = await got;
    await Promise.all([sub.endAsync(), pubClient.endAsync()]);
    return message;
  }

  it('mqtt.js over ws:// on the paths / and /mqtt', async () => {
    await expect(roundTripJs(`ws://127.0.0.1:${ours.ports.ws}/mqtt`)).resolves.toBe('ws/round over websockets');
    await expect(roundTripJs(`ws://127.0.0.1:${ours.ports.ws}/`)).resolves.toBe('ws/round over websockets');
  }, 30_000);

  it('mqtt.js over wss:// with the test CA', async () => {
    await expect(roundTripJs(`wss://localhost:${ours.ports.wss}/mqtt`, { ca: readFileSync(file('ca.crt')) })).resolves.toBe('ws/round over websockets');
  }, 30_000);

  it('selects the subprotocol mqtt, answers CONNECT in a binary frame, and refuses other paths', async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${ours.ports.ws}/mqtt`, ['mqtt']);
    await new Promise((r, j) => (ws.once('open', r), ws.once('error', j)));
    expect(ws.protocol).toBe('mqtt');
    const connack = new Promise<{ data: Buffer; binary: boolean }>((r) => ws.once('message', (data: Buffer, binary: boolean) => r({ data, binary })));
    ws.send(Buffer.from('100f00044d5154540402003c0003776562', 'hex')); // CONNECT 3.1.1, client id "web", keep alive 60
    const { data, binary } = await connack;
    expect(binary).toBe(true);
    expect(data.toString('hex')).toBe('20020000'); // CONNACK, accepted
    ws.close();
    const other = new WebSocket(`ws://127.0.0.1:${ours.ports.ws}/elsewhere`, ['mqtt']);
    await expect(new Promise((r, j) => (other.once('open', r), other.once('error', (e) => j(e))))).rejects.toThrow(/404/);
  }, 30_000);
});
