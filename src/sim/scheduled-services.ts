/**
 * The scheduled-services flow of one SR, as a state machine over typed arrays:
 *
 *   ACTIVATE (DSP, CV9) ─ request ─▶ S1SP ceiling ─┬─ S1VE12 ──▶ alert ─▶ done
 *                                                  └─ ATTEMPT: DLMS commands ─▶ DLMS ceiling ─▶ WAN
 *   WAN success ─▶ RESPONSE ─ response ─▶ S1SP ceiling ─▶ done
 *   WAN failure ─▶ ATTEMPT again after the retry interval, while before the TRT; else EXPIRE ─ alert ─▶ done
 *
 * Every draw is keyed by (group key, SR index in group, purpose, attempt), so an SR behaves the same
 * whatever the placement or the order of events (common random numbers).
 */
import { type Histogram, type KeyedRng, roundHalfUp, type Simulator, TICKS_PER_S } from '../engine/index.js';
import type { Scenario } from '../model/types.js';
import { PURPOSE } from '../workload/purposes.js';
import { SCHEDULED } from './baseline.js';
import type { CapacityState } from './capacities.js';
import { MAX_ATTEMPTS_BUCKET, type Metrics } from './metrics.js';
import type { Route } from './routes.js';
import { DATA_NOT_AVAILABLE, FIRST_WAN_OK, latencyS, type SrDraws, UNREACHABLE, type WanDraws } from './sr-draws.js';

export const K_ACTIVATE = 0;
export const K_ATTEMPT = 1;
export const K_RESPONSE = 2;
export const K_EXPIRE = 3;
export const K_S1VE12 = 4;

/** At one instant: outcomes before new attempts before new activations (any fixed order is valid). */
export const P_OUTCOME = 0;
export const P_ATTEMPT = 1;
export const P_ACTIVATE = 2;

const Z95 = 1.6448536269514722;

/** a[i] += v for a typed-array counter. */
function add(a: Float64Array, i: number, v: number): void {
  a[i] = (a[i] as number) + v;
}

/** The WAN parameters of a scenario as the draws use them (lognormal latency by median and p95). */
export function wanDraws(s: Scenario): WanDraws {
  const wan = s.behaviour.wan;
  return {
    firstSuccess: wan.firstAttemptSuccess,
    unreachable: wan.neverReachableShare,
    latMu: Math.log(wan.latencyMedianS),
    latSigma: Math.log(wan.latencyP95S / wan.latencyMedianS) / Z95,
  };
}

export class ScheduledServices {
  /** SR events in the heap; at the end they are the SRs unfinished at the horizon. */
  pending = 0;
  private readonly attempts: Uint8Array;
  private readonly trtTicks: number;
  private readonly retryTicks: number;
  private readonly retrySuccess: number;
  private readonly wan: WanDraws;
  private readonly idOfQ: Int32Array;
  private readonly dlms: Float64Array;
  private readonly flags: Uint8Array;
  private readonly firstLatencyTicks: Float64Array;

