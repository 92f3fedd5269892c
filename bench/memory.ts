/**
 * Benchmark: peak resident memory of one full day in a fresh process, for the default model and for
 * the 4M-volume case; target under 1 GiB each. Writes reports/bench/memory.json.
 *
 *   npx tsx bench/memory.ts            (child:  npx tsx bench/memory.ts --child <srvsPerDay>)
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadScenarioOrThrow } from '../src/model/load.js';
import { runReplication } from '../src/sim/run-replication.js';

const GiB = 2 ** 30;
const args = process.argv.slice(2);

if (args[0] === '--child') {
  const s = await loadScenarioOrThrow('models/mp192-baseline.yaml');
  const scenario = { ...s, workload: { ...s.workload, srvsPerDay: Number(args[1]) } };
  const started = performance.now();
  const r = runReplication(scenario, { seed: s.seed, replication: 0 });
  const wallMs = performance.now() - started;
  process.stdout.write(JSON.stringify({ srvsPerDay: r.counters.activated, events: r.counters.events, wallMs, peakRssBytes: process.resourceUsage().maxRSS * 1024 }));
} else {
  const cases = [2_700_000, 4_000_000].map((srvsPerDay) => {
    const child = spawnSync(process.execPath, ['--import', 'tsx', 'bench/memory.ts', '--child', String(srvsPerDay)], { encoding: 'utf8' });
    if (child.status !== 0) throw new Error(`memory bench child failed: ${child.stderr}`);
    const m = JSON.parse(child.stdout) as { srvsPerDay: number; events: number; wallMs: number; peakRssBytes: number };
    console.log(`${m.srvsPerDay.toLocaleString('en-GB')} SRs: peak RSS ${(m.peakRssBytes / 2 ** 20).toFixed(0)} MiB (limit 1,024), ${(m.wallMs / 1000).toFixed(2)} s`);
    return { ...m, peakRssMiB: m.peakRssBytes / 2 ** 20, underOneGiB: m.peakRssBytes < GiB };
  });
  mkdirSync(join('reports', 'bench'), { recursive: true });
  writeFileSync(join('reports', 'bench', 'memory.json'), `${JSON.stringify({ benchmark: 'memory', node: process.version, date: new Date().toISOString(), cases }, null, 2)}\n`);
  if (cases.some((c) => !c.underOneGiB)) process.exitCode = 1;
}
