/**
 * From sandbox to Mosquitto: the scenario's broker, users and ACL exported as mosquitto.conf,
 * acl_file and a hashed password_file start a real Mosquitto 2.0, and the scenario's clients
 * (exported as mqtt.js programs) get the same answers from it as in the simulation: the right
 * passwords get in, a wrong one is refused, the ACL lets alice and bob read and refuses bob's
 * write. The password hashes are Mosquitto's own: a file made by `mosquitto_passwd` verifies.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseScenario, runScenario } from '../../src/scenario/index.ts';
import { exportClient } from '../../src/scenario/export/device.ts';
import { brokerToMosquitto, hashPassword, verifyPasswordHash } from '../../src/scenario/export/mosquitto.ts';
import { freePort, MOSQUITTO, MOSQUITTO_PASSWD, requireMosquitto } from '../fidelity/brokers.ts';

/** Time for every program to start before the shared start time (node needs a moment, longer on a busy machine). */
const START_MARGIN_MS = 4000;
const ROOT = join(import.meta.dirname, '../..');
const EXAMPLE = readFileSync(join(ROOT, 'src/scenario/examples/acl-refusal.mqtts'), 'utf8');
const dir = mkdtempSync(join(tmpdir(), 'mqtt-lab-mosquitto-export-'));
chmodSync(dir, 0o755); // Mosquitto started as root reads its files as the mosquitto user
const jsDir = join(ROOT, 'node_modules/.cache', `mqtt-lab-mosquitto-export-${process.pid}`);
let mosquitto: ChildProcess | undefined;

afterAll(() => {
  if (mosquitto?.pid !== undefined && mosquitto.exitCode === null) process.kill(mosquitto.pid, 'SIGKILL');
  rmSync(dir, { recursive: true, force: true });
  rmSync(jsDir, { recursive: true, force: true });
});

/** Runs a program until it ends or until `stopAfterMs` (a device program without `disconnect` runs on). */
function run(cmd: string, args: string[], stopAfterMs: number, env: Record<string, string>): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const timer = setTimeout(() => child.kill('SIGTERM'), stopAfterMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, out });
    });
  });
}

describe('password hashes', () => {
  it('verify a file made by mosquitto_passwd, and mosquitto_passwd-style hashes are made', () => {
    requireMosquitto();
    const file = join(dir, 'passwd-made-by-mosquitto');
    writeFileSync(file, 'anna:s3cret\n');
    expect(spawnSync(MOSQUITTO_PASSWD, ['-U', file], { timeout: 10_000 }).status).toBe(0);
    const stored = readFileSync(file, 'utf8').trim().split(':')[1]!;
    expect(stored).toMatch(/^\$7\$101\$/);
    expect(verifyPasswordHash(stored, new TextEncoder().encode('s3cret'))).toBe(true);
    expect(verifyPasswordHash(stored, new TextEncoder().encode('s3cret '))).toBe(false);
    expect(verifyPasswordHash('plain', new TextEncoder().encode('plain'))).toBeUndefined();
    expect(verifyPasswordHash('$7$99999999$AAAA$AAAA', new TextEncoder().encode('x'))).toBeUndefined(); // no endless PBKDF2
    const ours = hashPassword('s3cret', new Uint8Array(12).fill(7));
    expect(ours).toMatch(/^\$7\$101\$[A-Za-z0-9+/]{16}\$[A-Za-z0-9+/]{86}==$/);
    expect(verifyPasswordHash(ours, new TextEncoder().encode('s3cret'))).toBe(true);
  });
});

describe('broker exported to a real Mosquitto', () => {
  it('starts Mosquitto, and the scenario\'s clients get the answers they get in the simulation', async () => {
    requireMosquitto();
    const scenario = parseScenario(EXAMPLE).scenario;
    const simulated = runScenario(EXAMPLE);
    expect(simulated.results.every((r) => r.pass)).toBe(true);

    const port = await freePort();
    // With German comments (--lang de): Mosquitto reads them as comments like the English ones.
    const files = brokerToMosquitto(scenario.broker, { port, host: '127.0.0.1', aclPath: join(dir, 'acl'), passwdPath: join(dir, 'passwd'), randomBytes: (n) => new Uint8Array(randomBytes(n)), language: 'de' });
    expect(files.conf).toContain('# Starten: mosquitto -c mosquitto.conf');
    expect(files.conf).toContain('allow_anonymous false');
    expect(files.passwd).toMatch(/^alice:\$7\$101\$.*\nbob:\$7\$101\$/);
    for (const [name, text] of [['mosquitto.conf', files.conf], ['acl', files.acl!], ['passwd', files.passwd!]] as const) {
      writeFileSync(join(dir, name), text);
      chmodSync(join(dir, name), 0o644);
    }
    mosquitto = spawn(MOSQUITTO, ['-c', join(dir, 'mosquitto.conf')], { stdio: ['ignore', 'ignore', 'pipe'] });
    let log = '';
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`mosquitto did not start: ${log}`)), 10_000);
      mosquitto!.stderr!.on('data', (d: Buffer) => {
        log += d.toString();
        if (/running/.test(log)) {
          clearTimeout(timer);
          resolve();
        }
      });
      mosquitto!.once('exit', (code) => reject(new Error(`mosquitto exited (${code}): ${log}`)));
    });

    mkdirSync(jsDir, { recursive: true });
    // One start time for the three programs, so their scenario times line up.
    const env = { MQTT_LAB_START: String(Date.now() + START_MARGIN_MS) };
    const results = await Promise.all(['alice', 'bob', 'mallory'].map((client) => {
      const file = join(jsDir, `${client}.mjs`);
      writeFileSync(file, exportClient(scenario, client, 'mqttjs').text);
      // The scenario's last step is at 2 s after the start: stop at 5 s.
      return run(process.execPath, [file, `mqtt://127.0.0.1:${port}`], START_MARGIN_MS + 5000, env);
    }));
    const [alice, bob, mallory] = results as [{ out: string; code: number | null }, { out: string; code: number | null }, { out: string; code: number | null }];
    // expect alice receives plant/valve "open"; expect bob receives plant/valve "open"
    expect(alice.out).toContain('plant/valve open');
    expect(bob.out).toContain('plant/valve open');
    // expect alice never-receives plant/valve "closed": bob may not write plant/#
    expect(alice.out).not.toContain('plant/valve closed');
    // expect bob puback 0x87: Mosquitto refuses bob's write as the simulated broker does
    expect(bob.out).toContain('Publish error: Not authorized');
    // expect mallory connack 0x87: a wrong password is refused
    expect(mallory.code).toBe(1);
    expect(mallory.out).toMatch(/Connection refused: (Not authorized|Bad User Name or Password)/i);
  }, 60_000);
});
