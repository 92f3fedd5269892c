/**
 * The model file format as zod schemas: type, meaning and unit of every field in one place (`.describe`).
 * Every number is a Quantity `{value, source}` or a Range `{min, max, source}`; times are "HH:MM[:SS]"
 * strings parsed to seconds of the day. Cross-field checks live in rules.ts, not here.
 */
import * as z from 'zod';
import { isCalendarDate } from './run-days.js';
import type { TableSpec } from './csv-table.js';
import * as msg from './messages.js';
import { type DlmsDist, MAX_DLMS_PER_SR } from './types.js';

export const SOURCE_TAGS = ['seed §', 'seed App.', 'public:', 'assumed:'] as const;
export const DAY_END_S = 86_400;

/** "HH:MM" or "HH:MM:SS" from 00:00 to 24:00 → seconds; undefined when malformed. */
export function parseTime(s: string): number | undefined {
  const m = /^(\d\d):(\d\d)(?::(\d\d))?$/.exec(s);
  if (m === null) return undefined;
  const [h, mi, se] = [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)];
  const secs = h * 3600 + mi * 60 + se;
  return mi < 60 && se < 60 && secs <= DAY_END_S ? secs : undefined;
}

export const source = z
  .string()
  .refine((s) => SOURCE_TAGS.some((t) => s.includes(t)), { error: msg.sourceTag() })
  .describe('Where the value comes from; contains "seed §", "seed App.", "public:" or "assumed:"');

export const time = z
  .string()
  .transform((s, ctx) => {
    const secs = parseTime(s);
    if (secs === undefined) ctx.addIssue({ code: 'custom', message: msg.badTime() });
    return secs ?? z.NEVER;
  })
  .describe('Time of day (UTC), "HH:MM" or "HH:MM:SS", 00:00–24:00; becomes seconds from 00:00');

const id = z.string().min(1);
const path = z.string().min(1).describe('File path, relative to the model file that writes it');

/** A number with its provenance; `value` is checked by the given number schema. */
const quantity = (value: z.ZodNumber, description: string) => z.strictObject({ value: value.describe(description), source }).describe(description);
const range = (bound: z.ZodNumber, description: string) => z.strictObject({ min: bound, max: bound, source }).describe(`${description} (min ≤ max)`);
const probability = z.number().min(0).max(1);

const window = z.strictObject({ start: time, end: time, source: source.optional() }).describe('Half-open window [start, end) inside one day; end > start (write two windows to wrap midnight)');
const sourcedWindow = window.extend({ source });

const routing = z.discriminatedUnion('mode', [
  z.strictObject({ mode: z.literal('all-to'), cohort: id.describe('Cohort receiving every SRV'), source }),
  z.strictObject({ mode: z.literal('pro-rata'), source }).describe('Split by the cohort table shares'),
  z.strictObject({
    mode: z.literal('shares'),
    shares: z.array(z.strictObject({ cohort: id.describe('Cohort (cohort table)'), share: quantity(probability, 'Share of SRVs, 0…1') })).min(1),
    source,
  }),
]);

const placement = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('fixed'),
    at: time.describe('Instant every schedule fires'),
    dispatchS: quantity(z.number().min(0), 'Seconds over which the burst is released (0 = one instant)'),
    source,
  }),
  z.strictObject({ kind: z.literal('uniform'), windows: z.array(window).min(1), source }),
  z.strictObject({
    kind: z.literal('per-cohort'),
    cohorts: z.array(z.strictObject({ cohort: id.describe('Cohort (cohort table)'), windows: z.array(window).min(1) })).min(1),
    source,
  }),
  z.strictObject({ kind: z.literal('histogram'), file: path.describe('CSV: start,end,weight,source'), source }),
]);

const ceiling = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('per-s'), value: z.number().gt(0).describe('Units per second'), source }),
  z.strictObject({ kind: z.literal('per-h'), value: z.number().gt(0).describe('Units per hour'), source }),
  z.strictObject({
    kind: z.literal('headroom-over-baseline-peak'),
    value: z.number().min(0).describe('Fraction above the busiest baseline bucket (0.2 = +20%)'),
    source,
  }),
]);

