#!/usr/bin/env node
// Runs the vitest suite once and prints one closing line `vitest: N passed, N failed, N skipped`
// (vitest prints none). A test file that fails outside any test (an import error, a throw at load) counts
// as one failure; skipped and todo tests count as skipped. Extra arguments are passed to vitest.
//
// `--fast` (npm run test:fast) runs only the quick unit tests, on every core: the folders in FAST without
// the slow end-to-end files in SLOW. The other folders hold what is slow by nature (signals, sweeps with
// Redis, pool stress, CLI spawns, benchmarks, the package build); so does SLOW.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dir = mkdtempSync(join(tmpdir(), 'srvsim-vitest-'));
const jsonFile = join(dir, 'results.json');
const vitest = join(import.meta.dirname, '..', 'node_modules', 'vitest', 'vitest.mjs');
const FAST = [...['engine', 'model', 'workload', 'sim', 'stats', 'pia', 'report'].map((folder) => `test/${folder}/`), 'test/layers.test.ts'];
const SLOW = [
  'test/sim/domain.test.ts', // the default day (2.7M SRs), several times
  'test/report/shipped-models.test.ts', // a report folder, charts as PNG, for every shipped model
  'test/report/browser.test.ts', // a headless Chromium
  'test/model/large-file.test.ts', // a table of a gigabyte, streamed
];
const args = process.argv.slice(2);
const fast = args.includes('--fast');
const selection = fast ? [...FAST, ...SLOW.map((file) => `--exclude=${file}`), '--maxWorkers=100%'] : [];
const vitestArgs = [...selection, ...args.filter((a) => a !== '--fast')];
// Under CI a stray `.only` fails the run instead of silently narrowing it, and so does any skipped test.
const ci = Boolean(process.env.CI);
const run = spawnSync(process.execPath, [vitest, 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${jsonFile}`, ...(ci ? ['--allowOnly=false'] : []), ...vitestArgs], {
  stdio: 'inherit',
  env: { ...process.env, NO_COLOR: '1' },
});
let passed = 0;
let failed = 0;
let skipped = 0;
try {
  const results = JSON.parse(readFileSync(jsonFile, 'utf8'));
  passed = results.numPassedTests ?? 0;
  failed = results.numFailedTests ?? 0;
  skipped = (results.numPendingTests ?? 0) + (results.numTodoTests ?? 0);
  // A file that failed with no failing test in it failed outside any test: count it.
  for (const file of results.testResults ?? []) {
    const failing = (file.assertionResults ?? []).filter((a) => a.status === 'failed').length;
    if (file.status === 'failed' && failing === 0) failed += 1;
  }
} catch {
  failed += 1;
}
rmSync(dir, { recursive: true, force: true });
if (ci && skipped > 0) console.error(`under CI no test may be skipped (skipped: ${skipped}; see the list above)`);
console.log(`vitest: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(run.status === 0 && failed === 0 && !(ci && skipped > 0) ? 0 : 1);
