/**
 * From sandbox to device: a scenario's clients exported as mosquitto_pub/sub command lines, an
 * mqtt.js program and a Python paho-mqtt program really run against the broker of
 * `npm run broker` (its TCP driver, on 127.0.0.1), and the broker sees the same CONNECT,
 * SUBSCRIBE, PUBLISH and DISCONNECT packets as the simulation sent. A recording proxy in front of
 * the broker decodes what each client sends with the project's codec. The Arduino sketch cannot
 * run here (no toolchain); its values are checked as text.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection, createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../node/cli.ts';
import { Decoder, type Packet } from '../../src/core/codec/index.ts';
import { TcpBroker } from '../../src/node/broker/index.ts';
import { parseScenario, runScenario } from '../../src/scenario/index.ts';
import { exportClient, type DeviceTarget } from '../../src/scenario/export/device.ts';
import { cString } from '../../src/scenario/export/device-arduino.ts';
import { sh } from '../../src/scenario/export/device-cli.ts';

/** Time for every program to start before the shared start time (node needs a moment, longer on a busy machine). */
const START_MARGIN_MS = 4000;
const ROOT = join(import.meta.dirname, '../..');
const MOSQUITTO_PUB = '/usr/bin/mosquitto_pub';
const PYTHON = '/usr/bin/python3';

const SCENARIO = `# a dashboard (5.0) and a sensor (3.1.1) with a will
broker version=5
client dash
client sensor
at 0s dash connect -i dash-1 -k 30 -V mqttv5
at 100ms dash subscribe -t 'plant/+/temp' -t 'plant/+/status' -q 1
at 300ms sensor connect -i sensor-1 -k 20 -V mqttv311 -u anna -P 's3cret' --will-topic plant/s1/status --will-payload offline --will-qos 1 --will-retain
at 500ms sensor publish -t plant/h1/temp -m 21.5 -q 1
at 600ms sensor publish -t 'plant/h1/status' -m "on line, it's \\"fine\\"" -q 0 -r
at 800ms sensor disconnect
at 1200ms dash disconnect
`;

/** What matters of a packet a client sends, for comparing the simulation with a real run. */
function fingerprint(p: Packet): string | undefined {
  const hex = (b: Uint8Array | undefined): string => (b ? Buffer.from(b).toString('hex') : '-');
  switch (p.type) {
    case 'connect':
      return `CONNECT v${p.protocolVersion} id=${p.clientId} clean=${p.clean} k=${p.keepAliveSec} user=${p.username ?? '-'} pw=${hex(p.password)} will=${p.will ? `${p.will.topic}:${hex(p.will.payload)}:q${p.will.qos}:r${p.will.retain}` : '-'}`;
    case 'subscribe':
      return `SUBSCRIBE ${p.subscriptions.map((s) => `${s.topicFilter}:q${s.qos}`).join(' ')}`;
    case 'publish':
      return `PUBLISH ${p.topic} ${hex(p.payload)} q${p.qos} r${p.retain}`;
    case 'unsubscribe':
      return `UNSUBSCRIBE ${p.topicFilters.join(' ')}`;
    case 'disconnect':
      return 'DISCONNECT';
    default:
      return undefined; // acks and pings: timing, not content
  }
}

