/**
 * Opens the worksheet of a lesson or of one exercise (Worksheet.svelte, loaded on first use) as
 * a view of its own over the app, mounted at the end of the page: while it is open, printing
 * (the browser's Print, or "Save as PDF") shows the sheet and nothing else. One at a time.
 */
import { loadChunk } from '../chunks/load-chunk.ts';
import { mount, unmount } from 'svelte';
import type { Exercise, GlossaryEntry, Lesson, LessonLang } from '../../lessons/lesson-model.ts';

/**
 * A lesson (its text and every exercise), one exercise of a lesson, or one exercise of no
 * lesson (an exercise link's, src/ui/teacher/: the sheet then names no lesson).
 */
export type WorksheetRequest = ({ lesson: Lesson; exercise?: Exercise } | { lesson?: Lesson; exercise: Exercise }) & {
  lang: LessonLang;
  glossary: (id: string) => GlossaryEntry | undefined;
};

let open: { component: Record<string, unknown>; target: HTMLElement; returnFocus: Element | null } | undefined;

export function closeWorksheet(): void {
  if (!open) return;
  const { component, target, returnFocus } = open;
  open = undefined;
  void unmount(component);
  target.remove();
  delete document.documentElement.dataset.worksheet;
  if (returnFocus instanceof HTMLElement) returnFocus.focus();
}

/** Opens the sheet; false (nothing opened) when its code did not arrive after `loadChunk`'s retries. */
export async function openWorksheet(request: WorksheetRequest): Promise<boolean> {
  let Worksheet: typeof import('./Worksheet.svelte').default;
  try {
    ({ default: Worksheet } = await loadChunk(() => import('./Worksheet.svelte')));
  } catch {
    return false;
  }
  const returnFocus = open?.returnFocus ?? document.activeElement;
  closeWorksheet();
  const target = document.createElement('div');
  target.className = 'worksheet-root';
  document.body.append(target);
  document.documentElement.dataset.worksheet = 'open';
  const component = mount(Worksheet, { target, props: { ...request, onclose: closeWorksheet } });
  open = { component, target, returnFocus };
  return true;
}
