/**
 * Input size, shape and output are bounded: oversized YAML and tables, wide records, deep nesting,
 * floods of problems, files that are not regular files, and files that are not what they were named as.
 * (How validation time grows with rows is shown by bench/validate-growth.ts, not timed here.)
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { validateCommand } from '../../src/cli/validate.js';
import { MAX_TABLE_ROWS } from '../../src/model/csv-stream.js';
import type { CsvTable } from '../../src/model/csv-table.js';
import { MAX_TABLE_ISSUES } from '../../src/model/csv-table.js';
import { formatIssue, formatIssues, InputError, MAX_INPUT_BYTES, MAX_SHOWN_ISSUES, MAX_YAML_BYTES, moreProblems, type InputIssue } from '../../src/model/issues.js';
import { loadScenario } from '../../src/model/load.js';
import * as msg from '../../src/model/messages.js';
import { idsUnique } from '../../src/model/rules-references.js';
import { histogramBinsValid } from '../../src/model/rules-time.js';
import type { HistogramRow, Model } from '../../src/model/schema.js';
import { toPlain } from '../../src/model/located-tree.js';
import { parseYaml } from '../../src/model/yaml-tree.js';
import { captureOutput, issueLines, line, ROOT } from './helpers.js';

const BASELINE = join(ROOT, 'models', 'mp192-baseline.yaml');
const COHORT_HEADER = 'cohort,s1sp,device_type,protocol,share,devices,wake_up_s,source';
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A fresh folder with the given files; returns the absolute path of each. */
function files<K extends string>(content: Record<K, string>): Record<K | 'dir', string> {
  const dir = mkdtempSync(join(tmpdir(), 'srvsim-limits-'));
  dirs.push(dir);
  const out = { dir } as Record<K | 'dir', string>;
  for (const [name, text] of Object.entries(content) as [K, string][]) {
    out[name] = join(dir, name);
    writeFileSync(out[name], text);
  }
  return out;
}

/** A model that takes the default model and reads its cohorts from `cohorts` (a path). */
const withCohorts = (cohorts: string, proRata = false): string =>
  `extends: ${BASELINE}\ndata:\n  cohorts: ${cohorts}\n${proRata ? 'workload:\n  routing: { mode: pro-rata, source: "assumed: test" }\n' : ''}`;