/** The simulation's packets from each client, by client id. */
function simulated(): Map<string, string[]> {
  const run = runScenario(SCENARIO);
  expect(run.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const out = new Map<string, string[]>();
  const idOf = new Map<string, string>();
  for (const e of run.trace) {
    if (e.kind !== 'send' || e.from === 'broker' || !e.packet) continue;
    if (e.packet.type === 'connect') idOf.set(e.from, e.packet.clientId);
    const f = fingerprint(e.packet);
    const id = idOf.get(e.from)!;
    if (f) out.set(id, [...(out.get(id) ?? []), f]);
  }
  return out;
}

/** A TCP proxy in front of the broker that decodes what every client sends. */
class RecordingProxy {
  readonly byClient = new Map<string, string[]>();
  private server: Server | undefined;
  constructor(private readonly brokerPort: number) {}

  start(): Promise<number> {
    this.server = createServer((down) => {
      const up = createConnection({ host: '127.0.0.1', port: this.brokerPort });
      const decoder = new Decoder({ version: 4 });
      let id = '?';
      down.on('data', (chunk) => {
        decoder.push(new Uint8Array(chunk));
        for (let r = decoder.next(); r.kind === 'packet'; r = decoder.next()) {
          if (r.packet.type === 'connect') {
            id = r.packet.clientId;
            decoder.version = r.packet.protocolVersion;
          }
          const f = fingerprint(r.packet);
          if (f) this.byClient.set(id, [...(this.byClient.get(id) ?? []), f]);
        }
        up.write(chunk);
      });
      up.on('data', (chunk) => down.write(chunk));
      down.on('close', () => up.end());
      up.on('close', () => down.destroy());
      down.on('error', () => up.destroy());
      up.on('error', () => down.destroy());
    });
    return new Promise((resolve) => this.server!.listen({ host: '127.0.0.1', port: 0 }, () => resolve((this.server!.address() as { port: number }).port)));
  }

  stop(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

/** Runs a program to its end (bounded); resolves with its output. */
function runProgram(cmd: string, args: string[], timeoutMs = 20_000, env: Record<string, string> = {}): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], cwd: ROOT, env: { ...process.env, ...env } });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, out });
    });
  });
}

const scenario = parseScenario(SCENARIO).scenario;
const dir = mkdtempSync(join(tmpdir(), 'mqtt-lab-export-'));
// mqtt.js programs must sit inside the project to find its node_modules.
const jsDir = join(ROOT, 'node_modules/.cache', `mqtt-lab-export-${process.pid}`);
let broker: TcpBroker;
let brokerPort: number;

beforeAll(async () => {
  for (const tool of [MOSQUITTO_PUB, PYTHON]) {
    const probe = await runProgram(tool, tool === PYTHON ? ['-c', 'import paho.mqtt'] : ['--help']);
    if (tool === PYTHON && probe.code !== 0) throw new Error('python3-paho-mqtt is missing: apt-get install -y python3-paho-mqtt (npm test and .ci/run install it as root)');
  }
  mkdirSync(jsDir, { recursive: true });
  broker = new TcpBroker({ host: '127.0.0.1', port: 0 });
  brokerPort = (await broker.start()).port;
});

afterAll(async () => {
  await broker?.stop();
  rmSync(dir, { recursive: true, force: true });
  rmSync(jsDir, { recursive: true, force: true });
});

async function runTarget(target: DeviceTarget): Promise<Map<string, string[]>> {
  const proxy = new RecordingProxy(brokerPort);
  const port = await proxy.start();
  try {
    // One start time for all programs, so their scenario times line up (node takes a moment to start).
    const env = { MQTT_LAB_START: String(Date.now() + START_MARGIN_MS) };
    const runs = ['dash', 'sensor'].map((client) => {
      const exported = exportClient(scenario, client, target, { host: '127.0.0.1', port });
      const file = join(target === 'mqttjs' ? jsDir : dir, `${target}-${exported.fileName}`);
      writeFileSync(file, exported.text);
      if (target === 'mqttjs') return runProgram(process.execPath, [file], 20_000, env);
      if (target === 'python') return runProgram(PYTHON, [file], 20_000, env);
      return runProgram('/bin/sh', [file, '127.0.0.1', String(port)]);
    });
    const results = await Promise.all(runs);
    for (const r of results) expect(r.code, r.out).toBe(0);
    await new Promise((r) => setTimeout(r, 100)); // the last bytes through the proxy
    return proxy.byClient;
  } finally {
    await proxy.stop();
  }
}

