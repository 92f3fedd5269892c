/**
 * The source layers point one way. Every file under src/ is read, its relative imports parsed
 * (`import … from`, `export … from`, `import '…'`, `import('…')`, type-only ones included) and checked:
 *
 *   cli → app → {pool, report} → {stats, pia} → sim → workload → {model, engine}
 *
 * (a) a folder imports only folders strictly below it (siblings never each other); src/index.ts, the
 *     public entry, may import anything but cli, and nothing imports it;
 * (b) report imports nothing from sim or engine: it sees results through stats;
 * (c) no import cycle between files;
 * (d) only src/cli calls process.exit;
 * (e) only src/app writes files (fs write / rename / mkdir / rm / … calls, or open with a write flag).
 *
 * The checker runs on fabricated sources first, so that none of the assertions can pass vacuously.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Rank of each folder of src/: a folder may import only folders of a lower rank. */
const RANK: Readonly<Record<string, number>> = { engine: 1, model: 1, workload: 2, sim: 3, stats: 4, pia: 4, pool: 5, report: 5, app: 6, cli: 7 };
/** Folders below everything they must not see: report sees simulation results only through stats. */
const NEVER: Readonly<Record<string, readonly string[]>> = { report: ['sim', 'engine'] };

/**
 * Known exceptions, each with its reason. A listed exception that no longer occurs fails the test too,
 * so the list only shrinks.
 */
const KNOWN_CYCLES: Readonly<Record<string, string>> = {};
const EXIT_ALLOWED_OUTSIDE_CLI: Readonly<Record<string, string>> = {
  // Test hook (SRVSIM_FAULT=exit:<r>): ends a pool worker thread to prove a dying worker fails the run cleanly.
  'src/pool/fault-injection.ts': 'SRVSIM_FAULT test hook',
};
const WRITES_ALLOWED_OUTSIDE_APP: Readonly<Record<string, string>> = {
  // Test hook (SRVSIM_FAULT=flaky:<r>:<file>): a marker file makes the fault transient across processes.
  'src/pool/fault-injection.ts': 'SRVSIM_FAULT test hook',
};

// ---------------------------------------------------------------------------------------------------
// A small tokenizer: identifiers, strings, template chunks, regex literals and punctuation, with
// comments dropped, so that text in comments or strings is never taken for an import or a call.

interface Token {
  readonly kind: 'id' | 'str' | 'tmpl' | 'regex' | 'num' | 'punct';
  readonly value: string;
  readonly line: number;
}

const REGEX_AFTER_ID = new Set(['return', 'typeof', 'case', 'do', 'else', 'in', 'instanceof', 'new', 'delete', 'void', 'throw', 'yield', 'await', 'of']);