describe('size limits', () => {
  it('refuses a YAML model over the YAML limit from its size, before parsing it', async () => {
    const big = `# ${'x'.repeat(MAX_YAML_BYTES)}\nscenario: big\n`;
    const f = files({ 'big.yaml': big });
    expect(await issueLines(f['big.yaml'])).toEqual([line(f['big.yaml'], 1, 1, '', msg.yamlTooLarge(f['big.yaml'], Buffer.byteLength(big), MAX_YAML_BYTES))]);
  });

  it('refuses a table of more than MAX_TABLE_ROWS records under the byte limit, checking only its header', async () => {
    const rows = Array.from({ length: MAX_TABLE_ROWS + 1 }, (_, i) => `C${i},Secure,SMETS1,DLMS,0,1,0,assumed:`);
    const text = `${COHORT_HEADER.replace('wake_up_s', 'wakeup_s')}\n${rows.join('\n')}\n`;
    expect(Buffer.byteLength(text)).toBeLessThan(MAX_INPUT_BYTES);
    const f = files({ 'cohorts.csv': text, 'model.yaml': withCohorts('./cohorts.csv') });
    const t = f['cohorts.csv'];
    expect(await issueLines(f['model.yaml'])).toEqual([
      line(t, 1, 1, 'cohorts.csv', msg.csvMissingColumn('wake_up_s')),
      line(t, 1, 1, 'cohorts.csv', msg.tooManyRows(MAX_TABLE_ROWS + 1, MAX_TABLE_ROWS)),
      line(t, 1, 48, 'cohorts.csv', msg.csvUnknownColumn('wakeup_s', COHORT_HEADER.split(','))),
    ]);
  }, 60_000);

  it('stops checking the rows of a table after MAX_TABLE_ISSUES problems and says where', async () => {
    const rows = Array.from({ length: 5000 }, (_, i) => `C${i},Secure,SMETS1,DLMS,x,1,0,assumed:`);
    const f = files({ 'cohorts.csv': `${COHORT_HEADER}\n${rows.join('\n')}\n`, 'model.yaml': withCohorts('./cohorts.csv') });
    const result = await loadScenario(f['model.yaml']);
    const issues = result.ok ? [] : result.issues;
    expect(issues).toHaveLength(MAX_TABLE_ISSUES + 1);
    // one bad cell per row: the rows from MAX_TABLE_ISSUES + 1 on (line MAX_TABLE_ISSUES + 2) are not checked
    expect(formatIssue(issues.at(-1)!)).toBe(line(f['cohorts.csv'], MAX_TABLE_ISSUES + 2, 1, 'cohorts.csv', msg.tableChecksStopped(MAX_TABLE_ISSUES, 5000 - MAX_TABLE_ISSUES)));
  });

  it('refuses a record with more fields than any table has, before parsing the rows', async () => {
    const wide = Array.from({ length: 5000 }, () => 'x').join(',');
    const f = files({ 'cohorts.csv': `${COHORT_HEADER}\nMOC,Secure,SMETS1,DLMS,1,1,0,assumed:\n${wide}\n`, 'model.yaml': withCohorts('./cohorts.csv') });
    expect(await issueLines(f['model.yaml'])).toEqual([line(f['cohorts.csv'], 3, 1, 'cohorts.csv', msg.csvTooManyFields(5000, 1000))]);
  });

  it('refuses brackets nested thousands deep before the YAML parser sees them', async () => {
    const f = files({ 'deep.yaml': `scenario: deep\ncosts: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n` });
    expect(await issueLines(f['deep.yaml'])).toEqual([line(f['deep.yaml'], 2, 264, '', msg.tooNested(256))]);
  });

  it('does not count brackets in quotes or comments as nesting', () => {
    const text = `title: "${'['.repeat(300)}"\n# ${'{'.repeat(300)}\nnote: '${'['.repeat(300)}'\n`;
    expect(parseYaml('/x.yaml', text).issues).toEqual([]);
  });

  it('finds duplicate keys itself (the parser’s own check is quadratic), at each repeat', async () => {
    const f = files({ 'dup.yaml': `extends: ${BASELINE}\nday:\n${'  trtS: { value: 60, source: "assumed: x" }\n'.repeat(3)}` });
    expect(await issueLines(f['dup.yaml'])).toEqual([line(f['dup.yaml'], 4, 3, 'day.trtS', msg.duplicateKey()), line(f['dup.yaml'], 5, 3, 'day.trtS', msg.duplicateKey())]);
  });

  it('resolves an alias to the last anchor of its name before it, as YAML says', () => {
    const { root } = parseYaml('/x.yaml', 'a: &x 1\nb: *x\nc: &x 2\nd: *x\n');
    expect(toPlain(root!)).toEqual({ a: 1, b: 1, c: 2, d: 2 });
  });
});

describe('linear checks give the same findings as the pairwise ones', () => {
  const pos = { file: '/h.csv', line: 1, col: 1 };
  const histogram = (bins: readonly { start: number; end: number }[]): CsvTable<HistogramRow> => ({
    file: '/h.csv',
    name: 'h.csv',
    header: {},
    numbers: [],
    rows: bins.map((b, i) => ({
      value: { ...b, weight: 1, source: 'assumed: x' },
      key: `#${i + 1}`,
      pos: { ...pos, line: i + 2 },
      cells: { start: { text: String(b.start), pos: { ...pos, line: i + 2 } } },
    })),
  });
  const ctx = (t: CsvTable<HistogramRow>) => ({ model: {} as Model, srvs: undefined, cohorts: undefined, profiles: [], histogram: t });

  it('bin overlap: a bin is reported when any bin before it in start order ends after its start', () => {
    const bin = fc.tuple(fc.integer({ min: 0, max: 50 }), fc.integer({ min: 1, max: 30 })).map(([s, l]) => ({ start: s, end: s + l }));
    fc.assert(
      fc.property(fc.array(bin, { maxLength: 30 }), (bins) => {
        const order = bins.map((_, i) => i).sort((a, b) => bins[a]!.start - bins[b]!.start || a - b);
        const pairwise = order.filter((i, k) => order.slice(0, k).some((j) => bins[j]!.end > bins[i]!.start)).map((i) => `#${i + 1}`);
        const found = histogramBinsValid(ctx(histogram(bins))).filter((f) => f.message === msg.binsOverlap());
        expect(found.map((f) => f.path.replace(/^h\.csv\[(.*)\]\.start$/, '$1')).sort()).toEqual(pairwise.sort());
      }),
    );
  });

  it('duplicate ids: every repeat after the first, in order', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('A', 'B', 'C', 'D'), { maxLength: 40 }), (ids) => {
        const cohorts = { ...histogram([]), name: 'c.csv', rows: ids.map((id, i) => ({ value: {}, key: id, pos, cells: { cohort: { text: id, pos: { ...pos, line: i + 2 } } } })) };
        const model = { s1sps: [], capacities: [], workload: { mix: [], routing: { mode: 'pro-rata' } }, placement: { kind: 'fixed' } } as unknown as Model;
        const lines = idsUnique({ model, srvs: undefined, cohorts: cohorts as never, profiles: [], histogram: undefined }).map((f) => f.pos?.line);
        expect(lines).toEqual(ids.flatMap((id, i) => (ids.indexOf(id) < i ? [i + 2] : [])));
      }),
    );
  });

  it('a 20,000-row cohort table: each repeated cohort is reported at its own line', async () => {
    const ids = Array.from({ length: 20_000 }, (_, i) => (i === 7_000 || i === 19_999 ? 'C5' : `C${i}`));
    const rows = ids.map((id) => `${id},Secure,SMETS1,DLMS,0.00005,1,0,assumed:`);
    const f = files({ 'cohorts.csv': `${COHORT_HEADER}\n${rows.join('\n')}\n`, 'model.yaml': withCohorts('./cohorts.csv', true) });
    const t = f['cohorts.csv'];
    expect(await issueLines(f['model.yaml'])).toEqual([
      line(t, 7_002, 1, 'cohorts.csv[C5].cohort', msg.duplicateId('cohort', 'C5'), 'C5'),
      line(t, 20_001, 1, 'cohorts.csv[C5].cohort', msg.duplicateId('cohort', 'C5'), 'C5'),
    ]);
  }, 60_000);
});

