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

/** The run's sequence diagram in pieces that fit a page once scaled to the page's width. */
export function solutionDiagram(run: SolutionRun, options: DiagramOptions): DiagramPiece[] {
  const { title, lang, t, pageWidth, pieceHeight } = options;
  const model = buildSequence(run.trace, run.actors, { filter: 'packets' });
  const texts = {
    title,
    rowText: (e: TraceEntry) => packetRowText(e, t, lang) ?? e.summary ?? '',
    timeText: (ms: number) => formatVirtualTime(ms, lang),
  };
  // The drawn title is shortened with … where it does not fit (sequenceSvgLayout).
  const layout = sequenceSvgLayout(model, model.rows.length, texts);
  const scale = Math.min(1, pageWidth / layout.width);
  return diagramPieces(layout, pieceHeight / scale - layout.top);
}
