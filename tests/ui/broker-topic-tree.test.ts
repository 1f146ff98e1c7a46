import { describe, expect, it } from 'vitest';
import { topicTree } from '../../src/ui/inspector/broker/topic-tree.ts';

describe('topic tree of the broker view', () => {
  it('nests filters by level, marks wildcards and keeps subscribers where they subscribe', () => {
    const tree = topicTree([
      { clientId: 'dashboard', filter: 'plant/+/status', qos: 1 },
      { clientId: 'logger', filter: 'plant/#', qos: 0 },
      { clientId: 'sensor', filter: 'plant/s17/cmd', qos: 2 },
      { clientId: 'app', filter: 'plant/+/status', qos: 0 },
    ]);
    expect(tree.map((n) => n.level)).toEqual(['plant']);
    const plant = tree[0]!;
    expect(plant.children.map((n) => [n.level, n.wildcard])).toEqual([
      ['+', 'single'],
      ['#', 'multi'],
      ['s17', null],
    ]);
    expect(plant.children[0]!.children[0]).toMatchObject({ level: 'status', path: 'plant/+/status', subscribers: [{ clientId: 'dashboard', qos: 1 }, { clientId: 'app', qos: 0 }] });
    expect(plant.children[1]!.subscribers).toEqual([{ clientId: 'logger', qos: 0 }]);
  });

  it('keeps empty levels and a leading slash', () => {
    const tree = topicTree([{ clientId: 'a', filter: '/x', qos: 0 }]);
    expect(tree[0]!.level).toBe('');
    expect(tree[0]!.children[0]!.path).toBe('/x');
  });
});