describe('files that are not regular files are refused before they are read', () => {
  const mkfifo = (path: string): boolean => {
    try {
      execFileSync('mkfifo', [path]);
      return true;
    } catch {
      return false;
    }
  };

  it.runIf(process.platform !== 'win32')(
    'a FIFO as the model, as extends and as a table: refused at once, without blocking',
    async () => {
      const f = files({ 'child.yaml': 'extends: ./pipe.yaml\nscenario: x\n', 'tables.yaml': withCohorts('./pipe.csv') });
      const pipe = join(f.dir, 'pipe.yaml');
      const pipeCsv = join(f.dir, 'pipe.csv');
      if (!mkfifo(pipe) || !mkfifo(pipeCsv)) return; // no mkfifo here
      const kind = 'a FIFO (named pipe)';
      expect(await issueLines(pipe)).toEqual([line(pipe, 1, 1, '', msg.notRegularFile(pipe, kind))]);
      expect(await issueLines(f['child.yaml'])).toEqual([line(f['child.yaml'], 1, 10, 'extends', msg.notRegularFile(pipe, kind))]);
      expect(await issueLines(f['tables.yaml'])).toEqual([line(f['tables.yaml'], 3, 12, 'data.cohorts', msg.notRegularFile(pipeCsv, kind))]);
    },
    10_000,
  );

  it('a directory and a device as tables, reported where they are named', async () => {
    const f = files({ 'model.yaml': `${withCohorts('./sub')}  srvCatalogue: /dev/zero\n` });
    mkdirSync(join(f.dir, 'sub'));
    const lines = await issueLines(f['model.yaml']);
    expect(lines).toContain(line(f['model.yaml'], 3, 12, 'data.cohorts', msg.notRegularFile(join(f.dir, 'sub'), 'a directory')));
    if (existsSync('/dev/zero')) {
      expect(lines).toContain(line(f['model.yaml'], 4, 17, 'data.srvCatalogue', msg.notRegularFile('/dev/zero', 'a character device')));
    }
  }, 10_000);
});

describe('printed problems are capped', () => {
  const issue = (n: number): InputIssue => ({ file: '/m.yaml', line: n, col: 1, path: `k${n}`, message: 'wrong' });

  it('formatIssues: the first MAX_SHOWN_ISSUES, then one line counting the rest', () => {
    const many = Array.from({ length: 250 }, (_, i) => issue(i + 1));
    const lines = formatIssues(many);
    expect(lines).toHaveLength(MAX_SHOWN_ISSUES + 1);
    expect(lines.slice(0, MAX_SHOWN_ISSUES)).toEqual(many.slice(0, MAX_SHOWN_ISSUES).map(formatIssue));
    expect(lines.at(-1)).toBe(moreProblems(150));
    expect(moreProblems(150)).toBe('… and 150 more problems');
    expect(formatIssues(many.slice(0, MAX_SHOWN_ISSUES))).toHaveLength(MAX_SHOWN_ISSUES);
    expect(new InputError(many).message.split('\n')).toEqual(lines);
  });

  describe('validate', () => {
    const { out, err } = captureOutput();

    it('prints at most MAX_SHOWN_ISSUES problems of a model, then how many more; --json lists as many and counts the rest', async () => {
      const keys = Array.from({ length: 150 }, (_, i) => `unknown${i}: 1`).join('\n');
      const f = files({ 'm.yaml': `extends: ${BASELINE}\n${keys}\n` });
      expect(await validateCommand([f['m.yaml']], {})).toBe(2);
      const lines = err.join('').trimEnd().split('\n');
      expect(lines).toHaveLength(MAX_SHOWN_ISSUES + 1);
      expect(lines[0]).toBe(line(f['m.yaml'], 2, 1, 'unknown0', msg.unknownKey('unknown0')));
      expect(lines.at(-1)).toBe(moreProblems(50));
      expect(await validateCommand([f['m.yaml']], { json: true })).toBe(2);
      const report = JSON.parse(out.join('')) as { files: { issues: unknown[]; moreIssues?: number }[] };
      expect(report.files[0]!.issues).toHaveLength(MAX_SHOWN_ISSUES);
      expect(report.files[0]!.moreIssues).toBe(50);
    });
  });
});

