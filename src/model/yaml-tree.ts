/**
 * YAML text → a located tree (located-tree.ts): every node keeps the file:line:col where it was written.
 * The parser's own limits are not trusted: flow nesting, depth and node count (aliases) are bounded here,
 * numbers must be written as decimals, and keys must be plain scalars, each once per map.
 */
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, visit, type Alias, type Document, type Node } from 'yaml';
import { clip, issueAt, type InputIssue, type Pos } from './issues.js';
import { formatPath, type LNode, type MapEntry, MAX_TREE_DEPTH, MAX_TREE_NODES, type PathSeg, scalarAt } from './located-tree.js';
import * as msg from './messages.js';

/**
 * Flow brackets (`[` `{`) nested deeper than this are refused before the YAML parser sees the text: it
 * takes tens of microseconds per level and then overflows its stack. Any depth past MAX_TREE_DEPTH is an
 * error anyway; the margin only allows for stray unbalanced brackets in plain text.
 */
const MAX_FLOW_DEPTH = 256;
const DECIMAL = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

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
  const ctx: BuildCtx = { doc, text, at, issues, budget: MAX_TREE_NODES, aliases: aliasTargets(doc) };
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
 * text count, which the limit's margin over MAX_TREE_DEPTH allows for; a misread quote can only hide some.
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

function build(node: Node, path: PathSeg[], depth: number, ctx: BuildCtx): LNode {
  const start = node.range?.[0] ?? 0;
  const pos = ctx.at(start);
  const text = shorten(ctx.text, start, node.range?.[1] ?? start);
  ctx.budget -= 1;
  if (depth > MAX_TREE_DEPTH || ctx.budget < 0) {
    if (depth > MAX_TREE_DEPTH || ctx.budget === -1) {
      ctx.issues.push(issueAt(pos, formatPath(path), depth > MAX_TREE_DEPTH ? msg.tooDeep(MAX_TREE_DEPTH) : msg.tooLarge(MAX_TREE_NODES)));
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
