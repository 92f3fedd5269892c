/**
 * What happens to one SR: the scheduled-services flow as a state machine over the day's SR table
 * (workload/sr-table.ts), SR i being the i-th to activate:
 *
 *   ACTIVATE (DSP, CV9) ─ request ─▶ S1SP ceiling ─┬─ S1VE12 ──▶ alert ─▶ done
 *                                                  └─ ATTEMPT: DLMS commands ─▶ DLMS ceiling ─▶ WAN
 *   WAN success ─▶ RESPONSE ─ response ─▶ S1SP ceiling ─▶ done
 *   WAN failure ─▶ ATTEMPT again after the retry interval, while before the TRT (and fewer than
 *                  MAX_ATTEMPTS = 2^19 − 1 attempts); else EXPIRE ─ alert ─▶ done
 *
 * An attempt sends its read's DLMS commands when it succeeds; a failed one only what it sent: at an
 * unreachable device the association attempt, after a WAN failure mid-read the commands before it
 * (behaviour.failedAttempt). The commands go one after another (the command path): each reaches the
 * DLMS ceiling when the previous one has come back. With q the first command's time through the
 * ceiling, ρ the attempt's round trip per command (one draw) and w the cohort's wake-up,
 *
 *   command j (1-based) is offered at  t + [j > 1]·w + (j − 1)·(q + ρ);   the outcome comes at  t + w + n·(q + ρ)
 *
 * so every later command meets the queue its first one met (exact while the ceiling is not queueing).
 * Commands after the first are not events: they are added to their second's bucket and offered at the
 * second's start (or at once when their second has begun), ahead of the next offer after it.
 *
 * The same schedule fires every day of the run (warm-up days, then measured days): each SR's route
 * says its day, and its counters go to that day's. Only the measured days' SRs feed the SR figures
 * (per cohort, completion, attempts, deadlines); every SR loads the capacities.
 *
 * Every draw is keyed by (group key, SR index in group, purpose, attempt), so an SR behaves the same
 * whatever the placement or the order of events (common random numbers). The draws that no placement
 * changes (the first attempt's among them) are made before the day (workload/sr-draws.ts); a retry's
 * are made here.
 */
import { type Histogram, type KeyedRng, type Simulator, TICKS_PER_S } from '../engine/index.js';
import { DAY_S, type FailedAttemptCost, type Scenario, wanFailureCommands } from '../model/types.js';
import { PURPOSE } from '../workload/purposes.js';
import type { Route } from '../workload/routes.js';
import { roundTripTicks, type WanDraws, wanDraws } from '../workload/sr-draws.js';
import { MAX_ATTEMPTS, type SrTable } from '../workload/sr-table.js';
import { SCHEDULED } from './baseline.js';
import type { CapacityState } from './capacities.js';
import { type ClockDayTally, type Counters, MAX_ATTEMPTS_BUCKET, type Metrics } from './metrics.js';

export const K_ACTIVATE = 0;
export const K_ATTEMPT = 1;
export const K_RESPONSE = 2;
export const K_EXPIRE = 3;
export const K_S1VE12 = 4;

/** At one instant: outcomes before new attempts before new activations (any fixed order is valid). */
export const P_OUTCOME = 0;
export const P_ATTEMPT = 1;
export const P_ACTIVATE = 2;

/** a[i] += v for a typed-array counter. */
function add(a: Float64Array, i: number, v: number): void {
  a[i] = (a[i] as number) + v;
}

const DAY_TICKS = DAY_S * TICKS_PER_S;

export class ScheduledServices {
  /** SR events in the heap; at the end they are the SRs unfinished at the horizon. */
  pending = 0;
  /** SRs activated and not yet answered, alerted or rejected (the carry-over at a day's end). */
  open = 0;
  private readonly trtTicks: number;
  private readonly retryTicks: number;
  private readonly retrySuccess: number;
  private readonly wan: WanDraws;
  private readonly failedCost: FailedAttemptCost;
  /** Routes of SRs fired on the measured days have day ≥ this. */
  private readonly measuredFrom: number;
  /** Business deadlines as ticks of the day. */
  private readonly deadlineTicks: Float64Array;
  /** The measured days' clock time, [from, to) in ticks: the span the capacities' figures describe. */
  private readonly measuredFromTick: number;
  private readonly measuredToTick: number;
  /**
   * Per capacity that takes DLMS commands (null for the others): the later commands of attempts not yet
   * offered, by the second they are offered in — [0] of SRs fired on warm-up days, [1] of the measured
   * days' (so a ceiling that refuses some can charge them to the right SRs); `flushedTo[c]` is the first
   * second not offered.
   */
  private readonly deferred: ([Float64Array, Float64Array] | null)[];
  private readonly flushedTo: Float64Array;

