/**
 * Laws every replication and every summary must obey, whatever the model: called by the tests that run
 * the simulator, after they have their results.
 *
 *   per SR        activated = responded + expired + s1ve12 + rejected + unfinished (the measured days' SRs)
 *                 one completion time per response; within TRT ≤ responded ≤ activated
 *                 SRs completed with no attempt = S1VE12 alerts; Σ k × (SRs completed after k attempts)
 *                 ≤ attempts, = when every SR completed (none rejected or unfinished, none in the last bucket)
 *                 DLMS commands = first attempts' + retries' + failed attempts'
 *   per day       activated + carry-over in = responded + alerts + rejected + carry-over out; each day's
 *                 carry-over in is the day before's out; the measured days' series add up to their rows
 *   per capacity  carried ≤ ceiling in every second and over the peak and firmware windows;
 *                 per class offered = carried + rejected + backlog left (≥ 0; 0 in reject mode);
 *                 the reported backlog at the last second is the queued classes' backlog left
 *   shares        every share in [0, 1]; a deadline's share at most the responses' (a deadline is its
 *                 first occurrence after each SR's activation, so shares need not grow with the clock time)
 *
 * A failure here on real output is a finding about the code, not a reason to loosen the law.
 */
import { expect } from 'vitest';
import type { Scenario, Window } from '../../src/model/types.js';
import type { ReplicationResult } from '../../src/sim/run-replication.js';
import { backlogPerS } from '../../src/stats/capacity-figures.js';
import { type RunSummary, replicationFigures } from '../../src/stats/summarise.js';

/** Round-off allowed on sums of fractional units (fluid baselines, fractional capacities). */
const EPS = 1e-6;

const min = (a: ArrayLike<number>): number => {
  let m = Number.POSITIVE_INFINITY;
  for (let i = 0; i < a.length; i++) m = Math.min(m, a[i] as number);
  return m;
};
const sum = (a: ArrayLike<number>, from = 0, to = a.length): number => {
  let s = 0;
  for (let i = Math.max(0, from); i < Math.min(to, a.length); i++) s += a[i] as number;
  return s;
};

function expectShare(x: number, what: string): void {
  expect(x, `${what} is a share`).toBeGreaterThanOrEqual(0);
  expect(x, `${what} is a share`).toBeLessThanOrEqual(1);
}

