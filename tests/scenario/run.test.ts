/**
 * End to end: scenarios run on the real broker and client machines; the example gallery passes
 * and its traces match the committed golden files (`UPDATE_GOLDEN=1` rewrites them).
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { brokerPureStep } from '../../src/core/broker/broker.machine.ts';
import { clientPureStep } from '../../src/core/client/index.ts';
import { defaultActors, resultLines, runScenario, traceLines } from '../../src/scenario/index.ts';

const EXAMPLES = join(import.meta.dirname, '../../src/scenario/examples');
const GOLDEN = join(import.meta.dirname, 'examples');
const examples = readdirSync(EXAMPLES).filter((f) => f.endsWith('.mqtts')).sort();

/** Examples that cannot pass yet, with the reason (see the report). */
const KNOWN_FAILING: Record<string, string> = {};

const SKETCH = `# Last Will: the sensor's cable is pulled
broker version=5 persistence=on
client sensor
client dashboard

at 0s    sensor connect -i sensor-17 -k 10 --will-topic plant/s17/status --will-payload offline --will-qos 1 --will-retain
at 0s    dashboard connect -V mqttv311
at 100ms dashboard subscribe -t 'plant/+/status' -q 1
at 1s    sensor publish -t plant/s17/status -m online -q 1 -r
at 5s    sensor cable-cut                      # the network dies without a DISCONNECT
expect   dashboard receives plant/s17/status "offline" by 25s
expect   broker sent-will sensor
`;

describe('running scenarios', () => {
  it('passes the ARCHITECTURE.md sketch: the will arrives about 1.5 × keep-alive after the last packet', () => {
    const r = runScenario(SKETCH);
    expect(r.diagnostics).toEqual([]);
    expect(r.results.map((x) => [x.pass, x.message])).toEqual([
      [true, 'dashboard received plant/s17/status "offline" (QoS 1) at 16.040s'],
      [true, "the broker published sensor's will at 16.020s [MQTT-3.1.2-8]"],
    ]);
    const lastFromSensor = r.trace.filter((e) => e.kind === 'deliver' && e.from === 'sensor' && e.to === 'broker').at(-1)!;
    const will = r.trace.find((e) => e.kind === 'app' && e.from === 'dashboard' && e.packet?.type === 'publish' && new TextDecoder().decode(e.packet.payload) === 'offline')!;
    expect(will.atMs - lastFromSensor.atMs).toBeGreaterThanOrEqual(15_000);
    expect(will.atMs - lastFromSensor.atMs).toBeLessThan(15_100);
  });

  it('gives the same trace for the same seed', () => {
    const text = 'client a latency=30ms jitter=20ms loss=0.2\nclient b\na connect\nb connect\nat 100ms b subscribe -t t -q 1\n' + Array.from({ length: 20 }, (_, i) => `at ${1 + i}s a publish -t t -m m${i} -q 1`).join('\n');
    const run = (seed: number) => traceLines(runScenario(text, { seed }).trace, true).join('\n');
    expect(run(3)).toBe(run(3));
    expect(run(3)).not.toBe(run(4));
  });

  it('reports failures with the closest evidence', () => {
    const r = runScenario(SKETCH.replace('"offline" by 25s', '"offline" by 10s').replace('sent-will sensor', 'no-will sensor') + 'expect dashboard receives other/topic\nexpect sensor connack 0x05\nexpect session sensor exists\nexpect retained plant/s17/status "online"\nexpect no-retained plant/s17/status\n');
    expect(r.results.map((x) => [x.pass, x.message])).toEqual([
      [false, 'dashboard received no matching message on plant/s17/status by 10.000s; the closest was plant/s17/status "offline" (QoS 1) at 16.040s'],
      [false, "the broker published sensor's will at 16.020s [MQTT-3.1.2-8]"],
      [false, 'dashboard received nothing on other/topic; its last message was plant/s17/status "offline" (QoS 1) at 16.040s: dashboard has no granted subscription whose filter matches other/topic'],
      [false, 'sensor got CONNACK 0x00 at 0.080s, not 0x05'],
      [false, 'the broker holds no session for sensor-17 at the end'],
      [false, 'the retained message on plant/s17/status is "offline", not "online"'],
      [false, 'plant/s17/status has the retained message "offline"'],
    ]);
    expect(r.results[0]!.evidence.length).toBe(1);
  });

  it('writes times in German messages with a decimal comma, as the German UI does', () => {
    const r = runScenario(SKETCH.replace('"offline" by 25s', '"offline" by 10s') + 'expect sensor connack 0x05\nexpect broker sent-will sensor after 16.5s\n');
    expect(r.results.map((x) => x.messageDe)).toEqual([
      'dashboard hat bis 10,000 s keine passende Nachricht auf plant/s17/status empfangen; am nächsten kam plant/s17/status "offline" (QoS 1) um 16,040 s',
      'der Broker hat das Testament von sensor um 16,020 s veröffentlicht [MQTT-3.1.2-8]',
      'sensor hat CONNACK 0x00 um 0,080 s erhalten, nicht 0x05',
      'der Broker hat das Testament von sensor schon um 16,020 s veröffentlicht, vor 16,500 s',
    ]);
    expect(r.results[2]!.message).toBe('sensor got CONNACK 0x00 at 0.080s, not 0x05');
  });

  it('checks a time window: the will comes 1.5 × keep-alive after the last packet, not earlier', () => {
    const windowed = (after: string) => runScenario(SKETCH + `expect broker sent-will sensor after ${after} by 17s\nexpect dashboard receives plant/s17/status "offline" after ${after} by 17s\n`);
    const right = windowed('15s').results.slice(-2);
    expect(right.map((r) => r.pass)).toEqual([true, true]);
    const tooLate = windowed('16.5s').results.slice(-2);
    expect(tooLate.map((r) => r.pass)).toEqual([false, false]);
    expect(tooLate[0]!.message).toBe("the broker published sensor's will already at 16.020s, before 16.500s");
  });

  it('steps the real broker and clients through their fast paths (same trace as xstate alone: tests/sim/fast-path.test.ts)', () => {
    expect(defaultActors.broker({ sysIntervalSec: 0 }).pureStep).toBe(brokerPureStep);
    expect(defaultActors.client('sensor')).toMatchObject({ input: { name: 'sensor' }, pureStep: clientPureStep });
  });

  it('does not run a scenario with errors', () => {
    const r = runScenario('client a\na conect');
    expect(r.ran).toBe(false);
    expect(r.diagnostics[0]!.code).toBe('verb.unknown-suggest');
  });
});

describe('the example gallery', () => {
  for (const file of examples) {
    const name = basename(file, '.mqtts');
    const text = readFileSync(join(EXAMPLES, file), 'utf8');
    const run = () => runScenario(text);
    const passes = KNOWN_FAILING[file] ? it.fails : it;
    passes(`${name}: every expectation passes${KNOWN_FAILING[file] ? ` (known failing: ${KNOWN_FAILING[file]})` : ''}`, () => {
      const r = run();
      expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      expect(r.results.filter((x) => !x.pass).map((x) => `${x.expectation.text}: ${x.message}`)).toEqual([]);
    });
    it(`${name}: the trace matches the golden file`, () => {
      const r = run();
      const actual = [...traceLines(r.trace), ...resultLines(r.results, file)].join('\n') + '\n';
      const golden = join(GOLDEN, `${name}.trace.txt`);
      if (process.env.UPDATE_GOLDEN || !existsSync(golden)) writeFileSync(golden, actual);
      expect(actual).toBe(readFileSync(golden, 'utf8'));
    });
  }
});
