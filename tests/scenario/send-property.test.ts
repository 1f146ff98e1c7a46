/**
 * A property (fast-check) for packets sent on purpose (issue 16): random `send` lines with random
 * fields and random `send-hex` bytes (valid frames, cut frames, garbage, split into random TCP
 * segments), among ordinary lines, never make the parser, the world or the broker throw: every
 * problem is a diagnostic with its position or an entry in the trace, and each raw send is
 * marked in the trace with why it was sent.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../src/scenario/index.ts';
import { SEND_OPTIONS, SEND_PACKETS } from '../../src/scenario/options.ts';

const hexByte = fc.integer({ min: 0, max: 255 }).map((b) => b.toString(16).padStart(2, '0'));
/** Words that fit a `send` option's value, and some that do not. */
const valueWord = fc.oneof(
  fc.integer({ min: 0, max: 70_000 }).map(String),
  fc.constantFrom('0x3', '-1', 'mqttv5', 'mqttv311', '7', '""', "'a/+'", 'a/b', '#', '"ff fe"', 'topic-alias 1', 'session-expiry-interval 5', 'user-property k v', 'payload-format-indicator 1', 'nope'),
);
const optionWord = fc.oneof(fc.constantFrom(...SEND_OPTIONS.flatMap((o) => o.names)), fc.constantFrom('--nope', '-Z', 'stray'));
const sendLine = fc
  .tuple(fc.constantFrom(...Object.keys(SEND_PACKETS), 'connect', 'FOO'), fc.array(fc.tuple(optionWord, fc.option(valueWord, { nil: undefined })), { maxLength: 6 }))
  .map(([packet, options]) => `send ${packet} ${options.map(([o, v]) => (v === undefined ? o : `${o} ${v}`)).join(' ')}`.trim());
const hexLine = fc
  .array(fc.array(hexByte, { minLength: 0, maxLength: 24 }), { minLength: 1, maxLength: 3 })
  .chain((segments) => fc.constantFrom(' | ', ' ', ' \\\n   ').map((sep) => `send-hex ${segments.map((s) => `"${s.join(' ')}"`).join(sep)}`));
/** Well-formed starts, so the broker gets past CONNECT often. */
const connectHex = fc.constantFrom('send-hex "10 0d 00 04 4d 51 54 54 04 02 00 3c 00 01 61"', 'send-hex "10 0e 00 04 4d 51 54 54 05 02 00 3c 00 00 01 61"', 'connect', 'connect -V 5');

const scenarioArb = fc
  .tuple(fc.constantFrom('', 'broker version=5', 'broker version=5 max-packet-size=30'), connectHex, fc.array(fc.oneof(sendLine, hexLine, fc.constant('publish -t a/b -m x -q 1')), { minLength: 1, maxLength: 6 }))
  .map(([broker, connect, lines]) => [broker, 'client a', 'client b', 'at 0s b connect', "at 0s b subscribe -t '#'", `at 0s a ${connect}`, ...lines.map((l, i) => `at ${100 + i * 50}ms a ${l}`), 'at 3s end'].join('\n'));

describe('random raw sends through parse and run', { timeout: 120_000 }, () => {
  it('never throw: diagnostics or trace entries only, and each raw send is marked', () => {
    let raws = 0;
    fc.assert(
      fc.property(scenarioArb, (text) => {
        const r = runScenario(text, { maxSteps: 20_000 });
        expect(r.diagnostics.filter((d) => d.code === 'internal')).toEqual([]);
        const lines = text.split('\n').length;
        for (const d of r.diagnostics) expect(d.line).toBeLessThanOrEqual(lines);
        if (!r.ran) return;
        expect(r.trace.filter((e) => e.kind === 'note' && e.explain?.key === 'sim.actor-error')).toEqual([]);
        const marked = r.trace.filter((e) => e.kind === 'send' && (e.explain?.key === 'raw.against' || e.explain?.key === 'raw.on-purpose'));
        raws += marked.length;
        for (const e of marked) expect(e.bytes!.length).toBeGreaterThan(0);
      }),
      { numRuns: 150 },
    );
    expect(raws).toBeGreaterThan(30); // the runs sent raw packets, not only failed to parse
  });
});
