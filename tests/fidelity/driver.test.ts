/**
 * The TCP driver and `npm run broker` themselves: bytes in any chunking, malformed input that
 * closes only its own connection, the buffer cap, the same bytes from the engine and the xstate
 * machine, the config file format, and the CLI (listening line, --trace, SIGTERM).
 */
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { encode, type Packet } from '../../src/core/codec/index.ts';
import { ConfigError, parseBrokerConfig, TcpBroker, type TcpBrokerOptions } from '../../src/node/broker/index.ts';
import { Env, type Transcript } from './differential.ts';
import { RawClient } from './raw-client.ts';

const brokers: TcpBroker[] = [];
afterEach(async () => {
  await Promise.all(brokers.splice(0).map((b) => b.stop()));
});

async function startBroker(options: TcpBrokerOptions = {}): Promise<{ broker: TcpBroker; port: number }> {
  const broker = new TcpBroker({ port: 0, closeGraceMs: 200, ...options, config: { sysIntervalSec: 0, ...options.config } });
  brokers.push(broker);
  const { port } = await broker.start();
  return { broker, port };
}

const enc = (s: string) => new TextEncoder().encode(s);

describe('the TCP driver', () => {
  test('packets split into one-byte chunks are decoded like whole ones', async () => {
    const { port } = await startBroker();
    const c = await RawClient.open(port, 5);
    const stream = [
      encode({ type: 'connect', protocolVersion: 5, clientId: 'chunky', clean: true, keepAliveSec: 0 }, 5),
      encode({ type: 'subscribe', packetId: 1, subscriptions: [{ topicFilter: 'a/#', qos: 1 }] }, 5),
      encode({ type: 'publish', topic: 'a/b', payload: enc('split'), qos: 1, retain: false, dup: false, packetId: 7 }, 5),
    ];
    for (const frame of stream) {
      for (const byte of frame) {
        c.sendBytes(new Uint8Array([byte]));
        await new Promise((r) => setImmediate(r));
      }
    }
    await c.waitCount((p) => p.type === 'publish' || p.type === 'puback', 2);
    expect(c.received.map((p) => p.type)).toEqual(['connack', 'suback', 'publish', 'puback']);
    c.cut();
  });

  test('malformed input closes only its own connection; the others go on', async () => {
    const { port } = await startBroker();
    const env = new Env({ name: 'ours', port, stop: async () => {} }, 'drv');
    await env.connect('good', { version: 5 });
    await env.subscribe('good', [['t', 0]]);
    await env.connect('bad', { version: 5 });
    env.c('bad').sendBytes(new Uint8Array([0x00, 0x00])); // packet type 0 is reserved: malformed
    await env.c('bad').waitClosed();
    await env.publish('good', 't', 'still here');
    expect(env.transcript().good!.filter((e) => e !== 'closed' && e.type === 'publish')).toHaveLength(1);
    env.close();
  });

  test('a packet larger than the buffer cap is refused before it is buffered (5.0: DISCONNECT 0x95)', async () => {
    const { port } = await startBroker({ maxBufferedBytes: 1024 });
    const c = await RawClient.connect(port, { protocolVersion: 5, clientId: 'big', clean: true, keepAliveSec: 0 });
    c.sendBytes(new Uint8Array([0x30, 0x80, 0x80, 0x40])); // PUBLISH announcing 1 MiB
    await c.waitClosed();
    expect(c.received.map((p) => p.type)).toEqual(['connack', 'disconnect']);
    expect((c.received[1] as { reasonCode: number }).reasonCode).toBe(0x95);
  });

  test('the engine and the xstate machine send the same bytes', async () => {
    const script = async (env: Env) => {
      await env.connect('sub', { version: 5, clean: false, properties: { sessionExpiryIntervalSec: 60 } });
      await env.subscribe('sub', [['x/#', 2], ['x/+', 1]]);
      await env.connect('pub', { version: 4, will: { topic: 'x/will', payload: 'gone', qos: 1 } });
      await env.publish('pub', 'x/a', 'one', { qos: 2 });
      await env.publish('pub', 'x/b', 'two', { qos: 1, retain: true });
      env.c('pub').cut();
      await env.c('sub').waitCount((p) => p.type === 'publish', 5);
      await env.sync('sub');
    };
    const transcripts: Transcript[] = [];
    for (const core of ['engine', 'machine'] as const) {
      const { port } = await startBroker({ core });
      const env = new Env({ name: 'ours', port, stop: async () => {} }, core);
      await script(env);
      transcripts.push(env.transcript());
      env.close();
    }
    expect(transcripts[1]).toEqual(transcripts[0]);
  });

  test('stop() closes every connection', async () => {
    const { broker, port } = await startBroker();
    const a = await RawClient.connect(port, { protocolVersion: 4, clientId: 'a', clean: true, keepAliveSec: 0 });
    const b = await RawClient.connect(port, { protocolVersion: 5, clientId: 'b', clean: true, keepAliveSec: 0 });
    await broker.stop();
    await Promise.all([a.waitClosed(), b.waitClosed()]);
    expect(broker.connectionCount).toBe(0);
  });
});

