/**
 * `npm run broker -- --record FILE` and `npm run recording -- FILE --scenario OUT.mqtts` with real
 * clients (issue #17 part 2, issue #18 part 2): the recording holds every connection with its real
 * addresses, every packet with its real bytes, every decision with its spec rule, and no
 * password; turned into a scenario and replayed in the simulator, it gives every client the same
 * packets, in both directions, as the real session did.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, test } from 'vitest';
import { decode } from '../../src/core/codec/index.ts';
import type { Packet } from '../../src/core/codec/types.ts';
import { runScenario } from '../../src/scenario/index.ts';
import type { TraceEntry } from '../../src/sim/trace.ts';
import { readTrace } from '../../src/sim/trace-json.ts';
import { killAll, sleep, startBroker, startProcess } from './broker-process.ts';

const dir = mkdtempSync(join(tmpdir(), 'mqttlab-record-'));
afterEach(killAll);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const hex = (s: string) => [...Buffer.from(s)].map((b) => b.toString(16).padStart(2, '0')).join(' ');

/** Runs a mosquitto client to its end (bounded). */
function tool(command: string, args: string[]): void {
  execFileSync(command, args, { timeout: 20_000, stdio: 'pipe' });
}

async function recordedBroker(file: string, extra: string[] = []) {
  const broker = startBroker(['--port', '0', '--record', file, ...extra]);
  const port = Number((await broker.waitFor(/listening on 127\.0\.0\.1:(\d+)/))[1]);
  return { broker, port };
}

async function stop(broker: ReturnType<typeof startBroker>): Promise<void> {
  broker.kill('SIGINT');
  expect(await broker.exited).toBe(0);
}

describe('npm run broker -- --record FILE', () => {
  test('real addresses, real bytes that decode, rules with spec IDs, and the password masked in bytes and packet alike', async () => {
    const file = join(dir, 'masked.jsonl');
    const { broker, port } = await recordedBroker(file);
    // The two lines may come in either order (stdout and stderr, or two writes): wait for it.
    expect((await broker.waitFor(/recording to (\S+)/))[1]).toBe(file);
    tool('mosquitto_pub', ['-p', String(port), '-i', 'sensor-1', '-u', 'bob', '-P', 'secret', '-t', 'hall/temp', '-m', '21.5', '-q', '1']);
    await stop(broker);

    const text = readFileSync(file, 'utf8');
    const trace = readTrace(text);
    expect(trace.errors).toEqual([]);
    expect(trace.header).toMatchObject({ source: 'broker' });
    expect(trace.conns).toHaveLength(1);
    expect(trace.conns[0]).toMatchObject({ local: `127.0.0.1:${port}`, transport: 'tcp' });
    expect(trace.conns[0]!.remote).toMatch(/^127\.0\.0\.1:\d+$/);
    expect(text).not.toContain(hex('secret'));
    const connect = trace.entries.find((e) => e.packet?.type === 'connect')!;
    expect(connect).toMatchObject({ kind: 'deliver', from: 'sensor-1', to: 'broker', connId: trace.conns[0]!.id });
    expect(new TextDecoder().decode((connect.packet as Extract<Packet, { type: 'connect' }>).password)).toBe('******');
    expect([...connect.bytes!.slice(-6)]).toEqual([...Buffer.from('******')]);
    // Every packet in both directions, with bytes that decode to the same packet.
    const packets = trace.entries.filter((e) => e.bytes);
    expect(packets.map((e) => `${e.kind} ${e.packet!.type}`)).toEqual(['deliver connect', 'send connack', 'deliver publish', 'send puback', 'deliver disconnect']);
    for (const e of packets) expect(decode(e.bytes!, 4)).toMatchObject({ kind: 'packet', packet: { type: e.packet!.type } });
    expect(trace.entries.find((e) => e.explain?.key === 'connect.accepted')?.explain?.ref).toBe('MQTT-3.2.0-1');
  }, 60_000);

  test('--show-secrets keeps the password', async () => {
    const file = join(dir, 'shown.jsonl');
    const { broker, port } = await recordedBroker(file, ['--show-secrets']);
    tool('mosquitto_pub', ['-p', String(port), '-i', 'sensor-1', '-u', 'bob', '-P', 'secret', '-t', 'a', '-m', 'x']);
    await stop(broker);
    expect(readFileSync(file, 'utf8')).toContain(hex('secret'));
  }, 60_000);

  test('a TLS listener: the connection is recorded as tls, with its addresses, and the bytes inside the tunnel', async () => {
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'server.key'), '-out', join(dir, 'server.crt'), '-days', '2', '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1'], { stdio: 'pipe', timeout: 30_000 });
    const config = join(dir, 'tls.conf');
    writeFileSync(config, `listener 0\ncertfile ${join(dir, 'server.crt')}\nkeyfile ${join(dir, 'server.key')}\nallow_anonymous true\n`);
    const file = join(dir, 'tls.jsonl');
    const broker = startBroker(['--config', config, '--record', file]);
    const port = (await broker.waitFor(/listening on 127\.0\.0\.1:(\d+) \(mqtts/))[1]!;
    tool('mosquitto_pub', ['-h', '127.0.0.1', '-p', port, '--cafile', join(dir, 'server.crt'), '-i', 'secure-1', '-t', 'tls/t', '-m', 'inside']);
    await stop(broker);
    const trace = readTrace(readFileSync(file, 'utf8'));
    expect(trace.conns).toEqual([expect.objectContaining({ transport: 'tls', local: `127.0.0.1:${port}` })]);
    expect(trace.entries.find((e) => e.packet?.type === 'publish')?.bytes?.[0]).toBe(0x30);
  }, 60_000);

  test('a file that cannot be written: exit code 2 and the reason', async () => {
    const broker = startBroker(['--port', '0', '--record', join(dir, 'no-such-folder', 'x.jsonl')]);
    expect(await broker.exited).toBe(2);
    expect(broker.output()).toMatch(/cannot record to .*no-such-folder.*ENOENT/);
  }, 60_000);
});