const scale = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('peak-utilisation'),
    value: z.number().min(0).max(1.5).describe('Busiest bucket as a fraction of the ceiling'),
    source,
  }),
  z.strictObject({ kind: z.literal('seed-shares'), source }).describe('Day totals from seedShares (DLMS/day)'),
  z.strictObject({ kind: z.literal('rates'), source }).describe('Profile weights are rates per second'),
]);

const capacity = z.strictObject({
  id: id.describe('Capacity name, unique'),
  component: z.string().describe('Component name, for reports'),
  currency: z.enum(['transactions', 'dlms']).describe('transactions = request + response + alert; dlms = DLMS commands'),
  s1sps: z.array(id).describe('S1SPs whose traffic this ceiling sees'),
  ceiling,
  window: z
    .strictObject({ value: z.enum(['per-s', 'per-15min', 'per-h']).describe('Window the ceiling holds over'), source })
    .optional()
    .describe('Window the ceiling holds over, judged sliding (default: per-s for a per-s ceiling, per-h for a per-h one, the baseline bucket for a headroom ceiling)'),
  overflow: z.enum(['queue', 'reject']).describe('Work over the ceiling waits FIFO or is refused'),
  maintenance: z.array(sourcedWindow).optional().describe('Windows with no capacity, every day'),
  baseline: z.strictObject({
    mode: z.enum(['discrete', 'fluid', 'none']).describe('Poisson traffic, reserved capacity, or no baseline'),
    firmware: z.boolean().describe('Add the firmware uplift (firmware_weight) to the profile'),
    profile: path.optional().describe('Baseline shape CSV; default data.baselineShape'),
    scale,
  }),
});

export const modelSchema = z.strictObject({
  extends: path.optional().describe('Parent model; this file overrides it (maps merge, lists replace)'),
  scenario: z.string().min(1).describe('Scenario name'),
  title: z.string().describe('One-line title for reports'),
  seed: quantity(
    z
      .number()
      .int()
      .min(0)
      .max(2 ** 32 - 1),
    'Random seed, integer 0…2^32−1',
  ),
  data: z.strictObject({
    srvCatalogue: path.describe('SRV catalogue CSV'),
    cohorts: path.describe('Cohort table CSV'),
    baselineShape: path.describe('Default baseline shape CSV (24 or 1440 rows)'),
  }),
  day: z.strictObject({
    peakWindow: sourcedWindow,
    firmwareWindow: sourcedWindow,
    trtS: quantity(z.number().gt(0), 'Target response time, seconds'),
    horizonH: quantity(z.number().min(24).max(168), "Span of one day's SRs: the day and its retry tail, hours (24…168)"),
    warmupDays: quantity(z.number().int().min(0).max(7), 'Days simulated before the measured days and left out of the figures (0 = a cold start), 0…7'),
    measuredDays: quantity(z.number().int().min(1).max(7), 'Days measured after the warm-up, 1…7'),
    firmwareDays: z
      .strictObject({ value: z.enum(['every-day', 'weekdays', 'weekends', 'none']).describe('Days whose baseline carries the firmware uplift'), source })
      .optional()
      .describe('Calendar of firmware days: every-day (default), weekdays, weekends (both need day.start) or none'),
    start: z
      .strictObject({
        value: z
          .string()
          .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD')
          .refine((v) => isCalendarDate(v), 'a real calendar date')
          .describe('Date of the first measured day, YYYY-MM-DD (schedules fire in UTC)'),
        source,
      })
      .optional()
      .describe('Date of the first measured day (UTC); the command line can give it with --start'),
    deadlines: z.array(z.strictObject({ at: time.describe('Business deadline, time of the scheduled day'), source })),
  }),
  workload: z.strictObject({
    srvsPerDay: quantity(z.number().int().min(1).max(8_388_607), 'DSP-scheduled SRVs per day'),
    mix: z.array(z.strictObject({ srv: id.describe('SRV (catalogue)'), share: quantity(probability, 'Share of the SRVs, 0…1') })).min(1),
    routing,
  }),
  placement,
  s1sps: z.array(z.strictObject({ id: id.describe('S1SP name, unique'), cv9Srvs: z.array(id).describe('SRVs valid with CV9'), source })),
  behaviour: z.strictObject({
    wan: z.strictObject({
      firstAttemptSuccess: quantity(probability, 'Probability the first WAN attempt succeeds'),
      retrySuccess: quantity(probability, 'Probability each long retry succeeds'),
      neverReachableShare: quantity(probability, 'Share of devices unreachable all day'),
      roundTripMedianS: quantity(z.number().gt(0), 'Median round trip of one DLMS command to the device and back, seconds (one draw per attempt)'),
      roundTripP95S: quantity(z.number().gt(0), '95th percentile round trip of one DLMS command, seconds (> median)'),
    }),
    retryIntervalS: quantity(z.number().gt(0), 'Seconds between long retries'),
    failedAttempt: z.strictObject({
      unreachableCommands: quantity(z.number().int().min(0).max(1000), 'DLMS commands an attempt at an unreachable device costs (the association attempt)'),
      wanFailureShare: quantity(probability, 'Share of its read an attempt that fails over the WAN has sent, 0…1'),
    }),
  }),
  seedShares: z.strictObject({
    referenceSrvs: quantity(z.number().gt(0), 'SRVs per day in the seed statement'),
    referenceDlmsPerSr: range(z.number().gt(0), 'DLMS commands per SRV in the seed statement'),
    shareWithFirmware: range(z.number().gt(0).max(1), "Share of a firmware day's DLMS, (0,1]"),
    shareNoFirmware: range(z.number().gt(0).max(1), "Share of a no-firmware day's DLMS, (0,1]"),
    statedFirmwareUplift: quantity(z.number().min(0), 'Firmware uplift stated by the seed (0.6 = +60%)'),
  }),
  capacities: z.array(capacity),
  costs: z
    .strictObject({
      perTpsMonthGbp: quantity(z.number().min(0), 'GBP per extra TPS per month').optional(),
      perMillionDlmsPerHourMonthGbp: quantity(z.number().min(0), 'GBP per extra 1M DLMS/h per month').optional(),
    })
    .optional(),
});

