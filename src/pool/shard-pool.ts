/**
 * A piscina pool with a complete teardown: when `destroy()` resolves, every thread the pool ever
 * started has exited, and none starts afterwards.
 *
 * Why this is not piscina's own `destroy()` alone:
 *  - piscina cancels a task whose AbortSignal fires by terminating its thread and dropping it from
 *    the pool at once, without waiting for it to exit, and starts a replacement (minThreads) while
 *    the old thread is still stopping. Its `destroy()` only waits for the threads still in the pool,
 *    so a cancelled thread can outlive it;
 *  - when such a dropped thread exits after `destroy()` has resolved, piscina takes the exit for a
 *    crash and starts `minThreads` new threads, which nothing stops: an interrupted CLI run then ended
 *    its process with those threads still starting up. Threads being started while others are being
 *    terminated, or while the process shuts down, is the fragile ground of Node's native worker
 *    teardown (where an rc 134 assertion in node_platform.cc comes from).
 *
 * So a signal is never handed to piscina: cancelling rejects the tasks here and tears the whole pool
 * down (the one way the tool cancels is "stop the run"). Every thread the pool starts is tracked, and
 * `destroy()` repeats piscina's teardown until no tracked thread is alive and the pool holds none.
 */
import type { TransferListItem, Worker } from 'node:worker_threads';
import { Piscina } from 'piscina';

type PiscinaOptions = NonNullable<ConstructorParameters<typeof Piscina>[0]>;

export interface ShardRunOptions {
  readonly transferList?: readonly TransferListItem[];
  /** Aborting it fails this task with the signal's reason and tears the whole pool down. */
  readonly signal?: AbortSignal;
}

/** What a task cancelled by its signal fails with (the signal's reason is its cause). */
export class TaskAbortedError extends Error {
  constructor(reason: unknown) {
    super(`cancelled: ${reason instanceof Error ? reason.message : String(reason ?? 'aborted')}`, { cause: reason });
    this.name = 'AbortError';
  }
}

export class ShardPool {
  readonly #pool: Piscina;
  /** This pool's threads that have not exited yet, including any piscina has already let go of. */
  readonly #live = new Set<Worker>();
  #destroyed: Promise<void> | null = null;

  constructor(options: PiscinaOptions) {
    this.#pool = new Piscina(options);
    // A thread piscina starts on its own (a replacement after a crash) is seen here once it is ready;
    // one that is never ready is either still in the pool at teardown or has already failed.
    this.#pool.on('workerCreate', () => this.#track());
    this.#track();
  }

  /** Starts tracking any thread of the pool not tracked yet. */
  #track(): void {
    for (const worker of this.#pool.threads) {
      if (this.#live.has(worker) || worker.threadId === -1) continue;
      this.#live.add(worker);
      worker.once('exit', () => this.#live.delete(worker));
    }
  }

  run(task: unknown, opts: ShardRunOptions = {}): Promise<unknown> {
    const { signal } = opts;
    if (this.#destroyed) return Promise.reject(new Error('the worker pool has been shut down'));
    if (signal?.aborted) {
      void this.destroy();
      return Promise.reject(new TaskAbortedError(signal.reason));
    }
    const running = this.#pool.run(task, opts.transferList ? { transferList: [...opts.transferList] as never } : {});
    this.#track();
    if (!signal) return running;
    return new Promise((resolve, reject) => {
      const cancel = () => {
        reject(new TaskAbortedError(signal.reason));
        void this.destroy();
      };
      signal.addEventListener('abort', cancel, { once: true });
      running.then(
        (value) => {
          signal.removeEventListener('abort', cancel);
          resolve(value);
        },
        (err: unknown) => {
          signal.removeEventListener('abort', cancel);
          reject(err);
        },
      );
    });
  }

  /**
   * Fails every queued and running task, stops every thread and resolves once all have exited. Safe to
   * call more than once (the same teardown); the pool takes no task afterwards. Never rejects.
   */
  destroy(): Promise<void> {
    this.#destroyed ??= this.#teardown();
    return this.#destroyed;
  }

  async #teardown(): Promise<void> {
    // Each round ends every thread piscina holds and waits for every tracked thread to exit. A thread
    // piscina had already let go of may make it start new ones when it exits; those are caught by the
    // next round. Rounds are finite: each tracked thread exits once.
    for (;;) {
      this.#track();
      if (this.#live.size === 0 && this.#pool.threads.length === 0) return;
      await this.#pool.destroy().catch(() => {});
      this.#track();
      // terminate() resolves on the thread's exit (at once for one that has exited already).
      await Promise.allSettled([...this.#live].map((worker) => worker.terminate()));
    }
  }
}
