/**
 * The located tree: a model as nodes that remember the file:line:col where they were written, and what
 * is done to it without any YAML — merging an `extends` chain, reading it back as plain data, replacing
 * or finding the node at a path. A model given as a plain object becomes such a tree too.
 */
import { clip, issueAt, type InputIssue, type Pos } from './issues.js';
import * as msg from './messages.js';

export interface MapEntry {
  readonly keyPos: Pos;
  readonly node: LNode;
}
/** A YAML value with its position; `text` is the value as written (first line, shortened). */
export type LNode =
  | { readonly t: 'map'; readonly pos: Pos; readonly text: string; readonly entries: ReadonlyMap<string, MapEntry> }
  | { readonly t: 'seq'; readonly pos: Pos; readonly text: string; readonly items: readonly LNode[] }
  | { readonly t: 'scalar'; readonly pos: Pos; readonly text: string; readonly value: unknown };

export type PathSeg = string | number;

/** Deepest nesting of a tree: past it a node is an issue (and null). */
export const MAX_TREE_DEPTH = 64;
/** Most nodes in a tree: aliases (or shared objects) could otherwise expand exponentially. */
export const MAX_TREE_NODES = 100_000;

export function scalarAt(pos: Pos, value: unknown, text: string): LNode {
  return { t: 'scalar', pos, text, value };
}

/**
 * Child over parent: maps merge key by key, lists and scalars replace, and a map whose `kind` or `mode`
 * differs from the parent's replaces the parent's map wholesale (so a `fixed` placement keeps no `windows`).
 */
export function merge(parent: LNode, child: LNode): LNode {
  if (parent.t !== 'map' || child.t !== 'map' || switchesKind(parent, child)) return child;
  const entries = new Map(parent.entries);
  for (const [key, c] of child.entries) {
    const p = entries.get(key);
    entries.set(key, p === undefined ? c : { keyPos: c.keyPos, node: merge(p.node, c.node) });
  }
  return { ...child, entries };
}

function switchesKind(parent: LNode & { t: 'map' }, child: LNode & { t: 'map' }): boolean {
  return ['kind', 'mode'].some((k) => {
    const c = child.entries.get(k)?.node;
    const p = parent.entries.get(k)?.node;
    return c?.t === 'scalar' && p?.t === 'scalar' && c.value !== p.value;
  });
}

/** The plain JavaScript value of a located tree (own properties only, so `__proto__` stays a key). */
export function toPlain(n: LNode): unknown {
  if (n.t === 'scalar') return n.value;
  if (n.t === 'seq') return n.items.map(toPlain);
  return Object.fromEntries([...n.entries].map(([k, e]) => [k, toPlain(e.node)]));
}

/**
 * A copy of `root` with the node at `path` replaced by `node` (untouched branches shared). Every step of
 * the path must exist except the last key of a map, which is added.
 * @throws RangeError naming the first step that is missing
 */
export function setAt(root: LNode, path: readonly PathSeg[], node: LNode): LNode {
  const [seg, ...rest] = path;
  if (seg === undefined) return node;
  if (root.t === 'map' && typeof seg === 'string') {
    const entry = root.entries.get(seg);
    if (entry === undefined && rest.length > 0) throw new RangeError(`no ${seg} at ${root.pos.file}:${root.pos.line}`);
    const entries = new Map(root.entries);
    entries.set(seg, { keyPos: entry?.keyPos ?? node.pos, node: entry ? setAt(entry.node, rest, node) : node });
    return { ...root, entries };
  }
  if (root.t === 'seq' && typeof seg === 'number' && seg < root.items.length) {
    const items = [...root.items];
    items[seg] = setAt(items[seg] as LNode, rest, node);
    return { ...root, items };
  }
  throw new RangeError(`no ${String(seg)} at ${root.pos.file}:${root.pos.line}`);
}

/** The node at a path, or the deepest node on the way (`found: false`) with the key position if known. */
export function locate(root: LNode, path: readonly PathSeg[]): { node: LNode; found: boolean; keyPos?: Pos } {
  let node = root;
  let keyPos: Pos | undefined;
  for (const seg of path) {
    const next = node.t === 'map' ? node.entries.get(String(seg)) : undefined;
    const item = node.t === 'seq' && typeof seg === 'number' ? node.items[seg] : undefined;
    if (next !== undefined) [node, keyPos] = [next.node, next.keyPos];
    else if (item !== undefined) [node, keyPos] = [item, undefined];
    else return keyPos === undefined ? { node, found: false } : { node, found: false, keyPos };
  }
  return keyPos === undefined ? { node, found: true } : { node, found: true, keyPos };
}

/** `['capacities', 1, 'ceiling']` → `capacities[1].ceiling`. */
export function formatPath(path: readonly PathSeg[]): string {
  return path.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');
}

/** `capacities[1].ceiling` → `['capacities', 1, 'ceiling']`. */
export function parsePath(path: string): PathSeg[] {
  return [...path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)].map((m) => (m[2] === undefined ? (m[1] ?? '') : Number(m[2])));
}

/**
 * The located tree of a model given as a plain object. An object has no lines, so every node is placed
 * at `file`:1:1 and its issues are told apart by their paths. Arrays are lists and plain objects
 * (prototype Object or null) maps; a key whose value is `undefined` is left out, as JSON would; any
 * other value is a scalar for the schema to accept or refuse. Nesting deeper than MAX_TREE_DEPTH (a
 * cycle, say) or more than MAX_TREE_NODES nodes (one object shared many times) is an issue, as in YAML.
 */
export function treeFromValue(value: unknown, file: string): { root: LNode; issues: InputIssue[] } {
  const pos: Pos = { file, line: 1, col: 1 };
  const issues: InputIssue[] = [];
  let budget = MAX_TREE_NODES;
  const build = (v: unknown, path: PathSeg[]): LNode => {
    const text = written(v);
    budget -= 1;
    if (path.length > MAX_TREE_DEPTH || budget < 0) {
      if (path.length > MAX_TREE_DEPTH || budget === -1) {
        issues.push(issueAt(pos, formatPath(path), path.length > MAX_TREE_DEPTH ? msg.tooDeep(MAX_TREE_DEPTH) : msg.tooLarge(MAX_TREE_NODES)));
      }
      return scalarAt(pos, null, text);
    }
    if (Array.isArray(v)) return { t: 'seq', pos, text, items: v.map((item, i) => build(item, [...path, i])) };
    if (!isPlainObject(v)) return scalarAt(pos, v, text);
    const entries = new Map<string, MapEntry>();
    for (const [key, item] of Object.entries(v)) if (item !== undefined) entries.set(key, { keyPos: pos, node: build(item, [...path, key]) });
    return { t: 'map', pos, text, entries };
  };
  const root = build(value, []);
  return { root, issues };
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** A value as an issue shows it: text quoted and cut, lists and maps abbreviated. */
function written(v: unknown): string {
  if (typeof v === 'string') return clip(JSON.stringify(v), 60);
  if (Array.isArray(v)) return '[…]';
  if (isPlainObject(v)) return '{…}';
  if (typeof v === 'function') return 'a function';
  if (typeof v === 'object' && v !== null) return Object.prototype.toString.call(v);
  return String(v);
}
