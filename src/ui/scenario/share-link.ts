/**
 * Share links of the scenario editor: the codec lives in src/scenario/link-codec.ts (exercise
 * links use it too). Load this module with `import()` so the app shell stays small (fflate).
 */
export * from '../../scenario/link-codec.ts';
