/**
 * Layout state that more than one part of the UI may change: which editor tab is open (a lesson
 * will open its own tab; the inspector will react to the selected packet, later).
 */
export const EDITOR_TABS = ['scenario', 'lesson'] as const;
export type EditorTab = (typeof EDITOR_TABS)[number];

export class Workspace {
  editorTab = $state<EditorTab>('scenario');

  openEditorTab(tab: EditorTab): void {
    this.editorTab = tab;
  }
}
