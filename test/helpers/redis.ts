/**
 * A real redis-server on loopback for the BullMQ tests: its own port, no persistence, stopped after
 * (or killed, to test losing it; started again on the same port to test it coming back).
 * Where the binary is missing the tests are skipped locally and fail under CI (which installs it).
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createConnection } from 'node:net';

export const REDIS_BIN = spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' }).stdout.trim();
export const HAVE_REDIS = REDIS_BIN !== '' || process.env.CI === 'true';

export interface TestRedis {
  readonly url: string;
  readonly port: number;
  stop(): Promise<void>;
  /** SIGKILL, as a crash would: no goodbye to the clients. Resolves once it has exited. */
  kill(): Promise<void>;
}

const ping = (port: number) =>
  new Promise<boolean>((done) => {
    const s = createConnection({ host: '127.0.0.1', port }, () => s.write('PING\r\n'));
    s.on('data', (d) => (s.destroy(), done(d.toString().startsWith('+PONG'))));
    s.on('error', () => done(false));
  });

/** A redis-server on `port`, or on a free random one. */
export async function startRedis(fixedPort?: number): Promise<TestRedis> {
  for (let attempt = 0; attempt < (fixedPort === undefined ? 5 : 1); attempt++) {
    const port = fixedPort ?? 20_000 + Math.floor(Math.random() * 20_000);
    if (await ping(port)) continue; // taken
    const child: ChildProcess = spawn(REDIS_BIN || 'redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    for (let k = 0; k < 50; k++) {
      if (await ping(port)) {
        const end = (signal: NodeJS.Signals) => () =>
          new Promise<void>((done) => {
            if (child.exitCode !== null || child.signalCode !== null) return done();
            child.once('exit', () => done());
            child.kill(signal);
          });
        return { url: `redis://127.0.0.1:${port}`, port, stop: end('SIGTERM'), kill: end('SIGKILL') };
      }
      if (child.exitCode !== null) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    child.kill('SIGKILL');
  }
  throw new Error('could not start redis-server on loopback');
}
