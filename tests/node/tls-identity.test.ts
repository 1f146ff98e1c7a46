/**
 * `use_identity_as_username` on TLS listeners (issue #17): the client certificate's common name
 * (CN) is the user name the ACL sees, the CONNECT's user name and password are not used, and a
 * client without a certificate is refused. Certificates are made here with openssl (a test CA, a
 * server certificate, client certificates with the CNs "sensor1" and "monitor"), and the same
 * probes run against `npm run broker` and real Mosquitto 2.0.11 with the same files: both must
 * answer alike.
 */
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, MOSQUITTO, requireMosquitto } from '../fidelity/brokers.ts';
import { collectMessages, stopChild, waitFor } from './broker-process.ts';
import { certificateMaker } from './test-certificates.ts';
import { parseBrokerConfig } from '../../src/node/broker/config.ts';

const ROOT = join(import.meta.dirname, '../..');
const MOSQUITTO_PUB = '/usr/bin/mosquitto_pub';
const dir = mkdtempSync(join(tmpdir(), 'mqtt-lab-identity-'));
chmodSync(dir, 0o755); // Mosquitto started as root reads its files as the mosquitto user
const file = (name: string): string => join(dir, name);

const { ca, signed } = certificateMaker(dir);

/** Two listeners: a client certificate required, and one where it is optional. */
function config(required: number, optional: number): string {
  const tls = [`certfile ${file('server.crt')}`, `keyfile ${file('server.key')}`, `cafile ${file('ca.crt')}`];
  return [
    'allow_anonymous false',
    `acl_file ${file('acl')}`,
    `listener ${required} 127.0.0.1`, ...tls, 'require_certificate true', 'use_identity_as_username true',
    `listener ${optional} 127.0.0.1`, ...tls, 'require_certificate false', 'use_identity_as_username true',
    '',
  ].join('\n');
}

interface Running {
  required: number;
  optional: number;
  stop(): Promise<void>;
}

async function startOurs(): Promise<Running> {
  writeFileSync(file('ours.conf'), config(0, 0));
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/node/broker-cli.ts', '--config', file('ours.conf')], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  const log = await waitFor(child, /listening on[^\n]*\n[^\n]*listening on[^\n]*\n/, 'npm run broker');
  const [required, optional] = [...log.matchAll(/^listening on 127\.0\.0\.1:(\d+)/gm)].map((m) => Number(m[1])) as [number, number];
  return { required, optional, stop: stopChild(child) };
}

async function startMosquitto(): Promise<Running> {
  const required = await freePort();
  const optional = await freePort();
  writeFileSync(file('mosquitto.conf'), config(required, optional));
  chmodSync(file('mosquitto.conf'), 0o644);
  const child = spawn(MOSQUITTO, ['-c', file('mosquitto.conf')], { stdio: ['ignore', 'ignore', 'pipe'] });
  await waitFor(child, /running/, 'mosquitto');
  return { required, optional, stop: stopChild(child) };
}

const CA = ['--cafile', file('ca.crt')];
const cert = (name: string) => ['--cert', file(`${name}.crt`), '--key', file(`${name}.key`)];

/** mosquitto_pub once: its exit code and what it printed. */
function pub(port: number, topic: string, message: string, extra: string[]): { code: number | null; out: string } {
  const r = spawnSync(MOSQUITTO_PUB, ['-h', 'localhost', '-p', String(port), '-t', topic, '-m', message, '-q', '1', ...CA, ...extra], { encoding: 'utf8', timeout: 15_000 });
  return { code: r.status, out: `${r.stdout}${r.stderr}`.trim() };
}

let ours: Running;
let mosquitto: Running;

beforeAll(async () => {
  requireMosquitto();
  ca();
  signed('server', 'localhost', 'DNS:localhost,IP:127.0.0.1');
  signed('sensor1', 'sensor1');
  signed('monitor', 'monitor');
  // sensor1 may write only its own topics; monitor reads every sensor. No other user exists.
  writeFileSync(file('acl'), 'user sensor1\ntopic write sensors/sensor1/#\n\nuser monitor\ntopic read sensors/#\n');
  for (const name of ['ca.crt', 'server.crt', 'server.key', 'sensor1.crt', 'sensor1.key', 'monitor.crt', 'monitor.key', 'acl']) chmodSync(file(name), 0o644);
  [ours, mosquitto] = await Promise.all([startOurs(), startMosquitto()]);
}, 90_000);