export type Model = z.output<typeof modelSchema>;
export type ModelWindow = z.output<typeof window>;

// ---- CSV tables: each row is an object of cell strings, turned into typed values here ----

const DECIMAL = /^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

/** A cell as a number: plain decimal only (no blanks, spaces, commas, hex, NaN or Infinity). */
export const cellNumber = z.string().transform((s, ctx) => {
  const x = DECIMAL.test(s) ? Number(s) : undefined;
  if (x === undefined) ctx.addIssue({ code: 'custom', message: msg.notANumber() });
  else if (!Number.isFinite(x)) ctx.addIssue({ code: 'custom', message: msg.notFinite() });
  return x !== undefined && Number.isFinite(x) ? x : z.NEVER;
});
const cellOf = (check: z.ZodNumber) => cellNumber.pipe(check);
const cellProbability = cellOf(z.number().min(0).max(1));
const cellSource = z
  .string()
  .refine((s) => s.trim() !== '', { error: msg.notEmpty(), abort: true })
  .pipe(source);
const cellList = <T extends string>(values: readonly [T, ...T[]]) =>
  z
    .string()
    .transform((s) => (s === '' ? [] : s.split('|')))
    .pipe(z.array(z.enum(values)));

/** "uniform A..B", "fixed N" or "pmf V:P V:P …" (integers 1…MAX_DLMS_PER_SR; probabilities summing to 1 ± 1e-9). */
export function parseDlms(s: string): DlmsDist | string {
  const int = (t: string | undefined): number => (t !== undefined && /^\d+$/.test(t) && Number(t) >= 1 && Number(t) <= MAX_DLMS_PER_SR ? Number(t) : Number.NaN);
  const uniform = /^uniform (\d+)\.\.(\d+)$/.exec(s);
  if (uniform) {
    const [min, max] = [int(uniform[1]), int(uniform[2])];
    return min <= max ? { kind: 'uniform', min, max } : msg.dlmsGrammar();
  }
  const fixed = /^fixed (\d+)$/.exec(s);
  if (fixed) return Number.isNaN(int(fixed[1])) ? msg.dlmsGrammar() : { kind: 'fixed', value: int(fixed[1]) };
  const pmf = /^pmf( \d+:\S+)+$/.test(s)
    ? s
        .slice(4)
        .split(' ')
        .map((p) => p.split(':'))
    : [];
  const values = pmf.map(([v]) => int(v));
  const probs = pmf.map(([, p]) => (p !== undefined && DECIMAL.test(p) ? Number(p) : Number.NaN));
  const wellFormed = pmf.length > 0 && pmf.every((pair) => pair.length === 2) && new Set(values).size === values.length;
  if (!wellFormed || [...values, ...probs].some((x) => !(x >= 0)) || probs.some((p) => p > 1)) return msg.dlmsGrammar();
  return Math.abs(probs.reduce((a, b) => a + b, 0) - 1) <= 1e-9 ? { kind: 'pmf', values, probs } : msg.pmfSum();
}
const cellDlms = z.string().transform((s, ctx) => {
  const d = parseDlms(s);
  if (typeof d === 'string') ctx.addIssue({ code: 'custom', message: d });
  return typeof d === 'string' ? z.NEVER : d;
});

