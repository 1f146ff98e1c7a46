/**
 * A password that is no text through the whole chain (MQTT's Password is binary data): real
 * mosquitto_sub/pub log in with bytes that are no UTF-8 to `npm run broker -- --record
 * --show-secrets` with a password_file that `mosquitto_passwd -U` hashed; `npm run recording --
 * FILE --scenario OUT` writes the user and the CONNECTs with `--password-hex`; the replay in the
 * simulator sends the same bytes and is accepted and refused as the real broker did (before, the
 * password came back as U+FFFD text, so a wrong password of other bytes was accepted); the
 * scenario's broker exported to a real Mosquitto accepts the bytes and refuses the wrong ones, and
 * so does it for the clients exported as mosquitto_pub command lines (`-P "$(printf ...)"`).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, test } from 'vitest';
import type { Packet } from '../../src/core/codec/types.ts';
import { parseScenario, runScenario } from '../../src/scenario/index.ts';
import { exportClient } from '../../src/scenario/export/device.ts';
import { brokerToMosquitto } from '../../src/scenario/export/mosquitto.ts';
import type { TraceEntry } from '../../src/sim/trace.ts';
import { readTrace } from '../../src/sim/trace-json.ts';
import { freePort, MOSQUITTO, MOSQUITTO_PASSWD, requireMosquitto } from '../fidelity/brokers.ts';
import { killAll, sleep, startBroker, startProcess, waitFor } from './broker-process.ts';

const dir = mkdtempSync(join(tmpdir(), 'mqttlab-record-pw-'));
let mosquitto: ChildProcess | undefined;
afterEach(killAll);
afterAll(() => {
  if (mosquitto?.pid !== undefined && mosquitto.exitCode === null) process.kill(mosquitto.pid, 'SIGTERM');
  rmSync(dir, { recursive: true, force: true });
});

/** bob's password: 0xff 0xfe (no UTF-8), a control byte, `k`; the wrong one differs in one byte that also decodes to U+FFFD. */
const RIGHT = [0xff, 0xfe, 0x01, 0x6b];
const WRONG = [0xff, 0xfd, 0x01, 0x6b];
const printf = (bytes: number[]) => `printf '${bytes.map((b) => `\\${b.toString(8).padStart(3, '0')}`).join('')}'`;

/** A mosquitto tool logging in as bob with `password` (bytes, through the shell: argv cannot carry them from Node). */
function asBob(tool: 'mosquitto_pub' | 'mosquitto_sub', port: string, password: number[], args: string): string[] {
  return ['-c', `exec ${tool} -h 127.0.0.1 -p ${port} -u bob -P "$(${printf(password)})" ${args}`];
}

/** The CONNACK code each client got, and the password bytes of its CONNECT. */
function logins(entries: readonly TraceEntry[]): Record<string, { password: number[] | undefined; connack: number | undefined }> {
  const out: Record<string, { password: number[] | undefined; connack: number | undefined }> = {};
  for (const e of entries) {
    const p = e.packet as Packet | undefined;
    if (p?.type === 'connect' && e.to === 'broker') out[e.from] = { password: p.password && [...p.password], connack: undefined };
    const to = e.to ?? '';
    if (p?.type === 'connack' && e.from === 'broker' && e.kind === 'send' && out[to]) out[to].connack = p.reasonCode;
  }
  return out;
}

