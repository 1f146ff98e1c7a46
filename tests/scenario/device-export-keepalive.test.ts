/**
 * mosquitto_pub and mosquitto_sub (2.0) refuse a keep alive below 5 s, 0 ("off") included:
 * "Invalid keepalive given, it must be between 5 and 65535 inclusive", and the exported script
 * stopped there. The export uses 5 s and says so; the real tools then get as far as connecting.
 * The same for what else the tools refuse: `-i ''` ("Invalid id"), `-c` without an id, `-P`
 * without `-u`.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/scenario/index.ts';
import { exportClient } from '../../src/scenario/export/device.ts';
import { startMosquitto, type RunningBroker } from '../fidelity/brokers.ts';

describe('device export to mosquitto_pub/sub: keep alive below 5 s', () => {
  it.each([
    [0, 'at 0s a subscribe -t x\nat 0s a publish -t x -m y'],
    [3, 'at 0s a publish -t x -m y'],
  ])('keep alive %i s: the real tools accept the arguments, and the note names the change at the connect (en, de)', (keepAlive, steps) => {
    const { scenario } = parseScenario(`client a\nat 0s a connect -k ${keepAlive}\n${steps}`);
    const out = exportClient(scenario, 'a', 'mosquitto-cli');
    const note = `keep alive ${keepAlive} s (mosquitto_pub and mosquitto_sub accept 5 to 65535 s; using 5 s)`;
    expect(out.unsupported).toEqual([note]);
    expect(out.text).toContain(`# not expressible here: ${note}`);
    expect(exportClient(scenario, 'a', 'mosquitto-cli', { language: 'de' }).unsupported).toContain(`Keep Alive ${keepAlive} s (mosquitto_pub und mosquitto_sub nehmen 5 bis 65535 s; verwendet: 5 s)`);
    const dir = mkdtempSync(join(tmpdir(), 'mqttlab-keepalive-'));
    try {
      writeFileSync(join(dir, 'a.sh'), out.text);
      // Port 1: nobody listens, so the tools fail at connecting, after their arguments were accepted.
      const run = spawnSync('sh', [join(dir, 'a.sh'), '127.0.0.1', '1'], { encoding: 'utf8', timeout: 20_000 });
      expect(run.stderr).not.toContain('Invalid keepalive');
      expect(run.stderr).toMatch(/Connection refused/i);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('device export to mosquitto_pub/sub: what the tools refuse, run against a real Mosquitto', () => {
  let broker: RunningBroker | undefined;
  afterAll(async () => broker?.stop());

  it('an empty client id, an empty id with -c, a password without user name and keep alive 0: every script connects and publishes (exit 0)', async () => {
    broker = await startMosquitto({});
    const { scenario } = parseScenario([
      'broker version=5',
      'client empty',
      'client keep',
      'client secret',
      'at 0s empty connect -i "" -k 0',
      'at 0s keep connect -i "" -c -V mqttv311',
      'at 0s secret connect -P pw',
      'at 0s empty publish -t lab/a -m 1',
      'at 0s keep publish -t lab/b -m 2',
      'at 0s secret publish -t lab/c -m 3',
    ].join('\n'));
    const dir = mkdtempSync(join(tmpdir(), 'mqttlab-tools-'));
    try {
      for (const [client, note] of [
        ['empty', 'keep alive 0 s (mosquitto_pub and mosquitto_sub accept 5 to 65535 s; using 5 s)'],
        ['keep', 'an empty client id with -c (mosquitto_pub and mosquitto_sub need an id to keep a session; connecting with a clean session)'],
        ['secret', 'a password without a user name'],
      ] as const) {
        const out = exportClient(scenario, client, 'mosquitto-cli');
        expect(out.unsupported, client).toEqual([note]);
        writeFileSync(join(dir, `${client}.sh`), out.text);
        const run = spawnSync('sh', [join(dir, `${client}.sh`), '127.0.0.1', String(broker.port)], { encoding: 'utf8', timeout: 20_000 });
        expect(`${run.status} ${run.stderr}`, client).toBe('0 ');
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe('device export to mqtt.js and paho-mqtt: an empty client id with a kept session', () => {
  let broker: RunningBroker | undefined;
  afterAll(async () => broker?.stop());

  it('connects with a clean session and says so (mqtt.js threw "Missing clientId for unclean clients"); the mqtt.js program runs against a real Mosquitto', async () => {
    broker = await startMosquitto({});
    const { scenario } = parseScenario('client keep\nat 0s keep connect -i "" -c -V mqttv311\nat 0s keep publish -t lab/k -m 1\nat 100ms keep disconnect');
    const js = exportClient(scenario, 'keep', 'mqttjs');
    expect(js.unsupported).toEqual(['an empty client id with a kept session (mqtt.js needs an id to keep a session; connecting with a clean session)']);
    const py = exportClient(scenario, 'keep', 'python');
    expect(py.text).toContain('# not expressible here: an empty client id with a kept session (paho-mqtt needs an id to keep a session; connecting with a clean session)\nclient = mqtt.Client(client_id="", clean_session=True, protocol=mqtt.MQTTv311)');
    // Beside the project's node_modules, so that `import mqtt` finds the dev dependency.
    const dir = mkdtempSync(join(import.meta.dirname, '../../node_modules/.cache/mqttlab-unclean-'));
    try {
      writeFileSync(join(dir, 'keep.mjs'), js.text);
      const run = spawnSync(process.execPath, [join(dir, 'keep.mjs'), `mqtt://127.0.0.1:${broker.port}`], { encoding: 'utf8', timeout: 30_000 });
      expect(`${run.status} ${run.stderr}`).toBe('0 ');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
