/**
 * The stage's parts that the app loads once a scenario is loaded (one lazy chunk, not part of
 * the first bundle): the drawing, its header controls and their view state, and the grouping
 * of crowds. Imported only through `import()` by src/ui/panels/StagePanel.svelte.
 */
export { default as Stage } from './Stage.svelte';
export { default as StageToolbar } from './StageToolbar.svelte';
export { StageView } from './zoom.svelte.ts';
export { groupClients } from '../client-groups.ts';