function expectReplication(s: Scenario, r: ReplicationResult): void {
  const c = r.counters;
  const tag = `replication ${r.replication}`;

  // Per SR: every activated SR ends one way, or is still unfinished at the horizon.
  expect(c.responded + c.expired + c.s1ve12 + c.rejected + c.unfinished, `${tag}: activated = responded + expired + s1ve12 + rejected + unfinished`).toBe(c.activated);
  expect(c.dlmsFirstAttempts + c.dlmsRetries + c.dlmsFailedAttempts, `${tag}: DLMS = first attempts + retries + failed attempts`).toBe(c.dlmsCommands);
  expect(c.dataNotAvailable, `${tag}: "Data Not Available" ≤ responded`).toBeLessThanOrEqual(c.responded);
  expect(c.trtMisses, `${tag}: TRT misses include every expiry and every late response`).toBeGreaterThanOrEqual(c.expired + c.lateResponses);
  expect(c.trtMisses, `${tag}: a TRT miss is an expiry, a late response or a late S1VE12 alert`).toBeLessThanOrEqual(c.expired + c.lateResponses + c.s1ve12);
  expect(c.rejected, `${tag}: an SR is rejected only by a transaction ceiling`).toBe(c.txRejected);
  expect(r.completionS.count, `${tag}: one completion time per response`).toBe(c.responded);
  expect(sum(r.attemptsPerSr), `${tag}: one attempts record per response or alert`).toBe(c.responded + c.expired + c.s1ve12);
  // Only an S1VE12 alert ends an SR before its first attempt (an expiry is only ever decided by an attempt).
  expect(r.attemptsPerSr[0], `${tag}: SRs completed with no attempt = S1VE12 alerts`).toBe(c.s1ve12);
  // The attempts of completed SRs (the last bucket at least its lower bound) are among all attempts made;
  // all of them when every SR completed and none reached the last bucket.
  let recorded = 0;
  for (let k = 0; k < r.attemptsPerSr.length; k++) recorded += k * (r.attemptsPerSr[k] as number);
  expect(recorded, `${tag}: attempts of completed SRs ≤ attempts made`).toBeLessThanOrEqual(c.attempts);
  if (c.unfinished === 0 && c.rejected === 0 && r.attemptsPerSr[r.attemptsPerSr.length - 1] === 0) {
    expect(recorded, `${tag}: every SR completed: attempts = Σ k × SRs with k attempts`).toBe(c.attempts);
  }

  // Per clock day: SRs in = SRs out, and what one day leaves open the next one inherits.
  r.days.forEach((d, j) => {
    expect(d.activated + d.carryIn, `${tag}, day ${d.day}: activated + carry-over in = responded + alerts + rejected + carry-over out`).toBe(d.responded + d.alerts + d.rejected + d.openAtEnd);
    expect(d.carryIn, `${tag}, day ${d.day}: carry-over in = the day before's out`).toBe(j === 0 ? 0 : (r.days[j - 1] as { openAtEnd: number }).openAtEnd);
  });
  const measuredDays = r.days.filter((d) => d.day >= 0 && d.day < s.day.measuredDays);
  if (r.days.length > 0) {
    expect(measuredDays.length, `${tag}: one row per measured day`).toBe(s.day.measuredDays);
    r.capacities.forEach((cap, k) => {
      const rows = measuredDays.reduce((a, d) => a + (d.capacities[k]?.scheduledOffered ?? 0), 0);
      expect(Math.abs(sum(cap.offeredPerS[1]) - rows), `${tag}, ${cap.id}: the measured series add up to the measured days' rows`).toBeLessThanOrEqual(EPS * Math.max(1, rows));
    });
  }

  // Per cohort: the cohorts' counters add up to the day's.
  expect(sum(r.perCohort.srs), `${tag}: Σ cohort SRs = activated`).toBe(c.activated);
  expect(sum(r.perCohort.responded), `${tag}: Σ cohort responses = responded`).toBe(c.responded);
  expect(sum(r.perCohort.expired), `${tag}: Σ cohort expiries = expired`).toBe(c.expired);
  expect(sum(r.perCohort.alerts), `${tag}: Σ cohort alerts = expired + s1ve12`).toBe(c.expired + c.s1ve12);
  expect(sum(r.perCohort.dlms), `${tag}: Σ cohort DLMS = DLMS commands`).toBe(c.dlmsCommands);

  // Shares of this replication.
  const f = replicationFigures(s, r).completion;
  const within = f.shareWithinTrt * Math.max(1, c.activated);
  expectShare(f.shareWithinTrt, `${tag}: share within the TRT`);
  expect(within, `${tag}: within TRT ≤ responded`).toBeLessThanOrEqual(c.responded + EPS);
  expect(c.responded, `${tag}: responded ≤ activated`).toBeLessThanOrEqual(c.activated);
  const order = s.day.deadlinesS.map((d, j) => ({ d, share: f.shareByDeadline[j] as number })).sort((a, b) => a.d - b.d);
  order.forEach(({ d, share }) => {
    expectShare(share, `${tag}: share by ${d} s`);
    expect(share * Math.max(1, c.activated), `${tag}: answered by ${d} s ≤ responded`).toBeLessThanOrEqual(c.responded + EPS);
  });

  // Per capacity.
  expect(r.capacities.length, `${tag}: one series per capacity`).toBe(s.capacities.length);
  const windows: [string, Window][] = [
    ['peak window', s.day.peakWindow],
    ['firmware window', s.day.firmwareWindow],
  ];
  let txOffered = 0;
  let txRejected = 0;
  let dlmsOffered = 0;
  let dlmsRejected = 0;
  r.capacities.forEach((cap, k) => {
    const id = `${tag}, ${cap.id}`;
    const n = cap.ceilingPerS.length;
    const [cb, cs] = cap.carriedPerS;
    let worst = Number.NEGATIVE_INFINITY;
    let worstAt = -1;
    for (let i = 0; i < n; i++) {
      const over = (cb[i] as number) + (cs[i] as number) - (cap.ceilingPerS[i] as number);
      if (over > worst) {
        worst = over;
        worstAt = i;
      }
    }
    expect(worst, `${id}: carried ≤ ceiling in every second (worst at second ${worstAt})`).toBeLessThanOrEqual(EPS);
    for (const [name, w] of windows) {
      const carried = sum(cb, w.startS, w.endS) + sum(cs, w.startS, w.endS);
      expect(carried, `${id}: carried ≤ ceiling over the ${name}`).toBeLessThanOrEqual(sum(cap.ceilingPerS, w.startS, w.endS) + EPS);
    }
    const overflow = s.capacities[k]?.overflow;
    let queuedLeft = 0;
    for (const cls of [0, 1] as const) {
      const offered = sum(cap.offeredPerS[cls]);
      const carried = sum(cap.carriedPerS[cls]);
      const rejected = sum(cap.rejectedPerS[cls]);
      const left = offered - carried - rejected;
      const scale = Math.max(1, offered);
      for (const [name, series] of [
        ['offered', cap.offeredPerS[cls]],
        ['carried', cap.carriedPerS[cls]],
        ['rejected', cap.rejectedPerS[cls]],
      ] as const) {
        expect(min(series), `${id}: ${name} (class ${cls}) ≥ 0`).toBeGreaterThanOrEqual(0);
      }
      const fluid = cls === 0 && cap.baselineMode === 'fluid';
      if (fluid) {
        // A fluid baseline is a reservation: carried up to the ceiling, the rest is neither queued nor rejected.
        expect(rejected, `${id}: a fluid baseline is never rejected`).toBe(0);
        for (let i = 0; i < n; i++) {
          const want = Math.min(cap.offeredPerS[0][i] as number, cap.ceilingPerS[i] as number);
          if (Math.abs((cap.carriedPerS[0][i] as number) - want) > EPS) expect(cap.carriedPerS[0][i], `${id}: fluid baseline carried = min(offered, ceiling) at second ${i}`).toBe(want);
        }
        continue;
      }
      expect(left, `${id}: class ${cls} offered = carried + rejected + backlog left, left ≥ 0`).toBeGreaterThanOrEqual(-EPS * scale);
      if (overflow === 'reject') expect(Math.abs(left), `${id}: class ${cls} leaves no backlog in reject mode`).toBeLessThanOrEqual(EPS * scale);
      queuedLeft += left;
    }
    const backlog = backlogPerS(cap);
    const last = n > 0 ? (backlog[n - 1] as number) : 0;
    expect(Math.abs(last - (queuedLeft < 1e-6 ? 0 : queuedLeft)), `${id}: backlog at the horizon = offered − carried − rejected of the queued classes`).toBeLessThanOrEqual(
      EPS * Math.max(1, queuedLeft),
    );
    const scheduledOffered = sum(cap.offeredPerS[1]);
    const scheduledRejected = sum(cap.rejectedPerS[1]);
    if (cap.currency === 'transactions') {
      txOffered += scheduledOffered;
      txRejected += scheduledRejected;
    } else {
      dlmsOffered += scheduledOffered;
      dlmsRejected += scheduledRejected;
    }
  });
  // The SRs' books and the capacities' books agree: each offer of a request, response or alert is one
  // transaction unit at the S1SP's transaction ceiling (if any); DLMS commands at most once, at one DLMS capacity
  // (none for a cohort that does not speak DLMS). The series cover the measured days' clock time and the
  // counters their SRs: the two describe the same work when those SRs are all the run fires and all
  // their work falls inside the measured days (a single cold day whose SRs end by midnight).
  const allInside = s.day.warmupDays === 0 && s.day.measuredDays === 1 && r.days.slice(1).every((d) => d.capacities.every((x) => x.scheduledOffered === 0));
  if (allInside) {
    expect(txOffered, `${tag}: transactions offered at the ceilings = requests + responses + alerts sent`).toBe(c.txRequests + c.txResponses + c.txAlerts);
    expect(txRejected, `${tag}: transactions rejected at the ceilings = txRejected`).toBe(c.txRejected);
    expect(dlmsOffered, `${tag}: DLMS offered at the DLMS ceilings ≤ DLMS commands`).toBeLessThanOrEqual(c.dlmsCommands);
    expect(dlmsRejected, `${tag}: DLMS rejected at the ceilings = dlmsRejected`).toBe(c.dlmsRejected);
  }
}