function tokenize(text: string): Token[] {
  const out: Token[] = [];
  const braces: number[] = []; // open-brace depth at each `${` of an enclosing template
  let depth = 0;
  let line = 1;
  let i = 0;
  const push = (kind: Token['kind'], value: string, at: number) => out.push({ kind, value, line: at });
  const regexAllowed = () => {
    const prev = out[out.length - 1];
    if (!prev) return true;
    if (prev.kind === 'id') return REGEX_AFTER_ID.has(prev.value);
    if (prev.kind === 'punct') return prev.value !== ')' && prev.value !== ']';
    return false;
  };
  /** Reads a template from i (just after ` or }) to its next ` or ${; returns whether it ended. */
  const templateChunk = (): void => {
    const start = line;
    let value = '';
    while (i < text.length) {
      const c = text[i] as string;
      if (c === '\\') {
        value += text.slice(i, i + 2);
        if (text[i + 1] === '\n') line++;
        i += 2;
      } else if (c === '`') {
        i++;
        push('tmpl', value, start);
        return;
      } else if (c === '$' && text[i + 1] === '{') {
        i += 2;
        push('tmpl', value, start);
        braces.push(depth);
        depth++;
        return;
      } else {
        if (c === '\n') line++;
        value += c;
        i++;
      }
    }
    push('tmpl', value, start);
  };
  while (i < text.length) {
    const c = text[i] as string;
    const next = text[i + 1];
    if (c === '\n') {
      line++;
      i++;
    } else if (/\s/.test(c)) i++;
    else if (c === '/' && next === '/') {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (c === '/' && next === '*') {
      const end = text.indexOf('*/', i + 2);
      const stop = end < 0 ? text.length : end + 2;
      for (let k = i; k < stop; k++) if (text[k] === '\n') line++;
      i = stop;
    } else if (c === "'" || c === '"') {
      let value = '';
      i++;
      while (i < text.length && text[i] !== c && text[i] !== '\n') {
        if (text[i] === '\\') {
          value += text.slice(i, i + 2);
          i += 2;
        } else value += text[i++];
      }
      i++;
      push('str', value, line);
    } else if (c === '`') {
      i++;
      templateChunk();
    } else if (c === '}' && braces.length > 0 && depth - 1 === braces[braces.length - 1]) {
      braces.pop();
      depth--;
      i++;
      templateChunk();
    } else if (c === '/' && regexAllowed()) {
      let value = '/';
      let inClass = false;
      i++;
      while (i < text.length && text[i] !== '\n') {
        const r = text[i] as string;
        value += r;
        i++;
        if (r === '\\') {
          value += text[i] ?? '';
          i++;
        } else if (r === '[') inClass = true;
        else if (r === ']') inClass = false;
        else if (r === '/' && !inClass) break;
      }
      while (i < text.length && /[a-z]/i.test(text[i] as string)) value += text[i++];
      push('regex', value, line);
    } else if (/[\p{L}_$]/u.test(c)) {
      const m = /^[\p{L}\p{N}_$]+/u.exec(text.slice(i, i + 200)) as RegExpExecArray;
      push('id', m[0], line);
      i += m[0].length;
    } else if (/\d/.test(c) || (c === '.' && /\d/.test(next ?? ''))) {
      const m = /^[\d.]+(?:[eE][+-]?\d+)?[\w]*/.exec(text.slice(i, i + 100)) as RegExpExecArray;
      push('num', m[0], line);
      i += m[0].length;
    } else {
      if (c === '{') depth++;
      else if (c === '}') depth--;
      push('punct', c, line);
      i++;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------
// What a file imports and calls.

interface ImportRef {
  readonly spec: string;
  readonly line: number;
  /** `import type …` / `export type … from`. */
  readonly typeOnly: boolean;
  /** The declaration's bindings (names as imported, `*` for a namespace, `default`), and their local names. */
  readonly bindings: readonly { readonly imported: string; readonly local: string }[];
  readonly dynamic: boolean;
}

const isPunct = (t: Token | undefined, v: string) => t?.kind === 'punct' && t.value === v;
const isId = (t: Token | undefined, v: string) => t?.kind === 'id' && t.value === v;

/** Every import / re-export of a file, relative or not. */
function importsOf(tokens: readonly Token[]): ImportRef[] {
  const refs: ImportRef[] = [];
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k] as Token;
    const prev = tokens[k - 1];
    if (t.kind !== 'id' || isPunct(prev, '.')) continue;
    if (t.value === 'import' && isPunct(tokens[k + 1], '(') && tokens[k + 2]?.kind === 'str') {
      refs.push({ spec: (tokens[k + 2] as Token).value, line: t.line, typeOnly: false, bindings: [], dynamic: true });
      continue;
    }
    if (t.value !== 'import' && t.value !== 'export') continue;
    // A declaration: `import X, { a as b } from '…'`, `import '…'`, `export { … } from '…'`, `export * from '…'`.
    if (t.value === 'import' && tokens[k + 1]?.kind === 'str') {
      refs.push({ spec: (tokens[k + 1] as Token).value, line: t.line, typeOnly: false, bindings: [], dynamic: false });
      continue;
    }
    let j = k + 1;
    const typeOnly = isId(tokens[j], 'type') && !isId(tokens[j + 1], 'from') && !isPunct(tokens[j + 1], ',');
    if (typeOnly) j++;
    const clause: Token[] = [];
    // The clause runs to `from`; a declaration without one (`export const …`) is not an import.
    while (j < tokens.length && !isId(tokens[j], 'from') && !isPunct(tokens[j], ';') && clause.length < 400) {
      const u = tokens[j] as Token;
      if (t.value === 'export' && clause.length === 0 && !isPunct(u, '{') && !isPunct(u, '*')) break;
      if (t.value === 'import' && clause.length === 0 && u.kind !== 'id' && !isPunct(u, '{') && !isPunct(u, '*')) break;
      clause.push(u);
      j++;
    }
    if (!isId(tokens[j], 'from') || tokens[j + 1]?.kind !== 'str') continue;
    const bindings: { imported: string; local: string }[] = [];
    for (let c = 0; c < clause.length; c++) {
      const u = clause[c] as Token;
      if (isPunct(u, '*')) {
        const local = isId(clause[c + 1], 'as') ? (clause[c + 2]?.value ?? '*') : '*';
        bindings.push({ imported: '*', local });
        c += 2;
      } else if (isPunct(u, '{')) {
        for (c++; c < clause.length && !isPunct(clause[c], '}'); c++) {
          const v = clause[c] as Token;
          if (isPunct(v, ',') || (isId(v, 'type') && clause[c + 1]?.kind === 'id' && !isId(clause[c + 1], 'as'))) continue;
          if (v.kind !== 'id' && v.kind !== 'str') continue;
          const local = isId(clause[c + 1], 'as') ? (clause[c + 2]?.value ?? v.value) : v.value;
          bindings.push({ imported: v.value, local });
          if (isId(clause[c + 1], 'as')) c += 2;
        }
      } else if (u.kind === 'id' && c === 0 && t.value === 'import') bindings.push({ imported: 'default', local: u.value });
    }
    refs.push({ spec: (tokens[j + 1] as Token).value, line: t.line, typeOnly, bindings, dynamic: false });
    k = j + 1;
  }
  return refs;
}

const FS_MODULES = new Set(['fs', 'node:fs', 'fs/promises', 'node:fs/promises']);
/** fs functions that change the file system. */
const FS_WRITES = new Set(
  [
    'writeFile',
    'appendFile',
    'createWriteStream',
    'rename',
    'mkdir',
    'mkdtemp',
    'rm',
    'rmdir',
    'unlink',
    'copyFile',
    'cp',
    'truncate',
    'ftruncate',
    'symlink',
    'link',
    'write',
    'writev',
    'chmod',
    'chown',
    'utimes',
    'lutimes',
  ].flatMap((n) => [n, `${n}Sync`]),
);
const WRITE_FLAG_IDS = new Set(['O_WRONLY', 'O_RDWR', 'O_CREAT', 'O_APPEND', 'O_TRUNC']);

interface Finding {
  readonly line: number;
  readonly what: string;
}

/** Calls of process.exit (`process.exit(…)`, `process['exit'](…)`, a reference to it). */
function exitCalls(tokens: readonly Token[]): Finding[] {
  const found: Finding[] = [];
  for (let k = 0; k < tokens.length; k++) {
    if (!isId(tokens[k], 'process') || isPunct(tokens[k - 1], '.')) continue;
    const dotted = isPunct(tokens[k + 1], '.') && (isId(tokens[k + 2], 'exit') || isId(tokens[k + 2], 'reallyExit'));
    const indexed = isPunct(tokens[k + 1], '[') && tokens[k + 2]?.kind === 'str' && tokens[k + 2]?.value === 'exit';
    if (dotted || indexed) found.push({ line: (tokens[k] as Token).line, what: 'process.exit' });
  }
  return found;
}

/** Whether the argument list of the call whose `(` is at `open` holds a write flag ('w', 'a', 'r+', O_WRONLY, …). */
function writeFlagIn(tokens: readonly Token[], open: number): boolean {
  let depth = 0;
  let arg = 0;
  for (let k = open; k < tokens.length; k++) {
    const t = tokens[k] as Token;
    if (isPunct(t, '(') || isPunct(t, '[') || isPunct(t, '{')) depth++;
    else if (isPunct(t, ')') || isPunct(t, ']') || isPunct(t, '}')) {
      if (--depth === 0) return false;
    } else if (depth === 1 && isPunct(t, ',')) arg++;
    else if (arg === 0) continue;
    else if (t.kind === 'str' && /^[rwa][sx]?\+?$/.test(t.value) && /[wa+]/.test(t.value)) return true;
    else if (t.kind === 'id' && WRITE_FLAG_IDS.has(t.value)) return true;
  }
  return false;
}

/** File-system writes: write functions imported from fs, used through an fs namespace, or open with a write flag. */
function fsWrites(tokens: readonly Token[], imports: readonly ImportRef[]): Finding[] {
  const found: Finding[] = [];
  const namespaces = new Set<string>();
  const openers = new Set<string>();
  for (const ref of imports) {
    if (!FS_MODULES.has(ref.spec)) continue;
    if (ref.dynamic) found.push({ line: ref.line, what: `import('${ref.spec}') (cannot be checked: import fs statically)` });
    for (const b of ref.bindings) {
      if (b.imported === '*' || b.imported === 'default' || b.imported === 'promises') namespaces.add(b.local);
      else if (FS_WRITES.has(b.imported)) found.push({ line: ref.line, what: `${b.imported} from '${ref.spec}'` });
      else if (b.imported === 'open' || b.imported === 'openSync') openers.add(b.local);
    }
  }
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k] as Token;
    if (t.kind !== 'id' || isPunct(tokens[k - 1], '.')) continue;
    if (namespaces.has(t.value)) {
      // fs.writeFileSync(…), fs.promises.rm(…), fs.openSync(p, 'w')
      let m = k + 1;
      if (isPunct(tokens[m], '.') && isId(tokens[m + 1], 'promises')) m += 2;
      if (!isPunct(tokens[m], '.')) continue;
      const name = tokens[m + 1]?.value ?? '';
      if (FS_WRITES.has(name)) found.push({ line: t.line, what: `${t.value}.${name}` });
      else if ((name === 'open' || name === 'openSync') && isPunct(tokens[m + 2], '(') && writeFlagIn(tokens, m + 2)) found.push({ line: t.line, what: `${t.value}.${name} with a write flag` });
    } else if (openers.has(t.value) && isPunct(tokens[k + 1], '(') && writeFlagIn(tokens, k + 1)) {
      found.push({ line: t.line, what: `${t.value}(…) with a write flag` });
    }
  }
  return found;
}