describe('device export, run against npm run broker', () => {
  const want = simulated();

  it('the simulation sends what the test compares', () => {
    expect(want.get('sensor-1')).toEqual([
      'CONNECT v4 id=sensor-1 clean=true k=20 user=anna pw=7333637265740a'.replace('0a', '') + ' will=plant/s1/status:6f66666c696e65:q1:rtrue',
      'PUBLISH plant/h1/temp 32312e35 q1 rfalse',
      `PUBLISH plant/h1/status ${Buffer.from('on line, it\'s "fine"').toString('hex')} q0 rtrue`,
      'DISCONNECT',
    ]);
  });

  it.each(['mqttjs', 'python'] as const)('%s: the broker sees the same packets from each client as the simulation sent', async (target) => {
    const got = await runTarget(target);
    expect(Object.fromEntries(got)).toEqual(Object.fromEntries(want));
  }, 60_000);

  it('mosquitto_pub/sub: the same subscriptions and publishes, each connection with the client\'s connect options', async () => {
    const got = await runTarget('mosquitto-cli');
    expect(got.get('dash-1')).toEqual(want.get('dash-1'));
    const sensor = got.get('sensor-1')!;
    const connect = want.get('sensor-1')![0]!;
    // mosquitto_pub opens a connection per message: CONNECT, PUBLISH, DISCONNECT, twice.
    expect(sensor.filter((f) => f.startsWith('CONNECT'))).toEqual([connect, connect]);
    expect(sensor.filter((f) => f.startsWith('PUBLISH'))).toEqual(want.get('sensor-1')!.filter((f) => f.startsWith('PUBLISH')));
  }, 60_000);
});

describe('device export, as text', () => {
  it('names what a target cannot express instead of dropping it', () => {
    const s = parseScenario(`broker version=5
client a
at 0s a connect -V mqttv5 -x 3600
at 1s a subscribe -t x/# -q 2 --nl
at 2s a publish -t x/1 -m hi -q 2 -D publish message-expiry-interval 30
at 3s a cable-cut
`).scenario;
    const sketch = exportClient(s, 'a', 'arduino');
    expect(sketch.unsupported).toEqual(expect.arrayContaining([
      expect.stringContaining('MQTT 5.0'),
      expect.stringContaining('session-expiry-interval 3600'),
      expect.stringContaining('QoS 2 for x/#'),
      expect.stringContaining('no-local'),
      expect.stringContaining('QoS 2 for x/1 (PubSubClient publishes with QoS 0 only)'),
      expect.stringContaining('messageExpiryIntervalSec'),
      expect.stringContaining('cable-cut'),
    ]));
    for (const u of sketch.unsupported) expect(sketch.text).toContain(u);
    expect(sketch.text).toContain('mqtt.subscribe("x/#", 1);');
    expect(sketch.text).toContain('mqtt.setKeepAlive(60);');
    expect(exportClient(s, 'a', 'mqttjs').text).toContain('sessionExpiryInterval: 3600');
    expect(exportClient(s, 'a', 'python').text).toContain('connect_props.SessionExpiryInterval = 3600');
  });

  it('writes the Arduino sketch with the scenario\'s values', () => {
    const sketch = exportClient(scenario, 'sensor', 'arduino', { host: '192.0.2.7' }).text;
    expect(sketch).toContain('const char* MQTT_HOST = "192.0.2.7";');
    expect(sketch).toContain('mqtt.setKeepAlive(20);');
    expect(sketch).toContain('mqtt.connect("sensor-1", "anna", "s3cret", "plant/s1/status", 1, true, "offline", true)');
    expect(sketch).toContain('mqtt.publish("plant/h1/status", (const uint8_t*)"on line, it\'s \\"fine\\"", 20, true);');
    expect(sketch).toContain('const unsigned long STEP_AT_MS[] = {300, 500, 600, 800};');
  });

  it('escapes hostile strings for every language', () => {
    expect(sh(`a'; rm -rf / #`)).toBe(`'a'\\''; rm -rf / #'`);
    expect(sh('plant/+/temp')).toBe(`'plant/+/temp'`);
    expect(cString('a"\\\n\u00e9??=')).toBe('"a\\"\\\\\\012\\303\\251\\?\\?="');
    const s = parseScenario(`client x\nat 0s x connect\nat 1s x publish -t 'a/"b' -m "\\"); process.exit(1); ("\n`).scenario;
    const js = exportClient(s, 'x', 'mqttjs').text;
    expect(js).toContain(`await client.publishAsync("a/\\"b", "\\"); process.exit(1); (", { qos: 0, retain: false }).catch(report);`);
    const py = exportClient(s, 'x', 'python').text;
    expect(py).toContain(`client.publish("a/\\"b", "\\"); process.exit(1); (".encode(), qos=0, retain=False)`);
  });
});