describe('text from files that are not models or tables is not echoed', () => {
  const SECRET = 'password: s3cr3t-hunter2-do-not-print\napi_key: AKIA-0123456789-ABCDEF\n';

  it('extends naming a file that is no model: one issue with a short escaped excerpt, none of its keys or values', async () => {
    const f = files({ 'secrets.txt': SECRET, 'm.yaml': 'extends: ./secrets.txt\nscenario: x\n' });
    const lines = await issueLines(f['m.yaml']);
    expect(lines).toEqual([line(f['secrets.txt'], 1, 1, '', msg.notAModel('model file', ['scenario', 'extends', 'title', 'seed'], SECRET))]);
    expect(lines[0]).toContain('(the file starts "password: s3cr3t…")');
    expect(lines.join('\n')).not.toMatch(/hunter2|api_key|AKIA/);
  });

  it('the same for a model file that is text or a list at the top, or not YAML at all', async () => {
    const f = files({
      'text.yaml': 'root:x:0:0:root:/root:/bin/bash\nbin:x:1:1::/:\n',
      'list.yaml': '- first item of a list, then s3cr3t-hunter2\n',
      'broken.yaml': 'token: !s3cr3t-hunter2-tag [unclosed\n: : :\n',
    });
    for (const file of [f['text.yaml'], f['list.yaml'], f['broken.yaml']]) {
      const lines = await issueLines(file);
      expect(lines).toHaveLength(1);
      expect(lines[0]).not.toMatch(/hunter2|\/bin\/bash/);
    }
  });

  it('a table path naming a file that is no table of that kind: one issue, no cell or header echoed', async () => {
    const f = files({ 'secrets.txt': SECRET, 'm.yaml': withCohorts('./secrets.txt') });
    const lines = await issueLines(f['m.yaml']);
    expect(lines).toEqual([line(f['secrets.txt'], 1, 1, 'secrets.txt', msg.notATable(COHORT_HEADER.split(','), SECRET))]);
    expect(lines.join('\n')).not.toMatch(/hunter2|api_key|AKIA/);
  });

  it('an issue line escapes control characters and cuts long paths, messages and values', () => {
    const got = `\u001b[31m${'v'.repeat(10_000)}`;
    const text = formatIssue({ file: '/m.yaml', line: 1, col: 1, path: 'p'.repeat(10_000), message: `bad\nline${'m'.repeat(10_000)}`, got });
    expect(text.split('\n')).toHaveLength(1);
    expect(text).not.toContain('\u001b');
    expect(text).toContain('\\u001b[31m');
    expect(text.length).toBeLessThan(1300);
    expect(text).toMatch(/\(got \\u001b\[31mv{60,}…\)$/);
  });

  it('an unknown key thousands of characters long is shown cut', async () => {
    const key = `k${'x'.repeat(5_000)}`;
    const f = files({ 'm.yaml': `extends: ${BASELINE}\n${key}: 1\n` });
    const [only] = await issueLines(f['m.yaml']);
    expect(only!.length).toBeLessThan(400);
    expect(msg.unknownKey(key)).toBe(`unknown key "k${'x'.repeat(39)}…"`);
  });
});

describe('shipped data stays inside every limit', () => {
  it('its tables and models are far below the byte and row limits', () => {
    for (const name of ['cohorts.csv', 'srv-catalogue.csv', 'baseline-shape.csv', 'p7-histogram.csv']) {
      const text = readFileSync(join(ROOT, 'data', name), 'utf8');
      expect(Buffer.byteLength(text)).toBeLessThan(MAX_INPUT_BYTES / 100);
      expect(text.split('\n').length).toBeLessThan(MAX_TABLE_ROWS / 100);
    }
    expect(readFileSync(BASELINE).length).toBeLessThan(MAX_YAML_BYTES / 100);
  });
});
