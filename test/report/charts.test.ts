/**
 * The chart specs of a small fixed run (default scenario shrunk to 5 000 SRs a day, seed 1, R = 2),
 * checked for what a reader sees — titles, axis domains, ceilings, the number of rows and every row of
 * each chart's data — against values worked out independently: closed forms from the fixture's inputs
 * (450 TPS, a measured day of 1 440 minutes = 24 hours, 5 000 SRs all routed to MOC, the DCO's fluid profile) and
 * a plain-loop oracle over the replications' raw books (test/oracles/chart-series.ts).
 * No snapshot: `vitest -u` cannot rewrite a figure here; an intended change edits the expectation.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadScenarioOrThrow } from '../../src/model/load.js';
import { chartSpecs, type NamedChart } from '../../src/report/charts/index.js';
import { completionCdf } from '../../src/stats/completion-cdf.js';
import { dlmsHourlyChart } from '../../src/report/charts/dlms-hourly.js';
import { blockMax, blockMean, blockSum } from '../../src/report/charts/downsample.js';
import { wrap } from '../../src/report/charts/theme.js';
import { svgOf } from '../../src/report/render.js';
import { capacityColumns } from '../../src/stats/series.js';
import { baselineRateAt } from '../../src/sim/baseline.js';
import type { ReplicationResult } from '../../src/sim/run-replication.js';
import { ROOT } from '../helpers/scenarios.js';
import { backlogSeries, blockMaxima, blockTotals, chartRound, clock, firstArgMax, meanPerSecond } from '../oracles/chart-series.js';
import { type Fixture, smallRun } from './fixture.js';

type Row = Record<string, number | string>;

/** The value at `path` inside a spec; throws naming the path when a step is missing. */
function dig(v: unknown, ...path: (string | number)[]): unknown {
  let cur = v;
  for (const k of path) {
    if (cur === null || typeof cur !== 'object' || !(k in cur)) throw new Error(`spec has no ${path.join('.')}`);
    cur = (cur as Record<string | number, unknown>)[k];
  }
  return cur;
}
const layersOf = (v: unknown, ...path: (string | number)[]) => dig(v, ...path, 'layer') as unknown[];
const rowsOf = (layer: unknown) => dig(layer, 'data', 'values') as Row[];
/** The one layer whose data has more than `min` rows (the chart's series). */
function seriesLayer(layers: readonly unknown[], min = 20): unknown {
  const found = layers.filter((l) => {
    try {
      return rowsOf(l).length > min;
    } catch {
      return false;
    }
  });
  expect(found, 'one series layer').toHaveLength(1);
  return found[0];
}
/** The layers drawing a single labelled row (ceilings, rules, annotations; not window bands): their rows. */
const labelledRows = (layers: readonly unknown[]): Row[] =>
  layers.flatMap((l) => {
    try {
      const rows = rowsOf(l);
      return rows.length === 1 && typeof rows[0]?.label === 'string' && !('start' in rows[0]) ? rows : [];
    } catch {
      return [];
    }
  });
const titleText = (v: unknown, ...path: (string | number)[]) => [dig(v, ...path, 'title', 'text')].flat().join(' ');
const subtitleText = (v: unknown, ...path: (string | number)[]) => (dig(v, ...path, 'title', 'subtitle') as string[]).join(' ');
/** "229", "262.5", "5,455.6": at most one decimal, en-GB grouping (the charts' number format). */
const one = (v: number) => (Math.round(v * 10) / 10).toLocaleString('en-GB', { maximumFractionDigits: 1 });

// Known inputs of the fixture (test/report/fixture.ts and models/mp192-baseline.yaml): the series cover
// the one measured day (after one warm-up day), whatever the 30 h span of each day's SRs.
const HORIZON_S = 24 * 3600;
const MINUTES = HORIZON_S / 60; // 1 440
const HOURS = HORIZON_S / 3600; // 24
const SRS = 5_000;
const R = 2;
const SECURE_CEILING = 450; // seed App. B MP192-SA5
const TRT_S = 86_400;
const DOMAIN = [0, HORIZON_S * 1000]; // ms on a UTC scale

