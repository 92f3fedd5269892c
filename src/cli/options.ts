/**
 * The command-line options, defined once: flags, value parser (range and error message) and the usual
 * words. `--seed`, `--replications`, `--workers`, `--out` and `--json` (and `--quiet`) mean the same on
 * every command that has them; a command may word the description for itself, and sets a default
 * only where it has one. `addOptions` registers a list on a commander Command, in order (the order
 * of --help):
 *
 *   addOptions(program.command('run'), [common.seed(), common.replications('independent replications', 1), common.json()])
 */
import { isCalendarDate } from '../model/run-days.js';
import { type Command, InvalidArgumentError } from 'commander';

/** An option whose value is parsed (and checked) by `parser`; `defaultValue` when it is not given. */
export interface ValueOption<T = unknown> {
  readonly flags: string;
  readonly description: string;
  readonly parser: (value: string) => T;
  readonly defaultValue?: T;
}

/** A flag (`--json`), or an option whose value is kept as text (`--out <dir>`), with its default text if any. */
export interface PlainOption {
  readonly flags: string;
  readonly description: string;
  readonly defaultValue?: string;
}

export type CliOption = ValueOption | PlainOption;

/** Registers `options` on `cmd`, in order. */
export function addOptions(cmd: Command, options: readonly CliOption[]): Command {
  for (const o of options) {
    if (o.defaultValue === undefined) {
      if ('parser' in o) cmd.option(o.flags, o.description, o.parser);
      else cmd.option(o.flags, o.description);
    } else if ('parser' in o) cmd.option(o.flags, o.description, o.parser, o.defaultValue);
    else cmd.option(o.flags, o.description, o.defaultValue);
  }
  return cmd;
}

/** A parser for an integer option from `min` to `max`: digits only, else "--name must be an integer from min to max (got …)". */
export function integerOption(name: string, min: number, max: number): (value: string) => number {
  return (value: string) => {
    const n = Number(value);
    if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < min || n > max) {
      throw new InvalidArgumentError(`${name} must be an integer from ${min} to ${max} (got ${JSON.stringify(value)})`);
    }
    return n;
  };
}

/** A parser for a calendar date YYYY-MM-DD. */
export function dateOption(name: string): (value: string) => string {
  return (value: string) => {
    const v = value.trim();
    if (!isCalendarDate(v)) throw new InvalidArgumentError(`${name} must be a calendar date YYYY-MM-DD (got ${JSON.stringify(value)})`);
    return v;
  };
}

/** A parser for a clock time HH:MM on the scheduled day (00:01–24:00), in seconds. */
export function clockOption(name: string): (value: string) => number {
  return (value: string) => {
    const m = /^(\d{2}):(\d{2})$/.exec(value.trim());
    const s = m ? Number(m[1]) * 3600 + Number(m[2]) * 60 : Number.NaN;
    if (!m || Number(m[2]) > 59 || !(s > 0 && s <= 86_400)) throw new InvalidArgumentError(`${name} must be a clock time HH:MM from 00:01 to 24:00 (got ${JSON.stringify(value)})`);
    return s;
  };
}

/** A parser for a share in (0, 1]. */
export function shareOption(name: string): (value: string) => number {
  return (value: string) => {
    const n = Number(value);
    if (value.trim() === '' || !(n > 0 && n <= 1)) throw new InvalidArgumentError(`${name} must be a share in (0, 1] (got ${JSON.stringify(value)})`);
    return n;
  };
}

export const SEED_MAX = 2 ** 32 - 1;
export const REPLICATIONS_MAX = 10_000;
export const WORKERS_MAX = 1024;

/** The options several commands share. */
export const common = {
  seed: (description = "random seed (default: the model's seed)"): ValueOption<number> => ({ flags: '--seed <n>', description, parser: integerOption('--seed', 0, SEED_MAX) }),
  /** `defaultValue`: what commander fills in when the option is not given (none: left unset). */
  replications: (description = 'independent replications', defaultValue?: number): ValueOption<number> => ({
    flags: '--replications <r>',
    description,
    parser: integerOption('--replications', 1, REPLICATIONS_MAX),
    ...(defaultValue !== undefined ? { defaultValue } : {}),
  }),
  /** `min`: 0 where the command can run in this thread, 1 where it needs a pool. */
  workers: (description = 'worker threads (default: min(cores, replications); 0 = in this thread)', min: 0 | 1 = 0): ValueOption<number> => ({
    flags: '--workers <n>',
    description,
    parser: integerOption('--workers', min, WORKERS_MAX),
  }),
  days: (): ValueOption<number> => ({ flags: '--days <n>', description: "measured days (default: the model's day.measuredDays)", parser: integerOption('--days', 1, 7) }),
  warmupDays: (): ValueOption<number> => ({
    flags: '--warmup-days <n>',
    description: "days simulated before the measured ones and left out of the figures; 0 = a cold start (default: the model's day.warmupDays)",
    parser: integerOption('--warmup-days', 0, 7),
  }),
  start: (): ValueOption<string> => ({
    flags: '--start <date>',
    description: "date of the first measured day, YYYY-MM-DD (UTC): with the model's day.firmwareDays it decides which days carry the firmware uplift (default: the model's day.start)",
    parser: dateOption('--start'),
  }),
  out: (description: string): PlainOption => ({ flags: '--out <dir>', description }),
  json: (description = 'machine-readable output'): PlainOption => ({ flags: '--json', description }),
  quiet: (description = 'no progress lines'): PlainOption => ({ flags: '--quiet', description }),
} as const;