// ---------------------------------------------------------------------------------------------------
// The checker: sources in, violations out (pure, so that fabricated sources can test it).

interface Source {
  /** Path from the repository root, with '/': src/report/series.ts. */
  readonly file: string;
  readonly text: string;
}

interface Edge {
  readonly from: string;
  readonly to: string;
  readonly spec: string;
  readonly line: number;
  readonly typeOnly: boolean;
}

interface Report {
  readonly edges: readonly Edge[];
  /** (a), (b): one line per offending import. */
  readonly layers: readonly string[];
  /** (c): one line per cycle, its files in order. */
  readonly cycles: readonly string[];
  /** (d) */
  readonly exits: readonly string[];
  /** (e) */
  readonly writes: readonly string[];
}

/** Folder of src/ a file belongs to ('index' for src/index.ts, '' for anything else at the top). */
function layerOf(file: string): string {
  const rest = file.replace(/^src\//, '');
  if (rest === file) return '';
  const slash = rest.indexOf('/');
  if (slash >= 0) return rest.slice(0, slash);
  return rest === 'index.ts' ? 'index' : '';
}

function normalise(path: string): string {
  const parts: string[] = [];
  for (const p of path.split('/')) {
    if (p === '..') parts.pop();
    else if (p !== '.' && p !== '') parts.push(p);
  }
  return parts.join('/');
}

/** The file a relative import names (`.js` written for `.ts`), or null when none of `known` is. */
function resolveImport(from: string, spec: string, known: ReadonlySet<string>): string | null {
  const base = normalise(`${from.slice(0, from.lastIndexOf('/'))}/${spec}`);
  for (const c of [base.replace(/\.js$/, '.ts'), base, `${base}.ts`, `${base}/index.ts`]) if (known.has(c)) return c;
  return null;
}

/** Why an import from layer `a` to layer `b` is not allowed, or null. */
function layerProblem(a: string, b: string): string | null {
  if (a === b) return null;
  if (a === '' || b === '') return 'outside the ranked folders of src/';
  if (b === 'index') return 'nothing imports src/index.ts (the public entry)';
  if (a === 'index') return b === 'cli' ? 'src/index.ts must not import cli' : null;
  const ra = RANK[a];
  const rb = RANK[b];
  if (ra === undefined || rb === undefined) return `folder ${ra === undefined ? a : b} has no rank in the layer rule`;
  if (NEVER[a]?.includes(b)) return `${a} must not import ${b} (it sees results through stats)`;
  if (rb === ra) return `${a} and ${b} are siblings (rank ${ra}): neither may import the other`;
  if (rb > ra) return `${a} (rank ${ra}) must not import ${b} (rank ${rb}), a higher layer`;
  return null;
}

/** Cycles of the import graph: each strongly connected component of more than one file, as a path. */
function findCycles(nodes: readonly string[], out: ReadonlyMap<string, readonly string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const sccs: string[][] = [];
  let counter = 0;
  const visit = (v: string) => {
    index.set(v, counter);
    low.set(v, counter);
    counter++;
    stack.push(v);
    onStack.add(v);
    for (const w of out.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v) as number, low.get(w) as number));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v) as number, index.get(w) as number));
    }
    if (low.get(v) === index.get(v)) {
      const scc: string[] = [];
      let w: string;
      do {
        w = stack.pop() as string;
        onStack.delete(w);
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1 || (out.get(v) ?? []).includes(v)) sccs.push(scc);
    }
  };
  for (const v of nodes) if (!index.has(v)) visit(v);
  // One concrete cycle through each component's first file (breadth-first, inside the component).
  return sccs.map((scc) => {
    const inScc = new Set(scc);
    const start = [...scc].sort()[0] as string;
    const prev = new Map<string, string>();
    const queue = [start];
    let end: string | null = null;
    while (queue.length > 0 && end === null) {
      const v = queue.shift() as string;
      for (const w of out.get(v) ?? []) {
        if (!inScc.has(w)) continue;
        if (w === start) {
          end = v;
          break;
        }
        if (!prev.has(w)) {
          prev.set(w, v);
          queue.push(w);
        }
      }
    }
    const path = [start];
    for (let v = end; v !== null && v !== start; v = prev.get(v) ?? null) path.splice(1, 0, v);
    return [...path, start];
  });
}

