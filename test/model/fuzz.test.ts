/**
 * Property: whatever bytes a user feeds in, as the model or as one of its tables, loading returns
 * `{ok: true}` or `{ok: false, issues}` with positioned issues; it never throws.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { formatIssue } from '../../src/model/issues.js';
import { loadScenario, type LoadResult } from '../../src/model/load.js';
import { ROOT } from './helpers.js';

/** At least 300; raise with FUZZ_RUNS=5000 for a longer hunt. */
const RUNS = Math.max(300, Number(process.env.FUZZ_RUNS ?? 0));
const tmp = mkdtempSync(join(tmpdir(), 'srvsim-fuzz-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const BASELINE = join(ROOT, 'models', 'mp192-baseline.yaml');
/** The default model with absolute data paths, so that a mutated copy in tmp still finds its tables. */
const BASELINE_TEXT = readFileSync(BASELINE, 'utf8').replaceAll('../data/', `${join(ROOT, 'data')}/`);

function expectWellFormed(result: LoadResult): void {
  if (result.ok) return;
  expect(result.issues.length).toBeGreaterThan(0);
  for (const issue of result.issues) {
    expect(issue.line).toBeGreaterThanOrEqual(1);
    expect(issue.col).toBeGreaterThanOrEqual(1);
    expect(issue.message).not.toBe('');
    expect(typeof formatIssue(issue)).toBe('string');
  }
}

/** Every path into the default model (maps, lists and leaves), for targeted replacement. */
function pathsOf(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  const children = Array.isArray(value)
    ? value.flatMap((v, i) => pathsOf(v, [...path, i]))
    : typeof value === 'object' && value !== null
      ? Object.entries(value).flatMap(([k, v]) => pathsOf(v, [...path, k]))
      : [];
  return path.length === 0 ? children : [path, ...children];
}
const PATHS = pathsOf(parseDocument(BASELINE_TEXT).toJS());

const text = fc.string({ unit: 'binary', maxLength: 300 });
const bytes = fc.uint8Array({ maxLength: 300 });
const asBytes = (s: string | Uint8Array): Uint8Array => (typeof s === 'string' ? Buffer.from(s, 'utf8') : s);
const spliced = (base: string) => fc.tuple(fc.nat(base.length), fc.nat(40), text).map(([at, cut, s]) => base.slice(0, at) + s + base.slice(at + cut));

const modelBytes = fc.oneof(
  text,
  bytes,
  fc.jsonValue().map((v) => JSON.stringify(v)),
  spliced(BASELINE_TEXT),
  fc.tuple(fc.constantFrom(...PATHS), fc.jsonValue()).map(([path, v]) => {
    const doc = parseDocument(BASELINE_TEXT);
    doc.setIn(path, v);
    return doc.toString();
  }),
);

describe('loading never throws', () => {
  it('for arbitrary bytes as the YAML model', async () => {
    const file = join(tmp, 'model.yaml');
    await fc.assert(
      fc.asyncProperty(modelBytes, async (content) => {
        writeFileSync(file, asBytes(content));
        expectWellFormed(await loadScenario(file));
      }),
      { numRuns: RUNS },
    );
  });

  const CELLS = [
    '',
    ' ',
    '1',
    '0',
    '0.5',
    '-1',
    '1e309',
    'NaN',
    '0x10',
    '"',
    '""',
    '"a,b"',
    ',',
    '\n',
    '\r\n',
    'SMETS1',
    'SMETS2',
    'MOC',
    'Secure',
    '00:00',
    '24:00',
    '12:00',
    'assumed: x',
    'uniform 5..7',
    'pmf 5:1',
    'dsp-scheduled',
    'on-demand|dsp-scheduled',
  ];
  const HEADERS = {
    srvCatalogue: 'srv,name,dlms,requests_per_sr,responses_per_sr,data_not_available_probability,modes,scheduled_device_types,source',
    cohorts: 'cohort,s1sp,device_type,protocol,share,devices,wake_up_s,source',
    baselineShape: 'start,weight,firmware_weight,source',
    histogram: 'start,end,weight,source',
  } as const;
  const REAL = {
    srvCatalogue: readFileSync(join(ROOT, 'data', 'srv-catalogue.csv'), 'utf8'),
    cohorts: readFileSync(join(ROOT, 'data', 'cohorts.csv'), 'utf8'),
    baselineShape: readFileSync(join(ROOT, 'data', 'baseline-shape.csv'), 'utf8'),
    histogram: readFileSync(join(ROOT, 'data', 'p7-histogram.csv'), 'utf8'),
  };
  const tables = Object.keys(HEADERS) as (keyof typeof HEADERS)[];
  const csvFor = (t: keyof typeof HEADERS) =>
    fc.oneof(
      text,
      bytes,
      spliced(REAL[t]),
      fc.array(fc.array(fc.constantFrom(...CELLS), { maxLength: 12 }), { maxLength: 30 }).map((rows) => [HEADERS[t], ...rows.map((r) => r.join(','))].join('\n')),
    );

  it('for arbitrary bytes as a table of an otherwise valid model', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...tables).chain((t) => fc.tuple(fc.constant(t), csvFor(t))),
        async ([table, content]) => {
          const csv = join(tmp, `${table}.csv`);
          const model = join(tmp, `${table}.yaml`);
          writeFileSync(csv, asBytes(content));
          const ref = table === 'histogram' ? `placement: { kind: histogram, file: ./${table}.csv, source: "assumed: fuzz" }` : `data: { ${table}: ./${table}.csv }`;
          writeFileSync(model, `extends: ${BASELINE}\n${ref}\n`);
          expectWellFormed(await loadScenario(model));
        },
      ),
      { numRuns: RUNS },
    );
  });
});
