/**
 * Option values the protocol does not allow (#20 item 9): each one the parser can know about is
 * a diagnostic at its place (the CLI exits 2), in English and German, and nothing a scenario
 * says makes a run throw — whatever the parser lets through, the client refuses with a note.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseScenario, runScenario } from '../../src/scenario/index.ts';
import { diags, PRELUDE } from './helpers.ts';

describe('option values the protocol forbids', () => {
  it('No Local on a shared subscription (MQTT-3.8.3-4), at the option', () => {
    expect(diags(`${PRELUDE}broker version=5\nat 0s dash connect\nat 1s dash subscribe -t '$share/g/a' -t b --nl`)).toEqual(['error option.no-local-shared 5:43-47']);
    expect(diags(`${PRELUDE}broker version=5\nat 0s dash connect\nat 1s dash subscribe -t '$share/g/a' -q 1`)).toEqual([]);
    expect(diags(`${PRELUDE}broker version=5\nat 0s dash connect\nat 1s dash subscribe -t a/b --nl`)).toEqual([]);
  });

  it('a password without a user name in 3.1.1 (MQTT-3.1.2-22), not in 5.0', () => {
    expect(diags(`${PRELUDE}at 0s sensor connect -P secret`)).toEqual(['error option.password-needs-username 3:22-24']);
    expect(diags(`${PRELUDE}at 0s sensor connect -u me -P secret`)).toEqual([]);
    expect(diags(`${PRELUDE}at 0s sensor connect -V 5 -P secret`)).toEqual([]);
  });

  it('a Session Expiry Interval above 4,294,967,295', () => {
    expect(diags(`${PRELUDE}at 0s sensor connect -V 5 -x 4294967296`)).toEqual(['error option.bad-value 3:30-40']);
    expect(diags(`${PRELUDE}at 0s sensor connect -V 5 -x 4294967295`)).toEqual([]);
  });

  it.each([
    ['receive-maximum', '0', 'a whole number from 1 to 65,535', 'eine ganze Zahl von 1 bis 65.535'],
    ['receive-maximum', '70000', 'a whole number from 1 to 65,535', 'eine ganze Zahl von 1 bis 65.535'],
    ['maximum-packet-size', '0', 'a whole number from 1 to 4,294,967,295', 'eine ganze Zahl von 1 bis 4.294.967.295'],
    ['topic-alias-maximum', '70000', 'a whole number from 0 to 65,535', 'eine ganze Zahl von 0 bis 65.535'],
  ])('-D connect %s %s says the range in both languages', (name, value, en, de) => {
    const line = `at 0s sensor connect -D connect ${name} ${value}`;
    const [d] = parseScenario(`${PRELUDE}${line}`).diagnostics;
    expect(d).toMatchObject({ severity: 'error', code: 'option.bad-value', line: 3, column: line.lastIndexOf(value) + 1 });
    expect(d!.message).toBe(`Bad value \`${value}\` for \`${name}\`: ${en}.`);
    expect(d!.messageDe).toBe(`Ungültiger Wert \`${value}\` für \`${name}\`: ${de}.`);
  });

  it('the edges of each range are accepted', () => {
    const ok = '-D connect receive-maximum 1 -D connect receive-maximum 65535 -D connect maximum-packet-size 1 -D connect topic-alias-maximum 0 -D connect topic-alias-maximum 65535';
    expect(diags(`${PRELUDE}at 0s sensor connect ${ok}`).filter((d) => !d.includes('option.repeated'))).toEqual([]);
    expect(diags(`${PRELUDE}at 0s sensor connect -V 5\nat 1s sensor publish -t a -m x -D publish topic-alias 0`)).toEqual(['error option.bad-value 4:55-56']);
    expect(diags(`${PRELUDE}at 0s sensor connect -V 5\nat 1s sensor subscribe -t a -D subscribe subscription-identifier 268435456`)).toEqual(['error option.bad-value 4:66-75']);
  });

  it('a DISCONNECT reason code only the server may send', () => {
    const [d] = parseScenario(`${PRELUDE}at 0s sensor connect -V 5\nat 1s sensor disconnect --reason-code 0x8e`).diagnostics;
    expect(d).toMatchObject({ code: 'option.disconnect-reason-code', line: 4, column: 39 });
    expect(d!.messageDe).toContain('Reason Code');
    expect(diags(`${PRELUDE}at 0s sensor connect -V 5\nat 1s sensor disconnect --reason-code 4`)).toEqual([]);
  });

  it('a scenario with such a line does not run', () => {
    const r = runScenario(`${PRELUDE}broker version=5\nat 0s dash connect\nat 1s dash subscribe -t '$share/g/a' --nl`);
    expect(r.ran).toBe(false);
  });
});

describe('limits only the run can know: the client refuses with a note in the trace', () => {
  it('a PUBLISH above the broker\'s max-packet-size and a topic alias above its maximum never leave the client', () => {
    const r = runScenario(
      [
        'broker version=5 max-packet-size=60',
        'client s',
        'client d',
        'at 0s s connect',
        'at 0s d connect',
        "at 100ms d subscribe -t '#'",
        `at 1s s publish -t big -m "${'x'.repeat(60)}"`,
        'at 1s s publish -t alias -m a -D publish topic-alias 65535',
        'at 1s s publish -t small -m ok',
        'expect d receives small',
        'expect d never-receives big',
        'expect d never-receives alias',
      ].join('\n'),
    );
    expect(r.ran).toBe(true);
    expect(r.results.map((x) => x.pass)).toEqual([true, true, true]);
    const notes = r.trace.filter((e) => e.from === 's' && e.explain?.key.startsWith('client.refuse.'));
    expect(notes.map((e) => [e.explain!.ref, e.explain!.key])).toEqual([
      ['MQTT-3.2.2-15', 'client.refuse.too-large'],
      ['MQTT-3.3.2-9', 'client.refuse.topic-alias'],
    ]);
    expect(r.trace.filter((e) => e.kind === 'send' && e.from === 's' && e.packet?.type === 'publish')).toHaveLength(1);
  });
});

// ── A property: random option combinations never make parse + run throw ──────────────────

const pick = <T>(...xs: T[]) => fc.constantFrom(...xs);
/** A value that is usually allowed, sometimes at or beyond an edge. */
const edgy = (valid: string[], invalid: string[]) => fc.oneof({ weight: 19, arbitrary: fc.constantFrom(...valid) }, { weight: 1, arbitrary: fc.constantFrom(...invalid) });
const opt = (arb: fc.Arbitrary<string>) => fc.option(arb, { nil: '', freq: 3 });

