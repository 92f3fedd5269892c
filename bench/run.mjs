#!/usr/bin/env node
// npm run bench: every benchmark in turn (~4 min here) — engine M/M/c, the full default day, the steady
// state against a cold start, pooled vs sequential — each beside the calibration kernel. Reports go to reports/bench/*.json.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const steps = [
  ['--import', 'tsx', 'bench/engine-mmc.ts'],
  ['--import', 'tsx', 'bench/day.ts'],
  ['--import', 'tsx', 'bench/steady-state.ts'],
  ['node_modules/typescript/bin/tsc', '-p', 'bench/tsconfig.build.json'],
  ['bench/dist/bench/pool.js'],
];
for (const args of steps) {
  const run = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
  if (run.status !== 0) {
    console.error(`bench: ${args.join(' ')} failed (exit ${run.status})`);
    process.exit(1);
  }
}
