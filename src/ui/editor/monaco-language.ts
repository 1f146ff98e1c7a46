/**
 * Monaco's own texts in the UI language: the hover's "View Problem" and "Quick Fix…", "No
 * suggestions.", the find widget, the context menu's Cut / Copy / Paste.
 *
 * Monaco looks each of its texts up by number in `globalThis._VSCODE_NLS_MESSAGES`, with the
 * English text built in for when that table is unset. monaco-editor ships a German table for
 * exactly its version (`monaco-editor/nls/lang/de.js`, which sets the global when it runs), a
 * chunk of its own loaded only for German. Texts Monaco makes when they are shown (hovers, the
 * widgets' messages) follow a later language switch; the few it makes once while it loads (the
 * context menu's labels) keep the language the editor was opened in.
 */
import type { Lang } from '../../scenario/options.ts';
import { loadChunk } from '../chunks/load-chunk.ts';

type NlsGlobal = { _VSCODE_NLS_MESSAGES?: readonly string[]; _VSCODE_NLS_LANGUAGE?: string };

let german: readonly string[] | undefined;

/** Point Monaco's text lookup at `lang` (loading the German table the first time). */
export async function useMonacoLanguage(lang: Lang): Promise<void> {
  const nls = globalThis as NlsGlobal;
  if (lang === 'de') {
    if (!german) {
      await loadChunk(() => import('./monaco-nls-de.ts'));
      german = nls._VSCODE_NLS_MESSAGES;
    }
    nls._VSCODE_NLS_MESSAGES = german;
    nls._VSCODE_NLS_LANGUAGE = 'de';
  } else {
    delete nls._VSCODE_NLS_MESSAGES;
    delete nls._VSCODE_NLS_LANGUAGE;
  }
}