function expectSummary(s: Scenario, results: readonly ReplicationResult[], summary: RunSummary): void {
  expect(summary.replications).toBe(results.length);
  expectShare(summary.completion.shareWithinTrt.mean, 'summary: share within the TRT');
  const byDeadline = [...summary.completion.byDeadline].sort((a, b) => a.atS - b.atS);
  expect(byDeadline.map((b) => b.atS).sort((a, b) => a - b)).toEqual([...s.day.deadlinesS].sort((a, b) => a - b));
  byDeadline.forEach((b) => {
    expectShare(b.share.mean, `summary: share by ${b.atS} s`);
  });
  const c = summary.counters;
  const total = c.responded.mean + c.expired.mean + c.s1ve12.mean + c.rejected.mean + c.unfinished.mean;
  expect(Math.abs(total - c.activated.mean), 'summary: mean activated = mean of the outcomes').toBeLessThanOrEqual(1e-9 * Math.max(1, c.activated.mean));
  summary.capacities.forEach((cap) => {
    // carried ≤ ceiling in every second, so also at the busiest second.
    expect(cap.figures.peakCarried1s.mean, `summary, ${cap.id}: peak carried ≤ ceiling`).toBeLessThanOrEqual(cap.ceilingPerS + EPS);
    expect(cap.figures.secondsAboveCeiling.mean, `summary, ${cap.id}: seconds above ≥ 0`).toBeGreaterThanOrEqual(0);
  });
  summary.capacities.forEach((cap) => {
    // Judged per second, a window above is a second above.
    if (cap.windowS === 1) expect(cap.figures.windowsAbove.mean, `summary, ${cap.id}: per-second windows above = seconds above`).toBe(cap.figures.secondsAboveCeiling.mean);
  });
  // The verdict judges each capacity over its own window.
  const breached = summary.capacities.filter((cap) => cap.figures.windowsAbove.mean > 0).map((cap) => cap.id);
  expect(summary.verdict.breaches.map((b) => b.capacity)).toEqual(breached);
  expect(summary.verdict.withinAllCeilings).toBe(breached.length === 0);
}

/** Asserts the laws above for each replication, and for the summary when given. */
export function expectInvariants(s: Scenario, results: readonly ReplicationResult[], summary?: RunSummary): void {
  expect(results.length, 'at least one replication to check').toBeGreaterThan(0);
  for (const r of results) expectReplication(s, r);
  if (summary) expectSummary(s, results, summary);
}