function checkSources(sources: readonly Source[]): Report {
  const known = new Set(sources.map((s) => s.file));
  const edges: Edge[] = [];
  const layers: string[] = [];
  const exits: string[] = [];
  const writes: string[] = [];
  for (const { file, text } of sources) {
    const tokens = tokenize(text);
    const imports = importsOf(tokens);
    const from = layerOf(file);
    for (const ref of imports) {
      if (!ref.spec.startsWith('.')) continue;
      const to = resolveImport(file, ref.spec, known);
      const at = `${file}:${ref.line}: import${ref.typeOnly ? ' type' : ''} '${ref.spec}'`;
      if (to === null) {
        layers.push(`${at}: names no file under src/`);
        continue;
      }
      edges.push({ from: file, to, spec: ref.spec, line: ref.line, typeOnly: ref.typeOnly });
      const problem = layerProblem(from, layerOf(to));
      if (problem) layers.push(`${at} (${to}): ${problem}`);
    }
    if (from !== 'cli') for (const f of exitCalls(tokens)) exits.push(`${file}:${f.line}: ${f.what} outside src/cli`);
    if (from !== 'app') for (const f of fsWrites(tokens, imports)) writes.push(`${file}:${f.line}: ${f.what}: writes files outside src/app`);
  }
  const out = new Map<string, string[]>();
  for (const e of edges) out.set(e.from, [...(out.get(e.from) ?? []), e.to]);
  const cycles = findCycles([...known].sort(), out).map((path) => path.join(' → '));
  const byFileAndLine = (a: string, b: string) => a.localeCompare(b, 'en', { numeric: true });
  return { edges, layers: layers.sort(byFileAndLine), cycles, exits: exits.sort(byFileAndLine), writes: writes.sort(byFileAndLine) };
}

