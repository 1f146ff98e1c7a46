/**
 * Layout state that more than one part of the UI may change: which editor tab is open (a lesson
 * opens its own tab), and on a narrow screen which one view fills the screen.
 *
 * Narrow screens (below about 1000 px, see App.svelte) show one view at a time, picked from a
 * tab bar: stage, diagram, inspector, scenario, lesson. "scenario" and "lesson" are the editor
 * panel with that tab open, so the bar and the editor's own tabs never disagree.
 *
 * Medium screens (a landscape tablet, about 1000 to 1200 px, see App.svelte) show two columns:
 * the stage over the diagram, and beside them one side panel picked from a shorter bar: scenario,
 * lesson or inspector. The side shows the inspector while `area` is 'inspector', else the editor.
 *
 * Until the Lesson tab has been opened once in this browser, it carries a "Start here" mark: a
 * newcomer lands in a sandbox full of scenario text and is shown where the guided way begins.
 */
import { pageStorage } from './page-storage.ts';

export const EDITOR_TABS = ['scenario', 'lesson'] as const;
export type EditorTab = (typeof EDITOR_TABS)[number];

/** The views of the narrow layout, in screen order. */
export const NARROW_VIEWS = ['stage', 'sequence', 'inspector', 'scenario', 'lesson'] as const;
export type NarrowView = (typeof NARROW_VIEWS)[number];
/** The views of the medium layout's side column, in screen order. */
export const SIDE_VIEWS = ['scenario', 'lesson', 'inspector'] as const satisfies readonly NarrowView[];
/** The panel (grid area) each view shows. */
export type PanelArea = 'stage' | 'sequence' | 'inspector' | 'editor';

/** localStorage key: set once the Lesson tab was opened. */
export const LESSONS_SEEN_KEY = 'mqttlab.lessonsSeen';

function lessonsSeenBefore(): boolean {
  const storage = typeof window === 'undefined' ? null : pageStorage();
  // No storage: never show a mark that could not be remembered as gone.
  return storage === null || storage.getItem(LESSONS_SEEN_KEY) === '1';
}

export class Workspace {
  editorTab = $state<EditorTab>('scenario');
  /** The panel a narrow screen shows. */
  area = $state<PanelArea>('stage');
  /** True until the Lesson tab is opened for the first time in this browser (the "Start here" mark). */
  lessonsNew = $state(!lessonsSeenBefore());

  /** The narrow screen's current view: the shown panel, or the editor's open tab. */
  get view(): NarrowView {
    return this.area === 'editor' ? this.editorTab : this.area;
  }

  /** The medium screen's side view: the inspector when it is the shown panel, else the editor's open tab. */
  get sideView(): NarrowView {
    return this.area === 'inspector' ? 'inspector' : this.editorTab;
  }

  openEditorTab(tab: EditorTab): void {
    this.editorTab = tab;
    if (tab === 'lesson') this.#lessonsSeen();
  }

  /** Show `view` on a narrow screen (an editor tab also opens in the editor panel). */
  showView(view: NarrowView): void {
    if (view === 'scenario' || view === 'lesson') {
      this.openEditorTab(view);
      this.area = 'editor';
    } else {
      this.area = view;
    }
  }

  #lessonsSeen(): void {
    if (!this.lessonsNew) return;
    this.lessonsNew = false;
    try {
      pageStorage()?.setItem(LESSONS_SEEN_KEY, '1');
    } catch {
      // storage full: the mark stays away for this visit
    }
  }
}
