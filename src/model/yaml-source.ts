/**
 * YAML model files → one located tree: every node remembers the file:line:col where it was written, also
 * after an `extends` chain has been merged, so that a path like `capacities[1].ceiling.value` maps back to
 * the place a user must edit.
 */
import { dirname, resolve } from 'node:path';
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, visit, type Alias, type Document, type Node } from 'yaml';
import { clip, displayPath, issueAt, MAX_YAML_BYTES, readText, type InputIssue, type Pos } from './issues.js';
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

export interface ModelSource {
  /** The merged tree; undefined when a file could not be read or parsed, or `extends` is broken. */
  readonly root: LNode | undefined;
  /** Every model file read, the requested one first, absolute paths. */
  readonly files: readonly string[];
  readonly issues: readonly InputIssue[];
}

const MAX_DEPTH = 64;
const MAX_NODES = 100_000;
/**
 * Flow brackets (`[` `{`) nested deeper than this are refused before the YAML parser sees the text: it
 * takes tens of microseconds per level and then overflows its stack. Any depth past MAX_DEPTH is an
 * error anyway; the margin only allows for stray unbalanced brackets in plain text.
 */
const MAX_FLOW_DEPTH = 256;
/** Top-level keys of a model file: a file with none of them is not a model (see `notADocument`). */
const MODEL_KEYS = ['scenario', 'extends', 'title', 'seed', 'data', 'day', 'workload', 'placement', 's1sps', 'behaviour', 'seedShares', 'capacities', 'costs'] as const;
const DECIMAL = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

/**
 * Loads a model file and the files it `extends`, child values overriding parent values. `namedAt` is the
 * `extends` value that named this file: a file that cannot be read is reported there.
 */
export async function loadModelSource(absFile: string, chain: readonly string[] = [], namedAt?: Pos): Promise<ModelSource> {
  const read = await readText(absFile, MAX_YAML_BYTES, msg.yamlTooLarge);
  if (!read.ok) {
    const issue = read.missing && namedAt ? issueAt(namedAt, 'extends', read.message) : issueAt({ file: absFile, line: 1, col: 1 }, '', read.message);
    return { root: undefined, files: [absFile], issues: [issue] };
  }
  const parsed = parseYaml(absFile, read.text);
  const stray = notADocument(absFile, read.text, parsed, MODEL_KEYS, 'model file');
  const own = stray ? { root: undefined, issues: [stray] } : parsed;
  const ext = own.root?.t === 'map' ? own.root.entries.get('extends') : undefined;
  if (own.root?.t !== 'map' || ext === undefined) return { ...own, files: [absFile] };
  const fail = (issue: InputIssue): ModelSource => ({ root: undefined, files: [absFile], issues: [...own.issues, issue] });
  if (ext.node.t !== 'scalar' || typeof ext.node.value !== 'string') {
    return fail(issueAt(ext.node.pos, 'extends', msg.expected('a path (text)'), ext.node.text));
  }
  const parentFile = resolve(dirname(absFile), ext.node.value);
  const seen = [...chain, absFile];
  if (seen.includes(parentFile)) {
    const cycle = [...seen.slice(seen.indexOf(parentFile)), parentFile].map(displayPath);
    return fail(issueAt(ext.node.pos, 'extends', msg.extendsCycle(cycle)));
  }
  const parent = await loadModelSource(parentFile, seen, ext.node.pos);
  const child: LNode = { ...own.root, entries: without(own.root.entries, 'extends') };
  return {
    root: parent.root === undefined ? undefined : merge(parent.root, child),
    files: [absFile, ...parent.files],
    issues: [...own.issues, ...parent.issues],
  };
}

