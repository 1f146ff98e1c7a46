/** A time past the 24 h limit is reported as such, however many digits it has (issue #13 item 9). */
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/scenario/index.ts';
import { diags, PRELUDE } from './helpers.ts';

const d = (body: string) => diags(PRELUDE + body);

describe('times past 24 h', () => {
  it('says the 24 h limit for a ten-digit time, as for a short one', () => {
    expect(d('at 1000000000ms sensor connect')).toEqual(['error time.too-late 3:4-16']);
    expect(parseScenario(PRELUDE + 'at 1000000000ms sensor connect').diagnostics[0]!.message).toContain('24h');
    expect(d('at 99999999999h sensor connect')).toEqual(['error time.too-late 3:4-16']);
    expect(d('at 100000000ms sensor connect')).toEqual(['error time.too-late 3:4-15']);
  });

  it('still reads what is not a duration as such', () => {
    expect(d('at 1000000000 sensor connect')).toEqual(['error time.no-unit 3:4-14']);
    expect(d('at 1000000000parsecs sensor connect')).toEqual(['error time.invalid 3:4-21']);
  });
});
