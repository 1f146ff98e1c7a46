/**
 * The whole sequence diagram (up to the cursor) as a standalone SVG document: fixed colours on
 * white, system fonts, no scripts, every text escaped. For worksheets and slides.
 *
 * The text column is narrow enough for A4 with a few clients (`TEXT_W`), and a row's text
 * wraps onto more lines instead of running past the edge (`wrapText`, by an upper bound of
 * the width of a character at 11 px), so rows are as tall as their text.
 */
import type { TraceEntry } from '../../sim/trace.ts';
import { shortName } from '../stage/layout.ts';
import { PACKET_COLOURS, packetGroup } from '../packet-style.ts';
import { HEADER_H, ROW_H, TIME_W, arrowEndX, arrowHead, arrowLabelX, laneGap, laneX, lanesWidth } from './geometry.ts';
import type { SequenceModel } from './model.ts';

const TEXT_W = 340;
/** Wider than the average character of system-ui at 11 px (about 6 px), so a wrapped line never runs past. */
const CHAR_W = 6.6;
const LINE_H = 13;
/**
 * Wider than a character of an arrow label (system-ui at 10 px) in Chromium, capitals included
 * (`CONNECT`: 7.16 px a character), so a label placed by this width stays whole wherever the SVG
 * is opened with a similar font.
 */
const LABEL_CHAR_W = 7.2;

/**
 * `text` in lines of at most `maxChars` characters, broken at spaces (a longer word is cut
 * into pieces).
 */
export function wrapText(text: string, maxChars: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    let rest = word;
    while (rest.length > maxChars) {
      if (line) lines.push(line);
      lines.push(rest.slice(0, maxChars));
      rest = rest.slice(maxChars);
      line = '';
    }
    if (!line) line = rest;
    else if (line.length + 1 + rest.length <= maxChars) line += ` ${rest}`;
    else {
      lines.push(line);
      line = rest;
    }
  }
  if (line || lines.length === 0) lines.push(line);
  return lines;
}

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

export interface ExportTexts {
  title: string;
  rowText: (e: TraceEntry) => string;
  timeText: (ms: number) => string;
}

export function sequenceSvg(model: SequenceModel, count: number, texts: ExportTexts): string {
  return sequenceSvgLayout(model, count, texts).svg;
}

/** The SVG and where its parts are: for cutting it into pieces between rows (worksheets, src/ui/print/). */
export interface SequenceSvgLayout {
  svg: string;
  width: number;
  height: number;
  /** Where the first row starts (above it: the title and the lane names). */
  top: number;
  /** Where each row starts; `rowTop[count]` is where the last one ends. */
  rowTop: number[];
}

/** Width of one character of the diagram's title (14 px bold), generously: a title measured with it is not cut. */
const TITLE_CHAR_PX = 9.5;

/** `title`, shortened with "…" to fit a diagram `width` px wide (its title is one line of SVG text, cut at the edge). */
export function fitTitle(title: string, width: number): string {
  const max = Math.max(2, Math.floor((width - 16) / TITLE_CHAR_PX));
  return title.length <= max ? title : `${title.slice(0, max - 1).trimEnd()}…`;
}

