/**
 * Groups of clients for crowded views: `sensor-001` … `sensor-200` become one "sensor × 200"
 * node on the stage and one column in the sequence diagram, which opens on request.
 *
 * Clients are grouped by name pattern: the name without its trailing number (and the `-`, `_`
 * or `.` before it) is the group's stem. Only a crowd is grouped (more than `GROUP_FROM`
 * clients), and only stems shared by at least `GROUP_MIN` clients; the others stay single.
 * Pure and deterministic: the same names always give the same groups, in the order their first
 * member was declared.
 */

/** Up to this many clients, every client has a node and a column of its own. */
export const GROUP_FROM = 30;
/** A stem shared by fewer clients than this is no group. */
export const GROUP_MIN = 3;

export interface ClientGroup {
  /** Unique key (`group:sensor`): never a client name, which has no `:`. */
  key: string;
  /** The shared stem (`sensor`). */
  stem: string;
  /** Member names, in declaration order. */
  members: string[];
}

/** One thing to draw: a client of its own, or a group (collapsed). */
export type CrowdItem = { kind: 'client'; key: string } | { kind: 'group'; key: string; group: ClientGroup };

export interface Grouping {
  groups: ClientGroup[];
  /** The group of each grouped client. */
  groupOf: ReadonlyMap<string, ClientGroup>;
}

const TRAILING_NUMBER = /[-_.]?\d+$/;

/** The stem of a name: `sensor-017` -> `sensor`, `room12` -> `room`, `gateway` -> `gateway`. */
export function nameStem(name: string): string {
  const stem = name.replace(TRAILING_NUMBER, '');
  return stem === '' ? name : stem;
}

/** The groups among `names` (none when there are at most `GROUP_FROM`). */
export function groupClients(names: readonly string[]): Grouping {
  const groupOf = new Map<string, ClientGroup>();
  if (names.length <= GROUP_FROM) return { groups: [], groupOf };
  const byStem = new Map<string, string[]>();
  for (const name of names) {
    const stem = nameStem(name);
    const members = byStem.get(stem);
    if (members) members.push(name);
    else byStem.set(stem, [name]);
  }
  const groups: ClientGroup[] = [];
  for (const [stem, members] of byStem) {
    if (members.length < GROUP_MIN) continue;
    const group = { key: `group:${stem}`, stem, members };
    groups.push(group);
    for (const m of members) groupOf.set(m, group);
  }
  return { groups, groupOf };
}

/**
 * What to draw, in declaration order: each single client, each collapsed group at the place
 * of its first member, and the members of each group in `expanded` (group keys) one by one.
 */
export function crowdItems(names: readonly string[], grouping: Grouping, expanded: ReadonlySet<string>): CrowdItem[] {
  const items: CrowdItem[] = [];
  const seen = new Set<string>();
  for (const name of names) {
    const group = grouping.groupOf.get(name);
    if (!group || expanded.has(group.key)) items.push({ kind: 'client', key: name });
    else if (!seen.has(group.key)) {
      seen.add(group.key);
      items.push({ kind: 'group', key: group.key, group });
    }
  }
  return items;
}

/** The key a client is drawn under: its own name, or its collapsed group's key. */
export function itemKeyOf(name: string, grouping: Grouping, expanded: ReadonlySet<string>): string {
  const group = grouping.groupOf.get(name);
  return group && !expanded.has(group.key) ? group.key : name;
}