describe('the config file (mosquitto.conf subset)', () => {
  const files: Record<string, string> = {
    '/cfg/passwd': 'alice:secret\n# comment\nbob:pa:ss\n',
    '/cfg/hashed': 'alice:$9$unknown$scheme\n',
    '/cfg/acl': 'user alice\ntopic readwrite a/#\n',
    '/cfg/bad-acl': 'user alice\ntopic sometimes a/#\n',
  };
  const read = (p: string) => {
    const text = files[p];
    if (text === undefined) throw new Error('ENOENT');
    return text;
  };
  const problems = (text: string) => {
    try {
      parseBrokerConfig(text, '/cfg/broker.conf', read);
      return [];
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      return (e as ConfigError).problems;
    }
  };

  test('reads the supported options', () => {
    const c = parseBrokerConfig(
      '# a comment\nlistener 1884 0.0.0.0\nallow_anonymous false\npassword_file passwd\nacl_file acl\npersistence true\n' +
        'max_inflight_messages 10\nmax_queued_messages 100\nmax_packet_size 2048\nsys_interval 5\nretain_available false\n',
      '/cfg/broker.conf',
      read,
    );
    expect(c.listener).toEqual({ port: 1884, host: '0.0.0.0', protocol: 'mqtt' });
    expect(c.broker).toEqual({
      allowAnonymous: false,
      users: { alice: 'secret', bob: 'pa:ss' },
      verifyPassword: expect.any(Function), // reads mosquitto_passwd's hashes
      acl: files['/cfg/acl'],
      persistence: true,
      maxInflightMessages: 10,
      maxQueuedMessages: 100,
      maxPacketSize: 2048,
      sysIntervalSec: 5,
      retainAvailable: false,
    });
  });

  test('allow_anonymous defaults to false with a listener, true without (Mosquitto 2.0)', () => {
    expect(parseBrokerConfig('listener 1883\n', 'f', read).broker.allowAnonymous).toBe(false);
    expect(parseBrokerConfig('max_queued_messages 5\n', 'f', read).broker.allowAnonymous).toBe(true);
  });

  test('unknown and malformed lines are errors with FILE:LINE', () => {
    expect(problems('listener 1883\nbind_address 1.2.3.4\nmax_inflight_messages lots\nallow_anonymous maybe\nlistener 1884\ncertfile x.pem\nprotocol smoke-signals\n')).toEqual([
      expect.stringMatching(/^\/cfg\/broker\.conf:2: unknown option "bind_address"/),
      '/cfg/broker.conf:3: max_inflight_messages must be a whole number from 0 to 65535, not "lots"',
      '/cfg/broker.conf:4: allow_anonymous must be true or false, not "maybe"',
      '/cfg/broker.conf:7: protocol must be mqtt or websockets, not "smoke-signals"',
      '/cfg/broker.conf:6: a TLS listener needs both certfile and keyfile (listener 1884)',
    ]);
    expect(problems('certfile x.pem\n')).toEqual(['/cfg/broker.conf:1: certfile belongs to a listener: write it after a "listener PORT" line']);
  });

  test('unknown password hashes, unreadable files and bad ACL lines are errors', () => {
    expect(problems('password_file hashed\n')).toEqual([
      "/cfg/hashed:1: not a password hash this broker reads (mosquitto_passwd's $7$ and $6$ are; or write the password as plain text)",
    ]);
    expect(problems('acl_file missing\n')[0]).toMatch(/^\/cfg\/broker\.conf:1: cannot read acl_file \/cfg\/missing/);
    expect(problems('acl_file bad-acl\n')).toEqual(['/cfg/bad-acl:2: invalid topic access type "sometimes"']);
  });
});

describe('npm run broker', () => {
  test('prints the real port for --port 0, traces with --trace, and stops on SIGTERM closing its connections', async () => {
    const root = resolve(import.meta.dirname, '../..');
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/node/broker-cli.ts', '--port', '0', '--trace'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    try {
      const deadline = Date.now() + 20_000;
      while (!/listening on 127\.0\.0\.1:\d+/.test(out) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      const port = Number(/listening on 127\.0\.0\.1:(\d+)/.exec(out)![1]);
      expect(port).toBeGreaterThan(0);
      const c = await RawClient.connect(port, { protocolVersion: 4, clientId: 'cli-test', clean: true, keepAliveSec: 0 });
      const packets: Packet[] = c.received;
      expect(packets[0]).toEqual({ type: 'connack', sessionPresent: false, reasonCode: 0 });
      process.kill(child.pid!, 'SIGTERM');
      await c.waitClosed(5000);
      expect(await exited).toBe(0);
      expect(out).toMatch(/cli-test -> broker {2}CONNECT id=cli-test/);
      expect(out).toMatch(/broker -> cli-test {2}CONNACK/);
      expect(out).toMatch(/\[MQTT-3\.2\.0-1\]/);
      expect(err).toMatch(/SIGTERM: stopped, 1 connection closed/);
    } finally {
      if (child.exitCode === null) process.kill(child.pid!, 'SIGKILL');
    }
  }, 30_000);
});
