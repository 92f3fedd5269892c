/**
 * `srvsim check <model>`: a capacity gate for CI. Parses and checks the options, runs the check
 * (app/check.ts: simulate, gates, counterfactual, JUnit XML with --junit), prints the gate table
 * (report/check.ts) or the JSON, and returns 0 (all gates hold) or 5 (one fails).
 */
import { InvalidArgumentError } from 'commander';
import { checkScenario } from '../app/check.js';
import { loadScenarioOrThrow } from '../model/load.js';
import { checkText } from '../report/check.js';
import { EXIT } from './exit-codes.js';
import { type CliOption, common } from './options.js';

export interface CheckCliOptions {
  readonly maxTps?: number;
  /** Percent of each ceiling, 0–100. */
  readonly minHeadroom?: number;
  /** Share 0–1. */
  readonly minTrtShare?: number;
  readonly junit?: string;
  readonly seed?: number;
  readonly replications?: number;
  readonly workers?: number;
  readonly json?: boolean;
  /** false (`--no-verify-extra`): skip re-simulating the extra capacity of a failed ceiling gate. */
  readonly verifyExtra?: boolean;
  readonly signal?: AbortSignal;
}

function parser(flag: string, ok: (n: number) => boolean, what: string): (value: string) => number {
  return (value: string) => {
    const n = Number(value);
    if (value.trim() === '' || !Number.isFinite(n) || !ok(n)) {
      throw new InvalidArgumentError(`${flag} must be ${what} (got ${JSON.stringify(value)})`);
    }
    return n;
  };
}

/** The options of `check`, for commander: `addOptions(cmd, checkOptions)` (options.ts). */
export const checkOptions: readonly CliOption[] = [
  { flags: '--max-tps <tps>', description: 'gate (a): largest peak offered TPS over 1 s at Secure (default: its ceiling)', parser: parser('--max-tps', (n) => n >= 0, 'a number ≥ 0') },
  {
    flags: '--min-headroom <percent>',
    description: 'gate (b): smallest headroom over 1 s, percent of each ceiling (default 0)',
    parser: parser('--min-headroom', (n) => n >= 0 && n <= 100, 'a percent from 0 to 100'),
  },
  { flags: '--min-trt-share <share>', description: 'gate (c): smallest share of SRs answered within the TRT, 0–1', parser: parser('--min-trt-share', (n) => n >= 0 && n <= 1, 'a share from 0 to 1') },
  { flags: '--junit <file>', description: 'write JUnit XML (one testcase per gate)' },
  common.seed(),
  common.replications('independent replications (default 1)'),
  common.workers(),
  common.json(),
  { flags: '--no-verify-extra', description: 'do not re-simulate with the extra capacity installed to check it (faster)' },
];

/** Runs the parsers over options given programmatically; the first problem, or null. */
function optionProblem(opts: CheckCliOptions): string | null {
  const given: Record<string, number | undefined> = {
    '--max-tps': opts.maxTps,
    '--min-headroom': opts.minHeadroom,
    '--min-trt-share': opts.minTrtShare,
    '--seed': opts.seed,
    '--replications': opts.replications,
    '--workers': opts.workers,
  };
  for (const o of checkOptions) {
    const value = given[o.flags.split(' ')[0] ?? ''];
    if (value === undefined || !('parser' in o)) continue;
    try {
      o.parser(String(value));
    } catch (err) {
      return (err as Error).message;
    }
  }
  return null;
}

export async function checkCommand(file: string, opts: CheckCliOptions): Promise<number> {
  const problem = optionProblem(opts);
  const s = problem === null ? await loadScenarioOrThrow(file) : null;
  const noTx = s && opts.maxTps !== undefined && !s.capacities.some((c) => c.currency === 'transactions');
  if (!s || noTx) {
    process.stderr.write(`srvsim check: ${problem ?? `--max-tps: model ${s?.name} has no transactions capacity`}\n`);
    return EXIT.input;
  }
  const result = await checkScenario(s, opts);
  process.stdout.write(opts.json ? `${JSON.stringify(result, null, 2)}\n` : checkText(result, s.costs.perTpsMonthGbp));
  return result.ok ? EXIT.ok : EXIT.gateFailed;
}
