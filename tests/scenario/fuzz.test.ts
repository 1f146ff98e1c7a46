/**
 * Fuzz: random edits of valid scenarios (fixed seed, so a failure reproduces). The parser must
 * never throw, never report an internal error, and every diagnostic must lie inside the text.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileScenario, parseScenario } from '../../src/scenario/index.ts';
import { mulberry32 as rng } from '../../src/sim/rng.ts';

const EXAMPLES = join(import.meta.dirname, '../../src/scenario/examples');
const SEEDS = readdirSync(EXAMPLES).filter((f) => f.endsWith('.mqtts')).map((f) => readFileSync(join(EXAMPLES, f), 'utf8'));
SEEDS.push(
  [
    'broker version=5 persistence=on anonymous=off max-inflight=2 sys-interval=10s',
    'user a b',
    'acl pattern write devices/%c/#',
    'client sensor latency=20ms jitter=5ms loss=10%',
    'client dash',
    'link dash latency=1s',
    'seed 7',
    'at 0s sensor connect -i s -k 10 -c -x 60 --will-topic a/b --will-payload "x y" --will-qos 2 --will-retain -D connect user-property k v -D will content-type t',
    'after 100ms dash subscribe -t a/# -t "b/+" -q 1 --no-local --rap --retain-handling 2 -D subscribe subscription-identifier 3',
    'dash unsubscribe -U a/#',
    'drop next 2 PUBREC from sensor',
    'delay next PUBCOMP to sensor by 2s',
    'at 1s sensor publish -t a/b -m \'it\\\'s "q"\' -q 2 -r -D publish message-expiry-interval 10',
    'at 2s broker restart persistence=off',
    'at 3s sensor disconnect --reason-code 4',
    'at 60s end',
    'expect dash receives a/+ "x y" qos 1 retained dup at-least 1 by 30s',
    'expect broker sent-will sensor by 20s',
    'expect session sensor absent',
    'expect sensor connack 0x00',
  ].join('\n'),
);


const ALPHABET = ['#', '"', "'", '\\', '-', '--', '=', ' ', '\t', '\n', '\r', '/', '+', 'at ', 'after ', 'expect ', '5s', '0x', '-t ', '-D ', 'connect', '\u0000', '😀', 'ä', '\\u{', '\\x', '%c', 'by ', 'times ', '99999999999', '-1', 'sensor ', 'broker ', 'next ', 'PUBACK'];

function mutate(text: string, r: () => number): string {
  let s = text;
  const edits = 1 + Math.floor(r() * 6);
  for (let k = 0; k < edits; k++) {
    const at = Math.floor(r() * (s.length + 1));
    const op = r();
    if (op < 0.3) s = s.slice(0, at) + s.slice(at + 1 + Math.floor(r() * 8));
    else if (op < 0.7) s = s.slice(0, at) + ALPHABET[Math.floor(r() * ALPHABET.length)]! + s.slice(at);
    else if (op < 0.85) {
      const lines = s.split('\n');
      const i = Math.floor(r() * lines.length);
      const j = Math.floor(r() * lines.length);
      [lines[i], lines[j]] = [lines[j]!, lines[i]!];
      s = lines.join('\n');
    } else {
      const from = Math.floor(r() * s.length);
      s = s.slice(0, at) + s.slice(from, from + Math.floor(r() * 20)) + s.slice(at);
    }
  }
  return s;
}

describe('the parser under random edits', () => {
  it('never throws, never fails internally, and places every diagnostic inside the text', () => {
    const r = rng(20240607);
    let withErrors = 0;
    for (let i = 0; i < 2000; i++) {
      const text = mutate(SEEDS[i % SEEDS.length]!, r);
      const lines = text.split(/\r\n|\n|\r/);
      const { scenario, diagnostics } = parseScenario(text);
      for (const d of diagnostics) {
        const where = `seed 20240607, case ${i}: ${d.code} ${d.line}:${d.column}-${d.endLine}:${d.endColumn}\n${text}`;
        expect(d.code, where).not.toBe('internal');
        expect(d.line >= 1 && d.line <= lines.length, where).toBe(true);
        expect(d.endLine >= d.line && d.endLine <= lines.length, where).toBe(true);
        expect(d.column >= 1 && d.column <= lines[d.line - 1]!.length + 1, where).toBe(true);
        expect(d.endColumn >= 1 && d.endColumn <= lines[d.endLine - 1]!.length + 1, where).toBe(true);
        if (d.endLine === d.line) expect(d.endColumn >= d.column, where).toBe(true);
        expect(d.message.length > 0 && (d.messageDe ?? '').length > 0, where).toBe(true);
      }
      if (diagnostics.some((d) => d.severity === 'error')) withErrors++;
      else expect(() => compileScenario(scenario)).not.toThrow();
    }
    expect(withErrors).toBeGreaterThan(600); // the edits do break things
  }, 60_000);

  it('survives arbitrary strings', () => {
    const r = rng(7);
    for (let i = 0; i < 1000; i++) {
      const len = Math.floor(r() * 200);
      let s = '';
      for (let k = 0; k < len; k++) s += String.fromCharCode(Math.floor(r() * 0x3000));
      expect(() => parseScenario(s)).not.toThrow();
    }
  });
});
