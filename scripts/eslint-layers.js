/**
 * ESLint rule `layers/direction`: enforces the import arrows of ARCHITECTURE.md.
 *
 * Every file under `src/` belongs to one layer (the longest matching folder below). A relative
 * import is resolved and must land in the same layer or in one the layer may import; a bare
 * import (a package) must be on the layer's list of allowed packages. `node:` built-ins are
 * allowed only in `src/node`, so that core, sim and scenario run unchanged in the browser.
 */
import path from 'node:path';

const SRC = path.resolve(import.meta.dirname, '..', 'src');

/** layer -> { may: layers it may import, packages: allowed bare imports (prefixes) } */
export const LAYERS = {
  'core/codec': { may: [], packages: [] },
  'core/mqtt': { may: ['core/codec'], packages: [] },
  'core/client': { may: ['core/codec', 'core/mqtt'], packages: ['xstate', 'immutable'] },
  'core/broker': { may: ['core/codec', 'core/mqtt'], packages: ['xstate', 'immutable'] },
  sim: { may: ['core/codec', 'core/mqtt', 'core/client', 'core/broker'], packages: ['xstate', 'immutable'] },
  scenario: { may: ['core/codec', 'core/mqtt', 'core/client', 'core/broker', 'sim'], packages: ['xstate', 'fflate', '@noble/hashes'] },
  lessons: { may: ['core/codec', 'core/mqtt', 'core/client', 'core/broker', 'sim', 'scenario'], packages: ['xstate', 'fflate', '@noble/hashes'] },
  ui: { may: ['core/codec', 'core/mqtt', 'core/client', 'core/broker', 'sim', 'scenario', 'lessons'], packages: ['*'] },
  node: { may: ['core/codec', 'core/mqtt', 'core/client', 'core/broker', 'sim', 'scenario', 'lessons'], packages: ['*', 'node:'] },
};

const ORDERED = Object.keys(LAYERS).sort((a, b) => b.length - a.length);

/** The layer of an absolute path under src/, or null (src/main.ts and friends belong to ui). */
export function layerOf(file) {
  const rel = path.relative(SRC, file).split(path.sep).join('/');
  if (rel.startsWith('..')) return null;
  for (const layer of ORDERED) if (rel === layer || rel.startsWith(layer + '/')) return layer;
  return 'ui';
}

/** @type {import('eslint').Rule.RuleModule} */
const direction = {
  meta: {
    type: 'problem',
    docs: { description: 'Imports follow the layer arrows of ARCHITECTURE.md' },
    schema: [],
  },
  create(context) {
    const file = context.filename;
    const from = layerOf(file);
    if (from === null) return {};
    const rules = LAYERS[from];
    function check(node, source) {
      if (typeof source !== 'string') return;
      if (source.startsWith('.')) {
        const to = layerOf(path.resolve(path.dirname(file), source));
        if (to === null || to === from || rules.may.includes(to)) return;
        context.report({ node, message: `layer '${from}' may not import from '${to}' (see ARCHITECTURE.md, Layers)` });
        return;
      }
      if (source.startsWith('node:')) {
        if (rules.packages.includes('node:')) return;
        context.report({ node, message: `layer '${from}' must run in the browser: no '${source}'` });
        return;
      }
      if (rules.packages.includes('*')) return;
      const ok = rules.packages.some((p) => source === p || source.startsWith(p + '/'));
      if (!ok) context.report({ node, message: `layer '${from}' may not import the package '${source}'` });
    }
    return {
      ImportDeclaration: (node) => check(node, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
      ExportAllDeclaration: (node) => check(node, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node, node.source.value),
    };
  },
};

export default { rules: { direction } };
