import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { add, emptyAgenda, first, pending, rest, settle, type Agenda } from '../../src/sim/agenda.ts';

interface Item {
  atMs: number;
  seq: number;
}

describe('the agenda', () => {
  it('hands out items in (time, sequence) order however they were added, and between steps too', () => {
    // Operations: add an item at a time, or take the first one. The model is a sorted list.
    const op = fc.oneof(fc.record({ add: fc.integer({ min: 0, max: 50 }) }), fc.constant({ take: true as const }));
    fc.assert(
      fc.property(fc.array(op, { maxLength: 200 }), (ops) => {
        let agenda: Agenda<Item> = emptyAgenda;
        let model: Item[] = [];
        let seq = 0;
        for (const o of ops) {
          if ('add' in o) {
            const item = { atMs: o.add, seq: seq++ };
            agenda = add(agenda, item);
            model = [...model, item].sort((a, b) => a.atMs - b.atMs || a.seq - b.seq);
          } else {
            expect(first(agenda)).toBe(model[0]);
            if (model.length === 0) continue;
            agenda = rest(settle(agenda));
            model = model.slice(1);
          }
          expect(pending(agenda)).toEqual(model);
        }
      }),
    );
  });

  it('never changes an agenda an older world holds', () => {
    const a = settle(add(add(emptyAgenda, { atMs: 5, seq: 1 }), { atMs: 1, seq: 2 }));
    const b = settle(add(rest(a), { atMs: 0, seq: 3 }));
    expect(pending(a)).toEqual([{ atMs: 1, seq: 2 }, { atMs: 5, seq: 1 }]);
    expect(pending(b)).toEqual([{ atMs: 0, seq: 3 }, { atMs: 5, seq: 1 }]);
  });
});
