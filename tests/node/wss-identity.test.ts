/**
 * `wss://` with `use_identity_as_username` (issue #17): a websockets listener with certfile,
 * keyfile, cafile, require_certificate and use_identity_as_username. mqtt.js connects over
 * wss:// with client certificates made here by openssl; the certificate's common name (CN) is the
 * user name the ACL sees, whatever the CONNECT says; a client without a certificate is refused
 * with a clear message. The broker runs with `--live`, and the live view's replica agrees.
 * (Debian's Mosquitto cannot open a websockets listener: tests/node/tls-identity.test.ts compares
 * the same rules over mqtts:// with it.)
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt, { type IClientOptions } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { brokerView } from '../../src/core/broker/view.ts';
import { LiveWorld } from '../../src/sim/live-world.ts';
import { readTraceLine, type TraceLine } from '../../src/sim/trace-json.ts';
import { BROKER } from '../../src/sim/world-types.ts';
import { collectMessages, killAll, sleep, startBroker, type Proc } from './broker-process.ts';
import { certificateMaker } from './test-certificates.ts';

const dir = mkdtempSync(join(tmpdir(), 'mqtt-lab-wss-identity-'));
const file = (name: string): string => join(dir, name);
const { ca, signed } = certificateMaker(dir);

let broker: Proc;
let required: number;
let optional: number;
const feed: TraceLine[] = [];
let feedSocket: WebSocket;

beforeAll(async () => {
  ca();
  signed('server', 'localhost', 'DNS:localhost,IP:127.0.0.1');
  signed('sensor1', 'sensor1');
  signed('monitor', 'monitor');
  writeFileSync(file('index.html'), '<!doctype html><title>MQTT Lab</title>');
  // sensor1 may write only its own topics; monitor reads every sensor. No other user exists.
  writeFileSync(file('acl'), 'user sensor1\ntopic write sensors/sensor1/#\n\nuser monitor\ntopic read sensors/#\n');
  const tls = [`certfile ${file('server.crt')}`, `keyfile ${file('server.key')}`, `cafile ${file('ca.crt')}`, 'use_identity_as_username true'];
  writeFileSync(
    file('wss.conf'),
    ['allow_anonymous false', `acl_file ${file('acl')}`,
      'listener 0 127.0.0.1', 'protocol websockets', ...tls, 'require_certificate true',
      'listener 0 127.0.0.1', 'protocol websockets', ...tls, 'require_certificate false', ''].join('\n'),
  );
  broker = startBroker(['--config', file('wss.conf'), '--live', '--live-port', '0', '--live-root', dir]);
  const live = new URL((await broker.waitFor(/live view on (http:\/\/\S+)/))[1]!);
  [required, optional] = [...broker.output().matchAll(/^listening on 127\.0\.0\.1:(\d+) \(wss:\/\/\)$/gm)].map((m) => Number(m[1])) as [number, number];
  feedSocket = new WebSocket(`ws://127.0.0.1:${live.port}/live-feed`);
  feedSocket.on('message', (data) => {
    const r = readTraceLine(String(data));
    if (r.ok) feed.push(r.line);
  });
  await new Promise((r) => feedSocket.once('open', r));
}, 90_000);

afterAll(() => {
  feedSocket?.close();
  killAll();
  rmSync(dir, { recursive: true, force: true });
});

const withCert = (name: string): IClientOptions => ({ cert: readFileSync(file(`${name}.crt`)), key: readFileSync(file(`${name}.key`)) });

/** Connects over wss:// with the test CA; resolves with the client, or with why it could not connect. */
function connect(port: number, options: IClientOptions): Promise<mqtt.MqttClient | string> {
  const client = mqtt.connect(`wss://localhost:${port}/mqtt`, { ca: readFileSync(file('ca.crt')), reconnectPeriod: 0, connectTimeout: 10_000, ...options });
  return new Promise((resolve) => {
    client.once('connect', () => resolve(client));
    client.once('error', (error) => {
      client.end(true);
      resolve(error.message);
    });
    client.once('close', () => setTimeout(() => resolve('closed without CONNACK'), 200));
  });
}