/** What a packet is, as the comparison sees it: type, topic, QoS, payload, retain, reason codes. */
function describePacket(p: Packet): string | undefined {
  switch (p.type) {
    case 'pingreq':
    case 'pingresp':
      return undefined; // keep-alive timing, not the session
    case 'publish':
      return `PUBLISH ${p.topic} q${p.qos}${p.retain ? ' retain' : ''} "${new TextDecoder().decode(p.payload)}"`;
    case 'connect':
      return `CONNECT ${p.clientId} v${p.protocolVersion}${p.will ? ` will=${p.will.topic}:q${p.will.qos}:"${new TextDecoder().decode(p.will.payload)}"` : ''}`;
    case 'subscribe':
      return `SUBSCRIBE ${p.subscriptions.map((s) => `${s.topicFilter}:q${s.qos}`).join(',')}`;
    case 'suback':
      return `SUBACK ${p.reasonCodes.join(',')}`;
    default:
      return `${p.type.toUpperCase()}${'reasonCode' in p && p.reasonCode !== undefined ? ` rc=${p.reasonCode}` : ''}`;
  }
}

/** Per client: what it sent to the broker (as the broker received it), and what the broker sent it. */
function perClient(entries: readonly TraceEntry[]): Record<string, { sent: string[]; received: string[] }> {
  const out: Record<string, { sent: string[]; received: string[] }> = {};
  const of = (name: string) => (out[name] ??= { sent: [], received: [] });
  for (const e of entries) {
    const d = e.packet ? describePacket(e.packet) : undefined;
    if (d === undefined) continue;
    if (e.kind === 'deliver' && e.to === 'broker') of(e.from).sent.push(d);
    else if (e.kind === 'send' && e.from === 'broker' && e.to !== undefined) of(e.to).received.push(d);
  }
  return out;
}

