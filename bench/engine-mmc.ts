// M/M/c throughput of the engine (Simulator + Resource + KeyedRng): events per second on one core.
// Run: npx tsx bench/engine-mmc.ts [customers=1000000]
import { runMmc } from '../src/engine/index.js';

const customers = Number(process.argv[2] ?? 1_000_000);
const opts = { servers: 10, arrivalRate: 8, serviceRate: 1, customers, seed: 1, replication: 0, warmupCustomers: 0 };
runMmc({ ...opts, customers: 100_000 }); // warm the JIT
for (let rep = 0; rep < 3; rep++) {
  const t0 = process.hrtime.bigint();
  const r = runMmc({ ...opts, replication: rep });
  const s = Number(process.hrtime.bigint() - t0) / 1e9;
  console.log(
    `c=10 λ=8 μ=1, ${customers} customers: ${r.events} events in ${s.toFixed(3)} s = ` +
      `${(r.events / s / 1e6).toFixed(2)} M events/s (Wq ${r.meanWait.toFixed(4)} s, P(wait) ${r.probWait.toFixed(4)})`,
  );
}
