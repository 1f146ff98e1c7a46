/**
 * The lesson folder's files as Vite's lazy loaders (one chunk per file), in a module of its own
 * that `loadLessonRuntime` imports with `import()`: the map of several hundred file names stays
 * out of the app's first bundle. Teacher notes are not loaded by the app (`npm run teacher:notes`
 * prints them), so they are left out.
 */
export const lessonFileLoaders = import.meta.glob<string>(['/lessons/**/*', '!/lessons/**/teacher.*.md'], { query: '?raw', import: 'default' });