  /** `routes[k]` is route k (a schedule group on a fired day); `srs` the run's SRs by activation rank. */
  constructor(
    s: Scenario,
    private readonly sim: Simulator,
    private readonly rng: KeyedRng,
    private readonly routes: readonly Route[],
    private readonly srs: SrTable,
    private readonly caps: readonly CapacityState[],
    private readonly m: Metrics,
  ) {
    this.trtTicks = Math.round(s.day.trtS * TICKS_PER_S);
    this.retryTicks = Math.round(s.behaviour.retryIntervalS * TICKS_PER_S);
    this.retrySuccess = s.behaviour.wan.retrySuccess;
    this.wan = wanDraws(s);
    this.failedCost = s.behaviour.failedAttempt;
    this.measuredFrom = s.day.warmupDays;
    this.deadlineTicks = Float64Array.from(s.day.deadlinesS, (d) => d * TICKS_PER_S);
    this.measuredFromTick = s.day.warmupDays * DAY_TICKS;
    this.measuredToTick = (s.day.warmupDays + s.day.measuredDays) * DAY_TICKS;
    const dlmsCaps = new Set(routes.map((r) => r.dlms).filter((c) => c >= 0));
    this.deferred = caps.map((cap, c) => (dlmsCaps.has(c) ? [new Float64Array(cap.server.horizonS), new Float64Array(cap.server.horizonS)] : null));
    this.flushedTo = new Float64Array(caps.length);
  }

  /** The counters of route r's fired day. */
  private countersOf(r: Route): Counters {
    return this.m.byFiredDay[r.day] as Counters;
  }

  /** The tally of the clock day of tick t. */
  private clockDay(t: number): ClockDayTally {
    const days = this.m.byClockDay;
    return days[Math.min(days.length - 1, Math.floor(t / DAY_TICKS))] as ClockDayTally;
  }

  handle(kind: number, i: number, t: number): void {
    if (kind === K_ACTIVATE) this.activate(i, t);
    else {
      this.pending--;
      if (kind === K_ATTEMPT) this.attempt(i, t);
      else if (kind === K_RESPONSE) this.respond(i, t);
      else this.alert(i, t, kind);
    }
  }

  /**
   * A parked response, retry or expiry reads its SR's record; a retry or expiry comes long after the
   * record was last read, so read it a second ahead (see EventHandler.warm).
   */
  warm(_kind: number, i: number): number {
    return this.srs.touch(i);
  }

  private at(t: number, priority: number, kind: number, i: number): void {
    this.pending++;
    this.sim.schedule(t, priority, kind, i);
  }

  /** Offer `units` to capacity `c` at `t` (its discrete baseline and commands deferred to seconds up to t's first); the finish tick, -1 or Infinity. */
  private offer(c: number, t: number, units: number): number {
    if (this.deferred[c] !== null) this.flush(c, t);
    const finish = this.place(c, t, units);
    if (finish >= 0 && finish !== Number.POSITIVE_INFINITY && t >= this.measuredFromTick && t < this.measuredToTick) (this.m.throughS[c] as Histogram).record((finish - t) / TICKS_PER_S);
    return finish;
  }

  /** Scheduled units onto capacity c's server at t, its discrete baseline's arrivals up to t first; the finish tick, -1 or Infinity. */
  private place(c: number, t: number, units: number): number {
    const cap = this.caps[c] as CapacityState;
    cap.discrete?.advanceTo(t);
    return cap.server.offer(t, units, SCHEDULED);
  }

  /**
   * Offers capacity c's deferred commands of every second from the first not yet offered up to t's,
   * each second's at its start (the warm-up days' SRs' first, then the measured days'). Commands a
   * ceiling refuses (overflow 'reject') are charged to the measured days' counters when theirs.
   */
  private flush(c: number, t: number): void {
    const [other, measured] = this.deferred[c] as [Float64Array, Float64Array];
    const last = Math.min(other.length - 1, Math.floor(t / TICKS_PER_S));
    let sec = this.flushedTo[c] as number;
    if (sec > last) return;
    for (; sec <= last; sec++) {
      const a = other[sec] as number;
      const b = measured[sec] as number;
      const at = sec * TICKS_PER_S;
      if (a > 0) {
        other[sec] = 0;
        this.place(c, at, a);
      }
      if (b > 0) {
        measured[sec] = 0;
        if (this.place(c, at, b) < 0) this.rejectedLater(b);
      }
    }
    this.flushedTo[c] = last + 1;
  }

