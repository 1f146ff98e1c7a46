import { describe, expect, it } from 'vitest';
import { fitLaneNameRows, fitLaneNames, laneGapForNames, shortenName } from '../../src/ui/sequence/lane-names.ts';

/** 8 px per character: widths a reader can check by counting. */
const measure = (text: string) => [...text].length * 8;

/** The names' boxes (centre ± half the drawn width) never overlap. */
function boxes(texts: readonly string[], centres: readonly number[]): [number, number][] {
  return texts.map((text, i) => [centres[i]! - measure(text) / 2, centres[i]! + measure(text) / 2]);
}

describe('lane names', () => {
  it('a short name leaves its room to a long neighbour, so both show whole', () => {
    // sensor 48, broker 48, dashboard 72: 70 px apart, an equal split (64 px each) would cut dashboard.
    const fitted = fitLaneNames(['sensor', 'broker', 'dashboard'], { centresPx: [120, 190, 260], leftPx: 0, rightPx: 600 }, measure);
    expect(fitted.map((f) => f.text)).toEqual(['sensor', 'broker', 'dashboard']);
    expect(fitted.every((f) => !f.short)).toBe(true);
  });

  it('names that cannot fit keep their start and end around an ellipsis, and never overlap', () => {
    const names = ['sensor-001', 'sensor-002', 'sensor-003'];
    const centres = [100, 150, 200];
    const fitted = fitLaneNames(names, { centresPx: centres, leftPx: 0, rightPx: 400 }, measure);
    expect(fitted.map((f) => f.short)).toEqual([true, true, true]);
    expect(fitted[1]!.text).toBe('se…02');
    const drawn = boxes(fitted.map((f) => f.text), centres);
    for (let i = 0; i + 1 < drawn.length; i++) expect(drawn[i]![1]).toBeLessThanOrEqual(drawn[i + 1]![0]);
  });

  it('the first and last names may reach over the empty columns beside the lanes, not past the edges', () => {
    const fitted = fitLaneNames(['temperature-sensor'], { centresPx: [30], leftPx: 0, rightPx: 400 }, measure);
    expect(fitted[0]!.maxWidthPx).toBe(60);
    expect(measure(fitted[0]!.text)).toBeLessThanOrEqual(60);
  });

  it('shortening keeps one character and the ellipsis at least', () => {
    expect(shortenName('dashboard', 1, measure)).toBe('d…');
    expect(shortenName('dashboard', 56, measure)).toBe('das…ard');
  });

  it('the gap at which every neighbouring pair shows whole', () => {
    expect(laneGapForNames(['sensor', 'broker', 'dashboard'], measure)).toBe(Math.ceil((48 + 72) / 2 + 6));
    expect(laneGapForNames(['broker'], measure)).toBe(0);
  });
});

describe('lane names on two rows (projector mode)', () => {
  // Five lanes 50 px apart (projector mode at 1280 px): one row would shorten all but the short names.
  const names = ['sensor', 'dashboard', 'broker', 'logger', 'alarm'];
  const room = { centresPx: [120, 170, 220, 270, 320], leftPx: 0, rightPx: 600 };

  it('puts every other name a row lower where one row would shorten them, and then shows them whole', () => {
    expect(fitLaneNames(names, room, measure).some((f) => f.short)).toBe(true);
    const fitted = fitLaneNameRows(names, room, measure, true);
    expect(fitted.rows).toBe(2);
    expect(fitted.names.map((f) => f.text)).toEqual(names);
    expect(fitted.names.map((f) => f.row)).toEqual([0, 1, 0, 1, 0]);
    // Names on the same row never overlap (on different rows they may stand over each other).
    for (const row of [0, 1]) {
      const onRow = fitted.names.map((f, i) => ({ f, centre: room.centresPx[i]! })).filter(({ f }) => f.row === row);
      const drawn = boxes(onRow.map(({ f }) => f.text), onRow.map(({ centre }) => centre));
      for (let i = 0; i + 1 < drawn.length; i++) expect(drawn[i]![1]).toBeLessThanOrEqual(drawn[i + 1]![0]);
    }
  });

  it('the gap at which the names show whole on two rows: half of what two lanes apart need', () => {
    // dashboard 72 and logger 48, two lanes apart: (72 + 48) / 2 + 6 = 66, so 33 between lanes.
    expect(laneGapForNames(names, measure, 6, 2)).toBe(33);
    expect(fitLaneNameRows(names, { ...room, centresPx: [120, 153, 186, 219, 252] }, measure, true).names.every((f) => !f.short)).toBe(true);
  });

  it('keeps one row where the names fit whole on it, or where two rows are not allowed', () => {
    expect(fitLaneNameRows(['a', 'b', 'c'], room, measure, true).rows).toBe(1);
    const one = fitLaneNameRows(names, room, measure, false);
    expect(one.rows).toBe(1);
    expect(one.names.every((f) => f.row === 0)).toBe(true);
  });
});
