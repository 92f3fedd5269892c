/**
 * Chart specs of a small fixed run (default scenario, 5 000 SRs, 30 h, seed 1, R = 2) are golden:
 * each spec is snapshotted with its data arrays summarised (row count, first and last row, SHA-256
 * of the rows) so the snapshot stays readable while any change in the data still shows.
 * An intended change: npx vitest run test/report/charts.test.ts -u
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadScenarioOrThrow } from '../../src/model/load.js';
import { chartSpecs, completionCdf, type NamedChart } from '../../src/report/charts/index.js';
import { dlmsHourlyChart } from '../../src/report/charts/dlms-hourly.js';
import { blockMax, blockMean, blockSum } from '../../src/report/charts/downsample.js';
import { wrap } from '../../src/report/charts/theme.js';
import { svgOf } from '../../src/report/render.js';
import { capacityColumns } from '../../src/report/series.js';
import { baselineRateAt } from '../../src/sim/baseline.js';
import { ROOT } from '../helpers/scenarios.js';
import { type Fixture, smallRun } from './fixture.js';

function summarised(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(summarised);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => {
      if (k === 'values' && Array.isArray(v) && v.length > 3 && typeof v[0] === 'object') {
        const sha256 = createHash('sha256').update(JSON.stringify(v)).digest('hex').slice(0, 16);
        return [k, { rows: v.length, first: v[0], last: v[v.length - 1], sha256 }];
      }
      return [k, summarised(v)];
    }),
  );
}

let fx: Fixture;
let charts: NamedChart[];
beforeAll(async () => {
  fx = await smallRun();
  charts = chartSpecs(fx.scenario, fx.run);
});

describe('chart specs of a small fixed run', () => {
  it('are the eight charts, in reading order', () => {
    expect(charts.map((c) => c.name)).toEqual(['secure-tps', 'busiest-hour', 'dlms-hourly', 'backlog', 'completion-cdf', 'responses-by-clock', 'cohorts', 'replication-spread']);
  });

  it('match their snapshots', () => {
    for (const c of charts) expect(summarised(c.spec)).toMatchSnapshot(c.name);
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
    expect((charts[0]!.spec as { layer: { data?: { values: unknown[] } }[] }).layer.find((l) => (l.data?.values.length ?? 0) > 100)?.data?.values).toHaveLength(1800);
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
    // Expired SRs complete at the TRT: the largest completion time is 24 h (plus at most a tick).
    expect(points.at(-1)?.s).toBeCloseTo(86_400, 0);
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
