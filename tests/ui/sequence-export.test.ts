/**
 * The exported sequence diagram: long lane names kept to one lane (the full name in a tooltip),
 * and every arrow label whole over the lanes, as on screen (geometry.ts arrowLabelX): not cut at
 * the SVG's edges, not over the times on the left nor the rows' text on the right.
 */
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../src/scenario/run.ts';
import { sequenceSvg } from '../../src/ui/sequence/export-svg.ts';
import { buildSequence } from '../../src/ui/sequence/model.ts';

/**
 * The meter's retained QoS 2 message whose PUBREC is lost, sent again with DUP after a reconnect:
 * its label, `PUBLISH q2 dup retain id=1`, is the longest a gallery-like scenario draws, on an
 * arrow leaving the first lane.
 */
const LONG_LABEL = `broker version=5
client meter
client billing
at 0s     billing connect -k 30
at 100ms  billing subscribe -t energy/meter7 -q 2
at 200ms  meter connect -c -x 300 -k 30
at 500ms  drop next PUBREC to meter
at 1s     meter publish -t energy/meter7 -m "42.7 kWh" -q 2 -r
at 3s     meter disconnect
at 4s     meter connect -c -x 300 -k 30
`;

/** More than a label's character is wide in Chromium's system-ui at 10 px (capitals: 7.16 px). */
const LABEL_CHAR_PX = 7.2;

interface LabelBox {
  text: string;
  left: number;
  right: number;
}

/** The SVG's width, where the times end and the rows' text starts, and each arrow label's box. */
function readSvg(svg: string): { width: number; timesEnd: number; rowsStart: number; labels: LabelBox[] } {
  const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
  const [, , width] = doc.documentElement.getAttribute('viewBox')!.split(' ').map(Number);
  const texts = [...doc.querySelectorAll('text')];
  const times = texts.filter((t) => t.getAttribute('text-anchor') === 'end');
  const rows = texts.filter((t) => t.querySelector('tspan'));
  const labels = texts
    .filter((t) => t.getAttribute('text-anchor') === 'middle' && t.getAttribute('font-size') === '10')
    .map((t) => {
      const x = Number(t.getAttribute('x'));
      const half = (t.textContent!.length * LABEL_CHAR_PX) / 2;
      return { text: t.textContent!, left: x - half, right: x + half };
    });
  return { width: width!, timesEnd: Math.max(...times.map((t) => Number(t.getAttribute('x')))), rowsStart: Math.min(...rows.map((t) => Number(t.getAttribute('x')))), labels };
}

describe('sequence diagram as SVG', () => {
  it('shortens a long lane name and keeps it whole in a <title>', () => {
    const model = buildSequence([], ['broker', 'temperature-sensor-hall-3', 'dashboard', 'a', 'b', 'c', 'd']);
    const svg = sequenceSvg(model, 0, { title: 'Test', rowText: () => '', timeText: () => '' });
    expect(svg).toContain('<title>temperature-sensor-hall-3</title>temperatur…</text>');
    expect(svg).toContain('<title>dashboard</title>dashboard</text>');
  });

  it('keeps every arrow label whole over the lanes, at every step of a run with a long label', () => {
    const run = runScenario(LONG_LABEL);
    expect(run.ran).toBe(true);
    const model = buildSequence(run.trace, [...run.world!.statics.defs.keys()], { filter: 'packets' });
    expect(model.arrows.map((a) => a.label)).toContain('PUBLISH q2 dup retain id=1');
    const misplaced: string[] = [];
    for (let count = 1; count <= model.rows.length; count++) {
      const { width, timesEnd, rowsStart, labels } = readSvg(sequenceSvg(model, count, { title: 'Meter', rowText: (e) => e.summary ?? '', timeText: (ms) => `${ms} ms` }));
      for (const l of labels) {
        if (l.left < 0 || l.right > width) misplaced.push(`${l.text} cut at the edge (row ${count})`);
        else if (l.left < timesEnd || l.right > rowsStart) misplaced.push(`${l.text} over the times or the rows (row ${count})`);
      }
    }
    expect(misplaced).toEqual([]);
  });
});
