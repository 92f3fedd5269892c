#!/usr/bin/env node
/**
 * `srvsim`: argument parsing and exit codes only. Every command is a function returning its exit
 * code; this file is the one place that calls process.exit.
 */
import { setMaxListeners } from 'node:events';
import { Command } from 'commander';
import { OutputChoiceError } from '../app/output-dir.js';
import { InterruptedError, OutputError, OutputOwnershipError } from '../app/write-files.js';
import { formatIssues, InputError } from '../model/issues.js';
import { SimulationError } from '../pool/index.js';
import { toolVersion } from './default-models.js';
import { assumptionsCommand } from './assumptions.js';
import { type CheckCliOptions, checkCommand, checkOptions } from './check.js';
import { type CompareCliOptions, compareCommand } from './compare.js';
import { EXIT } from './exit-codes.js';
import { addOptions, clockOption, common, integerOption, shareOption } from './options.js';
import { piaCommand } from './pia.js';
import { type OptimiseCliOptions, optimiseCommand } from './optimise.js';
import { type RunCliOptions, runCommand } from './run.js';
import { type SensitivityCliOptions, sensitivityCommand } from './sensitivity.js';
import { RedisUnreachableError } from '../app/sweep/redis.js';
import { SweepJobsFailed } from '../app/sweep/run-sweep.js';
import { REDIS_TIMEOUT_OPTION, type SweepCliOptions, sweepCommand, type WorkerCliOptions, workerCommand } from './sweep.js';
import { validateCommand } from './validate.js';
import { verifyCommand } from './verify.js';

const version = toolVersion();

/**
 * SIGINT / SIGTERM: the first cancels the run (workers stop, nothing is written, the previous report
 * stays) and the tool exits 130 / 143; a second one exits at once.
 */
const interrupt = new AbortController();
// Every pooled task listens on it (a sweep queues hundreds): no listener limit.
setMaxListeners(0, interrupt.signal);
let caught: NodeJS.Signals | null = null;
const exitCodeOf = (signal: NodeJS.Signals) => (signal === 'SIGTERM' ? 143 : EXIT.interrupted);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (caught) process.exit(exitCodeOf(signal));
    caught = signal;
    process.stderr.write(`\nsrvsim: ${signal}: stopping (again to force)\n`);
    interrupt.abort(new Error(`interrupted by ${signal}`));
  });
}
// A reader that goes away (`srvsim … | head -1`) is not an error of ours.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw err;
});

