/**
 * A sequence diagram for paper: the SVG export (export-svg.ts) cut between rows into pieces
 * that each fit on a page, every piece with the title and the lane names on top again. A cut
 * never runs through a row's text; an arrow that crosses a cut goes on in the next piece.
 */
import type { SequenceSvgLayout } from '../sequence/export-svg.ts';

export interface DiagramPiece {
  svg: string;
  width: number;
  height: number;
  /** The rows in this piece: `firstRow` up to, not including, `endRow`. */
  firstRow: number;
  endRow: number;
}

/** The diagram in pieces whose rows take at most `maxRowsHeight` (a single taller row stays whole). */
export function diagramPieces(layout: SequenceSvgLayout, maxRowsHeight: number): DiagramPiece[] {
  const { svg, width, height, top, rowTop } = layout;
  const count = rowTop.length - 1;
  const open = svg.slice(0, svg.indexOf('>') + 1);
  const inner = svg.slice(open.length, svg.lastIndexOf('</svg>'));
  const piece = (firstRow: number, endRow: number): DiagramPiece => {
    const from = rowTop[firstRow]!;
    const to = endRow === count ? height : rowTop[endRow]!;
    const pieceHeight = top + (to - from);
    const outer = open.replace(/ width="[^"]*" height="[^"]*" viewBox="[^"]*"/, ` width="${width}" height="${pieceHeight}" viewBox="0 0 ${width} ${pieceHeight}"`);
    const header = `<svg x="0" y="0" width="${width}" height="${top}" viewBox="0 0 ${width} ${top}">${inner}</svg>`;
    const rows = `<svg x="0" y="${top}" width="${width}" height="${to - from}" viewBox="0 ${from} ${width} ${to - from}">${inner}</svg>`;
    return { svg: `${outer}\n${header}\n${rows}\n</svg>`, width, height: pieceHeight, firstRow, endRow };
  };
  if (count === 0) return [{ svg, width, height, firstRow: 0, endRow: 0 }];
  const pieces: DiagramPiece[] = [];
  let first = 0;
  for (let row = 1; row <= count; row++) {
    if (row === count || rowTop[row + 1]! - rowTop[first]! > maxRowsHeight) {
      pieces.push(piece(first, row));
      first = row;
    }
  }
  return pieces;
}
