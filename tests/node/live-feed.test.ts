/**
 * `npm run broker -- --live` (issue #17 part 2): the app's files over HTTP, and the trace as a
 * WebSocket feed (`/live-feed`): the header, the ring's last N entries, then every new entry as
 * it happens; with `--live-host` the feed asks for the token printed at start. Real processes:
 * the broker CLI, mosquitto_pub, a `ws` client.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, test } from 'vitest';
import type { TraceLine } from '../../src/sim/trace-json.ts';
import { killAll, openFeed, sleep, startBroker } from './broker-process.ts';

const root = mkdtempSync(join(tmpdir(), 'mqttlab-live-'));
writeFileSync(join(root, 'index.html'), '<!doctype html><title>MQTT Lab</title>');
afterEach(killAll);
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function liveBroker(extra: string[] = []) {
  const broker = startBroker(['--port', '0', '--live', '--live-port', '0', '--live-root', root, ...extra]);
  const port = Number((await broker.waitFor(/listening on 127\.0\.0\.1:(\d+)/))[1]);
  const m = await broker.waitFor(/live view on (http:\/\/[^ ]+)/);
  return { broker, port, url: new URL(m[1]!) };
}

const publishes = (lines: TraceLine[]) => lines.flatMap((l) => ('entry' in l && l.entry.packet?.type === 'publish' && l.entry.kind === 'deliver' ? [l.entry] : []));

describe('npm run broker -- --live', () => {
  test('serves the app, and a feed with the header, the backlog and then each new entry with its bytes', async () => {
    const { broker, port, url } = await liveBroker(['--ring', '50']);
    expect(url.hostname).toBe('127.0.0.1');
    expect(url.hash).toBe('#live');
    expect(broker.output()).toContain('last 50 entries kept');
    const page = await fetch(new URL('/', url));
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('MQTT Lab');
    expect((await fetch(new URL('/../../etc/passwd', url))).status).toBe(404);

    execFileSync('mosquitto_pub', ['-p', String(port), '-i', 'early', '-t', 'hall/a', '-m', 'before'], { timeout: 20_000 });
    const feed = openFeed(`ws://127.0.0.1:${url.port}/live-feed`);
    // The backlog: the header first, then the early client's connection and packets.
    await feed.waitFor((l) => publishes(l).length === 1);
    expect('header' in feed.lines[0]! && feed.lines[0].header.source).toBe('broker');
    expect(feed.lines.some((l) => 'conn' in l && l.conn.transport === 'tcp' && l.conn.local === `127.0.0.1:${port}`)).toBe(true);
    // A new entry as it happens, with its real bytes.
    execFileSync('mosquitto_pub', ['-p', String(port), '-i', 'late', '-t', 'hall/b', '-m', 'after', '-q', '1'], { timeout: 20_000 });
    await feed.waitFor((l) => publishes(l).length === 2);
    const pub = publishes(feed.lines)[1]!;
    expect(pub.from).toBe('late');
    expect(pub.summary).toContain('hall/b');
    expect(pub.bytes?.[0]).toBe(0x32); // PUBLISH, QoS 1
    feed.ws.close();
    broker.kill('SIGINT');
    expect(await broker.exited).toBe(0);
  }, 60_000);

  test('the ring is bounded: a late reader gets only the last N entries', async () => {
    const { broker, port, url } = await liveBroker(['--ring', '5']);
    for (let i = 0; i < 3; i++) execFileSync('mosquitto_pub', ['-p', String(port), '-t', 't', '-m', String(i)], { timeout: 20_000 });
    await sleep(300);
    const feed = openFeed(`ws://127.0.0.1:${url.port}/live-feed`);
    await feed.waitFor((l) => l.length >= 6);
    await sleep(300);
    expect(feed.lines.filter((l) => 'entry' in l)).toHaveLength(5);
    feed.ws.close();
    broker.kill('SIGINT');
    await broker.exited;
  }, 60_000);

  test('--live-host: a token printed at start; a feed without it is refused with a clear reason', async () => {
    const { broker, url } = await liveBroker(['--live-host', '127.0.0.1']);
    const token = url.searchParams.get('token');
    expect(token).toMatch(/^[\w-]{12,}$/);
    expect(broker.output()).toContain(`live view token: ${token}`);
    const refused = openFeed(`ws://127.0.0.1:${url.port}/live-feed?token=wrong`);
    expect(await refused.closed).toEqual({ code: 4401, reason: expect.stringContaining('token required') });
    const ok = openFeed(`ws://127.0.0.1:${url.port}/live-feed?token=${token}`);
    await ok.waitFor((l) => l.length >= 1);
    ok.ws.close();
    broker.kill('SIGINT');
    await broker.exited;
  }, 60_000);

  test('no built app: exit code 2 and the command to run', async () => {
    const broker = startBroker(['--port', '0', '--live', '--live-root', join(root, 'nothing-here')]);
    expect(await broker.exited).toBe(2);
    expect(broker.output()).toContain('run `npm run build` first');
  }, 60_000);
});