describe('device export in German', () => {
  const s = parseScenario(`broker version=5
client a
client b
at 0s a connect -V mqttv5 -x 3600 --will-topic a/status --will-payload off
at 0s b connect
at 1s a subscribe -t x/# -q 2 --nl
at 2s a publish -t x/1 -m hi -q 2 -D publish message-expiry-interval 30
at 2s b publish -t x/1 -m hi
at 3s a cable-cut
at 4s b crash
`).scenario;
  /** Where a line's comment starts (the code before it must be the same in both languages). */
  const commentAt = (line: string): number => {
    const at = ['# ', '// ', '/**', ' * ', '"""'].map((m) => line.indexOf(m)).filter((i) => i >= 0);
    return at.length > 0 ? Math.min(...at) : -1;
  };

  it.each(['mosquitto-cli', 'mqttjs', 'python', 'arduino'] as const)('%s: German comments and notes, the same code', (target) => {
    for (const client of ['a', 'b']) {
      const en = exportClient(s, client, target);
      const de = exportClient(s, client, target, { language: 'de' });
      const enLines = en.text.split('\n');
      const deLines = de.text.split('\n');
      expect(deLines.length).toBe(enLines.length);
      let changed = 0;
      enLines.forEach((line, i) => {
        if (line === deLines[i]) return;
        changed++;
        const at = commentAt(line);
        expect(at, `line ${i + 1} differs outside a comment: ${line}`).toBeGreaterThanOrEqual(0);
        expect(deLines[i]!.slice(0, at), `line ${i + 1}`).toBe(line.slice(0, at));
      });
      expect(changed).toBeGreaterThan(2);
      expect(de.unsupported.length).toBe(en.unsupported.length);
      for (const u of de.unsupported) expect(de.text).toContain(u);
      // No English sentence left in the comments.
      for (const english of ['the broker publishes the will', 'Run it', 'as the scenario times it', 'not expressible', ' at 3000 ms', 'keeps the rules', "the scenario client"]) {
        expect(de.text, english).not.toContain(english);
        expect(de.unsupported.join('\n'), english).not.toContain(english);
      }
    }
    const crash = exportClient(s, 'b', target, { language: 'de' }).text;
    if (target !== 'mosquitto-cli') expect(crash).toMatch(/stirbt.*veröffentlicht der Broker das Testament/);
    expect(exportClient(s, 'a', target, { language: 'de' }).unsupported.join('\n')).toContain('cable-cut bei 3000 ms');
  });

  it('the German programs are still valid programs (sh -n, node --check, python3 py_compile)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mqttlab-device-de-'));
    try {
      const checks: [DeviceTarget, string, string[]][] = [
        ['mosquitto-cli', 'a.sh', ['sh', '-n']],
        ['mqttjs', 'a.mjs', ['node', '--check']],
        ['python', 'a.py', ['python3', '-m', 'py_compile']],
      ];
      for (const [target, file, [cmd, ...args]] of checks) {
        writeFileSync(join(dir, file), exportClient(s, 'a', target, { language: 'de' }).text);
        const run = spawnSync(cmd!, [...args, join(dir, file)], { encoding: 'utf8' });
        expect(run.status, `${target}: ${run.stderr}`).toBe(0);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('npm run export', () => {
  const cli = (...args: string[]) => {
    const r = runCli('src/node/export-cli.ts', args);
    return { status: r.code, stdout: r.out, stderr: r.err };
  };
  it('prints the program, lists what the target cannot express on stderr, and names a missing client', () => {
    const ok = cli('src/scenario/examples/will-on-cable-cut.mqtts', 'sensor', 'arduino', '--host', '192.0.2.9');
    expect(ok.status).toBe(0);
    expect(ok.stdout).toContain('const char* MQTT_HOST = "192.0.2.9";');
    expect(ok.stderr).toContain('note: not expressible in arduino: QoS 1 for plant/s17/status (PubSubClient publishes with QoS 0 only)');
    const missing = cli('src/scenario/examples/will-on-cable-cut.mqtts', 'nobody', 'python');
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('no client named nobody; the scenario has sensor, dashboard');
  }, 60_000);

  it('--lang de writes the comments and the notes in German; --lang with another language is refused', () => {
    const de = cli('src/scenario/examples/will-on-cable-cut.mqtts', 'sensor', 'arduino', '--lang', 'de');
    expect(de.status).toBe(0);
    expect(de.stdout).toContain('// hier nicht ausdrückbar: QoS 1 für plant/s17/status (PubSubClient veröffentlicht nur mit QoS 0)');
    expect(de.stdout).not.toContain('not expressible');
    expect(de.stderr).toContain('Hinweis: in arduino nicht ausdrückbar: QoS 1 für plant/s17/status');
    const bad = cli('src/scenario/examples/will-on-cable-cut.mqtts', 'sensor', 'arduino', '--lang', 'fr');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--lang needs en or de, not fr');
  }, 60_000);

  it('broker mosquitto --lang de writes the files\' comments and its messages in German; the settings stay the same', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mqttlab-export-lang-'));
    try {
      const scenario = join(dir, 's.mqtts');
      writeFileSync(scenario, 'broker anonymous=off max-inflight=5\nuser alice s3cret\nacl user alice\nacl topic readwrite plant/#\nclient a\n');
      const read = (lang: string) => {
        const out = join(dir, lang);
        mkdirSync(out);
        const run = cli(scenario, 'broker', 'mosquitto', '--out', out, '--lang', lang);
        expect(run.status, run.stderr).toBe(0);
        return { conf: readFileSync(join(out, 'mosquitto.conf'), 'utf8'), acl: readFileSync(join(out, 'mqtt-lab.acl'), 'utf8'), stderr: run.stderr, out };
      };
      const en = read('en');
      const de = read('de');
      expect(en.conf).toContain('# Start it: mosquitto -c mosquitto.conf');
      expect(de.conf).toContain('# Starten: mosquitto -c mosquitto.conf');
      expect(de.conf).toContain('von MQTT Lab aus der broker-Zeile des Szenarios erzeugt');
      expect(de.conf).not.toMatch(/made by|Start it/);
      expect(de.acl.split('\n')[0]).toBe('# acl_file, von MQTT Lab erzeugt (im Format von Mosquitto, wie in den acl-Zeilen des Szenarios)');
      expect(de.stderr).toContain(`starten: mosquitto -c ${join(de.out, 'mosquitto.conf')}`);
      expect(de.stderr).toContain('für eine echte Installation: chown mosquitto:');
      // Only the comments change: the settings are the same, line for line (paths aside).
      const settings = (t: { conf: string; out: string }) => t.conf.split('\n').filter((l) => l !== '' && !l.startsWith('#')).map((l) => l.replace(t.out, 'DIR'));
      expect(settings(de)).toEqual(settings(en));
      expect(settings(de)).toContain('max_inflight_messages 5');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