describe('a recording becomes a scenario (npm run recording -- FILE --scenario OUT.mqtts)', () => {
  test('mosquitto_pub/sub with QoS 1 and 2, a will and a retained message: the replay gives each client the same packets', async () => {
    const file = join(dir, 'session.jsonl');
    const { broker, port } = await recordedBroker(file);
    const p = String(port);
    // A dashboard that stays for four messages (then disconnects), and a sensor with a will.
    const watcher = startProcess('mosquitto_sub', ['-p', p, '-i', 'watcher', '-t', 'lab/#', '-q', '2', '-C', '4', '-v']);
    await sleep(400);
    const dying = startProcess('mosquitto_sub', ['-p', p, '-i', 'dying', '-t', 'cmd/dying', '-q', '1', '--will-topic', 'lab/status', '--will-payload', 'gone', '--will-qos', '1']);
    await sleep(400);
    tool('mosquitto_pub', ['-p', p, '-i', 'pub-q1', '-t', 'lab/a', '-m', 'one', '-q', '1']);
    await sleep(200);
    tool('mosquitto_pub', ['-p', p, '-i', 'pub-q2', '-t', 'lab/b', '-m', 'two', '-q', '2']);
    await sleep(200);
    tool('mosquitto_pub', ['-p', p, '-i', 'keeper', '-t', 'lab/r', '-m', 'kept', '-q', '1', '-r']);
    await sleep(200);
    tool('mosquitto_sub', ['-p', p, '-i', 'late', '-t', 'lab/r', '-C', '1']);
    await sleep(200);
    dying.kill('SIGKILL'); // no DISCONNECT: the broker publishes the will
    expect(await watcher.exited).toBe(0);
    expect(watcher.output()).toContain('lab/status gone');
    await stop(broker);

    const out = join(dir, 'session.mqtts');
    const pcap = join(dir, 'session.pcapng');
    const cli = startProcess(process.execPath, ['--import', 'tsx', 'src/node/recording-cli.ts', file, '--scenario', out, '--pcap', pcap]);
    expect(await cli.exited, cli.output()).toBe(0);
    const scenario = readFileSync(out, 'utf8');
    expect(scenario).toMatch(/dying crash/);
    const replay = runScenario(scenario);
    expect(replay.diagnostics.filter((d) => d.severity === 'error'), scenario).toEqual([]);

    const recorded = perClient(readTrace(readFileSync(file, 'utf8')).entries);
    const replayed = perClient(replay.trace);
    expect(Object.keys(recorded).sort()).toEqual(['dying', 'keeper', 'late', 'pub-q1', 'pub-q2', 'watcher']);
    expect(replayed).toEqual(recorded);
    // The session really had what the comparison is about.
    expect(recorded.watcher!.received).toEqual(expect.arrayContaining(['PUBLISH lab/a q1 "one"', 'PUBLISH lab/b q2 "two"', 'PUBLISH lab/status q1 "gone"', 'PUBREL']));
    expect(recorded.late!.received).toContain('PUBLISH lab/r q0 retain "kept"');
    // The same recording for Wireshark: tshark decodes as many MQTT packets as were recorded.
    // The capture has the real addresses, so the broker's port is not 1883: decode it as MQTT.
    const decoded = execFileSync('tshark', ['-r', pcap, '-d', `tcp.port==${port},mqtt`, '-Y', 'mqtt', '-T', 'fields', '-e', 'mqtt.msgtype'], { encoding: 'utf8', timeout: 60_000 });
    const recordedPackets = readTrace(readFileSync(file, 'utf8')).entries.filter((e) => e.bytes !== undefined).length;
    expect(decoded.trim().split('\n').flatMap((l) => l.split(',')).filter((t) => t !== '')).toHaveLength(recordedPackets);
  }, 120_000);
});