afterAll(async () => {
  await Promise.all([ours?.stop(), mosquitto?.stop()]);
  rmSync(dir, { recursive: true, force: true });
});

describe('use_identity_as_username, against Mosquitto with the same files', () => {
  /** What the monitor (certificate CN "monitor") receives while sensor1 publishes. */
  async function monitored(broker: Running): Promise<string[]> {
    const monitor = await mqtt.connectAsync(`mqtts://localhost:${broker.required}`, {
      ca: readFileSync(file('ca.crt')),
      cert: readFileSync(file('monitor.crt')),
      key: readFileSync(file('monitor.key')),
      clientId: 'monitor',
      reconnectPeriod: 0,
      connectTimeout: 10_000,
    });
    const { got, untilEnd } = collectMessages(monitor);
    await monitor.subscribeAsync('sensors/#', { qos: 1 });
    const results = [
      pub(broker.required, 'sensors/sensor1/temp', '21.5', cert('sensor1')),
      // Its CN is sensor1: another sensor's topic is not its to write.
      pub(broker.required, 'sensors/sensor2/temp', 'forged', cert('sensor1')),
      // The user name and password in CONNECT are not used: it stays sensor1.
      pub(broker.required, 'sensors/sensor2/temp', 'forged as monitor', [...cert('sensor1'), '-u', 'monitor', '-P', 'anything']),
      pub(broker.required, 'sensors/sensor1/temp', 'end', cert('sensor1')),
    ];
    // A 3.1.1 publisher is not told that its message was dropped: all four connect and send.
    expect(results.map((r) => r.code), results.map((r) => r.out).join('\n')).toEqual([0, 0, 0, 0]);
    await untilEnd();
    await monitor.endAsync();
    return got;
  }

  it('the CN is the user name for the ACL: sensor1 writes only its own topic, in both brokers', async () => {
    const expected = ['sensors/sensor1/temp 21.5', 'sensors/sensor1/temp end'];
    expect(await monitored(ours)).toEqual(expected);
    expect(await monitored(mosquitto)).toEqual(expected);
  }, 60_000);

  it('refuses a client without certificate where the certificate is optional: "bad user name or password", in both brokers', () => {
    for (const version of [[], ['-V', '5']]) {
      const a = pub(ours.optional, 'sensors/sensor1/temp', 'x', [...version, '-u', 'sensor1', '-P', 'x']);
      const b = pub(mosquitto.optional, 'sensors/sensor1/temp', 'x', [...version, '-u', 'sensor1', '-P', 'x']);
      expect(a.code).not.toBe(0);
      expect(a.out).toMatch(/bad user ?name or password/i);
      expect(a.out).toBe(b.out);
    }
    // Even with a certificate: a listener without require_certificate does not ask for one
    // (OpenSSL's SSL_VERIFY_NONE), so no identity arrives, and sensor1 is refused as well.
    const a = pub(ours.optional, 'sensors/sensor1/temp', 'x', cert('sensor1'));
    const b = pub(mosquitto.optional, 'sensors/sensor1/temp', 'x', cert('sensor1'));
    expect({ code: a.code, out: a.out }).toEqual({ code: b.code, out: b.out });
  }, 40_000);

  it('refuses a client without certificate where one is required, in both brokers (the TLS handshake fails)', () => {
    expect(pub(ours.required, 'sensors/sensor1/temp', 'x', []).code).not.toBe(0);
    expect(pub(mosquitto.required, 'sensors/sensor1/temp', 'x', []).code).not.toBe(0);
  }, 40_000);
});

describe('use_identity_as_username in the configuration', () => {
  it('needs a TLS listener, and says so with the line', () => {
    expect(() => parseBrokerConfig('listener 1883\nuse_identity_as_username true\n', '/x/m.conf')).toThrow(
      /m\.conf:2: use_identity_as_username takes the user name from a client certificate: it needs a TLS listener/,
    );
    expect(() => parseBrokerConfig('listener 8883\ncertfile a\nkeyfile b\nuse_identity_as_username maybe\n', '/x/m.conf')).toThrow(/m\.conf:4: use_identity_as_username must be true or false, not "maybe"/);
  });
});