async function connected(port: number, options: IClientOptions): Promise<mqtt.MqttClient> {
  const c = await connect(port, options);
  if (typeof c === 'string') throw new Error(`could not connect: ${c}`);
  return c;
}

describe('wss:// with use_identity_as_username', () => {
  it('the certificate CN is the user name: the ACL keyed on it applies, a user name in CONNECT changes nothing', async () => {
    const monitor = await connected(required, { ...withCert('monitor'), clientId: 'monitor' });
    const { got, untilEnd } = collectMessages(monitor);
    await monitor.subscribeAsync('sensors/#', { qos: 1 });
    const sensor = await connected(required, { ...withCert('sensor1'), clientId: 'sensor-a' });
    await sensor.publishAsync('sensors/sensor1/temp', '21.5', { qos: 1, retain: true });
    // Another sensor's topic is not sensor1's to write (3.1.1: acknowledged, not delivered).
    await sensor.publishAsync('sensors/sensor2/temp', 'forged', { qos: 1, retain: true });
    await sensor.endAsync();
    // The user name and password in CONNECT are not used: the CN (sensor1) is the user.
    const forger = await connected(required, { ...withCert('sensor1'), clientId: 'sensor-b', username: 'monitor', password: 'anything' });
    await forger.publishAsync('sensors/sensor3/temp', 'forged as monitor', { qos: 1 });
    await forger.publishAsync('sensors/sensor1/temp', 'end', { qos: 1 });
    await untilEnd();
    await forger.endAsync();
    await monitor.endAsync();
    expect(got).toEqual(['sensors/sensor1/temp 21.5', 'sensors/sensor1/temp end']);
  }, 60_000);

  it('a client without certificate: refused in the TLS handshake where one is required, with "bad user name or password" where it is optional', async () => {
    const noCert = await connect(required, { clientId: 'no-cert' });
    // The client hears the TLS alert "certificate required" (TLS 1.3, alert 116).
    expect(noCert).toMatch(/certificate required/);
    // The broker says why, in words.
    await broker.waitFor(/TLS handshake with 127\.0\.0\.1:\d+ failed: the client sent no certificate, and this listener requires one \(require_certificate true\)/);
    expect(await connect(optional, { clientId: 'no-cert-311', username: 'sensor1', password: 'x' })).toMatch(/Connection refused: Bad username or password/i);
    expect(await connect(optional, { clientId: 'no-cert-5', protocolVersion: 5 })).toMatch(/Bad User Name or Password/i);
  }, 60_000);

  it('the live view: the identity arrives with the connection, and the replica keeps what the real broker kept', async () => {
    const deadline = Date.now() + 20_000;
    const connacks = () => feed.filter((l) => 'entry' in l && l.entry.packet?.type === 'connack').length;
    while (connacks() < 5 && Date.now() < deadline) await sleep(50);
    await sleep(300);
    const conns = feed.flatMap((l) => ('conn' in l ? [l.conn] : []));
    expect(conns.every((c) => c.transport === 'wss')).toBe(true);
    expect(conns.map((c) => c.identity?.commonName)).toEqual(expect.arrayContaining(['monitor', 'sensor1']));
    const live = new LiveWorld();
    for (const line of feed) live.add(line);
    live.timeline.seek(live.steps);
    const view = brokerView(live.timeline.world.actors.get(BROKER) as never);
    // The real broker kept sensor1's own retained message and refused the forged one: so does the replica.
    expect(view.retained.map((m) => `${m.topic} ${m.payload}`)).toEqual(['sensors/sensor1/temp 21.5']);
    const keys = live.trace.flatMap((e) => (e.explain ? [e.explain.key] : []));
    expect(keys).toEqual(expect.arrayContaining(['connect.identity-as-username', 'acl.publish-denied', 'connect.no-certificate']));
  }, 60_000);
});