async function main(argv: string[]): Promise<number> {
  let code: number = EXIT.ok;
  const program = new Command()
    .name('srvsim')
    .description('Load and capacity model of DSP-scheduled SMETS1 prepayment reads (SRV 4.3 / 4.4.3) on the DCC')
    .version(version)
    .exitOverride()
    .showHelpAfterError();
  const command = (name: string, description: string) => program.command(name).description(description);
  addOptions(command('validate', 'validate scenario models and their CSV tables; every problem as file:line:col path: message').argument('<models...>', 'model files (YAML)'), [common.json()]).action(
    async (files: string[], opts: { json?: boolean }) => {
      code = await validateCommand(files, opts);
    },
  );
  addOptions(
    command('pia', "the seed's own arithmetic (docs/domain.md §E) computed from a model; default: the shipped default and P0–P7").argument(
      '[models...]',
      'first model gives the table; the others add rows to the added-TPS table',
    ),
    [common.json()],
  ).action(async (files: string[], opts: { json?: boolean }) => {
    code = await piaCommand(files, opts);
  });
  addOptions(command('assumptions', 'every input number of a model with its provenance (seed §, public source, or assumed + why)').argument('<model>', 'model file (YAML)'), [
    { flags: '--markdown', description: 'a Markdown table' },
    common.json(),
  ]).action(async (file: string, opts: { json?: boolean; markdown?: boolean }) => {
    code = await assumptionsCommand(file, opts);
  });
  addOptions(command('run', 'simulate a scenario (warm-up days, then the measured days) and write its report folder').argument('<model>', 'model file (YAML)'), [
    common.seed(),
    common.replications('independent replications', 1),
    common.days(),
    common.warmupDays(),
    common.start(),
    common.workers(),
    common.out('report folder (default: reports/<scenario>/<run-id>)'),
    common.json('print the summary as JSON (no progress bar)'),
    common.quiet('no progress bar'),
  ]).action(async (file: string, opts: RunCliOptions) => {
    code = await runCommand(file, { ...opts, signal: interrupt.signal });
  });
  addOptions(
    command('check', 'capacity gate for CI: Secure peak TPS, headroom to every ceiling, share within the TRT; exit 5 when a gate fails').argument('<model>', 'model file (YAML)'),
    checkOptions,
  ).action(async (file: string, opts: CheckCliOptions) => {
    code = await checkCommand(file, { ...opts, signal: interrupt.signal });
  });
  addOptions(
    command('compare', 'run several scenarios (or sweep files) with one seed and R, rank them, write reports/compare/<run-id>/').argument(
      '<models...>',
      'model files (YAML) and/or sweep files ({ base, placements })',
    ),
    [
      common.seed("random seed for every scenario (default: the first model's seed)"),
      common.replications('replications per scenario', 1),
      common.workers(),
      common.out('report folder (default: reports/compare/<run-id>)'),
      common.json('print the comparison as JSON'),
      common.quiet(),
    ],
  ).action(async (files: string[], opts: CompareCliOptions) => {
    code = await compareCommand(files, { ...opts, signal: interrupt.signal });
  });
  addOptions(command('sensitivity', 'vary each uncertain input one at a time (same seed); tornado charts; write reports/sensitivity/<scenario>/<run-id>/').argument('<model>', 'model file (YAML)'), [
    common.seed(),
    common.replications('replications per variant', 1),
    common.workers(),
    {
      flags: '--srvs <n>',
      description: "quick run: N SRVs a day instead of the model's volume (baseline kept: not a capacity answer)",
      parser: integerOption('--srvs', 1, 100_000_000),
    },
    {
      flags: '--only <factors>',
      description: 'comma-separated subset of dlms,wan,retry,baseline,volume,routing',
      parser: (v: string) =>
        v
          .split(',')
          .map((f) => f.trim())
          .filter(Boolean),
    },
    common.out('report folder (default: reports/sensitivity/<scenario>/<run-id>)'),
    common.json('print the analysis as JSON'),
    common.quiet(),
  ]).action(async (file: string, opts: SensitivityCliOptions) => {
    code = await sensitivityCommand(file, { ...opts, signal: interrupt.signal });
  });
  addOptions(
    command('optimise', 'search placements (one or two windows on a 15-min grid) for the most headroom; simulate the finalists; write the winner as a model').argument('<model>', 'model file (YAML)'),
    [
      { flags: '--avoid-firmware', description: 'keep the scheduled load out of the firmware window' },
      { flags: '--deadline <HH:MM>', description: 'a completion deadline (clock time on the scheduled day)', parser: clockOption('--deadline') },
      { flags: '--deadline-share <s>', description: 'share of SRs that must meet the deadline (default 0.95)', parser: shareOption('--deadline-share') },
      { flags: '--finalists <n>', description: 'finalists to simulate (default 3; 0 = fluid screen only)', parser: integerOption('--finalists', 0, 20) },
      common.seed(),
      common.workers('worker threads (0 = in this thread)'),
      common.out('output folder (default: reports/optimise/<scenario>/<run-id>)'),
      common.json(),
    ],
  ).action(async (file: string, opts: OptimiseCliOptions) => {
    code = await optimiseCommand(file, { ...opts, signal: interrupt.signal });
  });
  addOptions(
    command('sweep', 'run every case × replication of a sweep file as a job (local pool or BullMQ workers); resumable; sweep report with heat maps').argument(
      '<sweep>',
      'sweep file (YAML): base model, grid or cases, replications',
    ),
    [
      { flags: '--backend <name>', description: "local (this machine's worker pool) or bullmq (jobs on Redis for `srvsim worker`)", defaultValue: 'local' },
      { flags: '--redis <url>', description: 'Redis URL for --backend bullmq, e.g. redis://127.0.0.1:6379' },
      REDIS_TIMEOUT_OPTION,
      { flags: '--queue <name>', description: 'BullMQ queue name (default srvsim-sweep)' },
      common.workers('local backend: worker threads (default: cores)', 1),
      { flags: '--jobs <dir>', description: 'folder of finished job results, reused by a re-run (default: reports/sweep/<name>/jobs)' },
      common.out('report folder (default: reports/sweep/<name>/<run-id>)'),
      common.json('print the sweep result as JSON'),
      common.quiet(),
    ],
  ).action(async (file: string, opts: SweepCliOptions) => {
    code = await sweepCommand(file, { ...opts, signal: interrupt.signal });
  });
  addOptions(
    command('worker', "take sweep jobs from a BullMQ queue and run them on this machine's worker pool, until stopped").requiredOption('--redis <url>', 'Redis URL, e.g. redis://127.0.0.1:6379'),
    [
      REDIS_TIMEOUT_OPTION,
      { flags: '--queue <name>', description: 'BullMQ queue name (default srvsim-sweep)' },
      common.workers('worker threads, and jobs at once (default: cores)', 1),
      {
        flags: '--lock-ms <ms>',
        description: 'job lock time: a job of a worker that died is run again after about this long (default 30000)',
        parser: integerOption('--lock-ms', 1000, 3_600_000),
      },
      { flags: '--idle-exit <s>', description: 'stop after this many seconds without a job (default: run until SIGINT/SIGTERM)', parser: integerOption('--idle-exit', 1, 86_400) },
      common.quiet('no log lines'),
    ],
  ).action(async (opts: WorkerCliOptions) => {
    code = await workerCommand({ ...opts, signal: interrupt.signal });
  });
  addOptions(command('verify', 'check a report folder against its manifest.json (SHA-256 of every file)').argument('<report-dir>', 'a folder written by srvsim run'), [common.json()]).action(
    (dir: string, opts: { json?: boolean }) => {
      code = verifyCommand(dir, opts);
    },
  );
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (err) {
    return handleError(err);
  }
  return code;
}

