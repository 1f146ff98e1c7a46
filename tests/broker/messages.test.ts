/**
 * Every explanation the broker can put in the trace has an English and a German text.
 *
 * The keys are collected from the source: every string literal shaped like a message key
 * (`area.what`) inside the arguments of the functions that emit explanations (`explain`,
 * `protocolError`, `endSession`, `publishWill`). A new `explain(...)` without texts fails here.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { brokerMessages, formatBrokerMessage } from '../../src/core/broker/index.ts';

const BROKER_DIR = join(import.meta.dirname, '../../src/core/broker');
const EMITTERS = /\b(explain|protocolError|endSession|publishWill|closeInvalid)\(/g;
const KEY_LITERAL = /'([a-z][a-z0-9-]*\.[a-z0-9.-]+)'/g;

/** The text of the call's argument list starting at `open` (the index of its `(`). */
function argumentsAt(source: string, open: number): string {
  let depth = 0;
  for (let i = open; i < source.length; i++) {
    const c = source[i];
    if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return source.slice(open + 1, i);
  }
  return source.slice(open + 1);
}

function emittedKeys(): Map<string, string> {
  const keys = new Map<string, string>();
  for (const file of readdirSync(BROKER_DIR)) {
    if (!file.endsWith('.ts') || file === 'messages.ts') continue;
    const source = readFileSync(join(BROKER_DIR, file), 'utf8');
    for (const call of source.matchAll(EMITTERS)) {
      const args = argumentsAt(source, call.index + call[0].length - 1);
      for (const m of args.matchAll(KEY_LITERAL)) keys.set(m[1]!, file);
    }
  }
  return keys;
}

describe('broker explanation texts', () => {
  const keys = emittedKeys();
  const table = brokerMessages as Record<string, { en: string; de: string }>;

  test('the scan finds the broker explanations', () => {
    expect(keys.size).toBeGreaterThan(50);
    expect(keys.has('will.published')).toBe(true);
    expect(keys.has('connect.keep-alive-off')).toBe(true);
  });

  test('every emitted key has an English and a German text', () => {
    const missing = [...keys].filter(([k]) => !table[k]?.en || !table[k]?.de).map(([k, file]) => `${k} (${file})`);
    expect(missing).toEqual([]);
  });

  test('every text in the table belongs to a key the broker emits', () => {
    expect(Object.keys(table).filter((k) => !keys.has(k))).toEqual([]);
  });

  test('placeholders are the same in both languages', () => {
    const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const [key, text] of Object.entries(table)) expect(names(text.de), key).toEqual(names(text.en));
  });

  test('formatBrokerMessage fills the parameters', () => {
    expect(formatBrokerMessage('connect.keep-alive-off', 'en', { version: 4 })).toContain('off');
    expect(formatBrokerMessage('will.published', 'de', { clientId: 's1', topic: 't' })).toContain('s1');
  });
});
