/**
 * `publish --payload-hex "..."`: a payload that is no text (binary sensor data) given as bytes.
 * Bad hex is reported with its position in English and German; a trace with a binary PUBLISH
 * turned back into a scenario writes hex, and the replay sends the very same bytes.
 */
import { describe, expect, it } from 'vitest';
import type { Packet } from '../../src/core/codec/types.ts';
import { traceToScenario } from '../../src/scenario/from-trace.ts';
import { parseScenario, runScenario } from '../../src/scenario/index.ts';
import { commandStatement } from '../../src/scenario/unparse.ts';
import { completionsAt } from '../../src/ui/editor/completion.ts';
import { diags, PRELUDE } from './helpers.ts';

/** The payload of the last line of `PRELUDE + line` (no errors allowed). */
function payloadOf(line: string): number[] {
  const { scenario, diagnostics } = parseScenario(`${PRELUDE}${line}`);
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const a = scenario.steps[scenario.steps.length - 1]!.action;
  if (a.kind !== 'publish') throw new Error(`not a publish: ${a.kind}`);
  return [...a.payload];
}

/** What `dash` received on `t`, byte for byte, in a run of `text`. */
function received(text: string): number[][] {
  const run = runScenario(text);
  return run.trace
    .filter((e) => e.kind === 'deliver' && e.to === 'dash' && e.packet?.type === 'publish')
    .map((e) => [...(e.packet as Extract<Packet, { type: 'publish' }>).payload]);
}

describe('publish --payload-hex', () => {
  it('gives the payload as bytes: pairs of hex digits, spaces, commas, colons and 0x allowed', () => {
    expect(payloadOf('at 0s sensor publish -t a --payload-hex "00 ff 1a"')).toEqual([0x00, 0xff, 0x1a]);
    expect(payloadOf('at 0s sensor publish -t a --payload-hex 00FF1a')).toEqual([0x00, 0xff, 0x1a]);
    expect(payloadOf('at 0s sensor publish -t a --payload-hex "0x00, 0xff:1a"')).toEqual([0x00, 0xff, 0x1a]);
    expect(payloadOf('at 0s sensor publish -t a --payload-hex ""')).toEqual([]);
  });

  const MISUSE: [string, string][] = [
    // A character that is no hex digit: its own column.
    ['at 0s sensor publish -t a --payload-hex "00 fg"', 'error send.hex-bad 3:46-47'],
    ['at 0s sensor publish -t a --payload-hex 0z', 'error send.hex-bad 3:42-43'],
    // An odd number of digits: the whole value.
    ['at 0s sensor publish -t a --payload-hex "00 f"', 'error send.hex-odd 3:41-47'],
    // One payload at a time.
    ['at 0s sensor publish -t a -m x --payload-hex 00', 'error option.conflict 3:32-45'],
    ['at 0s sensor publish -t a --payload-hex 00 -n', 'error option.conflict 3:44-46'],
    ['at 0s sensor publish -t a --payload-hex', 'error option.missing-value 3:27-40'],
    ['at 0s sensor subscribe -t a --payload-hex 00', 'error option.wrong-verb 3:29-42'],
  ];
  it.each(MISUSE)('%s', (line, want) => {
    const { diagnostics } = parseScenario(`${PRELUDE}${line}`);
    expect(diags(`${PRELUDE}${line}`)).toContain(want);
    // Both languages, always.
    for (const d of diagnostics) expect(d.messageDe).not.toBe(d.message);
  });

  it('says in both languages what is wrong with the hex', () => {
    const bad = parseScenario(`${PRELUDE}at 0s sensor publish -t a --payload-hex "00 fg"`).diagnostics[0]!;
    expect(bad.message).toContain('`g` is not a hex digit');
    expect(bad.messageDe).toContain('`g` ist keine Hex-Ziffer');
    const odd = parseScenario(`${PRELUDE}at 0s sensor publish -t a --payload-hex "00 f"`).diagnostics[0]!;
    expect(odd.message).toContain('3 hex digits');
    expect(odd.messageDe).toContain('3 Hex-Ziffern');
  });

  it('the editor offers the option on publish, with its meaning in both languages, and an example value', () => {
    const at = (line: string, lang: 'en' | 'de' = 'en') => completionsAt(`${PRELUDE}${line}`, 3, line.length + 1, lang).items;
    const option = at('at 0s sensor publish -t a --pay').find((i) => i.label === '--payload-hex');
    expect(option?.documentation).toContain('The payload as bytes in hex');
    expect(at('at 0s sensor publish -t a --pay', 'de').find((i) => i.label === '--payload-hex')?.documentation).toContain('Die Nutzdaten als Bytes in Hex');
    expect(at('at 0s sensor subscribe -t a ').map((i) => i.label)).not.toContain('--payload-hex');
    expect(at('at 0s sensor publish -t a --payload-hex ').map((i) => i.label)).toEqual(['"00 ff"']);
  });

  it('a run delivers exactly these bytes to a subscriber', () => {
    const text = `${PRELUDE}at 0s sensor connect\nat 0s dash connect\nat 100ms dash subscribe -t a -q 1\nat 1s sensor publish -t a --payload-hex "00 ff fe 80 c3 28" -q 1\n`;
    expect(received(text)).toEqual([[0x00, 0xff, 0xfe, 0x80, 0xc3, 0x28]]);
  });
});