const connectArb = fc
  .tuple(
    opt(pick('-V 5', '-V 5', '-V 5', '-V 311')),
    opt(pick('-c')),
    opt(fc.constantFrom('-u me', '-u ""')),
    opt(pick('-P pw', '-u me -P pw')),
    opt(edgy(['0', '60', '-1'], ['4294967296']).map((v) => `-x ${v}`)),
    opt(edgy(['0', '1', '60'], ['65536']).map((v) => `-k ${v}`)),
    opt(edgy(['1', '2', '65535'], ['0', '70000']).map((v) => `-D connect receive-maximum ${v}`)),
    opt(edgy(['1', '30', '268435455'], ['0']).map((v) => `-D connect maximum-packet-size ${v}`)),
    opt(edgy(['0', '3', '65535'], ['70000']).map((v) => `-D connect topic-alias-maximum ${v}`)),
    opt(pick('--will-topic w/t --will-payload gone --will-qos 1', '--will-topic w/t -D will will-delay-interval 2 --will-retain')),
    opt(pick('-D connect user-property k v', '-D connect session-expiry-interval 10')),
  )
  .map((parts) => parts.filter((p) => p !== '').join(' '));

const subscribeArb = fc
  .tuple(
    fc.constantFrom("'$share/g/t'", 't', 'a/#', "'+/x'"),
    opt(pick('-q 1', '-q 2')),
    opt(pick('--nl', '--rap', '-R', '--retain-handling 1')),
    opt(edgy(['1', '268435455'], ['0', '268435456']).map((v) => `-D subscribe subscription-identifier ${v}`)),
  )
  .map(([t, ...rest]) => ['-t', t, ...rest.filter((p) => p !== '')].join(' '));

const publishArb = fc
  .tuple(
    fc.constantFrom('t', 'a/b', "'$share/g/t'"),
    fc.constantFrom('x', 'a-longer-payload-of-some-sixty-bytes-to-pass-small-packet-limits', '-n'),
    opt(pick('-q 1', '-q 2')),
    opt(pick('-r')),
    opt(edgy(['1', '2', '3', '65535'], ['0', '70000']).map((v) => `-D publish topic-alias ${v}`)),
    opt(pick('-D publish message-expiry-interval 5', '-D publish user-property k v', '-D publish response-topic r/t')),
  )
  .map(([t, m, ...rest]) => ['-t', t, m === '-n' ? '-n' : `-m ${m}`, ...rest.filter((p) => p !== '')].join(' '));

const disconnectArb = fc
  .tuple(
    opt(edgy(['0', '4', '0x80', '0x98'], ['3', '0x8b', '256']).map((v) => `--reason-code ${v}`)),
    opt(pick('-D disconnect session-expiry-interval 100', '-D disconnect session-expiry-interval 0', '-D disconnect reason-string "a reason, quite a long one"')),
  )
  .map((parts) => parts.filter((p) => p !== '').join(' '));

const scenarioArb = fc
  .tuple(
    fc.constantFrom('', 'version=5', 'version=311', 'version=5 max-packet-size=40', 'version=5 retain=off max-inflight=1', 'max-packet-size=30'),
    connectArb,
    fc.array(fc.oneof(subscribeArb.map((s) => `subscribe ${s}`), publishArb.map((p) => `publish ${p}`)), { minLength: 1, maxLength: 4 }),
    fc.option(disconnectArb, { nil: undefined }),
    connectArb,
  )
  .map(([broker, connect, actions, disconnect, reconnect]) => {
    const lines = [`broker ${broker}`.trim(), 'client s', 'client d', `at 0s s connect ${connect}`, 'at 0s d connect -V 5', "at 50ms d subscribe -t '#' -q 2"];
    actions.forEach((a, i) => lines.push(`at ${200 + i * 10}ms s ${a}`));
    if (disconnect !== undefined) lines.push(`at 1s s disconnect ${disconnect}`);
    lines.push(`at 2s s connect ${reconnect}`, 'at 2100ms s publish -t a/b -m again -q 1', 'at 5s end');
    return lines.join('\n');
  });

describe('random client options through parse and run', { timeout: 60_000 }, () => {
  it('never throw: what the parser lets through, the client sends or refuses with a note', () => {
    let ran = 0;
    fc.assert(
      fc.property(scenarioArb, (text) => {
        const r = runScenario(text, { maxSteps: 20_000 });
        expect(r.diagnostics.filter((d) => d.code === 'internal')).toEqual([]);
        if (r.ran) {
          ran++;
          expect(r.truncated).toBe(false);
        }
      }),
      { numRuns: 200 },
    );
    expect(ran).toBeGreaterThan(50); // the property exercised runs, not only the parser
  });
});