describe('a recorded password that is bytes becomes a scenario that sends the same bytes', () => {
  test('mosquitto_passwd -U hashes the bytes; recording, scenario, replay and a real Mosquitto agree on who gets in', async () => {
    requireMosquitto();
    const passwd = join(dir, 'passwd');
    writeFileSync(passwd, Buffer.concat([Buffer.from('alice:secret\nbob:'), Buffer.from(RIGHT), Buffer.from('\n')]));
    expect(spawnSync(MOSQUITTO_PASSWD, ['-U', passwd], { timeout: 10_000 }).status).toBe(0);
    writeFileSync(join(dir, 'broker.conf'), `listener 0\nallow_anonymous false\npassword_file ${passwd}\n`);
    const file = join(dir, 'pw.jsonl');
    const broker = startBroker(['--config', join(dir, 'broker.conf'), '--port', '0', '--record', file, '--show-secrets']);
    const port = (await broker.waitFor(/listening on 127\.0\.0\.1:(\d+)/))[1]!;
    const watcher = startProcess('sh', asBob('mosquitto_sub', port, RIGHT, '-i bob-sub -t lab/# -q 1 -C 1 -v'));
    await sleep(400);
    const wrong = spawnSync('sh', asBob('mosquitto_pub', port, WRONG, '-i bob-wrong -t lab/x -m no'), { timeout: 20_000, encoding: 'utf8' });
    expect(wrong.status, wrong.stderr).not.toBe(0);
    const right = spawnSync('sh', asBob('mosquitto_pub', port, RIGHT, '-i bob-pub -t lab/x -m yes -q 1'), { timeout: 20_000, encoding: 'utf8' });
    expect(right.status, right.stderr).toBe(0);
    expect(await watcher.exited, watcher.output()).toBe(0);
    expect(watcher.output()).toContain('lab/x yes');
    broker.kill('SIGINT');
    expect(await broker.exited).toBe(0);

    const recorded = logins(readTrace(readFileSync(file, 'utf8')).entries);
    expect(recorded['bob-sub']).toEqual({ password: RIGHT, connack: 0 });
    expect(recorded['bob-pub']).toEqual({ password: RIGHT, connack: 0 });
    expect(recorded['bob-wrong']).toEqual({ password: WRONG, connack: 5 });

    const out = join(dir, 'pw.mqtts');
    const cli = startProcess(process.execPath, ['--import', 'tsx', 'src/node/recording-cli.ts', file, '--scenario', out]);
    expect(await cli.exited, cli.output()).toBe(0);
    const scenario = readFileSync(out, 'utf8');
    expect(scenario).toMatch(/^user bob --password-hex "ff fe 01 6b"$/m);
    expect(scenario).toMatch(/^at \S+ +bob-wrong connect .*-u bob --password-hex "ff fd 01 6b"/m);
    expect(scenario).toMatch(/^at \S+ +bob-pub connect .*-u bob --password-hex "ff fe 01 6b"/m);
    expect(scenario).not.toContain('\ufffd');

    const replay = runScenario(scenario);
    expect(replay.diagnostics.filter((d) => d.severity === 'error'), scenario).toEqual([]);
    const replayed = logins(replay.trace);
    for (const client of ['bob-sub', 'bob-pub', 'bob-wrong']) expect(replayed[client], client).toEqual(recorded[client]);

    // The scenario's users to a real Mosquitto: the hash of the bytes, not of U+FFFD text.
    const mport = await freePort();
    const files = brokerToMosquitto(parseScenario(scenario).scenario.broker, { port: mport, host: '127.0.0.1', passwdPath: join(dir, 'exported.passwd'), randomBytes: (n) => new Uint8Array(n).fill(7), language: 'en' });
    writeFileSync(join(dir, 'exported.passwd'), files.passwd!);
    writeFileSync(join(dir, 'mosquitto.conf'), files.conf);
    for (const f of ['exported.passwd', 'mosquitto.conf']) chmodSync(join(dir, f), 0o644);
    chmodSync(dir, 0o755);
    mosquitto = spawn(MOSQUITTO, ['-c', join(dir, 'mosquitto.conf')], { stdio: ['ignore', 'pipe', 'pipe'] });
    await waitFor(mosquitto, /running/, 'mosquitto');
    const real = (password: number[]) => spawnSync('sh', asBob('mosquitto_pub', String(mport), password, '-i probe -t lab/x -m z'), { timeout: 20_000, encoding: 'utf8' });
    expect(real(RIGHT).status, real(RIGHT).stderr).toBe(0);
    const refused = real(WRONG);
    expect(refused.status).not.toBe(0);
    expect(refused.stderr).toMatch(/not authori[sz]ed|bad user name or password/i);

    // The recorded clients exported as mosquitto_pub command lines send the bytes through printf.
    const parsed = parseScenario(scenario).scenario;
    const exported = (client: string) => exportClient(parsed, client, 'mosquitto-cli').text.split('\n').find((l) => l.startsWith('mosquitto_pub '))!;
    expect(exported('bob-pub')).toContain(`-u bob -P "$(printf '\\377\\376\\001\\153')"`);
    const runLine = (client: string) => spawnSync('sh', ['-c', `HOST=127.0.0.1; PORT=${mport}; ${exported(client)}`], { timeout: 20_000, encoding: 'utf8' });
    const pub = runLine('bob-pub');
    expect(pub.status, pub.stderr).toBe(0);
    expect(runLine('bob-wrong').status).not.toBe(0);
  }, 120_000);
});
