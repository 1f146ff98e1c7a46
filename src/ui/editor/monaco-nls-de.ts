/** Monaco's German text table (it sets `globalThis._VSCODE_NLS_MESSAGES` when it runs): a chunk of its own, see monaco-language.ts. */
import 'monaco-editor/nls/lang/de.js';
