/** State names in the UI language: the stage's words, in sequence notes, the inspector and the stage. */
import { describe, expect, it } from 'vitest';
import { en } from '../../src/ui/i18n/en.ts';
import { de } from '../../src/ui/i18n/de.ts';
import { NAMED_STATES, handshakeStage, stateName, stateValueText, type Translate } from '../../src/ui/format/state-name.ts';
import { rowText } from '../../src/ui/sequence/row-text.ts';
import type { TraceEntry } from '../../src/sim/trace.ts';

/** A tiny `$_` over one locale's messages, with `{name}` placeholders. */
function translator(messages: object): Translate {
  return (key, options) => {
    const text = key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], messages);
    if (typeof text !== 'string') return key;
    return text.replace(/\{(\w+)\}/g, (whole, name: string) => String(options?.values?.[name] ?? whole));
  };
}

describe('state names', () => {
  it('translates every state of the client and broker machines', () => {
    const t = translator(de);
    for (const state of ['disconnected', 'opening', 'connecting', 'connected', 'idle', 'awaitingPingresp', 'refused', 'crashed', 'running', 'down']) {
      expect(stateName(state, translator(en)), state).not.toBe('');
      expect(Object.hasOwn(en.panels.stage.states, state), state).toBe(true);
      expect(stateName(state, t), state).toBe(de.panels.stage.states[state as keyof typeof de.panels.stage.states]);
    }
  });

  it('knows exactly the states en.ts names (its list is kept apart from the messages)', () => {
    expect([...NAMED_STATES].sort()).toEqual(Object.keys(en.panels.stage.states).sort());
  });

  it('writes a nested state value with the inner state in parentheses', () => {
    expect(stateValueText({ connected: 'awaitingPingresp' }, translator(en))).toBe('connected (awaiting PINGRESP)');
    expect(stateValueText({ connected: 'idle' }, translator(de))).toBe('verbunden (bereit)');
    expect(stateValueText('disconnected', translator(de))).toBe('getrennt');
  });

  it('shows an unknown state by its code name', () => {
    expect(stateName('somethingNew', translator(de))).toBe('somethingNew');
  });

  it('the sequence diagram note says the state in German', () => {
    const e = { seq: 0, step: 0, atMs: 0, kind: 'state', from: 'sensor', state: { value: 'disconnected' } } as unknown as TraceEntry;
    expect(rowText(e, translator(de), 'de')).toBe('sensor ist jetzt im Zustand „getrennt“');
    expect(rowText(e, translator(en), 'en')).toBe('sensor is now disconnected');
  });

  it('says handshake stages of the client and the broker in the UI language', () => {
    expect(handshakeStage('awaiting PUBACK', translator(de))).toBe('wartet auf PUBACK');
    expect(handshakeStage('awaiting-pubcomp', translator(de))).toBe('wartet auf PUBCOMP');
    expect(handshakeStage('awaiting-pubrec', translator(en))).toBe('awaiting PUBREC');
    expect(handshakeStage('something else', translator(de))).toBe('something else');
  });
});
