/**
 * Redis for the BullMQ sweep backend (bullmq.ts, bullmq-submit.ts): URLs checked before any connection
 * and shown without their password, connections that fail fast when Redis is not there, and a watch
 * that gives up (RedisLostError) once Redis has not answered for the Redis timeout.
 */
import { Redis } from 'ioredis';

/** How long Redis may go unanswered before a sweep or worker gives up, s. */
export const DEFAULT_REDIS_TIMEOUT_S = 30;

/** The URL as it may be shown: a password replaced by `***`. */
export function displayRedisUrl(url: string): string {
  try {
    const u = new URL(url);
    if (!u.password) return url;
    u.password = '***';
    return u.toString();
  } catch {
    return url;
  }
}

/**
 * What is wrong with a Redis URL, or undefined when it is usable: redis:// or rediss://, a host, an
 * optional port and database number. Checked before any connection is tried.
 */
export function redisUrlProblem(url: string): string | undefined {
  const shown = JSON.stringify(displayRedisUrl(url));
  const example = 'e.g. redis://127.0.0.1:6379 or rediss://user:password@host:6380/0';
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return `--redis must be a Redis URL, ${example} (got ${shown})`;
  }
  if (u.protocol !== 'redis:' && u.protocol !== 'rediss:') return `--redis must start with redis:// or rediss://, ${example} (got ${shown})`;
  if (!u.hostname) return `--redis has no host, ${example} (got ${shown})`;
  if (!/^(\/(\d{1,5})?)?$/.test(u.pathname)) return `--redis may only end in a database number such as /0, ${example} (got ${shown})`;
  if (u.search || u.hash) return `--redis may not carry ?options or #fragments, ${example} (got ${shown})`;
  return undefined;
}

/** One line: the message of an error, whitespace folded. */
const reason = (cause: unknown) => (cause instanceof Error ? cause.message : String(cause)).replace(/\s+/g, ' ').trim();

export class RedisUnreachableError extends Error {
  readonly url: string;
  constructor(url: string, cause: unknown, message?: string) {
    super(message ?? `cannot reach Redis at ${displayRedisUrl(url)}: ${reason(cause)}`, { cause });
    this.name = 'RedisUnreachableError';
    this.url = url;
  }
}

/** Redis stopped answering after the connection was made, and did not come back in time. */
export class RedisLostError extends RedisUnreachableError {
  constructor(
    url: string,
    readonly timeoutS: number,
    cause: unknown,
    /** What was kept, and what to do (appended to the message). */
    readonly hint?: string,
  ) {
    super(url, cause, `lost the connection to Redis at ${displayRedisUrl(url)}: no answer for ${timeoutS} s${cause === undefined ? '' : ` (${reason(cause)})`}${hint ? `; ${hint}` : ''}`);
    this.name = 'RedisLostError';
  }

  withHint(hint: string): RedisLostError {
    return new RedisLostError(this.url, this.timeoutS, this.cause, hint);
  }
}

/** A connection for BullMQ (commands wait through reconnects), after one probe that fails fast. */
export async function connectRedis(url: string, timeoutMs = 5000): Promise<Redis> {
  const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: timeoutMs });
  probe.on('error', () => {});
  try {
    await probe.connect();
    await probe.ping();
  } catch (err) {
    throw new RedisUnreachableError(url, err);
  } finally {
    probe.disconnect();
  }
  // Closing a socket that is still connecting to a dead server waits disconnectTimeout before it is
  // destroyed, and keeps the process up meanwhile: keep that short.
  const redis = new Redis(url, { maxRetriesPerRequest: null, disconnectTimeout: 200 });
  redis.on('error', () => {}); // reconnects by itself; commands wait meanwhile
  return redis;
}

export interface RedisWatch {
  /** Rejects with RedisLostError once Redis has not answered for the timeout; never resolves. */
  readonly lost: Promise<never>;
  /** Whether the connection is up now. */
  readonly up: () => boolean;
  stop(): void;
}

/**
 * Watches a connection: a PING every tick (a quarter of the timeout, at most a second) unless one is
 * still outstanding, and `lost` rejects once no PING reply or reconnect has come for `timeoutMs`:
 * Redis killed, unreachable, or still connected but no longer answering. Commands on the connection itself keep waiting; the
 * caller races its work against `lost`.
 */
export function watchRedis(connection: Redis, url: string, timeoutMs: number): RedisWatch {
  let lastAnswer = Date.now();
  let lastError: unknown;
  let pinging = false;
  let fail: (err: RedisLostError) => void = () => {};
  const lost = new Promise<never>((_, reject) => (fail = reject));
  lost.catch(() => {}); // a caller that has stopped racing it is not told
  const onReady = () => (lastAnswer = Date.now());
  const onError = (err: unknown) => (lastError = err);
  connection.on('ready', onReady);
  connection.on('error', onError);
  const tick = setInterval(
    () => {
      if (connection.status === 'ready' && !pinging) {
        pinging = true;
        connection.ping().then(
          () => ((lastAnswer = Date.now()), (pinging = false)),
          (err: unknown) => ((lastError = err), (pinging = false)),
        );
      }
      if (Date.now() - lastAnswer > timeoutMs) {
        stop();
        fail(new RedisLostError(url, Math.round(timeoutMs / 100) / 10, lastError ?? (connection.status === 'ready' ? new Error('connected, but no reply') : undefined)));
      }
    },
    Math.max(50, Math.min(1000, timeoutMs / 4)),
  );
  tick.unref();
  const stop = () => {
    clearInterval(tick);
    connection.off('ready', onReady);
    connection.off('error', onError);
  };
  return { lost, up: () => connection.status === 'ready', stop };
}

/** Waits for `work`, or throws what `lost` throws first; `work` is settled quietly either way. */
export async function unlessLost<T>(work: Promise<T>, lost: Promise<never>): Promise<T> {
  work.catch(() => {});
  return Promise.race([work, lost]);
}

/** Waits at most `ms` for `p` (shutdown steps that may hang on a dead connection). */
export const atMost = (p: Promise<unknown>, ms: number) =>
  new Promise<void>((done) => {
    const t = setTimeout(done, ms);
    p.then(
      () => (clearTimeout(t), done()),
      () => (clearTimeout(t), done()),
    );
  });

/** The Redis timeout in ms, from seconds (default DEFAULT_REDIS_TIMEOUT_S). */
export const redisTimeoutMs = (s: number | undefined) => (s ?? DEFAULT_REDIS_TIMEOUT_S) * 1000;