let fx: Fixture;
let charts: NamedChart[];
let results: readonly ReplicationResult[];
const chart = (name: string): unknown => {
  const c = charts.find((x) => x.name === name);
  if (!c) throw new Error(`no chart ${name}`);
  return c.spec;
};
beforeAll(async () => {
  fx = await smallRun();
  charts = chartSpecs(fx.scenario, fx.run);
  results = fx.run.results;
});

describe('chart specs of a small fixed run', () => {
  it('are the eight charts, in reading order, of the run the fixture describes', () => {
    expect(charts.map((c) => c.name)).toEqual(['secure-tps', 'busiest-hour', 'dlms-hourly', 'backlog', 'completion-cdf', 'responses-by-clock', 'cohorts', 'replication-spread']);
    expect(results).toHaveLength(R);
    for (const r of results) {
      expect(r.horizonS).toBe(HORIZON_S);
      expect(r.counters.activated).toBe(SRS);
    }
    expect(fx.scenario.capacities.map((c) => [c.id, c.currency])).toEqual([
      ['secure', 'transactions'],
      ['dco', 'dlms'],
    ]);
    expect(fx.scenario.capacities[0]!.ceilingPerS).toBe(SECURE_CEILING);
  });

  it('secure-tps: one row per minute of mean TPS, the 450 TPS ceiling, the windows and the busiest minute', () => {
    const spec = chart('secure-tps');
    expect(titleText(spec)).toBe('Secure S1SP: transactions per second offered, by minute');
    expect(subtitleText(spec)).toBe('Mean TPS in each minute (request + response + alert), baseline and DSP-scheduled stacked, mean of 2 replications; ceiling 450 TPS');
    const layers = layersOf(spec);
    const series = seriesLayer(layers);
    expect(dig(series, 'encoding', 'x', 'scale', 'domain')).toEqual(DOMAIN);
    const baseline = blockTotals(results, (r) => r.capacities[0]!.offeredPerS[0], 60).map((v) => v / 60);
    const scheduled = blockTotals(results, (r) => r.capacities[0]!.offeredPerS[1], 60).map((v) => v / 60);
    expect(baseline).toHaveLength(MINUTES);
    const rows = rowsOf(series);
    expect(rows).toHaveLength(MINUTES);
    expect(rows).toEqual(baseline.map((b, m) => ({ t: m * 60_000, baseline: chartRound(b), scheduled: chartRound(scheduled[m]!) })));
    // Every SR sends its request through Secure at activation, then a response or an expiry alert when
    // it ends (Secure accepts both SRVs with CV9: no S1VE12): the measured day's transactions are its
    // activations, answers and alerts as the day-by-day tallies count them — yesterday's SRs ending
    // today included, today's ending tomorrow not.
    const measured = (r: ReplicationResult) => r.days.find((d) => d.day === 0)!;
    const tallied = results.reduce((a, r) => a + measured(r).activated + measured(r).responded + measured(r).alerts, 0) / R;
    expect(results.map((r) => measured(r).activated)).toEqual([SRS, SRS]);
    expect(scheduled.reduce((a, v) => a + v * 60, 0)).toBeCloseTo(tallied, 6);
    // The peak window 00:00–06:00 and the firmware window 12:00–22:00 of the measured day.
    const bands = layers.map((l) => rowsOf(l)).filter((rows) => rows.length > 0 && 'start' in rows[0]!);
    expect(bands).toEqual([[{ start: 0, end: 21_600_000, label: 'peak window 00:00–06:00' }], [{ start: 43_200_000, end: 79_200_000, label: 'firmware window 12:00–22:00' }]]);
    const total = baseline.map((b, m) => b + scheduled[m]!);
    const peak = firstArgMax(total);
    expect(labelledRows(layers)).toEqual([
      { value: SECURE_CEILING, label: 'ceiling 450 TPS' },
      { t: peak * 60_000, tps: chartRound(total[peak]!), label: `busiest minute: ${one(total[peak]!)} TPS at ${clock(peak * 60)}` },
    ]);
  });

  it('busiest-hour: 3 600 rows of the clock hour with the largest mean offered load, and the ceiling', () => {
    const spec = chart('busiest-hour');
    expect(titleText(spec)).toBe('Secure S1SP: transactions per second in the busiest hour');
    const scheduledPerS = meanPerSecond(results, (r) => r.capacities[0]!.offeredPerS[1]);
    const offered = meanPerSecond(results, (r) => r.capacities[0]!.offeredPerS[0]).map((b, s) => b + scheduledPerS[s]!);
    const scheduledHourly = blockTotals(results, (r) => r.capacities[0]!.offeredPerS[1], 3600);
    const hourly = blockTotals(results, (r) => r.capacities[0]!.offeredPerS[0], 3600).map((b, h) => (b + scheduledHourly[h]!) / 3600);
    expect(hourly).toHaveLength(HOURS);
    const h = firstArgMax(hourly);
    // The baseline's busiest profile hour is 00:00–01:00 at 50% of 450 = 225 TPS (and the SRs add under 1 TPS).
    expect(h % 24).toBe(0);
    expect(Math.abs(hourly[h]! - 225)).toBeLessThan(2);
    const layers = layersOf(spec);
    const series = seriesLayer(layers);
    expect(dig(series, 'encoding', 'x', 'scale', 'domain')).toEqual([h * 3_600_000, (h + 1) * 3_600_000]);
    const slice = offered.slice(h * 3600, (h + 1) * 3600);
    expect(rowsOf(series)).toEqual(slice.map((v, i) => ({ t: (h * 3600 + i) * 1000, tps: chartRound(v) })));
    const busiest = firstArgMax(slice);
    expect(subtitleText(spec)).toBe(
      `Offered per second (baseline + DSP-scheduled), ${clock(h * 3600)}–${clock((h + 1) * 3600)} UTC: mean ${one(hourly[h]!)} TPS, busiest second ${one(slice[busiest]!)} TPS at ${clock(h * 3600 + busiest, true)}`,
    );
    expect(labelledRows(layers)).toEqual([{ value: SECURE_CEILING, label: 'ceiling 450 TPS' }]);
  });

  it("dlms-hourly: 30 hourly rows — the fluid profile, the SRs' commands — and the DCO capacity per hour", () => {
    const spec = chart('dlms-hourly');
    const dco = fx.scenario.capacities[1]!;
    expect(titleText(spec)).toBe('DCO (Capgemini): DLMS commands per hour (baseline incl. firmware uplift)');
    // The DCO ceiling is 20% above its busiest baseline hour (headroom-over-baseline-peak 0.20).
    const peakRate = Math.max(...dco.baseline.ratePerS);
    const perHour = 1.2 * peakRate * 3600;
    expect(dco.baseline.mode).toBe('fluid');
    expect(dco.baseline.bucketS).toBe(3600);
    const layers = layersOf(spec);
    const ceiling = labelledRows(layers);
    expect(ceiling).toHaveLength(1);
    expect(ceiling[0]!.value as number).toBeCloseTo(perHour, 4);
    expect(ceiling[0]!.label).toBe(`capacity ${Math.round(perHour).toLocaleString('en-GB')} per hour`);
    const series = seriesLayer(layers);
    expect(dig(series, 'encoding', 'x', 'scale', 'domain')).toEqual(DOMAIN);
    const scheduled = blockTotals(results, (r) => r.capacities[1]!.offeredPerS[1], 3600);
    // A fluid baseline offers its profile rate in every second: hour h carries rate[h mod 24] × 3 600.
    const expected = Array.from({ length: HOURS }, (_, h) => ({
      t: h * 3_600_000,
      baseline: chartRound(dco.baseline.ratePerS[h % 24]! * 3600, 0),
      firmware: 0,
      scheduled: chartRound(scheduled[h]!, 0),
    }));
    expect(rowsOf(series)).toEqual(expected);
    // Every SR is MOC (DLMS), under Secure: each attempt's commands are offered once at the DCO. The
    // measured day's SRs sent `commands`; the clock day differs from them only by the attempts of SRs
    // carried in and out at midnight, each at most 24 retries a day of at most ⌈11 / 2⌉ = 6 commands.
    const commands = results.reduce((a, r) => a + r.counters.dlmsCommands, 0) / R;
    const carried = results.reduce((a, r) => a + r.days.find((d) => d.day === 0)!.carryIn + r.days.find((d) => d.day === 0)!.openAtEnd, 0) / R;
    expect(Math.abs(scheduled.reduce((a, b) => a + b, 0) - commands)).toBeLessThanOrEqual(carried * 24 * 6);
  });

  it('backlog: a panel per capacity, the largest depth in each minute', () => {
    const spec = chart('backlog');
    expect(titleText(spec)).toBe('Backlog (queue depth) per minute at each capacity');
    const panels = dig(spec, 'vconcat') as unknown[];
    expect(panels.map((p) => titleText(p))).toEqual(['Secure S1SP (secure): backlog in transactions', 'DCO (Capgemini) (dco): backlog in DLMS commands']);
    panels.forEach((p, k) => {
      const series = seriesLayer(layersOf(p));
      expect(dig(series, 'encoding', 'x', 'scale', 'domain')).toEqual(DOMAIN);
      // Each replication's backlog, then the mean over replications second by second.
      const each = results.map((r) => backlogSeries(r.capacities[k]!));
      const perSecond = each[0]!.map((_, s) => each.reduce((a, b) => a + b[s]!, 0) / each.length);
      const depth = blockMaxima(perSecond, 60);
      expect(depth).toHaveLength(MINUTES);
      expect(rowsOf(series)).toEqual(depth.map((v, m) => ({ t: m * 60_000, depth: chartRound(v) })));
    });
  });

  // The largest-backlog mark was once placed at the mean over replications of each one's argmax instant
  // (the two replications' DCO peaks at 69 530 s and 59 017 s gave "at d1 17:51:14", an instant at which
  // neither had its largest backlog); it is the instant of the replication with the largest backlog.
  it('backlog: the largest-backlog mark sits at an instant where some replication had its largest backlog', () => {
    const spec = chart('backlog');
    const panels = dig(spec, 'vconcat') as unknown[];
    expect(panels).toHaveLength(2);
    panels.forEach((p, k) => {
      const mark = labelledRows(layersOf(p)).find((r) => String(r.label).startsWith('largest'));
      expect(mark).toBeDefined();
      const peaks = results.map((r) => firstArgMax(backlogSeries(r.capacities[k]!)) * 1000);
      expect(peaks).toContain(mark!.t);
    });
  });

  it('completion-cdf: 401 quantile rows from 0 to 1, the 24 h TRT, an axis to 25 h', () => {
    const spec = chart('completion-cdf');
    expect(titleText(spec)).toBe('SR completion time after activation (CDF)');
    const layers = layersOf(spec);
    const series = seriesLayer(layers);
    const rows = rowsOf(series);
    expect(rows).toHaveLength(401); // quantiles 0, 1/400, …, 1
    const min = Math.min(...results.map((r) => r.completionS.min));
    const max = Math.max(...results.map((r) => r.completionS.max));
    expect(rows[0]).toEqual({ h: chartRound(min / 3600, 4), share: 0 });
    expect(rows.at(-1)).toEqual({ h: chartRound(max / 3600, 4), share: 1 });
    expect(rows.map((r) => r.share)).toEqual(Array.from({ length: 401 }, (_, k) => chartRound(k / 400, 4)));
    // Completion times are the answered SRs': all inside the 24 h TRT, so the axis ends at the TRT.
    expect(max).toBeLessThan(TRT_S);
    expect(dig(series, 'encoding', 'x', 'scale', 'domain')).toEqual([0, 24]);
    expect(dig(series, 'encoding', 'y', 'scale', 'domain')).toEqual([0, 1]);
    const trt = labelledRows(layers);
    expect(trt).toHaveLength(1);
    expect(trt[0]!.h).toBe(24);
    expect(String(trt[0]!.label)).toMatch(/^TRT 24 h: [\d.]+ ± [\d.]+% of activated SRs answered within it$/);
  });

  it('responses-by-clock: responses per minute, the cumulative share answered, the 06:00 and 08:00 deadlines', () => {
    const spec = chart('responses-by-clock');
    expect(titleText(spec)).toBe('Responses by clock time, and the business deadlines');
    const rows = rowsOf(spec);
    expect(rows).toHaveLength(MINUTES);
    const perMinute = blockTotals(results, (r) => r.responsesPerS, 60);
    const activated = SRS; // the same 5 000 in both replications
    let cumulative = 0;
    expect(rows).toEqual(
      perMinute.map((n, m) => {
        cumulative += n;
        return { t: m * 60_000, responses: chartRound(n), share: chartRound(cumulative / activated, 4) };
      }),
    );
    // The last row's share is everything answered: mean responses / SRs.
    const responded = results.reduce((a, r) => a + r.counters.responded, 0) / R;
    expect(rows.at(-1)!.share).toBe(chartRound(responded / SRS, 4));
    const layers = layersOf(spec);
    expect(dig(layers[0], 'encoding', 'x', 'scale', 'domain')).toEqual(DOMAIN);
    const byDeadline = (atS: number) => results.reduce((a, r) => a + r.responsesPerS.slice(0, atS).reduce((x, y) => x + y, 0) / SRS, 0) / R;
    const rules = labelledRows(layers);
    expect(rules.map((r) => r.t)).toEqual([21_600_000, 28_800_000]);
    expect(String(rules[0]!.label)).toMatch(new RegExp(`^06:00: ${(byDeadline(21_600) * 100).toFixed(1)} ± [\\d.]+% answered$`));
    expect(String(rules[1]!.label)).toMatch(new RegExp(`^08:00: ${(byDeadline(28_800) * 100).toFixed(1)} ± [\\d.]+% answered$`));
  });

  it('cohorts: four cohorts × three measures, everything on MOC (all-to routing)', () => {
    const spec = chart('cohorts');
    expect(titleText(spec)).toBe('Per cohort: scheduled SRs, DLMS commands and alerts');
    expect(subtitleText(spec)).toBe('Mean per replication over 2 replications; symlog scale (each bar labelled with its value)');
    const mean = (pick: (r: ReplicationResult) => number) => results.reduce((a, r) => a + pick(r), 0) / R;
    const moc = {
      SRs: SRS,
      'DLMS commands': chartRound(
        mean((r) => r.counters.dlmsCommands),
        1,
      ),
      alerts: chartRound(
        mean((r) => r.counters.expired + r.counters.s1ve12),
        1,
      ),
    };
    const expected = ['IOC', 'MOC', 'FOC', 'FOC-EDMI'].flatMap((cohort) =>
      (['SRs', 'DLMS commands', 'alerts'] as const).map((measure) => ({ cohort, measure, value: cohort === 'MOC' ? moc[measure] : 0 })),
    );
    expect(rowsOf(spec)).toEqual(expected);
    // Ticks: 0 and the powers of ten up to the first at or above the largest bar (DLMS commands, ~63 000).
    expect(moc['DLMS commands']).toBeGreaterThan(10_000);
    expect(moc['DLMS commands']).toBeLessThan(100_000);
    expect(dig(spec, 'encoding', 'y', 'axis', 'values')).toEqual([0, 1, 10, 100, 1000, 10_000, 100_000]);
  });

  it('replication-spread: a row per headline figure that differs between the two replications', () => {
    const spec = chart('replication-spread');
    expect(titleText(spec)).toBe('Spread over 2 replications: each headline figure with its 95% interval');
    const rows = dig(spec, 'vconcat') as unknown[];
    const labels = rows.map((r) => dig(layersOf(r)[0], 'encoding', 'x', 'axis', 'title'));
    // Every headline figure but the seconds above each ceiling, which are 0 in both replications (no
    // second's offered load above either ceiling: checked below), so have no spread — and the p99
    // completion, which falls in the same histogram bucket in both (1/128 wide) and so shows none.
    const perCap = ['peak 1 s, per s', 'peak 1 min, per s', 'peak 1 h, per s', 'min headroom 1 s, per s', 'largest backlog'];
    expect(labels).toEqual([
      ...perCap.map((l) => `secure: ${l}`),
      ...perCap.map((l) => `dco: ${l}`),
      'completion p50, s',
      'completion p95, s',
      'answered within the TRT, %',
      'answered by 06:00, %',
      'answered by 08:00, %',
    ]);
    const above = (r: ReplicationResult, k: number) => {
      const c = r.capacities[k]!;
      let n = 0;
      for (let s = 0; s < c.ceilingPerS.length; s++) if (c.offeredPerS[0][s]! + c.offeredPerS[1][s]! > c.ceilingPerS[s]! + 1e-9) n++;
      return n;
    };
    expect(results.flatMap((r) => [above(r, 0), above(r, 1)])).toEqual([0, 0, 0, 0]);
    // The first row: each replication's busiest second at Secure as a tick, their mean as the point.
    const peaks = results.map((r) => {
      const c = r.capacities[0]!;
      let best = 0;
      for (let s = 0; s < c.ceilingPerS.length; s++) best = Math.max(best, c.offeredPerS[0][s]! + c.offeredPerS[1][s]!);
      return best;
    });
    const [ticks, summary] = layersOf(rows[0]);
    expect(rowsOf(ticks)).toEqual(peaks.map((value) => ({ value })));
    expect(rowsOf(summary)[0]!.value).toBe(chartRound((peaks[0]! + peaks[1]!) / 2, 4));
  });

  it('compile without a vega-lite warning and draw marks', async () => {
    for (const c of charts) {
      const warnings: string[] = [];
      const svg = await svgOf(c.spec, warnings);
      expect(warnings, c.name).toEqual([]);
      expect(svg.startsWith('<svg'), c.name).toBe(true);
      expect(svg.match(/role-mark/g)?.length ?? 0, c.name).toBeGreaterThan(1);
    }
  });

  it('stay small: a day chart has one row per minute, not per second', () => {
    const tps = JSON.stringify(charts[0]?.spec);
    expect(tps.length).toBeLessThan(150_000);
    expect((charts[0]!.spec as { layer: { data?: { values: unknown[] } }[] }).layer.find((l) => (l.data?.values.length ?? 0) > 100)?.data?.values).toHaveLength(MINUTES);
  });

  it('render to the same SVG every time', async () => {
    const spec = charts[0]?.spec;
    if (!spec) throw new Error('no chart');
    expect(await svgOf(spec)).toBe(await svgOf(spec));
  });

  it('give the ceiling rule a row of data (a datum-only layer draws nothing in vega-lite 6.4.3)', () => {
    const text = JSON.stringify(charts[0]?.spec);
    expect(text).toContain('"mark":{"type":"rule"');
    expect(text).not.toContain('"datum"');
  });
});

