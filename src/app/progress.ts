/**
 * Progress of a run on stderr: simulated hours done over all shards and events per second. Drawn
 * only on a terminal, only for runs that last over ~2 s, and never with --json or --quiet.
 */
import cliProgress from 'cli-progress';
import type { ShardProgress } from '../pool/index.js';

export interface Progress {
  update(p: ShardProgress): void;
  stop(): void;
}

const SILENT: Progress = { update() {}, stop() {} };
const SHOW_AFTER_MS = 2000;

export function progressBar(enabled: boolean, totalS: number, shards: number): Progress {
  if (!enabled || !process.stderr.isTTY) return SILENT;
  const doneS = new Map<number, number>();
  const events = new Map<number, number>();
  const started = Date.now();
  let bar: cliProgress.SingleBar | null = null;
  return {
    update(p) {
      doneS.set(p.replication, p.simulatedS);
      events.set(p.replication, p.events);
      const elapsedMs = Date.now() - started;
      if (!bar && elapsedMs < SHOW_AFTER_MS) return;
      if (!bar) {
        bar = new cliProgress.SingleBar(
          { stream: process.stderr, format: 'simulating |{bar}| {percentage}% · {hours}/{totalHours} simulated h · {rate} events/s · {shards} shard(s)', hideCursor: true },
          cliProgress.Presets.shades_classic,
        );
        bar.start(totalS * shards, 0, { hours: 0, totalHours: (totalS * shards) / 3600, rate: '0', shards });
      }
      const done = [...doneS.values()].reduce((a, b) => a + b, 0);
      const ev = [...events.values()].reduce((a, b) => a + b, 0);
      bar.update(done, { hours: Math.round(done / 3600), rate: `${(((ev / elapsedMs) * 1000) / 1e6).toFixed(2)}M` });
    },
    stop() {
      bar?.stop();
    },
  };
}