function handleError(err: unknown): number {
  if (caught) return exitCodeOf(caught);
  if (err instanceof InterruptedError) return EXIT.interrupted;
  if (err instanceof OutputChoiceError || err instanceof OutputOwnershipError) {
    process.stderr.write(`srvsim: ${err.message}\n`);
    return EXIT.input;
  }
  if (err instanceof OutputError) {
    process.stderr.write(`srvsim: ${err.message}\n`);
    return EXIT.output;
  }
  if (err instanceof SweepJobsFailed) {
    process.stderr.write(`srvsim: ${err.message}\n`);
    return EXIT.simulation;
  }
  if (err instanceof RedisUnreachableError) {
    process.stderr.write(`srvsim: ${err.message}\n`);
    return EXIT.service;
  }
  if (err instanceof SimulationError) {
    process.stderr.write(`srvsim: ${err.message}\n`);
    return EXIT.simulation;
  }
  if (err instanceof InputError) {
    process.stderr.write(`${formatIssues(err.issues).join('\n')}\n`);
    return EXIT.input;
  }
  const e = err as { code?: string; exitCode?: number };
  if (typeof e.code === 'string' && e.code.startsWith('commander.')) {
    return e.code === 'commander.helpDisplayed' || e.code === 'commander.version' ? EXIT.ok : EXIT.input;
  }
  process.stderr.write(`srvsim: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  return EXIT.internal;
}

const code = await main(process.argv.slice(2));
process.exitCode = caught ? exitCodeOf(caught) : code;
