import { describe, expect, it } from 'vitest';
import {
  deserializeProgress,
  emptyProgress,
  isSolved,
  markSolved,
  markUnsolved,
  mergeProgress,
  pruneProgress,
  recordPrediction,
  saveDraft,
  serializeProgress,
  PROGRESS_LIMITS,
} from '../../src/lessons/index.ts';

const KEY = '01-why-mqtt/1-first-message';

describe('progress state', () => {
  it('marks exercises solved without mutating the old state', () => {
    const a = emptyProgress();
    const b = markSolved(a, KEY, '2025-01-01T10:00:00Z');
    expect(isSolved(a, KEY)).toBe(false);
    expect(isSolved(b, KEY)).toBe(true);
    expect(markSolved(b, KEY, 'later').solved[KEY]?.at).toBe('2025-01-01T10:00:00Z');
    expect(isSolved(markUnsolved(b, KEY), KEY)).toBe(false);
  });

  it('keeps the first answer to a predict question', () => {
    const s = recordPrediction(recordPrediction(emptyProgress(), KEY, 0, 2, true), KEY, 0, 1, false);
    expect(s.predictions[`${KEY}#0`]).toEqual({ choice: 2, correct: true });
  });

  it('round-trips through serialize and deserialize', () => {
    let s = markSolved(emptyProgress(), KEY, 't');
    s = recordPrediction(s, KEY, 1, 0, false);
    s = saveDraft(s, KEY, 'client a\n');
    const back = deserializeProgress(serializeProgress(s));
    expect(back).toEqual({ ok: true, progress: s, warnings: [] });
  });

  it('merges school and home progress', () => {
    const school = markSolved(emptyProgress(), KEY, 'school');
    const home = markSolved(emptyProgress(), '02-pub-sub/1-x', 'home');
    const m = mergeProgress(school, home);
    expect(Object.keys(m.solved).sort()).toEqual(['01-why-mqtt/1-first-message', '02-pub-sub/1-x']);
  });

  it('prunes entries of exercises that no longer exist', () => {
    let s = markSolved(emptyProgress(), KEY);
    s = markSolved(s, '99-gone/1-x');
    s = recordPrediction(s, '99-gone/1-x', 0, 0, true);
    const p = pruneProgress(s, new Set([KEY]));
    expect(Object.keys(p.solved)).toEqual([KEY]);
    expect(p.predictions).toEqual({});
  });
});

describe('importing a progress file never crashes', () => {
  const cases: [string, unknown][] = [
    ['not a string', 42],
    ['empty', ''],
    ['garbage', '\u0089PNG\r\n\u001a\n'],
    ['JSON null', 'null'],
    ['an array', '[1,2,3]'],
    ['another app', JSON.stringify({ kind: 'other', version: 1 })],
    ['no version', JSON.stringify({ kind: 'mqtt-lab-progress' })],
    ['version as text', JSON.stringify({ kind: 'mqtt-lab-progress', version: '1' })],
    ['a future version', JSON.stringify({ kind: 'mqtt-lab-progress', version: 99 })],
    ['too large', 'x'.repeat(PROGRESS_LIMITS.maxFileLength + 1)],
  ];
  it.each(cases)('rejects %s with a message in both languages', (_name, input) => {
    const r = deserializeProgress(input);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error).not.toBe('');
      expect(r.errorDe).not.toBe('');
    }
  });

  it('drops malformed entries with warnings and keeps the good ones', () => {
    const r = deserializeProgress(
      JSON.stringify({
        kind: 'mqtt-lab-progress',
        version: 1,
        solved: { [KEY]: { at: 5 }, '02-x/1-y': true, '__proto__': true, 'constructor': {}, 'bad key': true, '03-a/1-b#0': true, '04-a/1-b': 'yes' },
        predictions: { [`${KEY}#0`]: { choice: 1, correct: true }, [`${KEY}#1`]: { choice: -1, correct: true }, [`${KEY}#2`]: { choice: 1 }, [KEY]: { choice: 0, correct: true } },
        drafts: { [KEY]: 'client a', '02-x/1-y': 7, [`${KEY}#0`]: 'x' },
      }),
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.progress.solved).toEqual({ [KEY]: { at: '' }, '02-x/1-y': { at: '' } });
    expect(r.progress.predictions).toEqual({ [`${KEY}#0`]: { choice: 1, correct: true } });
    expect(r.progress.drafts).toEqual({ [KEY]: 'client a' });
    expect(r.warnings.length).toBeGreaterThanOrEqual(8);
    expect(Object.getPrototypeOf(r.progress.solved)).toBe(Object.prototype);
  });

  it('ignores sections of the wrong type and bounds the number of entries and draft sizes', () => {
    const many = Object.fromEntries(Array.from({ length: PROGRESS_LIMITS.maxEntries + 10 }, (_, i) => [`01-a/${i + 1}-x`, true]));
    const r = deserializeProgress(JSON.stringify({ kind: 'mqtt-lab-progress', version: 1, solved: many, predictions: [1], drafts: { [KEY]: 'y'.repeat(PROGRESS_LIMITS.maxDraftLength + 5) } }));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(Object.keys(r.progress.solved)).toHaveLength(PROGRESS_LIMITS.maxEntries);
    expect(r.progress.drafts[KEY]).toHaveLength(PROGRESS_LIMITS.maxDraftLength);
    expect(r.warnings.some((w) => w.includes('predictions'))).toBe(true);
  });

  it('survives random JSON values', () => {
    const values = ['{}', '{"kind":"mqtt-lab-progress","version":1,"solved":null}', '{"kind":"mqtt-lab-progress","version":1.5}', '"text"', 'true', '{"kind":"mqtt-lab-progress","version":1,"solved":{"01-a/1-b":{"at":{"x":1}}}}'];
    for (const v of values) expect(() => deserializeProgress(v)).not.toThrow();
  });
});
