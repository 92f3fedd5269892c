/**
 * sensitivityAnalysis: each variant is a clone with one input changed, run with the same seed, so
 * fixed DLMS counts 5 / 8 / 11 give DLMS totals in exactly that ratio on a quiet day (every SR
 * answered at the first attempt), more volume raises the peak, and the tornado spec is stable.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { sensitivityAnalysis, sensitivityFactors } from '../../src/app/sensitivity.js';
import type { Sensitivity } from '../../src/stats/comparison.js';
import { tornadoChart, tornadoRows } from '../../src/report/compare/tornado.js';
import { vegaSpecOf } from '../../src/report/render.js';
import { quiet } from '../helpers/scenarios.js';
import { FIXED } from '../helpers/compare-fixed.js';
import { small } from '../helpers/compare-small.js';

let result: Sensitivity;

beforeAll(async () => {
  const s = await small('p1-peak-window', quiet);
  result = await sensitivityAnalysis(s, { seed: 11, replications: 1, workers: 0, only: ['dlms', 'volume', 'routing'] });
}, 120_000);

const variant = (label: string) => {
  const v = result.variants.find((x) => x.label.startsWith(label));
  if (!v) throw new Error(`no variant ${label}`);
  return v;
};

describe('sensitivityAnalysis', () => {
  it('lists every uncertain input of the default model with its variants', async () => {
    const factors = sensitivityFactors(await small('mp192-baseline'));
    expect(factors.map((f) => [f.factor.id, f.variants.map((v) => v.label)])).toEqual([
      ['dlms', ['DLMS/SR fixed 5', 'DLMS/SR fixed 8', 'DLMS/SR fixed 11']],
      ['wan', ['WAN success 0.8', 'WAN success 0.98']],
      ['retry', ['retry every 15 min', 'retry every 240 min']],
      ['baseline', ['baseline ×0.6', 'baseline ×1.8']],
      ['volume', ['volume ×1.48 (2.7M → 4M)']],
      ['routing', ['pro-rata by cohort share']],
    ]);
  });

  it('DLMS fixed at 5 / 8 / 11 gives DLMS totals in the ratio 5 : 8 : 11 exactly', () => {
    const [d5, d8, d11] = [5, 8, 11].map((n) => variant(`DLMS/SR fixed ${n}`).dlmsCommands);
    expect(d5).toBeGreaterThan(0);
    expect((d5 as number) * 8).toBe((d8 as number) * 5);
    expect((d5 as number) * 11).toBe((d11 as number) * 5);
    expect(d5).toBe(20_000 * 5); // quiet: every SR routed to MOC, one attempt each
  });

  it('volume 2.7M → 4M raises the peak TPS; pro-rata routing lowers it', () => {
    const base = result.base.outputs;
    const more = variant('volume').outputs;
    expect(more.securePeak1min?.mean).toBeGreaterThan(base.securePeak1min?.mean as number);
    expect(more.securePeak1s?.mean).toBeGreaterThanOrEqual(base.securePeak1s?.mean as number);
    expect(variant('pro-rata').outputs.securePeak1min?.mean).toBeLessThan(base.securePeak1min?.mean as number);
  });

  it('the tornado puts the largest swing on top and compiles without warnings', () => {
    const rows = tornadoRows(result, 'securePeak1min');
    // Pro-rata sends only MOC's 32% through Secure: a larger swing than 48% more volume.
    expect(rows.map((r) => r.factor)).toEqual(['routing', 'volume', 'dlms']);
    const swings = rows.map((r) => r.high - r.low);
    expect(swings).toEqual([...swings].sort((a, b) => b - a));
    const warnings: string[] = [];
    vegaSpecOf(tornadoChart(result, result.outputs[1]!), warnings);
    expect(warnings).toEqual([]);
  });
});

describe('tornado spec', () => {
  it('matches its snapshot', () => {
    expect(tornadoRows(FIXED, 'securePeak1min').map((r) => [r.factor, r.low, r.high])).toEqual([
      ['volume', 400, 520],
      ['dlms', 380, 430],
      ['retry', 400, 400],
    ]);
    expect(tornadoChart(FIXED, FIXED.outputs[0]!)).toMatchSnapshot('securePeak1min');
    expect(tornadoChart(FIXED, FIXED.outputs[1]!)).toMatchSnapshot('withinTrt');
  });
});