describe('connect --will-payload-hex', () => {
  const will = (line: string) => {
    const { scenario, diagnostics } = parseScenario(`${PRELUDE}${line}`);
    const a = scenario.steps[0]?.action;
    return { payload: a?.kind === 'connect' ? [...(a.options.will?.payload ?? [])] : undefined, diagnostics: diagnostics.map((d) => `${d.code} ${d.column}-${d.endColumn}`) };
  };

  it('gives the will payload as bytes; errors at their column; one of the two payload options; needs a will topic', () => {
    expect(will('at 0s sensor connect --will-topic s --will-payload-hex "00 ff"')).toEqual({ payload: [0x00, 0xff], diagnostics: [] });
    expect(will('at 0s sensor connect --will-topic s --will-payload-hex "00 fx"').diagnostics).toEqual(['send.hex-bad 61-62']);
    expect(will('at 0s sensor connect --will-topic s --will-payload off --will-payload-hex 00').diagnostics).toEqual(['option.conflict 56-74']);
    expect(will('at 0s sensor connect --will-payload-hex 00').diagnostics).toEqual(['option.requires 22-40']);
  });

  it('a binary will in a trace becomes --will-payload-hex and reads back the same bytes', () => {
    const bytes = Uint8Array.from([0xde, 0xad, 0x00, 0xff]);
    const line = commandStatement({ type: 'client.event', client: 'sensor', event: { type: 'APP.CONNECT', options: { clientId: 's', protocolVersion: 4, will: { topic: 'st', payload: bytes, qos: 1, retain: true } } } })!;
    expect(line).toBe('sensor connect -i s -V mqttv311 --will-topic st --will-payload-hex "de ad 00 ff" --will-qos 1 --will-retain');
    expect(will(`at 0s ${line}`)).toEqual({ payload: [...bytes], diagnostics: [] });
  });
});

