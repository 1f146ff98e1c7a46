/**
 * The live view's broker replica decides with the serving broker's configuration (issue #17):
 * `npm run broker -- --live --config X` with a password_file, an acl_file and
 * `allow_anonymous false`; real mosquitto_pub/sub clients; the feed read as the app reads it
 * (src/sim/live-world.ts). A login refused for a wrong password and a publish the ACL denies show
 * the same outcome in the live world's broker view as on the wire.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, test } from 'vitest';
import { brokerView } from '../../src/core/broker/view.ts';
import { LiveWorld, liveWorldOf } from '../../src/sim/live-world.ts';
import { readTraceBrokerConfig } from '../../src/sim/trace-broker-config.ts';
import { readTrace, readTraceLine } from '../../src/sim/trace-json.ts';
import { BROKER } from '../../src/sim/world-types.ts';
import { killAll, openFeed, sleep, startBroker } from './broker-process.ts';

const dir = mkdtempSync(join(tmpdir(), 'mqttlab-live-config-'));
writeFileSync(join(dir, 'index.html'), '<!doctype html><title>MQTT Lab</title>');
afterEach(killAll);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function mosquitto(command: 'mosquitto_pub' | 'mosquitto_sub', args: string[]): { code: number | null; out: string } {
  const r = spawnSync(command, args, { encoding: 'utf8', timeout: 20_000 });
  return { code: r.status, out: `${r.stdout}${r.stderr}`.trim() };
}

describe('the live view with the broker\'s --config', () => {
  test('a refused login and an ACL-denied publish: the same outcome in the live broker view as on the wire', async () => {
    writeFileSync(join(dir, 'passwd'), 'alice:secret\nbob:hunter2\n');
    // bob reads the plant but writes only under plant/bob; alice reads it all.
    writeFileSync(join(dir, 'acl'), 'user alice\ntopic read plant/#\n\nuser bob\ntopic read plant/#\ntopic write plant/bob/#\n');
    writeFileSync(join(dir, 'broker.conf'), `listener 0\nallow_anonymous false\npassword_file ${join(dir, 'passwd')}\nacl_file ${join(dir, 'acl')}\nmax_inflight_messages 7\n`);
    const broker = startBroker(['--config', join(dir, 'broker.conf'), '--port', '0', '--live', '--live-port', '0', '--live-root', dir]);
    const port = String((await broker.waitFor(/listening on 127\.0\.0\.1:(\d+)/))[1]);
    const url = new URL((await broker.waitFor(/live view on (http:\/\/\S+)/))[1]!);
    const feed = openFeed(`ws://127.0.0.1:${url.port}/live-feed`);
    await feed.waitFor((l) => l.length >= 1);

    // On the wire: a wrong password is refused; an anonymous client too.
    const wrong = mosquitto('mosquitto_pub', ['-p', port, '-i', 'alice-wrong', '-u', 'alice', '-P', 'guess', '-t', 'plant/x', '-m', '1']);
    expect(wrong.code).not.toBe(0);
    expect(wrong.out).toMatch(/not authori[sz]ed/i);
    const anonymous = mosquitto('mosquitto_pub', ['-p', port, '-i', 'nobody', '-t', 'plant/x', '-m', '1']);
    expect(anonymous.out).toMatch(/not authori[sz]ed/i);
    // bob's retained message on a topic the ACL keeps from him is acknowledged (3.1.1 cannot say
    // no) but not kept; the one under plant/bob is.
    for (const [topic, payload] of [['plant/hall/temp', 'forged'], ['plant/bob/temp', '21.5']]) {
      expect(mosquitto('mosquitto_pub', ['-p', port, '-i', 'bob-pub', '-u', 'bob', '-P', 'hunter2', '-q', '1', '-r', '-t', topic!, '-m', payload!]).code).toBe(0);
    }
    const retainedOnWire = mosquitto('mosquitto_sub', ['-p', port, '-i', 'alice-sub', '-u', 'alice', '-P', 'secret', '-t', 'plant/#', '-v', '--retained-only', '-W', '2']);
    expect(retainedOnWire.out.split('\n').filter((l) => l.startsWith('plant/'))).toEqual(['plant/bob/temp 21.5']);

    // The live view: the feed as the app reads it.
    await feed.waitFor((l) => l.filter((x) => 'entry' in x && x.entry.packet?.type === 'disconnect' && x.entry.kind === 'deliver').length >= 3);
    await sleep(300);
    const header = feed.lines[0]!;
    expect('header' in header && header.header.broker).toMatchObject({ allowAnonymous: false, users: ['alice', 'bob'], maxInflightMessages: 7 });
    expect(JSON.stringify(header)).not.toContain('hunter2');
    const live = new LiveWorld();
    for (const line of feed.lines) live.add(line);

    const seen = { refused: [] as string[], sessions: new Set<string>(), connected: new Set<string>() };
    for (let i = 0; i <= live.steps; i++) {
      live.timeline.seek(i);
      const world = live.timeline.world;
      const view = brokerView(world.actors.get(BROKER) as never);
      for (const s of view.sessions) {
        seen.sessions.add(s.clientId);
        if (s.connected) seen.connected.add(s.clientId);
      }
      for (const [name, actor] of world.actors) if (actor.value === 'refused' && !seen.refused.includes(name)) seen.refused.push(name);
    }
    // The refused clients are refused on the stage and never have a session in the broker view;
    // the right password (alice, bob) gets one.
    expect(seen.refused.map((n) => n.replace(/ \(.*\)$/, '')).sort()).toEqual(['alice-wrong', 'nobody']);
    expect([...seen.connected].sort()).toEqual(['alice-sub', 'bob-pub']);
    expect(seen.sessions.has('alice-wrong') || seen.sessions.has('nobody')).toBe(false);
    // The broker view holds the retained message the real broker kept, not the denied one.
    const end = brokerView(live.timeline.world.actors.get(BROKER) as never);
    expect(end.retained.map((m) => `${m.topic} ${m.payload}`)).toEqual(['plant/bob/temp 21.5']);
    // The rules in the live trace: the real broker's decisions.
    const keys = live.trace.flatMap((e) => (e.explain ? [e.explain.key] : []));
    expect(keys).toEqual(expect.arrayContaining(['connect.bad-credentials', 'connect.anonymous-denied', 'acl.publish-denied']));
    // The replica runs with the limits of the file.
    expect((live.timeline.world.actors.get(BROKER)!.context as { config: { maxInflightMessages: number } }).config.maxInflightMessages).toBe(7);

    feed.ws.close();
    broker.kill('SIGINT');
    expect(await broker.exited).toBe(0);
  }, 90_000);

  test('a recording (--record) carries the configuration: opened later, its broker view refuses alike', async () => {
    const recording = join(dir, 'rec.jsonl');
    writeFileSync(join(dir, 'passwd2'), 'carol:right\n');
    writeFileSync(join(dir, 'rec.conf'), `listener 0\nallow_anonymous false\npassword_file ${join(dir, 'passwd2')}\n`);
    const broker = startBroker(['--config', join(dir, 'rec.conf'), '--port', '0', '--record', recording]);
    const port = String((await broker.waitFor(/listening on 127\.0\.0\.1:(\d+)/))[1]);
    expect(mosquitto('mosquitto_pub', ['-p', port, '-i', 'carol-wrong', '-u', 'carol', '-P', 'wrong', '-t', 't', '-m', '1']).out).toMatch(/not authori[sz]ed/i);
    expect(mosquitto('mosquitto_pub', ['-p', port, '-i', 'carol-right', '-u', 'carol', '-P', 'right', '-t', 't', '-m', '1']).code).toBe(0);
    broker.kill('SIGINT');
    expect(await broker.exited).toBe(0);
    const read = readTrace(readFileSync(recording, 'utf8'));
    expect(read.errors).toEqual([]);
    expect(read.header?.broker?.users).toEqual(['carol']);
    const live = liveWorldOf(read.header, read.conns, read.entries);
    const connectedAt: string[] = [];
    for (let i = 0; i <= live.steps; i++) {
      live.timeline.seek(i);
      for (const s of brokerView(live.timeline.world.actors.get(BROKER) as never).sessions) if (s.connected && !connectedAt.includes(s.clientId)) connectedAt.push(s.clientId);
    }
    expect(connectedAt).toEqual(['carol-right']);
  }, 60_000);

  test('a header whose configuration is malformed is refused with what is wrong', () => {
    expect(readTraceBrokerConfig({ acl: 42 })).toEqual({ ok: false, message: 'header: broker.acl must be text of at most 1048576 characters' });
    expect(readTraceBrokerConfig({ users: ['a', 3] })).toEqual({ ok: false, message: 'header: broker.users must be a list of user names' });
    expect(readTraceLine('{"format":"mqtt-lab-trace/1","source":"broker","broker":{"maxInflightMessages":-1}}')).toEqual({
      ok: false,
      message: 'header: broker.maxInflightMessages must be a whole number ≥ 0',
    });
    expect(readTraceLine('{"conn":{"id":"c1","remote":"a:1","local":"b:2","transport":"wss","identity":{"commonName":7}}}')).toEqual({
      ok: false,
      message: 'conn: identity must be {"commonName": text} or {}',
    });
  });
});
