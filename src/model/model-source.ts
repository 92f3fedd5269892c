/**
 * A model's source → one located tree: a YAML file, or a plain object, with the files it `extends`
 * merged in, child values over parent values. Every node remembers where it was written, also after
 * the merge, so that a path like `capacities[1].ceiling.value` maps back to the place a user must edit.
 */
import { dirname, resolve } from 'node:path';
import { displayPath, issueAt, MAX_YAML_BYTES, readText, type InputIssue, type Pos } from './issues.js';
import { type LNode, merge, treeFromValue } from './located-tree.js';
import * as msg from './messages.js';
import { notADocument, parseYaml } from './yaml-tree.js';

export interface ModelSource {
  /** The merged tree; undefined when a file could not be read or parsed, or `extends` is broken. */
  readonly root: LNode | undefined;
  /** Every model file read, the requested one first (a model given as an object is none), absolute paths. */
  readonly files: readonly string[];
  readonly issues: readonly InputIssue[];
}

/** Top-level keys of a model file: a file with none of them is not a model (see `notADocument`). */
const MODEL_KEYS = ['scenario', 'extends', 'title', 'seed', 'data', 'day', 'workload', 'placement', 's1sps', 'behaviour', 'seedShares', 'capacities', 'costs'] as const;

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
  return withParents(absFile, stray ? { root: undefined, issues: [stray] } : parsed, chain);
}

/**
 * A model given as a plain object, standing where the file `absFile` would (which need not exist): its
 * relative paths (`extends`, tables) resolve from that file's folder and its issues name it.
 */
export async function objectModelSource(value: unknown, absFile: string): Promise<ModelSource> {
  const source = await withParents(absFile, treeFromValue(value, absFile), []);
  return { ...source, files: source.files.filter((f) => f !== absFile) };
}

/** A model's own tree with the files it `extends` merged under it. */
async function withParents(absFile: string, own: { root: LNode | undefined; issues: readonly InputIssue[] }, chain: readonly string[]): Promise<ModelSource> {
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

function without<K, V>(m: ReadonlyMap<K, V>, key: K): Map<K, V> {
  const out = new Map(m);
  out.delete(key);
  return out;
}