describe('rendering', () => {
  it('throws on a vega dataflow error instead of drawing a broken chart', async () => {
    // vega 6.4.0: a utc scale with tickCount {interval: 'hour'} fails inside the dataflow (it knows 'hours').
    const spec = {
      data: {
        values: [
          { t: 0, v: 1 },
          { t: 3_600_000, v: 2 },
        ],
      },
      mark: 'line',
      encoding: { x: { field: 't', type: 'temporal', scale: { type: 'utc' }, axis: { tickCount: { interval: 'hour', step: 3 } } }, y: { field: 'v', type: 'quantitative' } },
    } as const;
    await expect(svgOf(spec as never)).rejects.toThrow(/^vega: /);
  });
});

describe('charts that do not apply are left out', () => {
  it('has no replication spread with R = 1 and no DLMS chart without a DLMS capacity', async () => {
    const one = await smallRun('mp192-baseline', 1, (d) => {
      d.capacities = d.capacities.filter((c) => c.currency === 'transactions');
    });
    const names = chartSpecs(one.scenario, one.run).map((c) => c.name);
    expect(names).not.toContain('replication-spread');
    expect(names).not.toContain('dlms-hourly');
    expect(names).toContain('secure-tps');
  });
});

describe('DLMS per hour and the firmware uplift', () => {
  it('stacks baseline, firmware uplift and scheduled when the no-firmware baseline is given', async () => {
    const noFirmware = await loadScenarioOrThrow(join(ROOT, 'test', 'fixtures', 'model', 'firmware-off.yaml'));
    const dco = noFirmware.capacities.find((c) => c.id === 'dco');
    const k = fx.scenario.capacities.findIndex((c) => c.id === 'dco');
    const columns = capacityColumns(fx.run.results, k);
    const plain = Float64Array.from({ length: columns.offeredBaseline.length }, (_, s) => (dco ? baselineRateAt(dco.baseline, s) : 0));
    const spec = dlmsHourlyChart({ columns, component: 'DCO', ceilingPerS: 1e4, day: fx.scenario.day, firmware: true, baselineWithoutFirmwarePerS: plain });
    const rows = (spec as { layer: { data?: { values: { t: number; firmware: number; baseline: number }[] } }[] }).layer.find((l) => (l.data?.values.length ?? 0) > 20)?.data?.values ?? [];
    const hour = (h: number) => rows[h] as { firmware: number; baseline: number };
    expect(hour(3).firmware).toBe(0); // 03:00: outside the firmware window
    expect(hour(14).firmware).toBeGreaterThan(0); // 14:00: inside 12:00–22:00
    expect(JSON.stringify(spec)).toContain('firmware uplift');
  });

  it('says in the title when the uplift cannot be separated', () => {
    const dlms = charts.find((c) => c.name === 'dlms-hourly');
    expect(JSON.stringify(dlms?.spec)).toContain('baseline incl. firmware uplift');
  });
});

