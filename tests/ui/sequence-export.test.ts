/** The exported sequence diagram keeps long lane names to one lane, the full name in a tooltip. */
import { describe, expect, it } from 'vitest';
import { sequenceSvg } from '../../src/ui/sequence/export-svg.ts';
import { buildSequence } from '../../src/ui/sequence/model.ts';

describe('sequence diagram as SVG', () => {
  it('shortens a long lane name and keeps it whole in a <title>', () => {
    const model = buildSequence([], ['broker', 'temperature-sensor-hall-3', 'dashboard', 'a', 'b', 'c', 'd']);
    const svg = sequenceSvg(model, 0, { title: 'Test', rowText: () => '', timeText: () => '' });
    expect(svg).toContain('<title>temperature-sensor-hall-3</title>temperatur…</text>');
    expect(svg).toContain('<title>dashboard</title>dashboard</text>');
  });
});
