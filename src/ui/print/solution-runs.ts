/**
 * The worksheet's diagrams, loaded lazily with the sheet (they need the scenario kernel): the
 * solution of each exercise run headless to the exercise's end (as the checker runs it), and
 * its sequence diagram (packets only: packet-row-text.ts) in the sheet's language, cut into page-sized pieces.
 */
import { exerciseEnd } from '../../lessons/check.ts';
import type { Exercise, LessonLang } from '../../lessons/lesson-model.ts';
import { runScenario } from '../../scenario/run.ts';
import type { TraceEntry } from '../../sim/trace.ts';
import { formatVirtualTime } from '../format/virtual-time.ts';
import { sequenceSvgLayout } from '../sequence/export-svg.ts';
import { buildSequence } from '../sequence/model.ts';
import type { Translate } from '../format/state-name.ts';
import { packetRowText } from '../sequence/packet-row-text.ts';
import { diagramPieces, type DiagramPiece } from './diagram-pieces.ts';

export interface SolutionRun {
  trace: readonly TraceEntry[];
  actors: readonly string[];
}

export function solutionRun(exercise: Exercise): SolutionRun {
  const run = runScenario(exercise.solution, { end: exerciseEnd(exercise.start) });
  return { trace: run.trace, actors: run.world ? [...run.world.statics.defs.keys()] : [] };
}

export interface DiagramOptions {
  title: string;
  lang: LessonLang;
  /** svelte-i18n's `$_` in the sheet's language. */
  t: Translate;
  /** Width of a page's text area and the height a piece may take there, in CSS px. */
  pageWidth: number;
  pieceHeight: number;
}

/** Width of one character of the diagram's title (14 px bold), generously: a title measured with it is not cut. */
const TITLE_CHAR_PX = 9.5;

/** `title`, shortened with "…" to fit a diagram `width` px wide (its title is one line of SVG text, cut at the edge). */
export function fitTitle(title: string, width: number): string {
  const max = Math.max(2, Math.floor((width - 16) / TITLE_CHAR_PX));
  return title.length <= max ? title : `${title.slice(0, max - 1).trimEnd()}…`;
}

/** The run's sequence diagram in pieces that fit a page once scaled to the page's width. */
export function solutionDiagram(run: SolutionRun, options: DiagramOptions): DiagramPiece[] {
  const { title, lang, t, pageWidth, pieceHeight } = options;
  const model = buildSequence(run.trace, run.actors, { filter: 'packets' });
  const texts = {
    title,
    rowText: (e: TraceEntry) => packetRowText(e, t, lang) ?? e.summary ?? '',
    timeText: (ms: number) => formatVirtualTime(ms, lang),
  };
  let layout = sequenceSvgLayout(model, model.rows.length, texts);
  const fitted = fitTitle(title, layout.width);
  if (fitted !== title) layout = sequenceSvgLayout(model, model.rows.length, { ...texts, title: fitted });
  const scale = Math.min(1, pageWidth / layout.width);
  return diagramPieces(layout, pieceHeight / scale - layout.top);
}
