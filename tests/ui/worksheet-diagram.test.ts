/**
 * A worksheet's sequence diagram in page-sized pieces (src/ui/print/diagram-pieces.ts), drawn
 * from a real run: the pieces follow each other row by row without a gap or an overlap, each
 * fits the height it was given, and each repeats the title and the lane names on top.
 */
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../src/scenario/run.ts';
import { diagramPieces } from '../../src/ui/print/diagram-pieces.ts';
import { sequenceSvg, sequenceSvgLayout } from '../../src/ui/sequence/export-svg.ts';
import { buildSequence } from '../../src/ui/sequence/model.ts';

const SCENARIO = `broker
client sensor
client dashboard
at 0s    sensor connect
at 0s    dashboard connect
at 100ms dashboard subscribe -t plant/# -q 1
at 1s    sensor publish -t plant/hall1/temp -m 21.5 -q 1
at 2s    sensor publish -t plant/hall1/temp -m 21.7 -q 1
at 3s    sensor publish -t plant/hall1/temp -m "a reading with a long text that wraps onto a second line" -q 1
`;

function layout() {
  const run = runScenario(SCENARIO);
  expect(run.ran).toBe(true);
  const model = buildSequence(run.trace, [...run.world!.statics.defs.keys()], { filter: 'packets' });
  const texts = { title: 'Worksheet', rowText: (e: { summary?: string }) => `row ${e.summary ?? ''}`, timeText: (ms: number) => `${ms} ms` };
  return { model, texts, layout: sequenceSvgLayout(model, model.rows.length, texts) };
}

describe('a worksheet diagram in pieces', () => {
  it('is the same SVG as the export, with the row positions beside it', () => {
    const { model, texts, layout: l } = layout();
    expect(l.svg).toBe(sequenceSvg(model, model.rows.length, texts));
    expect(l.rowTop).toHaveLength(model.rows.length + 1);
    expect(l.rowTop[0]).toBe(l.top);
    expect(l.height).toBeGreaterThan(l.rowTop.at(-1)!);
  });

  it('cuts between rows: no gap, no overlap, each piece within its height, lane names on every piece', () => {
    const { model, layout: l } = layout();
    const maxRowsHeight = 150;
    const pieces = diagramPieces(l, maxRowsHeight);
    expect(pieces.length).toBeGreaterThan(2);
    expect(pieces[0]!.firstRow).toBe(0);
    expect(pieces.at(-1)!.endRow).toBe(model.rows.length);
    pieces.forEach((piece, i) => {
      if (i > 0) expect(piece.firstRow).toBe(pieces[i - 1]!.endRow);
      expect(piece.endRow).toBeGreaterThan(piece.firstRow);
      const rowsHeight = l.rowTop[piece.endRow]! - l.rowTop[piece.firstRow]!;
      if (piece.endRow - piece.firstRow > 1) expect(rowsHeight).toBeLessThanOrEqual(maxRowsHeight);
      expect(piece.width).toBe(l.width);
      // The header (title, lane names) and then exactly this piece's rows.
      expect(piece.svg).toContain(`viewBox="0 0 ${l.width} ${l.top}"`);
      expect(piece.svg).toContain(`viewBox="0 ${l.rowTop[piece.firstRow]} ${l.width} `);
      expect(piece.svg).toContain('>dashboard</text>');
      const doc = new DOMParser().parseFromString(piece.svg, 'image/svg+xml');
      expect(doc.documentElement.getAttribute('height')).toBe(String(piece.height));
    });
    // The last piece keeps the diagram's bottom margin.
    expect(pieces.at(-1)!.height).toBe(l.top + l.height - l.rowTop[pieces.at(-1)!.firstRow]!);
  });

  it('keeps a short diagram whole', () => {
    const { layout: l } = layout();
    const pieces = diagramPieces(l, 10_000);
    expect(pieces).toHaveLength(1);
    expect(pieces[0]!.height).toBe(l.height);
  });
});