export const srvRow = z.object({
  srv: id.describe('SRV number, e.g. 4.3'),
  name: z.string(),
  dlms: cellDlms.describe('DLMS commands per SR: uniform A..B | fixed N | pmf V:P …'),
  requests_per_sr: cellOf(z.number().min(0)).describe('Requests crossing the S1SP interface per SR'),
  responses_per_sr: cellOf(z.number().min(0)).describe('Responses per SR'),
  data_not_available_probability: cellProbability.describe('Probability a scheduled SR answers Data Not Available'),
  modes: cellList(['on-demand', 'future-dated', 'dsp-scheduled']).describe('|-separated modes of operation'),
  scheduled_device_types: cellList(['SMETS1', 'SMETS2']).describe('|-separated device types DSP scheduling allows'),
  source: cellSource,
});

export const cohortRow = z.object({
  cohort: id,
  s1sp: id.describe('S1SP serving the cohort (listed under s1sps)'),
  device_type: z.enum(['SMETS1', 'SMETS2']),
  protocol: z.string().min(1).describe("'DLMS' puts DLMS commands on DLMS capacities"),
  share: cellProbability.describe('Share of the estate, 0…1 (pro-rata routing)'),
  devices: cellOf(z.number().int().min(0)).describe('Devices in the cohort'),
  wake_up_s: cellOf(z.number().min(0)).describe('Wake-up before the first reply of every WAN attempt, seconds'),
  source: cellSource,
});

export const baselineRow = z.object({
  start: time.describe('Bucket start; rows are consecutive hours or minutes from 00:00'),
  weight: cellOf(z.number().min(0)).describe('Share of the no-firmware day (sums to 1), or a rate/s'),
  firmware_weight: cellOf(z.number().min(0)).describe('Share of the firmware increment (sums to 1, or all 0)'),
  source: cellSource,
});

export const histogramRow = z.object({
  start: time,
  end: time,
  weight: cellOf(z.number().min(0)).describe('Relative weight of the bin'),
  source: cellSource,
});

export type SrvRow = z.output<typeof srvRow>;
export type CohortRow = z.output<typeof cohortRow>;
export type BaselineRow = z.output<typeof baselineRow>;
export type HistogramRow = z.output<typeof histogramRow>;

/** The four table kinds: columns (any order), row schema, the column naming rows, and the numeric columns. */
type RowSchema<T> = z.ZodObject & z.ZodType<T, Record<string, string>>;
const spec = <T>(row: RowSchema<T>, key: string, numbers: readonly string[]): TableSpec<T> => ({ columns: Object.keys(row.shape), row, key, numbers });
export const TABLES = {
  srvCatalogue: spec<SrvRow>(srvRow, 'srv', ['dlms', 'requests_per_sr', 'responses_per_sr', 'data_not_available_probability']),
  cohorts: spec<CohortRow>(cohortRow, 'cohort', ['share', 'devices', 'wake_up_s']),
  baselineShape: spec<BaselineRow>(baselineRow, 'start', ['weight', 'firmware_weight']),
  histogram: spec<HistogramRow>(histogramRow, 'start', ['start', 'end', 'weight']),
} as const;
