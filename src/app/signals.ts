/**
 * SIGINT / SIGTERM while the main thread is busy. The CLI's handlers run on the event loop, so a
 * long synchronous stretch (a replication run in this thread) would hold a signal until its end.
 * Around such a stretch the handlers are set aside: the signal's default action ends the process at
 * once (a shell sees 130 / 143), which is safe because nothing is replaced before a report's swap,
 * and the claim and partial folders a killed run leaves are recovered by the next run.
 */
import { InterruptedError } from './write-files.js';

const SIGNALS = ['SIGINT', 'SIGTERM'] as const;

/** Runs `work` with the default action for SIGINT / SIGTERM, then puts the handlers back. */
export function withDefaultSignals<T>(work: () => T): T {
  const saved = SIGNALS.map((s) => [s, process.listeners(s)] as const);
  for (const [s] of saved) process.removeAllListeners(s);
  try {
    return work();
  } finally {
    for (const [s, listeners] of saved) for (const l of listeners) process.on(s, l as NodeJS.SignalsListener);
  }
}

/** Lets pending signal handlers run, then throws InterruptedError when `signal` was aborted. */
export async function yieldToSignals(signal: AbortSignal | undefined): Promise<void> {
  await new Promise((done) => setImmediate(done));
  if (signal?.aborted) throw new InterruptedError();
}
