/**
 * A binary payload (`publish --payload-hex`) leaves the sandbox intact: the exported
 * mosquitto_pub script and the mqtt.js program, run against a real Mosquitto, deliver the very
 * bytes the scenario gives (zero bytes, invalid UTF-8, shell quotes and `%` included), checked
 * with a real mosquitto_sub. What a target cannot carry (a will payload that is bytes, as a
 * mosquitto_pub argument) is said, not sent garbled.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/scenario/index.ts';
import { exportClient, type DeviceTarget } from '../../src/scenario/export/device.ts';
import { startMosquitto, type RunningBroker } from '../fidelity/brokers.ts';

const ROOT = join(import.meta.dirname, '../..');
// Zero bytes, an invalid UTF-8 sequence (ff, c3 28), `%`, `'`, `\` and a line feed: everything a shell or a C string could mangle.
const PAYLOAD = '00 ff 25 27 5c 0a c3 28 00 41';
const bytes = (hex: string): number[] => hex.split(' ').map((x) => parseInt(x, 16));

const SCENARIO = `client sensor
at 0s    sensor connect -i sensor-bin -k 30
at 100ms sensor publish -t plant/raw --payload-hex "${PAYLOAD}" -q 1 -r
at 200ms sensor disconnect
`;

/** Runs a program to its end (bounded). */
function run(cmd: string, args: string[], timeoutMs = 30_000): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], cwd: ROOT });
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
const dir = mkdtempSync(join(tmpdir(), 'mqtt-lab-export-bin-'));
// mqtt.js programs must sit inside the project to find its node_modules.
const jsDir = join(ROOT, 'node_modules/.cache', `mqtt-lab-export-bin-${process.pid}`);
let mosquitto: RunningBroker;

beforeAll(async () => {
  mkdirSync(jsDir, { recursive: true });
  mosquitto = await startMosquitto({});
});

afterAll(async () => {
  await mosquitto?.stop();
  rmSync(dir, { recursive: true, force: true });
  rmSync(jsDir, { recursive: true, force: true });
});

/** The retained payload on plant/raw as a real mosquitto_sub prints it (-N: the bytes, nothing added), then cleared. */
function retainedBytes(): number[] {
  const sub = spawnSync('/usr/bin/mosquitto_sub', ['-p', String(mosquitto.port), '-t', 'plant/raw', '-C', '1', '-N', '-W', '10'], { timeout: 20_000 });
  spawnSync('/usr/bin/mosquitto_pub', ['-p', String(mosquitto.port), '-t', 'plant/raw', '-r', '-n'], { timeout: 20_000 });
  return [...sub.stdout];
}

describe('a binary payload, exported and run against Mosquitto', () => {
  it('the scenario holds the bytes', () => {
    const step = scenario.steps.find((s) => s.action.kind === 'publish')!;
    expect(step.action.kind === 'publish' && [...step.action.payload]).toEqual(bytes(PAYLOAD));
  });

  it.each(['mosquitto-cli', 'mqttjs'] as const)('%s: mosquitto_sub receives exactly these bytes', async (target: DeviceTarget) => {
    const exported = exportClient(scenario, 'sensor', target, { host: '127.0.0.1', port: mosquitto.port });
    expect(exported.unsupported).toEqual([]);
    expect(exported.text).not.toContain('\ufffd');
    const file = join(target === 'mqttjs' ? jsDir : dir, exported.fileName);
    writeFileSync(file, exported.text);
    const r = target === 'mqttjs' ? await run(process.execPath, [file]) : await run('/bin/sh', [file, '127.0.0.1', String(mosquitto.port)]);
    expect(r.code, `${exported.text}\n${r.out}`).toBe(0);
    expect(retainedBytes()).toEqual(bytes(PAYLOAD));
  }, 60_000);

  it('mosquitto-cli: a will payload that is bytes cannot be an argument, and the export says so in both languages', () => {
    const withWill = parseScenario('client sensor\nat 0s sensor connect -i s --will-topic s/status --will-payload "off\\x00line"\nat 1s sensor publish -t a -m x\n').scenario;
    const en = exportClient(withWill, 'sensor', 'mosquitto-cli');
    expect(en.unsupported).toEqual([expect.stringContaining('a will payload that is bytes, not text')]);
    expect(en.text).not.toMatch(/^mosquitto_pub.*--will/m);
    const de = exportClient(withWill, 'sensor', 'mosquitto-cli', { language: 'de' });
    expect(de.unsupported).toEqual([expect.stringContaining('ein Testament mit Bytes statt Text')]);
  });
});
