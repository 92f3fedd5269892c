/**
 * The normalised scenario: what `model/` hands to every later layer.
 * Plain data only (it crosses worker boundaries by structured clone). Times are seconds from
 * 00:00 UTC of the scheduled day; rates are per second. Provenance travels separately in
 * `Scenario.provenance` so that numbers stay plain numbers here.
 */

/** A half-open interval [startS, endS) of the scheduled day, 0 ≤ startS < endS ≤ 86 400. */
export interface Window {
  readonly startS: number;
  readonly endS: number;
}

/** Distribution of DLMS commands per SR. Plain data with analytic moments (see `dlmsMean`). */
export type DlmsDist =
  | { readonly kind: 'fixed'; readonly value: number }
  | { readonly kind: 'uniform'; readonly min: number; readonly max: number }
  | { readonly kind: 'pmf'; readonly values: readonly number[]; readonly probs: readonly number[] };

export type Mode = 'on-demand' | 'future-dated' | 'dsp-scheduled';
export type DeviceType = 'SMETS1' | 'SMETS2';

/** One row of the SRV catalogue. */
export interface Srv {
  readonly id: string;
  readonly name: string;
  readonly dlms: DlmsDist;
  readonly requestsPerSr: number;
  readonly responsesPerSr: number;
  /** Probability that a scheduled SR of this SRV answers "Data Not Available" (4.4.3 misaligned with the billing calendar). */
  readonly dataNotAvailableProbability: number;
  readonly modes: readonly Mode[];
  /** Device types for which DSP scheduling of this SRV is allowed. */
  readonly scheduledDeviceTypes: readonly DeviceType[];
  readonly source: string;
}

/** One row of the cohort table: a population of devices served by one S1SP. */
export interface Cohort {
  readonly id: string;
  readonly s1sp: string;
  readonly deviceType: DeviceType;
  /** 'DLMS' cohorts put DLMS commands on DLMS capacities; any other protocol does not. */
  readonly protocol: string;
  readonly share: number;
  readonly devices: number;
  /** Extra latency added to every WAN attempt (e.g. SMS wake-up), seconds. */
  readonly wakeUpS: number;
  readonly source: string;
}

/** An S1SP and the SRVs its standing data accepts with Command Variant 9 (others get S1VE12). */
export interface S1sp {
  readonly id: string;
  readonly cv9Srvs: readonly string[];
  readonly source: string;
}

export type Placement =
  /** Every schedule fires at `atS`, released over `dispatchS` seconds (uniformly). */
  | { readonly kind: 'fixed'; readonly atS: number; readonly dispatchS: number }
  /** Uniform over the union of windows (weight proportional to length). */
  | { readonly kind: 'uniform'; readonly windows: readonly Window[] }
  /** Each cohort uniform over its own windows. */
  | { readonly kind: 'per-cohort'; readonly cohorts: readonly { readonly cohort: string; readonly windows: readonly Window[] }[] }
  /** Piecewise-uniform over bins with relative weights. */
  | { readonly kind: 'histogram'; readonly bins: readonly { readonly startS: number; readonly endS: number; readonly weight: number }[] };

export type BaselineMode = 'discrete' | 'fluid' | 'none';

/** A daily profile of baseline load in the capacity's currency, repeated every day of the horizon. */
export interface BaselineProfile {
  readonly mode: BaselineMode;
  /** Length of one profile bucket, seconds (60 or 3600); buckets cover the day. */
  readonly bucketS: number;
  /** Rate per second in each bucket on a firmware day (the uplift included when `firmware` is true). */
  readonly ratePerS: readonly number[];
  /** The firmware uplift's part of each bucket's rate (all 0 when `firmware` is false): a day without firmware takes it off. */
  readonly firmwarePerS: readonly number[];
  readonly firmware: boolean;
}

/** Calendar of the days whose baselines carry the firmware uplift. */
export type FirmwareDays = 'every-day' | 'weekdays' | 'weekends' | 'none';

export type Currency = 'transactions' | 'dlms';

/** A ceiling in one currency, seen by the traffic of the S1SPs it lists. */
export interface Capacity {
  readonly id: string;
  readonly component: string;
  readonly currency: Currency;
  readonly s1sps: readonly string[];
  readonly ceilingPerS: number;
  /**
   * Seconds of the window the ceiling holds over (1, 900, 3600): the load is judged against it as a
   * sliding mean over that window. The simulation serves the ceiling per second either way.
   */
  readonly windowS: number;
  /** For a ceiling set as headroom over the busiest baseline bucket, that headroom (0.2 = +20%); else null. */
  readonly headroomOverBaselinePeak: number | null;
  readonly overflow: 'queue' | 'reject';
  /** Windows of the day (every day of the horizon) in which the ceiling is 0. */
  readonly maintenance: readonly Window[];
  readonly baseline: BaselineProfile;
}

/** The seed's §4.3 statement from which the DCO day totals are derived (`srvsim pia`). */
export interface SeedShares {
  readonly referenceSrvs: number;
  readonly referenceDlmsMin: number;
  readonly referenceDlmsMax: number;
  readonly shareWithFirmwareMin: number;
  readonly shareWithFirmwareMax: number;
  readonly shareNoFirmwareMin: number;
  readonly shareNoFirmwareMax: number;
  readonly statedFirmwareUplift: number;
}