  /** Later commands of measured SRs refused by a DLMS ceiling: charged to the first measured day's counters. */
  private rejectedLater(units: number): void {
    (this.m.byFiredDay[this.measuredFrom] as Counters).dlmsRejected += units;
  }

  /** Offers every deferred command still waiting (the end of the run). */
  flushAll(): void {
    for (let c = 0; c < this.deferred.length; c++) if (this.deferred[c] !== null) this.flush(c, Number.MAX_SAFE_INTEGER);
  }

  /**
   * Commands 2..n of an attempt at t on capacity c, the first at t + w, then every `step` ticks; those
   * in a second already offered go at once (at t, in the same second), those past the run are dropped.
   */
  private defer(c: number, t: number, n: number, w: number, step: number, measured: boolean): void {
    const deferred = (this.deferred[c] as [Float64Array, Float64Array])[measured ? 1 : 0];
    const flushed = this.flushedTo[c] as number;
    let now = 0;
    for (let j = 1; j < n; j++) {
      const sec = Math.floor((t + w + j * step) / TICKS_PER_S);
      if (sec < flushed) now++;
      else if (sec < deferred.length) deferred[sec] = (deferred[sec] as number) + 1;
      else break;
    }
    if (now > 0 && this.place(c, t, now) < 0 && measured) this.rejectedLater(now);
  }

  private activate(i: number, t: number): void {
    const r = this.routes[this.srs.group(i)] as Route;
    const c = this.countersOf(r);
    c.activated++;
    this.open++;
    this.clockDay(t).activated++;
    if (r.day >= this.measuredFrom) add(this.m.perCohort.srs, r.cohortIdx, 1);
    let done = t;
    if (r.tx >= 0) {
      c.txRequests++;
      done = this.offer(r.tx, t, 1);
      if (done < 0) {
        this.reject(c, t);
        return;
      }
      if (done === Number.POSITIVE_INFINITY) return void c.unfinished++;
    }
    // Request finishes of a FIFO ceiling never decrease: the in-order lane takes them without the heap.
    this.pending++;
    this.sim.scheduleInOrder(done, r.cv9 ? P_ATTEMPT : P_OUTCOME, r.cv9 ? K_ATTEMPT : K_S1VE12, i);
  }

  private attempt(i: number, t: number): void {
    const srs = this.srs;
    const r = this.routes[srs.group(i)] as Route;
    const k = srs.startAttempt(i);
    const c = this.countersOf(r);
    c.attempts++;
    // The outcome's draws first: they decide how many of the read's commands the attempt sends.
    let wanOk: boolean;
    let rtt: number;
    if (k === 0) {
      wanOk = srs.firstAttemptOk(i);
      rtt = srs.firstRoundTripTicks(i);
    } else {
      const rng = this.rng;
      const local = srs.indexInGroup(i);
      const kA = rng.keyA(r.key, local);
      const kB = rng.keyB(r.key, local);
      wanOk = rng.uKeyed(kA, kB, PURPOSE.wanSuccess, k) < this.retrySuccess;
      rtt = roundTripTicks(this.wan, rng.uKeyed(kA, kB, PURPOSE.wanLatency, k));
    }
    const read = srs.dlmsPerAttempt(i);
    const unreachable = srs.unreachable(i);
    let dlms = unreachable ? Math.min(read, this.failedCost.unreachableCommands) : wanOk ? read : wanFailureCommands(this.failedCost, read);
    // Per command: its time through the DLMS ceiling (the first command's) plus the round trip.
    let step = rtt;
    let delivered = true;
    let pastHorizon = false;
    if (r.dlms >= 0 && dlms > 0) {
      const first = this.offer(r.dlms, t, 1);
      if (first === Number.POSITIVE_INFINITY) {
        pastHorizon = true;
        dlms = 1;
      } else if (first < 0) {
        // A refused first command ends the attempt: nothing more is sent.
        dlms = 1;
        c.dlmsRejected++;
        delivered = false;
      } else {
        step += first - t;
        this.defer(r.dlms, t, dlms, r.wakeUpTicks, step, r.day >= this.measuredFrom);
      }
    }
    c.dlmsCommands += dlms;
    if (r.day >= this.measuredFrom) add(this.m.perCohort.dlms, r.cohortIdx, dlms);
    if (pastHorizon) return void c.unfinished++;
    const success = delivered && !unreachable && wanOk;
    if (!success) c.dlmsFailedAttempts += dlms;
    else if (k === 0) c.dlmsFirstAttempts += dlms;
    else c.dlmsRetries += dlms;
    // An attempt that sends no command (unreachableCommands 0) still waits one round trip for its outcome.
    const outcome = t + r.wakeUpTicks + Math.max(1, dlms) * step;
    const deadline = srs.activationTick(i) + this.trtTicks;
    if (success && outcome <= deadline) this.at(outcome, P_OUTCOME, K_RESPONSE, i);
    else if (!success && outcome + this.retryTicks < deadline && k + 1 < MAX_ATTEMPTS) {
      this.at(outcome + this.retryTicks, P_ATTEMPT, K_ATTEMPT, i);
    } else this.at(Math.max(t, deadline), P_OUTCOME, K_EXPIRE, i);
  }