  /**
   * SR i (its activation rank) is at position qOfRank[i] of the draws and in group groupOfRank[i].
   */
  constructor(
    s: Scenario,
    private readonly sim: Simulator,
    private readonly rng: KeyedRng,
    private readonly routes: readonly Route[],
    draws: SrDraws,
    private readonly qOfRank: Int32Array,
    private readonly groupOfRank: Uint8Array,
    private readonly activationTick: Float64Array,
    private readonly caps: readonly CapacityState[],
    private readonly m: Metrics,
  ) {
    this.attempts = new Uint8Array(qOfRank.length);
    this.trtTicks = Math.round(s.day.trtS * TICKS_PER_S);
    this.retryTicks = Math.round(s.behaviour.retryIntervalS * TICKS_PER_S);
    this.retrySuccess = s.behaviour.wan.retrySuccess;
    this.wan = wanDraws(s);
    this.idOfQ = draws.idOfQ;
    this.dlms = draws.dlms;
    this.flags = draws.flags;
    this.firstLatencyTicks = draws.firstLatencyTicks;
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

  private at(t: number, priority: number, kind: number, i: number): void {
    this.pending++;
    this.sim.schedule(t, priority, kind, i);
  }

  /** Offer `units` to capacity `c` at `t` (its discrete baseline first); the finish tick, -1 or Infinity. */
  private offer(c: number, t: number, units: number): number {
    const cap = this.caps[c] as CapacityState;
    cap.discrete?.advanceTo(t);
    const finish = cap.server.offer(t, units, SCHEDULED);
    if (finish >= 0 && finish !== Number.POSITIVE_INFINITY) (this.m.throughS[c] as Histogram).record((finish - t) / TICKS_PER_S);
    return finish;
  }

  private activate(i: number, t: number): void {
    const r = this.routes[this.groupOfRank[i] as number] as Route;
    const c = this.m.counters;
    c.activated++;
    add(this.m.perCohort.srs, r.cohortIdx, 1);
    let done = t;
    if (r.tx >= 0) {
      c.txRequests++;
      done = this.offer(r.tx, t, 1);
      if (done < 0) return this.reject();
      if (done === Number.POSITIVE_INFINITY) return void c.unfinished++;
    }
    // Request finishes of a FIFO ceiling never decrease: the in-order lane takes them without the heap.
    this.pending++;
    this.sim.scheduleInOrder(done, r.cv9 ? P_ATTEMPT : P_OUTCOME, r.cv9 ? K_ATTEMPT : K_S1VE12, i);
  }

  private attempt(i: number, t: number): void {
    const r = this.routes[this.groupOfRank[i] as number] as Route;
    const q = this.qOfRank[i] as number;
    const k = this.attempts[i] as number;
    this.attempts[i] = k + 1;
    const c = this.m.counters;
    c.attempts++;
    const dlms = this.dlms[q] as number;
    c.dlmsCommands += dlms;
    add(this.m.perCohort.dlms, r.cohortIdx, dlms);
    let sent = t;
    let delivered = true;
    if (r.dlms >= 0) {
      sent = this.offer(r.dlms, t, dlms);
      if (sent === Number.POSITIVE_INFINITY) return void c.unfinished++;
      if (sent < 0) {
        c.dlmsRejected += dlms;
        delivered = false;
        sent = t;
      }
    }
    const flags = this.flags[q] as number;
    const reachable = delivered && (flags & UNREACHABLE) === 0;
    let success: boolean;
    let latencyTicks: number;
    if (k === 0) {
      success = reachable && (flags & FIRST_WAN_OK) !== 0;
      latencyTicks = this.firstLatencyTicks[q] as number;
    } else {
      const rng = this.rng;
      const local = (this.idOfQ[q] as number) - r.offset;
      const kA = rng.keyA(r.key, local);
      const kB = rng.keyB(r.key, local);
      success = reachable && rng.uKeyed(kA, kB, PURPOSE.wanSuccess, k) < this.retrySuccess;
      latencyTicks = roundHalfUp(latencyS(this.wan, rng.uKeyed(kA, kB, PURPOSE.wanLatency, k)) * TICKS_PER_S);
    }
    const outcome = sent + latencyTicks + r.wakeUpTicks;
    const deadline = (this.activationTick[i] as number) + this.trtTicks;
    if (success && outcome <= deadline) this.at(outcome, P_OUTCOME, K_RESPONSE, i);
    else if (!success && outcome + this.retryTicks < deadline) this.at(outcome + this.retryTicks, P_ATTEMPT, K_ATTEMPT, i);
    else this.at(Math.max(t, deadline), P_OUTCOME, K_EXPIRE, i);
  }

  private respond(i: number, t: number): void {
    const r = this.routes[this.groupOfRank[i] as number] as Route;
    const c = this.m.counters;
    let done = t;
    if (r.tx >= 0) {
      c.txResponses++;
      done = this.offer(r.tx, t, 1);
      if (done < 0) return this.reject();
      if (done === Number.POSITIVE_INFINITY) return void c.unfinished++;
    }
    c.responded++;
    add(this.m.perCohort.responded, r.cohortIdx, 1);
    if (((this.flags[this.qOfRank[i] as number] as number) & DATA_NOT_AVAILABLE) !== 0) c.dataNotAvailable++;
    this.complete(i, done, false);
    const sec = Math.floor(done / TICKS_PER_S);
    if (sec < this.m.responsesPerS.length) add(this.m.responsesPerS, sec, 1);
  }

  /** TRT expiry or S1VE12: one alert transaction back through the S1SP. */
  private alert(i: number, t: number, kind: number): void {
    const r = this.routes[this.groupOfRank[i] as number] as Route;
    const c = this.m.counters;
    let done = t;
    if (r.tx >= 0) {
      c.txAlerts++;
      done = this.offer(r.tx, t, 1);
      if (done < 0) return this.reject();
      if (done === Number.POSITIVE_INFINITY) return void c.unfinished++;
    }
    if (kind === K_EXPIRE) {
      c.expired++;
      add(this.m.perCohort.expired, r.cohortIdx, 1);
    } else c.s1ve12++;
    add(this.m.perCohort.alerts, r.cohortIdx, 1);
    this.complete(i, done, kind === K_EXPIRE);
  }

  private reject(): void {
    this.m.counters.txRejected++;
    this.m.counters.rejected++;
  }

  /** Records a finished SR; `expired` SRs always miss the TRT, responses miss it when late. */
  private complete(i: number, finish: number, expired: boolean): void {
    const m = this.m;
    const durationS = (finish - (this.activationTick[i] as number)) / TICKS_PER_S;
    m.completionS.record(durationS);
    if (expired || durationS * TICKS_PER_S > this.trtTicks) m.counters.trtMisses++;
    add(m.attemptsPerSr, Math.min(MAX_ATTEMPTS_BUCKET, this.attempts[i] as number), 1);
  }
}