describe('completionCdf', () => {
  it('merges the replications without changing them, rising from 0 to 1', () => {
    const before = fx.run.results.map((r) => r.completionS.count);
    const points = completionCdf(fx.run.results, 100);
    expect(fx.run.results.map((r) => r.completionS.count)).toEqual(before);
    expect(points).toHaveLength(101);
    expect(points[0]?.share).toBe(0);
    expect(points.at(-1)?.share).toBe(1);
    for (let i = 1; i < points.length; i++) expect(points[i]?.s).toBeGreaterThanOrEqual(points[i - 1]?.s as number);
    // The last point is the largest answered SR's time, to within its histogram bucket (1/128).
    const max = Math.max(...fx.run.results.map((r) => r.completionS.max));
    expect(Math.abs((points.at(-1)?.s as number) - max)).toBeLessThanOrEqual(max / 128);
  });
});

describe('downsampling and wrapping', () => {
  it('keeps rates as rates, sums per block and keeps peaks', () => {
    const s = [1, 2, 3, 4, 5];
    expect([...blockMean(s, 2)]).toEqual([1.5, 3.5, 5]);
    expect([...blockSum(s, 2)]).toEqual([3, 7, 5]);
    expect([...blockMax(s, 2)]).toEqual([2, 4, 5]);
  });

  it('wraps long subtitles at spaces', () => {
    expect(wrap('aaa bbb ccc', 7)).toEqual(['aaa bbb', 'ccc']);
    expect(wrap(['one', 'two three'], 5)).toEqual(['one', 'two', 'three']);
  });
});