describe('a recording of a broker with a password_file and an acl_file becomes a scenario with the same users and ACL', () => {
  /** Records a session with refused logins and an ACL-denied publish; the scenario made from it, replayed. */
  async function recordAndReplay(name: string, extra: string[]) {
    writeFileSync(join(dir, `${name}.passwd`), 'alice:secret\nbob:hunter2\n');
    writeFileSync(join(dir, `${name}.acl`), '# the plant\nuser alice\ntopic read plant/#\n\nuser bob\ntopic read plant/#\ntopic write plant/bob/#\n');
    writeFileSync(join(dir, `${name}.conf`), `listener 0\nallow_anonymous false\npassword_file ${join(dir, `${name}.passwd`)}\nacl_file ${join(dir, `${name}.acl`)}\nmax_inflight_messages 7\n`);
    const file = join(dir, `${name}.jsonl`);
    const broker = startBroker(['--config', join(dir, `${name}.conf`), '--port', '0', '--record', file, ...extra]);
    const p = String((await broker.waitFor(/listening on 127\.0\.0\.1:(\d+)/))[1]);
    const watcher = startProcess('mosquitto_sub', ['-p', p, '-i', 'alice-sub', '-u', 'alice', '-P', 'secret', '-t', 'plant/#', '-q', '1', '-C', '1', '-v']);
    await sleep(400);
    expect(() => tool('mosquitto_pub', ['-p', p, '-i', 'alice-wrong', '-u', 'alice', '-P', 'guess', '-t', 'plant/x', '-m', '1'])).toThrow();
    expect(() => tool('mosquitto_pub', ['-p', p, '-i', 'nobody', '-t', 'plant/x', '-m', '1'])).toThrow();
    tool('mosquitto_pub', ['-p', p, '-i', 'bob-forged', '-u', 'bob', '-P', 'hunter2', '-q', '1', '-t', 'plant/hall/temp', '-m', 'forged']);
    await sleep(200);
    tool('mosquitto_pub', ['-p', p, '-i', 'bob-pub', '-u', 'bob', '-P', 'hunter2', '-q', '1', '-t', 'plant/bob/temp', '-m', '21.5']);
    expect(await watcher.exited).toBe(0);
    expect(watcher.output()).toContain('plant/bob/temp 21.5');
    await stop(broker);

    const cli = startProcess(process.execPath, ['--import', 'tsx', 'src/node/recording-cli.ts', file, '--scenario', join(dir, `${name}.mqtts`)]);
    expect(await cli.exited, cli.output()).toBe(0);
    const scenario = readFileSync(join(dir, `${name}.mqtts`), 'utf8');
    const replay = runScenario(scenario);
    expect(replay.diagnostics.filter((d) => d.severity === 'error'), scenario).toEqual([]);
    return { scenario, recorded: perClient(readTrace(readFileSync(file, 'utf8')).entries), replayed: perClient(replay.trace), replay };
  }

  test('passwords masked: the users get a placeholder, and every CONNACK code and delivery is the recorded one', async () => {
    const { scenario, recorded, replayed, replay } = await recordAndReplay('masked-config', []);
    expect(scenario).toMatch(/^broker anonymous=off max-inflight=7$/m); // only what the configuration changed
    expect(scenario).toMatch(/^user alice password-not-recorded +# not in the recording/m);
    expect(scenario).toMatch(/^user bob password-not-recorded/m);
    expect(scenario).toContain('acl user alice\nacl topic read plant/#\nacl user bob\nacl topic read plant/#\nacl topic write plant/bob/#\n');
    expect(scenario).not.toMatch(/secret|hunter2/);
    // The refusals and the denial happened on the wire, and happen again in the replay.
    expect(recorded['alice-wrong']!.received).toEqual(['CONNACK rc=5']);
    expect(recorded.nobody!.received).toEqual(['CONNACK rc=5']);
    expect(recorded['alice-sub']!.received).toContain('PUBLISH plant/bob/temp q1 "21.5"');
    expect(recorded['alice-sub']!.received.join()).not.toContain('forged');
    expect(replayed).toEqual(recorded);
    expect(replay.trace.some((e) => e.explain?.key === 'acl.publish-denied')).toBe(true);
  }, 120_000);

  test('--show-secrets: the users get the passwords the recording shows', async () => {
    const { scenario, recorded, replayed } = await recordAndReplay('shown-config', ['--show-secrets']);
    expect(scenario).toMatch(/^user alice secret$/m);
    expect(scenario).toMatch(/^user bob hunter2$/m);
    expect(replayed).toEqual(recorded);
  }, 120_000);
});

describe('npm run recording -- FILE', () => {
  test('a bad line: exit code 2 and FILE:LINE with what is wrong', async () => {
    const file = join(dir, 'bad.jsonl');
    writeFileSync(file, '{"format":"mqtt-lab-trace/1","source":"broker"}\n{"e":{"seq":0,"step":0,"atMs":1,"kind":"deliver","from":"a","v":4,"hex":"3"}}\n');
    const cli = startProcess(process.execPath, ['--import', 'tsx', 'src/node/recording-cli.ts', file, '--scenario', '-']);
    expect(await cli.exited).toBe(2);
    expect(cli.output()).toContain(`${file}:2: entry: hex is not pairs of hex digits`);
  }, 60_000);
});
