/**
 * The package as another program sees it: compiled, imported by its name `srvsim` (Node's
 * self-reference through the `exports` map), and the example's figures equal to those the source API
 * gives for the same inputs.
 *
 * The build goes to a temporary copy of the package (package.json, dist/, examples/, and links to
 * node_modules/, models/ and data/), so the test always runs the current source and never races a
 * build of the real dist/.
 */
import { execFile, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, expectTypeOf, it } from 'vitest';
import * as api from '../../src/index.js';
import { ROOT } from '../helpers/scenarios.js';

const EXAMPLE = 'examples/run-and-compare.mjs';
let pkg = '';

beforeAll(() => {
  pkg = mkdtempSync(join(tmpdir(), 'srvsim-package-'));
  const tsc = spawnSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', join(ROOT, 'tsconfig.json'), '--outDir', join(pkg, 'dist')], { encoding: 'utf8' });
  expect(tsc.status, `the build failed:\n${tsc.stdout}${tsc.stderr}`).toBe(0);
  copyFileSync(join(ROOT, 'package.json'), join(pkg, 'package.json'));
  mkdirSync(join(pkg, 'examples'));
  copyFileSync(join(ROOT, EXAMPLE), join(pkg, EXAMPLE));
  for (const dir of ['node_modules', 'models', 'data']) symlinkSync(join(ROOT, dir), join(pkg, dir), 'dir');
}, 120_000);

afterAll(() => {
  if (pkg) rmSync(pkg, { recursive: true, force: true });
});

it('resolves `srvsim` through the exports map to the built entry, with the same exports as the source', () => {
  const exportsMap = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { exports: Record<string, { types: string; import: string }> }).exports['.'];
  expect(exportsMap).toEqual({ types: './dist/index.d.ts', import: './dist/index.js' });
  expect(existsSync(join(pkg, exportsMap!.types))).toBe(true);
  const script = "const m = await import('srvsim'); console.log(JSON.stringify({ url: import.meta.resolve('srvsim'), names: Object.keys(m).sort() }));";
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: pkg, encoding: 'utf8' });
  expect(run.stderr).toBe('');
  const got = JSON.parse(run.stdout) as { url: string; names: string[] };
  expect(got.url).toBe(pathToFileURL(join(pkg, 'dist', 'index.js')).href);
  expect(got.names).toEqual(Object.keys(api).sort());
  expect(got.names).toEqual(expect.arrayContaining(['loadScenario', 'loadScenarioOrThrow', 'runScenario', 'compareScenarios', 'optimisePlacement']));
});

it('the example prints the figures the source API computes for the same inputs', async () => {
  // The example (built package, worker threads) runs while the source API computes the same in this thread.
  const example = promisify(execFile)(process.execPath, [EXAMPLE, '--json'], { cwd: pkg, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: 110_000 });
  example.catch(() => {});
  const models = [
    { extends: 'mp192-baseline.yaml', scenario: 'p1-reduced' },
    { extends: 'p2-morning.yaml', scenario: 'p2-reduced' },
  ].map((m) => ({
    ...m,
    workload: { srvsPerDay: { value: 20_000, source: 'assumed: reduced day for the example' } },
    day: { horizonH: { value: 30, source: 'assumed: reduced day for the example' } },
  }));
  const scenarios = await Promise.all(models.map((m) => api.loadScenarioOrThrow(m, { baseDir: join(ROOT, 'models'), name: m.scenario })));
  const replications = 2;
  const summary = await api.runScenario(scenarios[0]!, { replications, workers: 0 });
  const comparison = await api.compareScenarios(scenarios, { replications, workers: 0 });

  const { stdout } = await example;
  const lines = stdout.trimEnd().split('\n');
  const out = JSON.parse(lines.at(-1)!) as { models: unknown; replications: number; summary: unknown; comparison: unknown };
  expect(out.models).toEqual(models);
  expect(out.replications).toBe(replications);
  expect(out.summary).toEqual(JSON.parse(JSON.stringify(summary)));
  expect(out.comparison).toEqual(JSON.parse(JSON.stringify(comparison)));

  const n = (v: number, digits = 1) => v.toLocaleString('en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits });
  const secure = summary.capacities.find((c) => c.id === 'secure')!;
  expect(lines).toContain(`  Secure minimum headroom (1 s): ${n(secure.figures.minHeadroom1s.mean)} TPS`);
  expect(lines).toContain(`  SRs answered within the TRT: ${n(summary.completion.shareWithinTrt.mean * 100, 2)} %`);
  expect(lines.filter((l) => /^ {2}\d\. /.test(l)).map((l) => l.split(':')[0]?.trim())).toEqual(comparison.ranking.map((r) => `${r.rank}. ${r.scenario}`));
}, 120_000);

it('keeps test and benchmark switches out of the public option types', () => {
  expectTypeOf<api.RunOptions>().not.toHaveProperty('dispatchOrder');
  expectTypeOf<api.RunOptions>().not.toHaveProperty('maxOldGenerationSizeMb');
  expectTypeOf<api.ReplicationOptions>().not.toHaveProperty('warm');
  expectTypeOf<api.ReplicationOptions>().not.toHaveProperty('trace');
  expectTypeOf<api.CompareOptions>().not.toHaveProperty('dispatchOrder');
  expectTypeOf<api.OptimiseOptions>().not.toHaveProperty('dispatchOrder');
  expectTypeOf(api.runReplication).parameter(1).toEqualTypeOf<api.ReplicationOptions>();
  expectTypeOf(api.simulateScenario).parameter(1).toEqualTypeOf<api.RunOptions | undefined>();
});