/** A cycle's files, sorted and joined: the key of KNOWN_CYCLES. */
const cycleKey = (cycle: string) => [...new Set(cycle.split(' → '))].sort().join(' ');
const fileOf = (line: string) => line.slice(0, line.indexOf(':'));

// ---------------------------------------------------------------------------------------------------

function readSources(): Source[] {
  const src = join(ROOT, 'src');
  return readdirSync(src, { recursive: true, encoding: 'utf8' })
    .map((p) => p.split('\\').join('/'))
    .filter((p) => p.endsWith('.ts') && !p.endsWith('.d.ts'))
    .sort()
    .map((p) => ({ file: `src/${p}`, text: readFileSync(join(src, p), 'utf8') }));
}

describe('the layer checker itself (fabricated sources)', () => {
  it('parses static, re-exported, side-effect, dynamic and type-only imports, and nothing in comments or strings', () => {
    const text = [
      "import { a, type B as C } from './x.js';",
      "import type {\n  D,\n  E,\n} from '../stats/y.js';",
      "import * as ns from 'node:fs';",
      "import def, { f } from './z.js';",
      "import './side.js';",
      "export { g } from './g.js';",
      "export type { H } from './h.js';",
      "export * from './all.js';",
      "type T = typeof import('./t.js');",
      "const m = await import('./m.js');",
      "// import { no } from './comment.js'; process.exit(1)",
      "/* export * from './block.js' */",
      'const s = "import { no } from \'./string.js\'";',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the source text of a template literal, to be tokenized
      "const t = `import('./template.js') ${x ? '/' : `from './nested.js'`} from './tail.js'`;",
      'const r = /["\'`]/g; const q = a / b / c;',
      "export const importLike = 'from';",
    ].join('\n');
    const refs = importsOf(tokenize(text));
    expect(refs.map((r) => [r.spec, r.typeOnly, r.dynamic, r.line])).toEqual([
      ['./x.js', false, false, 1],
      ['../stats/y.js', true, false, 2],
      ['node:fs', false, false, 6],
      ['./z.js', false, false, 7],
      ['./side.js', false, false, 8],
      ['./g.js', false, false, 9],
      ['./h.js', true, false, 10],
      ['./all.js', false, false, 11],
      ['./t.js', false, true, 12],
      ['./m.js', false, true, 13],
    ]);
    expect(refs[0]?.bindings).toEqual([
      { imported: 'a', local: 'a' },
      { imported: 'B', local: 'C' },
    ]);
    expect(refs[2]?.bindings).toEqual([{ imported: '*', local: 'ns' }]);
    expect(refs[3]?.bindings).toEqual([
      { imported: 'default', local: 'def' },
      { imported: 'f', local: 'f' },
    ]);
  });

  it('catches (a) an import upward, between siblings, of src/index.ts, of a missing file, and src/index.ts importing cli', () => {
    const r = checkSources([
      { file: 'src/stats/x.ts', text: "import type { Comparison } from '../report/compare/types.js';\nimport { y } from './y.js';" },
      { file: 'src/stats/y.ts', text: "export { computePia } from '../pia/compute.js';" },
      { file: 'src/pool/p.ts', text: "import { render } from '../report/r.js';" },
      { file: 'src/report/compare/types.ts', text: 'export interface Comparison {}' },
      { file: 'src/report/r.ts', text: "import { x } from '../stats/x.js';\nimport { a } from '../../src/index.js';\nimport { gone } from './gone.js';" },
      { file: 'src/pia/compute.ts', text: "import type { Scenario } from '../model/types.js';" },
      { file: 'src/model/types.ts', text: "import type { Histogram } from '../engine/histogram.js';" },
      { file: 'src/engine/histogram.ts', text: 'export class Histogram {}' },
      { file: 'src/index.ts', text: "export * from './app/a.js';\nexport { main } from './cli/main.js';" },
      { file: 'src/app/a.ts', text: "import { x } from '../stats/x.js';" },
      { file: 'src/cli/main.ts', text: "import { a } from '../app/a.js';\nprocess.exit(0);" },
    ]);
    expect(r.layers).toEqual([
      "src/index.ts:2: import './cli/main.js' (src/cli/main.ts): src/index.ts must not import cli",
      "src/model/types.ts:1: import type '../engine/histogram.js' (src/engine/histogram.ts): model and engine are siblings (rank 1): neither may import the other",
      "src/pool/p.ts:1: import '../report/r.js' (src/report/r.ts): pool and report are siblings (rank 5): neither may import the other",
      "src/report/r.ts:2: import '../../src/index.js' (src/index.ts): nothing imports src/index.ts (the public entry)",
      "src/report/r.ts:3: import './gone.js': names no file under src/",
      "src/stats/x.ts:1: import type '../report/compare/types.js' (src/report/compare/types.ts): stats (rank 4) must not import report (rank 5), a higher layer",
      "src/stats/y.ts:1: import '../pia/compute.js' (src/pia/compute.ts): stats and pia are siblings (rank 4): neither may import the other",
    ]);
    expect(r.cycles).toEqual([]);
    expect(r.exits).toEqual([]);
  });

  it('catches (b) report importing sim or engine, statically, type-only or dynamically', () => {
    const r = checkSources([
      { file: 'src/report/series.ts', text: "import type { ReplicationResult } from '../sim/run-replication.js';" },
      { file: 'src/report/charts/cdf.ts', text: "const { Histogram } = await import('../../engine/index.js');\nimport { t } from '../../stats/t.js';" },
      { file: 'src/sim/run-replication.ts', text: '' },
      { file: 'src/engine/index.ts', text: '' },
      { file: 'src/stats/t.ts', text: "import { Histogram } from '../engine/index.js';" },
    ]);
    expect(r.layers).toEqual([
      "src/report/charts/cdf.ts:1: import '../../engine/index.js' (src/engine/index.ts): report must not import engine (it sees results through stats)",
      "src/report/series.ts:1: import type '../sim/run-replication.js' (src/sim/run-replication.ts): report must not import sim (it sees results through stats)",
    ]);
  });

  it('catches (c) a cycle, type-only edges included, and names its files in order', () => {
    const r = checkSources([
      { file: 'src/model/a.ts', text: "import { b } from './b.js';" },
      { file: 'src/model/b.ts', text: "import type { C } from './c.js';" },
      { file: 'src/model/c.ts', text: "export type { A } from './a.js';" },
      { file: 'src/model/d.ts', text: "import { a } from './a.js';" },
    ]);
    expect(r.layers).toEqual([]);
    expect(r.cycles).toEqual(['src/model/a.ts → src/model/b.ts → src/model/c.ts → src/model/a.ts']);
  });

  it('catches (d) process.exit outside src/cli, not in comments or strings', () => {
    const r = checkSources([
      { file: 'src/app/x.ts', text: "// process.exit(1)\nconst s = 'process.exit(2)';\nif (bad) process.exit(3);\nprocess['exit'](4);" },
      { file: 'src/cli/main.ts', text: 'process.exit(0);' },
      { file: 'src/pool/w.ts', text: 'process.exitCode = 1;' },
    ]);
    expect(r.exits).toEqual(['src/app/x.ts:3: process.exit outside src/cli', 'src/app/x.ts:4: process.exit outside src/cli']);
  });

  it('catches (e) file writes outside src/app: named, namespaced, promises, and open with a write flag', () => {
    const r = checkSources([
      { file: 'src/stats/a.ts', text: "import { readFileSync, writeFileSync as w } from 'node:fs';\nw('x', readFileSync('y'));" },
      { file: 'src/report/b.ts', text: "import * as fs from 'fs';\nfs.readFileSync('a');\nawait fs.promises.rm('b');\nfs.openSync('c', 'a+');" },
      { file: 'src/model/c.ts', text: "import { open } from 'node:fs/promises';\nawait open(p, 'r');\nawait open(p, constants.O_WRONLY | constants.O_CREAT);" },
      { file: 'src/cli/d.ts', text: "import { mkdtempSync, rmSync } from 'node:fs';" },
      { file: 'src/app/e.ts', text: "import { mkdirSync, renameSync } from 'node:fs';\nmkdirSync('x');" },
    ]);
    expect(r.writes).toEqual([
      "src/cli/d.ts:1: mkdtempSync from 'node:fs': writes files outside src/app",
      "src/cli/d.ts:1: rmSync from 'node:fs': writes files outside src/app",
      'src/model/c.ts:3: open(…) with a write flag: writes files outside src/app',
      'src/report/b.ts:3: fs.rm: writes files outside src/app',
      'src/report/b.ts:4: fs.openSync with a write flag: writes files outside src/app',
      "src/stats/a.ts:1: writeFileSync from 'node:fs': writes files outside src/app",
    ]);
  });
});

