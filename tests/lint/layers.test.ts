import { describe, expect, it } from 'vitest';
import { ESLint } from 'eslint';
import path from 'node:path';

const eslint = new ESLint({ cwd: process.cwd() });

async function problems(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.resolve(file) });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'layers/direction' || m.ruleId?.startsWith('no-restricted')).map((m) => m.message);
}

// The first lint loads the whole ESLint configuration (TypeScript and Svelte parsers): seconds on a busy machine.
describe('the layer rule of ARCHITECTURE.md', { timeout: 60_000 }, () => {
  it('lets the codec import nothing from the project above it', async () => {
    expect(await problems('src/core/codec/x.ts', "import { a } from '../mqtt/index.ts';\nexport const b = a;\n")).toEqual([
      "layer 'core/codec' may not import from 'core/mqtt' (see ARCHITECTURE.md, Layers)",
    ]);
  });

  it('forbids importing ui or node from the simulation', async () => {
    const found = await problems('src/sim/x.ts', "import { a } from '../ui/state.ts';\nimport { b } from '../node/cli.ts';\nexport const c = [a, b];\n");
    expect(found).toHaveLength(2);
  });

  it('allows the arrows that the architecture draws', async () => {
    expect(await problems('src/sim/x.ts', "import { a } from '../core/codec/index.ts';\nimport { setup } from 'xstate';\nexport const c = [a, setup];\n")).toEqual([]);
    expect(await problems('src/node/x.ts', "import net from 'node:net';\nimport { a } from '../sim/world.ts';\nexport const c = [net, a];\n")).toEqual([]);
  });

  it('keeps Node built-ins, Buffer and the wall clock out of code that runs in the browser', async () => {
    const found = await problems('src/core/broker/x.ts', "import fs from 'node:fs';\nexport const a = [fs, Buffer.from('x'), Date.now(), Math.random()];\n");
    expect(found).toHaveLength(4);
  });

  it('keeps packages out of the codec', async () => {
    expect(await problems('src/core/codec/x.ts', "import { setup } from 'xstate';\nexport const a = setup;\n")).toEqual(["layer 'core/codec' may not import the package 'xstate'"]);
  });

  it('lets the UI reach localStorage only through pageStorage() (it throws where the browser blocks it)', async () => {
    const code = "export const a = window.localStorage;\nexport const b = localStorage.getItem('x');\n";
    expect(await problems('src/ui/sequence/x.svelte.ts', code)).toHaveLength(2);
    expect(await problems('src/ui/state/page-storage.ts', code)).toEqual([]);
    expect(await problems('src/ui/sequence/x.svelte.ts', "import { pageStorage } from '../state/page-storage.ts';\nexport const a = pageStorage()?.getItem('x');\n")).toEqual([]);
  });
});
