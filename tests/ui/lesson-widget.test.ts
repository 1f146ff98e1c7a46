/**
 * The WebSocket figure of the lessons (```widget websocket-frame): its frames are masked with
 * the key the inspector uses for "as WebSocket frame" (DEMO_MASKING_KEY), so a learner sees the
 * same key and bytes in the lesson and in the sandbox. The key is replaced here by another one
 * to show that the figure follows it rather than a copy of its bytes.
 */
import { render } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import { setupI18n } from '../../src/ui/i18n/bundled.ts';
import LessonWidget from '../../src/ui/lessons/LessonWidget.svelte';

vi.mock('../../src/lessons/widgets/websocket-frame.ts', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../src/lessons/widgets/websocket-frame.ts')>()),
  DEMO_MASKING_KEY: Uint8Array.of(0x01, 0x02, 0x03, 0x04),
}));

setupI18n('en');

describe('LessonWidget websocket-frame', () => {
  it('masks the browser frames with the sandbox masking key and names it in the caption', () => {
    const { container } = render(LessonWidget, { props: { name: 'websocket-frame' } });
    expect(container.querySelector('figcaption')?.textContent).toBe('MQTT packets in WebSocket frames (masking key 01 02 03 04)');
    const keys = [...container.querySelectorAll('tr')].filter((row) => row.cells[0]?.textContent === 'Masking key').map((row) => row.cells[2]?.textContent);
    expect(keys).toEqual(['01 02 03 04', '01 02 03 04']);
    // PINGREQ c0 00 XOR 01 02
    expect(container.querySelector('code.hex')?.textContent).toBe('82 82 01 02 03 04 c1 02');
  });
});
