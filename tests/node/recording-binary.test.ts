/**
 * A binary payload through the whole chain: real mosquitto_pub sends a file of bytes that is no
 * text to `npm run broker -- --record`, a real mosquitto_sub receives it, `npm run recording --
 * FILE --scenario OUT` writes the scenario, and its replay in the simulator hands the subscriber
 * the same bytes (the scenario says them in hex; before, they came back as U+FFFD).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, test } from 'vitest';
import type { Packet } from '../../src/core/codec/types.ts';
import { runScenario } from '../../src/scenario/index.ts';
import type { TraceEntry } from '../../src/sim/trace.ts';
import { readTrace } from '../../src/sim/trace-json.ts';
import { killAll, sleep, startBroker, startProcess } from './broker-process.ts';

const dir = mkdtempSync(join(tmpdir(), 'mqttlab-record-bin-'));
afterEach(killAll);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Every PUBLISH the broker sent to `client`, its payload as bytes. */
function payloadsTo(entries: readonly TraceEntry[], client: string): number[][] {
  return entries.filter((e) => e.kind === 'send' && e.from === 'broker' && e.to === client && e.packet?.type === 'publish').map((e) => [...(e.packet as Extract<Packet, { type: 'publish' }>).payload]);
}

describe('a recorded binary payload becomes a scenario that replays the same bytes', () => {
  test('mosquitto_pub -f with bytes that are no UTF-8, a zero byte and a BOM-like start', async () => {
    // A little-endian float reading behind a header with zero bytes and an invalid UTF-8 byte.
    const payload = Uint8Array.from([0xef, 0xbb, 0xbf, 0x00, 0x01, 0xff, 0x9a, 0x99, 0xab, 0x41, 0x0a, 0x22, 0x23]);
    const payloadFile = join(dir, 'reading.bin');
    writeFileSync(payloadFile, payload);
    const file = join(dir, 'binary.jsonl');
    const broker = startBroker(['--port', '0', '--record', file]);
    const port = (await broker.waitFor(/listening on 127\.0\.0\.1:(\d+)/))[1]!;
    const watcher = startProcess('mosquitto_sub', ['-p', port, '-i', 'watcher', '-t', 'lab/raw', '-q', '1', '-C', '1', '-N']);
    await sleep(400);
    execFileSync('mosquitto_pub', ['-p', port, '-i', 'meter', '-t', 'lab/raw', '-f', payloadFile, '-q', '1'], { timeout: 20_000, stdio: 'pipe' });
    expect(await watcher.exited).toBe(0);
    broker.kill('SIGINT');
    expect(await broker.exited).toBe(0);

    const recorded = readTrace(readFileSync(file, 'utf8')).entries;
    expect(payloadsTo(recorded, 'watcher')).toEqual([[...payload]]);

    const out = join(dir, 'binary.mqtts');
    const cli = startProcess(process.execPath, ['--import', 'tsx', 'src/node/recording-cli.ts', file, '--scenario', out]);
    expect(await cli.exited, cli.output()).toBe(0);
    const scenario = readFileSync(out, 'utf8');
    expect(scenario).toMatch(/^at \S+ +meter publish -t lab\/raw --payload-hex "ef bb bf 00 01 ff 9a 99 ab 41 0a 22 23" -q 1$/m);
    expect(scenario).not.toContain('\ufffd');

    const replay = runScenario(scenario);
    expect(replay.diagnostics.filter((d) => d.severity === 'error'), scenario).toEqual([]);
    expect(payloadsTo(replay.trace, 'watcher')).toEqual([[...payload]]);
  }, 120_000);
});