/** Parses one YAML document into a located tree; syntax errors make the tree undefined. */
export function parseYaml(file: string, text: string): { root: LNode | undefined; issues: InputIssue[] } {
  const lineCounter = new LineCounter();
  const at = (offset: number): Pos => ({ file, ...lineCounter.linePos(offset) });
  const deep = flowTooDeep(text, MAX_FLOW_DEPTH);
  if (deep !== undefined) return { root: undefined, issues: [issueAt(positionIn(file, text, deep), '', msg.tooNested(MAX_FLOW_DEPTH))] };
  // Duplicate keys are found (with their paths) while building; the parser's own check is quadratic.
  const doc = parseDocument(text, { lineCounter, uniqueKeys: false, prettyErrors: true });
  const issues: InputIssue[] = [];
  for (const e of [...doc.errors, ...doc.warnings]) {
    const detail = e.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '') ?? e.code;
    issues.push(issueAt(at(e.pos[0]), '', msg.yamlSyntax(clip(detail, 120))));
  }
  if (issues.length > 0) return { root: undefined, issues };
  const ctx: BuildCtx = { doc, text, at, issues, budget: MAX_NODES, aliases: aliasTargets(doc) };
  const root = doc.contents === null ? scalarAt(at(0), null, '') : build(doc.contents, [], 0, ctx);
  return { root, issues };
}

interface BuildCtx {
  readonly doc: Document;
  readonly text: string;
  readonly at: (offset: number) => Pos;
  readonly issues: InputIssue[];
  /** Nodes still allowed: aliases could otherwise expand exponentially. */
  budget: number;
  /** The node each alias stands for (undefined: no such anchor before it). */
  readonly aliases: ReadonlyMap<Alias, Node | undefined>;
}

/**
 * The node each alias refers to: the last node before it (in document order) with its anchor, as
 * `Alias.resolve` finds it, but in one pass over the document instead of one pass per alias.
 */
function aliasTargets(doc: Document): Map<Alias, Node | undefined> {
  const anchors = new Map<string, Node>();
  const targets = new Map<Alias, Node | undefined>();
  visit(doc, {
    Node: (_key, node) => {
      if (isAlias(node)) targets.set(node, anchors.get(node.source));
      else if (node.anchor) anchors.set(node.anchor, node);
    },
  });
  return targets;
}

/**
 * The offset where `[`/`{` brackets first nest deeper than `limit`, or undefined. One pass over the
 * text; brackets in comments and quoted scalars do not count (a quote opens a scalar only where YAML
 * allows one to start). Only meant to stop pathological input cheaply: unbalanced brackets in plain
 * text count, which the limit's margin over MAX_DEPTH allows for; a misread quote can only hide some.
 */
export function flowTooDeep(text: string, limit: number): number | undefined {
  let depth = 0;
  let quote = '';
  let comment = false;
  let last = '\n'; // the last character that is not a blank, outside quotes and comments
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (comment) {
      if (c === '\n' || c === '\r') [comment, last] = [false, '\n'];
    } else if (quote === '"') {
      if (c === '\\') i++;
      else if (c === '"') [quote, last] = ['', '"'];
    } else if (quote === "'") {
      if (c === "'" && text[i + 1] === "'") i++;
      else if (c === "'") [quote, last] = ['', "'"];
    } else if (c === ' ' || c === '\t') {
      // blanks keep `last`
    } else if (c === '#' && (i === 0 || /\s/.test(text[i - 1] as string))) comment = true;
    else if ((c === '"' || c === "'") && '\n\r[{,:-?'.includes(last)) quote = c;
    else {
      if (c === '[' || c === '{') {
        depth++;
        if (depth > limit) return i;
      } else if ((c === ']' || c === '}') && depth > 0) depth--;
      last = c;
    }
  }
  return undefined;
}

/** file:line:col of an offset (for the few issues found before a LineCounter exists). */
function positionIn(file: string, text: string, offset: number): Pos {
  let line = 1;
  let start = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) [line, start] = [line + 1, i + 1];
  return { file, line, col: offset - start + 1 };
}

/**
 * One issue when a file named as a `what` is plainly something else: its top level is text or a list,
 * or a mapping with none of the `known` keys (a key store, a log, some other program's config), or it is
 * not even YAML and no line of it starts with a known key. Only a short escaped excerpt of it is shown,
 * never its keys, values or the fragments a YAML error would quote. An empty file is left to the schema.
 */