export interface WanBehaviour {
  readonly firstAttemptSuccess: number;
  readonly retrySuccess: number;
  /** Share of devices that cannot be reached at all on the day. */
  readonly neverReachableShare: number;
  /** Lognormal round trip of one DLMS command to the device and back, seconds: one draw per attempt, whose commands go one after another. */
  readonly roundTripMedianS: number;
  readonly roundTripP95S: number;
}

export interface Behaviour {
  readonly wan: WanBehaviour;
  /** Long-retry interval after a failed attempt, seconds (retries continue until the TRT expires). */
  readonly retryIntervalS: number;
  /** What a failed attempt puts on the DLMS capacity. */
  readonly failedAttempt: FailedAttemptCost;
}

/**
 * DLMS commands of a failed attempt: an unreachable device costs the association attempt; a WAN
 * failure mid-read, the commands sent before it (this share of the read, rounded up, at least one).
 */
export interface FailedAttemptCost {
  readonly unreachableCommands: number;
  readonly wanFailureShare: number;
}

/** Commands a WAN failure costs in an attempt of `commands` (a share of the read, rounded up, at least one; none if the read has none). */
export function wanFailureCommands(cost: FailedAttemptCost, commands: number): number {
  return commands === 0 ? 0 : Math.min(commands, Math.max(1, Math.ceil(cost.wanFailureShare * commands - 1e-9)));
}

export interface ProvenanceEntry {
  /** Dotted path in the model (or `file.csv[row].column`). */
  readonly path: string;
  readonly value: string;
  readonly source: string;
  /** `file:line` where the value was written. */
  readonly at: string;
}

export interface Scenario {
  readonly name: string;
  readonly title: string;
  /** Absolute path of the model file the scenario was loaded from (for a model given as an object, the file it stands for). */
  readonly file: string;
  /** Every file read (models in the extends chain, CSV tables), absolute paths. */
  readonly inputs: readonly string[];
  readonly seed: number;
  readonly day: {
    readonly peakWindow: Window;
    readonly firmwareWindow: Window;
    readonly trtS: number;
    /** Span of one day's SRs (the day and its retry tail), seconds. */
    readonly horizonS: number;
    /** Days simulated first and left out of the figures (their SRs' retries still load the measured days); 0 = a cold start. */
    readonly warmupDays: number;
    /** Days whose load and SRs the figures describe (the same schedule fires every day). */
    readonly measuredDays: number;
    /** Which days' baselines carry the firmware uplift (weekdays and weekends by `startDate`). */
    readonly firmwareDays: FirmwareDays;
    /** Date of the first measured day, YYYY-MM-DD (UTC), or null when the model gives none. */
    readonly startDate: string | null;
    /** Business deadlines as seconds of the scheduled day, e.g. 06:00 and 08:00. */
    readonly deadlinesS: readonly number[];
  };
  readonly workload: {
    readonly srvsPerDay: number;
    readonly mix: readonly { readonly srv: string; readonly share: number }[];
    /** Resolved routing: share of the scheduled SRVs per cohort (sums to 1). */
    readonly routing: readonly { readonly cohort: string; readonly share: number }[];
    readonly routingMode: 'all-to' | 'pro-rata' | 'shares';
  };
  readonly placement: Placement;
  readonly srvs: readonly Srv[];
  readonly cohorts: readonly Cohort[];
  readonly s1sps: readonly S1sp[];
  readonly behaviour: Behaviour;
  readonly capacities: readonly Capacity[];
  readonly seedShares: SeedShares;
  /** Optional prices for the counterfactual cost of extra capacity (per unit per month). */
  readonly costs: {
    readonly perTpsMonthGbp?: number;
    readonly perMillionDlmsPerHourMonthGbp?: number;
  };
  readonly provenance: readonly ProvenanceEntry[];
}

export const DAY_S = 86_400;

/** The most DLMS commands one read may take (each SR's count is held in 16 bits). */
export const MAX_DLMS_PER_SR = 1000;

/** Days whose schedules fire in a run: the warm-up days, then the measured days. */
export function daysFired(d: Scenario['day']): number {
  return d.warmupDays + d.measuredDays;
}

/** Seconds a run simulates: every fired day, the last with its retry tail. */
export function runSpanS(d: Scenario['day']): number {
  return Math.ceil((daysFired(d) - 1) * DAY_S + d.horizonS);
}

/** Mean of a DLMS distribution. @example dlmsMean({kind:'uniform',min:5,max:7}) === 6 */
export function dlmsMean(d: DlmsDist): number {
  switch (d.kind) {
    case 'fixed':
      return d.value;
    case 'uniform':
      return (d.min + d.max) / 2;
    case 'pmf':
      return d.values.reduce((s, v, i) => s + v * (d.probs[i] ?? 0), 0);
  }
}

/** Smallest and largest value a DLMS distribution can take. */
export function dlmsRange(d: DlmsDist): { min: number; max: number } {
  switch (d.kind) {
    case 'fixed':
      return { min: d.value, max: d.value };
    case 'uniform':
      return { min: d.min, max: d.max };
    case 'pmf': {
      const vs = d.values.filter((_, i) => (d.probs[i] ?? 0) > 0);
      return { min: vs.reduce((a, b) => Math.min(a, b), Infinity), max: vs.reduce((a, b) => Math.max(a, b), -Infinity) };
    }
  }
}
