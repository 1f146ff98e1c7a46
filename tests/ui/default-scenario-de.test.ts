/** The default scenario in German differs from the English one only in its comments. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_COMMENTS_DE, DEFAULT_SCENARIO, DEFAULT_SCENARIO_DE, defaultScenario } from '../../src/ui/default-scenario.ts';

const code = (text: string) => text.split('\n').map((l) => l.replace(/#.*$/, '').trimEnd());

describe('the default scenario in the UI language', () => {
  it('has German comments for a German UI and the same code', () => {
    expect(defaultScenario('de-DE')).toBe(DEFAULT_SCENARIO_DE);
    expect(defaultScenario('en')).toBe(DEFAULT_SCENARIO);
    expect(code(DEFAULT_SCENARIO_DE)).toEqual(code(DEFAULT_SCENARIO));
    for (const [en, de] of DEFAULT_COMMENTS_DE) {
      expect(DEFAULT_SCENARIO).toContain(en);
      expect(DEFAULT_SCENARIO_DE).toContain(de);
    }
  });
});
