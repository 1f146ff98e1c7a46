import { describe, expect, it } from 'vitest';
import { compileScenario, parseScenario } from '../../src/scenario/index.ts';
import { traceToScenario } from '../../src/scenario/from-trace.ts';
import { commandStatement, insertTimedLine } from '../../src/scenario/unparse.ts';

const HEAD = 'broker version=5\nclient sensor\nclient dash\n';

function compile(text: string) {
  const { scenario, diagnostics } = parseScenario(text);
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return { scenario, compiled: compileScenario(scenario) };
}

const plain = (x: unknown) => JSON.stringify(x, (_k, v) => (v instanceof Uint8Array ? Array.from(v) : v));

describe('commands back to scenario lines', () => {
  const lines = [
    'at 0s sensor connect -i sensor-17 -k 10 -c -x 300 -u alice -P "s3cret pw" --will-topic plant/s17/status --will-payload offline --will-qos 1 --will-retain',
    'at 1s dash connect -V mqttv311 -k 60',
    'at 2s dash subscribe -t plant/+/status -t "plant/#" -q 2 --no-local --retain-as-published --retain-handling 2',
    'at 3s sensor publish -t plant/s17/temp -m "21.5 °C" -q 1 -r -D publish message-expiry-interval 30 -D publish user-property unit celsius',
    'at 4s sensor publish -t plant/s17/temp -n -r',
    'at 5s dash unsubscribe -t plant/+/status',
    'at 6s drop next 2 PUBACK to sensor',
    'at 6s duplicate next PUBLISH from dash',
    'at 6s delay next PUBCOMP on sensor by 1500ms',
    'at 7s sensor cable-cut',
    'at 8s sensor cable-restore',
    'at 9s dash crash',
    'at 10s broker restart persistence=on',
    'at 11s sensor disconnect',
  ];

  it('turns every command into a line that compiles back to the same command', () => {
    const original = compile(HEAD + lines.join('\n')).compiled.commands;
    expect(original).toHaveLength(lines.length);
    const rewritten = original.map(({ atMs, command }) => `at ${atMs / 1000}s ${commandStatement(command)}`);
    const again = compile(HEAD + rewritten.join('\n')).compiled.commands;
    expect(plain(again)).toBe(plain(original));
  });

  it('inserts a hand-made action in time order and keeps relative times where they were', () => {
    const text = HEAD + 'at 1s dash subscribe -t t\nafter 2s sensor publish -t t -m a\nat 5s end\n';
    const { scenario, compiled } = compile(text);
    const statement = commandStatement({ type: 'cable.cut', client: 'sensor' })!;
    const next = insertTimedLine(text, scenario, 2000, statement);
    expect(next.split('\n').slice(3, 7)).toEqual(['at 1s dash subscribe -t t', 'at 2s     sensor cable-cut   # added by hand', 'at 3s sensor publish -t t -m a', 'at 5s end']);
    const after = compile(next).compiled.commands.map((c) => [c.atMs, c.command.type]);
    expect(after).toEqual([[1000, 'client.event'], [2000, 'cable.cut'], [3000, 'client.event']]);
    expect(compiled.commands).toHaveLength(2);
  });
});

describe('strings with control and format characters, back to scenario lines', () => {
  it('writes an ESC, a bidi override or a NUL as an escape that reads back the same, and a recording title too', () => {
    const id = 'dev\u202eice';
    const topic = 't/\x1b[2J/\u2028';
    const statement = commandStatement({ type: 'client.event', client: 'sensor', event: { type: 'APP.CONNECT', options: { clientId: id, protocolVersion: 5, will: { topic, payload: new TextEncoder().encode('\x07\x00'), qos: 0, retain: false } } } })!;
    // eslint-disable-next-line no-control-regex -- exactly the characters that must not stand raw in a line
    expect(statement).not.toMatch(/[\x00-\x1f\u202e\u2028]/);
    expect(statement).toBe('sensor connect -i "dev\\u{202e}ice" -V mqttv5 --will-topic "t/\\x1b[2J/\\u{2028}" --will-payload-hex "07 00"');
    const title = traceToScenario([], { title: 'class \x1b]0;owned\x07' }).split('\n')[0];
    expect(title).toBe('# class \\x1b]0;owned\\x07');
    const back = compile(`${HEAD}at 0s ${statement}`).scenario.steps[0]!.action as { options: { clientId: string; will: { topic: string } } };
    expect(back.options.clientId).toBe(id);
    expect(back.options.will.topic).toBe(topic);
  });
});