export function notADocument(file: string, text: string, parsed: { root: LNode | undefined; issues: readonly InputIssue[] }, known: readonly string[], what: string): InputIssue | undefined {
  const { root } = parsed;
  if (root === undefined) {
    const keyLine = new RegExp(`^["']?(${known.join('|')})["']?[ \t]*:`, 'm');
    return parsed.issues.length > 0 && !keyLine.test(text) ? issueAt({ file, line: 1, col: 1 }, '', msg.notAModel(what, known, text)) : undefined;
  }
  const isMap = root.t === 'map';
  if (root.t === 'scalar' && root.value === null) return undefined;
  if (isMap && known.some((k) => root.entries.has(k))) return undefined;
  if (isMap && root.entries.size === 0) return undefined;
  return issueAt({ file, line: 1, col: 1 }, '', msg.notAModel(what, known, text));
}

function scalarAt(pos: Pos, value: unknown, text: string): LNode {
  return { t: 'scalar', pos, text, value };
}

function build(node: Node, path: PathSeg[], depth: number, ctx: BuildCtx): LNode {
  const start = node.range?.[0] ?? 0;
  const pos = ctx.at(start);
  const text = shorten(ctx.text, start, node.range?.[1] ?? start);
  ctx.budget -= 1;
  if (depth > MAX_DEPTH || ctx.budget < 0) {
    if (depth > MAX_DEPTH || ctx.budget === -1) {
      ctx.issues.push(issueAt(pos, formatPath(path), depth > MAX_DEPTH ? msg.tooDeep(MAX_DEPTH) : msg.tooLarge(MAX_NODES)));
    }
    return scalarAt(pos, null, text);
  }
  if (isAlias(node)) {
    const target = ctx.aliases.get(node);
    return target === undefined ? scalarAt(pos, null, text) : { ...build(target, path, depth + 1, ctx), pos, text };
  }
  if (isSeq(node)) {
    const items = node.items.map((item, i) => (item === null || !isNodeLike(item) ? scalarAt(pos, null, '') : build(item, [...path, i], depth + 1, ctx)));
    return { t: 'seq', pos, text, items };
  }
  if (isMap(node)) {
    const entries = new Map<string, MapEntry>();
    for (const pair of node.items) {
      const keyNode = isNodeLike(pair.key) ? pair.key : undefined;
      const keyPos = keyNode?.range ? ctx.at(keyNode.range[0]) : pos;
      if (!isScalar(keyNode) || keyNode.value === null || typeof keyNode.value === 'object') {
        const written = keyNode?.range ? shorten(ctx.text, keyNode.range[0], keyNode.range[1]) : '';
        ctx.issues.push(issueAt(keyPos, formatPath(path), msg.complexKey(), written === '' ? '""' : written));
        continue;
      }
      const key = String(keyNode.value);
      if (entries.has(key)) {
        ctx.issues.push(issueAt(keyPos, formatPath([...path, key]), msg.duplicateKey()));
        continue;
      }
      const value = isNodeLike(pair.value) ? build(pair.value, [...path, key], depth + 1, ctx) : scalarAt(keyPos, null, '');
      entries.set(key, { keyPos, node: value });
    }
    return { t: 'map', pos, text, entries };
  }
  const value = isScalar(node) ? node.value : null;
  if (typeof value === 'number' && Number.isFinite(value) && !DECIMAL.test(text)) {
    ctx.issues.push(issueAt(pos, formatPath(path), msg.notDecimal(), text));
  }
  return scalarAt(pos, value, text);
}

function isNodeLike(x: unknown): x is Node {
  return isScalar(x) || isMap(x) || isSeq(x) || isAlias(x);
}

/** The first line of text[start, end), trimmed and cut to 60 characters; reads at most ~60 of them plus blanks. */
function shorten(text: string, start: number, end: number): string {
  const cut = Math.min(end, start + 256);
  const nl = text.indexOf('\n', start);
  const first = text.slice(start, nl >= 0 && nl < cut ? nl : cut).trim();
  return first.length > 60 || (cut < end && (nl < 0 || nl >= cut)) ? `${first.slice(0, 57)}...` : first;
}

function without<K, V>(m: ReadonlyMap<K, V>, key: K): Map<K, V> {
  const out = new Map(m);
  out.delete(key);
  return out;
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