describe('a password that is bytes: connect --password-hex and user NAME --password-hex', () => {
  const connect = (line: string) => {
    const { scenario, diagnostics } = parseScenario(`${PRELUDE}${line}`);
    const a = scenario.steps[0]?.action;
    return { password: a?.kind === 'connect' && a.options.password ? [...a.options.password] : undefined, diagnostics: diagnostics.map((d) => `${d.code} ${d.column}-${d.endColumn}`) };
  };

  it('gives the password as bytes; errors at their column; one of -P and --password-hex; 3.1.1 needs -u', () => {
    expect(connect('at 0s sensor connect -u bob --password-hex "ff fe"')).toEqual({ password: [0xff, 0xfe], diagnostics: [] });
    expect(connect('at 0s sensor connect -u bob --password-hex "ff zz"').diagnostics).toEqual(['send.hex-bad 48-49']);
    expect(connect('at 0s sensor connect -u bob -P pw --password-hex ff').diagnostics).toEqual(['option.conflict 35-49']);
    expect(connect('at 0s sensor connect --password-hex ff').diagnostics).toEqual(['option.password-needs-username 22-36']);
  });

  it('a user line with bytes: the simulated broker compares bytes, so other bytes that are no UTF-8 either are refused', () => {
    const connack = (password: string) => {
      const run = runScenario(`broker anonymous=off\nuser bob --password-hex "ff fe 01"\nclient s\nat 0s s connect -u bob --password-hex "${password}"\n`);
      expect(run.diagnostics).toEqual([]);
      const p = run.trace.find((e) => e.kind === 'send' && e.packet?.type === 'connack')?.packet as Extract<Packet, { type: 'connack' }> | undefined;
      return p?.reasonCode;
    };
    expect(connack('ff fe 01')).toBe(0);
    expect(connack('ff fd 01')).toBe(5); // both decode to U+FFFD U+FFFD U+0001: compared as text they were equal
    const bad = parseScenario('user bob --password-hex "f"\nuser eve --password-hex\n').diagnostics.map((d) => `${d.line}:${d.code}`);
    expect(bad).toEqual(['1:send.hex-odd', '2:line.missing']);
  });

  it('a password that is bytes in a trace becomes --password-hex and reads back the same bytes', () => {
    const bytes = Uint8Array.from([0xff, 0x00, 0x41]);
    const line = commandStatement({ type: 'client.event', client: 'sensor', event: { type: 'APP.CONNECT', options: { clientId: 's', protocolVersion: 4, username: 'u', password: bytes } } })!;
    expect(line).toBe('sensor connect -i s -V mqttv311 -u u --password-hex "ff 00 41"');
    expect(connect(`at 0s ${line}`)).toEqual({ password: [...bytes], diagnostics: [] });
    const text = commandStatement({ type: 'client.event', client: 'sensor', event: { type: 'APP.CONNECT', options: { clientId: 's', protocolVersion: 4, username: 'u', password: new TextEncoder().encode('geheim') } } })!;
    expect(text).toBe('sensor connect -i s -V mqttv311 -u u -P geheim');
  });
});

describe('a binary payload back into scenario text', () => {
  const publish = (payload: Uint8Array) => commandStatement({ type: 'client.event', client: 'sensor', event: { type: 'APP.PUBLISH', topic: 'a', payload, qos: 0, retain: false } });

  it('writes hex for bytes that are no valid UTF-8 or hold control characters, text otherwise', () => {
    expect(publish(Uint8Array.from([0xff, 0xfe, 0x00]))).toBe('sensor publish -t a --payload-hex "ff fe 00"');
    expect(publish(Uint8Array.from([0x00, 0x01, 0x02]))).toBe('sensor publish -t a --payload-hex "00 01 02"');
    expect(publish(new TextEncoder().encode('21.5 °C'))).toBe('sensor publish -t a -m "21.5 °C"');
    expect(publish(new TextEncoder().encode('line 1\nline 2'))).toBe('sensor publish -t a -m "line 1\\nline 2"');
    expect(publish(new Uint8Array())).toBe('sensor publish -t a -n');
  });

  it('keeps a leading byte order mark of a text payload', () => {
    const bom = Uint8Array.from([0xef, 0xbb, 0xbf, 0x68, 0x69]);
    const line = publish(bom)!;
    expect(payloadOf(`at 0s ${line}`)).toEqual([...bom]);
  });

  it('a simulated run with a binary payload, as a scenario, replays the same bytes', () => {
    // A CBOR reading and a truncated UTF-8 sequence: neither is text.
    const cbor = 'a2 64 74 65 6d 70 fb 40 35 80 00 00 00 00 00 64 75 6e 69 74 61 43';
    const original = `${PRELUDE}at 0s dash connect -i dash\nat 0s sensor connect -i sensor\nat 100ms dash subscribe -t plant/# -q 1\nat 1s sensor publish -t plant/raw --payload-hex "${cbor}" -q 1\nat 2s sensor publish -t plant/raw --payload-hex "e2 82" -r\n`;
    const first = runScenario(original);
    const text = traceToScenario(first.trace);
    expect(text).toContain(`--payload-hex "${cbor}"`);
    expect(text).not.toContain('\ufffd');
    expect(parseScenario(text).diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const bytes = (t: string) => t.trim().split(/\s+/).map((x) => parseInt(x, 16));
    expect(received(text)).toEqual(received(original));
    expect(received(original)).toEqual([bytes(cbor), bytes('e2 82')]);
  });
});
