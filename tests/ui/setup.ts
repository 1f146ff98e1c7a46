// Component tests: unmount whatever a test rendered, so the next one starts from an empty body.
// (Do not add @testing-library/svelte's svelteTesting() Vite plugin: see /work/shared/STACK.md.)
import { cleanup } from '@testing-library/svelte';
import { afterEach } from 'vitest';

afterEach(() => {
  cleanup();
  localStorage.clear();
});