describe('the layers of src/', () => {
  const sources = readSources();
  const report = checkSources(sources);

  it('reads every source file and parses its imports', () => {
    expect(sources.length).toBeGreaterThan(50);
    for (const layer of Object.keys(RANK))
      expect(
        sources.some((s) => layerOf(s.file) === layer),
        `no file in src/${layer}`,
      ).toBe(true);
    expect(sources.map((s) => s.file)).toContain('src/index.ts');
    // Every file but the leaves imports something; the graph is far from empty.
    expect(report.edges.length).toBeGreaterThan(sources.length);
    expect(report.edges.some((e) => e.from === 'src/cli/main.ts' && layerOf(e.to) === 'app')).toBe(true);
    expect(report.edges.some((e) => e.typeOnly)).toBe(true);
    expect(existsSync(join(ROOT, 'src', 'cli', 'main.ts'))).toBe(true);
  });

  it('(a, b) every import points to a lower layer; report never imports sim or engine', () => {
    expect(report.layers, `imports against the layer rule:\n${report.layers.join('\n')}`).toEqual([]);
  });

  it('(c) no import cycle between files (beyond the listed exceptions, each still present)', () => {
    const unknown = report.cycles.filter((c) => !(cycleKey(c) in KNOWN_CYCLES));
    expect(unknown, `import cycles:\n${unknown.join('\n')}`).toEqual([]);
    const stale = Object.keys(KNOWN_CYCLES).filter((k) => !report.cycles.some((c) => cycleKey(c) === k));
    expect(stale, 'listed cycles that are gone: remove them from KNOWN_CYCLES').toEqual([]);
  });

  it('(d) only src/cli calls process.exit', () => {
    const unknown = report.exits.filter((l) => !(fileOf(l) in EXIT_ALLOWED_OUTSIDE_CLI));
    expect(unknown, unknown.join('\n')).toEqual([]);
    const stale = Object.keys(EXIT_ALLOWED_OUTSIDE_CLI).filter((f) => !report.exits.some((l) => fileOf(l) === f));
    expect(stale, 'listed exceptions that are gone: remove them').toEqual([]);
  });

  it('(e) only src/app writes files', () => {
    const unknown = report.writes.filter((l) => !(fileOf(l) in WRITES_ALLOWED_OUTSIDE_APP));
    expect(unknown, unknown.join('\n')).toEqual([]);
    const stale = Object.keys(WRITES_ALLOWED_OUTSIDE_APP).filter((f) => !report.writes.some((l) => fileOf(l) === f));
    expect(stale, 'listed exceptions that are gone: remove them').toEqual([]);
  });
});