export function sequenceSvgLayout(model: SequenceModel, count: number, texts: ExportTexts): SequenceSvgLayout {
  const n = model.lanes.length;
  const lw = lanesWidth(n);
  const width = TIME_W + lw + TEXT_W;
  const top = HEADER_H + 24;
  const maxChars = Math.floor((TEXT_W - 16) / CHAR_W);
  const lines = model.rows.slice(0, count).map((e) => wrapText(texts.rowText(e), maxChars));
  // Each row as tall as its text; rowTop[row] is where it starts (rowTop[count]: the end).
  const rowTop = [top];
  for (let row = 0; row < count; row++) rowTop.push(rowTop[row]! + Math.max(ROW_H, lines[row]!.length * LINE_H + 9));
  const height = rowTop[count]! + 10;
  const x = (lane: number) => TIME_W + laneX(lane, n);
  /** The middle of a row's first line (marks and arrows end there); fractions run on into the next row. */
  const y = (row: number) => {
    const whole = Math.floor(row);
    const start = rowTop[Math.min(whole, count)]!;
    const next = rowTop[Math.min(whole + 1, count)] ?? start;
    return start + ROW_H / 2 + (row - whole) * (next - start);
  };
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, sans-serif" font-size="11">`);
  out.push(`<title>${escapeXml(texts.title)}</title>`);
  out.push(`<rect width="${width}" height="${height}" fill="#ffffff"/>`);
  // One line, shortened with "…" where it would be cut at the edge (the SVG's <title> above keeps it whole).
  out.push(`<text x="8" y="18" font-size="14" font-weight="600" fill="#1b2230">${escapeXml(fitTitle(texts.title, width))}</text>`);
  model.lanes.forEach((lane, i) => {
    out.push(`<line x1="${x(i)}" y1="${top - 6}" x2="${x(i)}" y2="${height - 4}" stroke="#b9c1cc" stroke-dasharray="3 3"/>`);
    // At most one lane wide (about 6.5 px a character at 11 px bold), the full name as tooltip.
    const shown = shortName(model.laneLabels[i] ?? lane, Math.max(4, Math.floor((laneGap(n) - 6) / 6.5)));
    out.push(`<text x="${x(i)}" y="${top - 10}" text-anchor="middle" font-weight="600" fill="#1b2230"><title>${escapeXml(model.laneLabels[i] ?? lane)}</title>${escapeXml(shown)}</text>`);
  });
  let lastTime = -1;
  for (let row = 0; row < count; row++) {
    const e = model.rows[row]!;
    if (e.atMs !== lastTime) {
      out.push(`<text x="${TIME_W - 8}" y="${y(row) + 4}" text-anchor="end" fill="#5a6475" font-family="monospace" font-size="10">${escapeXml(texts.timeText(e.atMs))}</text>`);
      lastTime = e.atMs;
    }
    const tspans = lines[row]!.map((line, i) => `<tspan x="${TIME_W + lw + 8}" dy="${i === 0 ? 0 : LINE_H}">${escapeXml(line)}</tspan>`).join('');
    out.push(`<text x="${TIME_W + lw + 8}" y="${y(row) + 4}" fill="#1b2230">${tspans}</text>`);
    if (e.kind !== 'send' && e.kind !== 'deliver' && e.kind !== 'drop') {
      const colour = e.kind === 'app' ? PACKET_COLOURS.ack.light : e.kind === 'command' ? '#1f63c6' : '#5a6475';
      out.push(`<circle cx="${x(model.rowLane[row]!)}" cy="${y(row)}" r="3.5" fill="${e.kind === 'app' ? colour : '#ffffff'}" stroke="${colour}"/>`);
    }
  }
  for (const a of model.arrows) {
    if (a.startRow >= count) break;
    const colour = PACKET_COLOURS[packetGroup(a.packetType)].light;
    const x1 = x(a.from);
    const y1 = y(a.startRow);
    const done = a.endRow !== undefined && a.endRow < count;
    const endRow = done ? a.endRow! : count - 0.5;
    const x2 = done ? arrowEndX(x1, x(a.to), a.dropped) : x1 + (x(a.to) - x1) * Math.min(1, (count - 0.5 - a.startRow) / Math.max(1, (a.endRow ?? model.rows.length) - a.startRow));
    const y2 = done ? y(endRow) : y(endRow) - ROW_H / 2;
    out.push(`<line x1="${x1}" y1="${y1}" x2="${x2}" y2="${y2}" stroke="${colour}" stroke-width="1.6"${done ? '' : ' stroke-dasharray="4 3"'}/>`);
    if (done && a.dropped) {
      out.push(`<path d="M${x2 - 5} ${y2 - 5}L${x2 + 5} ${y2 + 5}M${x2 + 5} ${y2 - 5}L${x2 - 5} ${y2 + 5}" stroke="${PACKET_COLOURS.disconnect.light}" stroke-width="2"/>`);
    } else if (done) {
      out.push(`<path d="${arrowHead(x1, y1, x2, y2)}" fill="${colour}"/>`);
    }
    // Over its arrow, moved inwards where it would run past the lanes (over the times or the rows' text), as on screen.
    const labelX = TIME_W + arrowLabelX((x1 + x2) / 2 - TIME_W, a.label.length * LABEL_CHAR_W, lw);
    out.push(`<text x="${labelX}" y="${(y1 + y2) / 2 - 4}" text-anchor="middle" fill="${colour}" font-size="10" stroke="#ffffff" stroke-width="3" paint-order="stroke">${escapeXml(a.label)}</text>`);
  }
  out.push('</svg>');
  return { svg: out.join('\n'), width, height, top, rowTop };
}
