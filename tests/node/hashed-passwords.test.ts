/**
 * `npm run broker` reads Mosquitto's own password files: a file hashed by the real
 * `mosquitto_passwd` (and one written by MQTT Lab's Mosquitto export) lets the right password in
 * and refuses a wrong one, through the TCP driver, as Mosquitto does.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt from 'mqtt';
import { afterAll, describe, expect, it } from 'vitest';
import { loadBrokerConfig, TcpBroker } from '../../src/node/broker/index.ts';
import { hashPassword } from '../../src/scenario/export/mosquitto.ts';
import { MOSQUITTO_PASSWD, requireMosquitto } from '../fidelity/brokers.ts';

const dir = mkdtempSync(join(tmpdir(), 'mqtt-lab-passwd-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function login(port: number, username: string, password: string): Promise<string> {
  try {
    const c = await mqtt.connectAsync(`mqtt://127.0.0.1:${port}`, { username, password, reconnectPeriod: 0, connectTimeout: 5000, protocolVersion: 5 });
    await c.endAsync();
    return 'ok';
  } catch (error) {
    return (error as Error).message;
  }
}

describe('hashed password files', () => {
  it('lets the right password in and refuses a wrong one, for a file from mosquitto_passwd and one from the export', async () => {
    requireMosquitto();
    writeFileSync(join(dir, 'passwd'), 'anna:s3cret\n');
    expect(spawnSync(MOSQUITTO_PASSWD, ['-U', join(dir, 'passwd')], { timeout: 10_000 }).status).toBe(0);
    writeFileSync(join(dir, 'passwd'), `${spawnSync('cat', [join(dir, 'passwd')], { encoding: 'utf8' }).stdout}ben:${hashPassword('builder', new Uint8Array(12).fill(3))}\n`);
    writeFileSync(join(dir, 'broker.conf'), 'allow_anonymous false\npassword_file passwd\n');
    const broker = new TcpBroker({ port: 0, config: loadBrokerConfig(join(dir, 'broker.conf')).broker });
    const { port } = await broker.start();
    try {
      await expect(login(port, 'anna', 's3cret')).resolves.toBe('ok');
      await expect(login(port, 'anna', 'wrong')).resolves.toMatch(/Bad User Name or Password|Not authorized/);
      await expect(login(port, 'ben', 'builder')).resolves.toBe('ok');
      // The hash itself is not a password.
      await expect(login(port, 'ben', `${hashPassword('builder', new Uint8Array(12).fill(3))}`)).resolves.not.toBe('ok');
    } finally {
      await broker.stop();
    }
  }, 30_000);
});
