/**
 * The message above the scenario editor: which one (`NoticeKey`, texts in the i18n files under
 * `scenario.notice.*`), its tone and parameters. Kept as key and parameters and translated when
 * shown, so it follows the language switch.
 */
import type { Diagnostic } from '../../scenario/index.ts';
import type { InEachLocale } from '../i18n/index.ts';

export type NoticeKey =
  | 'runBlocked'
  | 'runFailed'
  | 'runLive'
  | 'linkOpened'
  | 'linkCorrupt'
  | 'linkUnloaded'
  | 'exampleOpened'
  | 'imported'
  | 'importFailed'
  | 'restored'
  | 'saveFailed'
  | 'shareReady'
  | 'shareCopy'
  | 'shareFailed'
  | 'kernelFailed';

/**
 * A message above the editor. A parameter that is itself language-dependent (a lesson's title)
 * is given in every locale.
 */
export interface Notice {
  key: NoticeKey;
  tone: 'error' | 'info' | 'success';
  params: Record<string, string | number | InEachLocale>;
  /** For `runBlocked`: the first error (its message is shown in the UI language). */
  diagnostic?: Diagnostic;
  /** For link and import problems: a key under `scenario.problem.*`. */
  problem?: string;
  /** Offer "Undo": bring back the text that was replaced. */
  undo?: boolean;
  /** Offer "Reload": a part of the app did not load (`kernelFailed`, `linkUnloaded`). */
  reload?: boolean;
  /** For `shareReady`: the link. */
  link?: string;
}