  private respond(i: number, t: number): void {
    const r = this.routes[this.srs.group(i)] as Route;
    const c = this.countersOf(r);
    let done = t;
    if (r.tx >= 0) {
      c.txResponses++;
      done = this.offer(r.tx, t, 1);
      if (done < 0) {
        this.reject(c, t);
        return;
      }
      if (done === Number.POSITIVE_INFINITY) return void c.unfinished++;
    }
    c.responded++;
    this.open--;
    this.clockDay(t).responded++;
    if (this.srs.dataNotAvailable(i)) c.dataNotAvailable++;
    const activation = this.srs.activationTick(i);
    if (done - activation > this.trtTicks) {
      c.lateResponses++;
      c.trtMisses++;
    }
    const sec = Math.floor(done / TICKS_PER_S);
    if (sec < this.m.responsesPerS.length) add(this.m.responsesPerS, sec, 1);
    if (r.day < this.measuredFrom) return;
    const m = this.m;
    add(m.perCohort.responded, r.cohortIdx, 1);
    m.completionS.record((done - activation) / TICKS_PER_S);
    this.recordAttempts(i);
    // Each deadline is its clock time's first occurrence after the activation.
    const dayStart = Math.floor(activation / DAY_TICKS) * DAY_TICKS;
    const deadlines = this.deadlineTicks;
    for (let j = 0; j < deadlines.length; j++) {
      let by = dayStart + (deadlines[j] as number);
      if (by <= activation) by += DAY_TICKS;
      if (done < by) add(m.byDeadline, j, 1);
    }
  }

  /** TRT expiry or S1VE12: one alert transaction back through the S1SP. */
  private alert(i: number, t: number, kind: number): void {
    const r = this.routes[this.srs.group(i)] as Route;
    const c = this.countersOf(r);
    let done = t;
    if (r.tx >= 0) {
      c.txAlerts++;
      done = this.offer(r.tx, t, 1);
      if (done < 0) {
        this.reject(c, t);
        return;
      }
      if (done === Number.POSITIVE_INFINITY) return void c.unfinished++;
    }
    this.open--;
    this.clockDay(t).alerts++;
    const expired = kind === K_EXPIRE;
    if (expired) c.expired++;
    else c.s1ve12++;
    // An expiry always misses the TRT; an S1VE12 alert only when it comes after it.
    if (expired || done - this.srs.activationTick(i) > this.trtTicks) c.trtMisses++;
    if (r.day < this.measuredFrom) return;
    if (expired) add(this.m.perCohort.expired, r.cohortIdx, 1);
    add(this.m.perCohort.alerts, r.cohortIdx, 1);
    this.recordAttempts(i);
  }

  private reject(c: Counters, t: number): void {
    c.txRejected++;
    c.rejected++;
    this.open--;
    this.clockDay(t).rejected++;
  }

  /** SR i's attempts, at its end (a measured SR). */
  private recordAttempts(i: number): void {
    add(this.m.attemptsPerSr, Math.min(MAX_ATTEMPTS_BUCKET, this.srs.attempts(i)), 1);
  }
}
