/** Fixed comparison and sensitivity data (no simulation) for the chart snapshot and escaping tests. */
import type { Comparison, Sensitivity } from '../../src/stats/comparison.js';

/** A fixed analysis (no simulation), so the snapshot depends on the chart code only. */
export const FIXED: Sensitivity = {
  scenario: 'fixed',
  title: 'fixed numbers',
  seed: 1,
  replications: 2,
  srvsPerDay: 2_700_000,
  scaledFrom: null,
  outputs: [
    { key: 'securePeak1min', label: 'secure: peak TPS, 1 min', unit: 'tps' },
    { key: 'withinTrt', label: 'answered within the TRT', unit: 'share' },
  ],
  factors: [
    { id: 'dlms', label: 'DLMS commands per SR', base: 'uniform' },
    { id: 'volume', label: 'SRVs per day', base: '2,700,000' },
    { id: 'retry', label: 'long-retry interval', base: '60 min' },
  ],
  base: { outputs: { securePeak1min: { mean: 400, halfWidth: 2, n: 2 }, withinTrt: { mean: 0.98, halfWidth: 0, n: 2 } }, dlmsCommands: 1 },
  variants: [
    ...[
      [5, 380, 0.98],
      [8, 405, 0.98],
      [11, 430, 0.97],
    ].map(([n, tps, trt]) => ({
      factor: 'dlms',
      label: `DLMS/SR fixed ${n}`,
      dlmsCommands: n as number,
      outputs: { securePeak1min: { mean: tps as number, halfWidth: 2, n: 2 }, withinTrt: { mean: trt as number, halfWidth: 0, n: 2 } },
    })),
    { factor: 'volume', label: 'volume ×1.48', dlmsCommands: 1, outputs: { securePeak1min: { mean: 520, halfWidth: 3, n: 2 }, withinTrt: { mean: 0.95, halfWidth: 0, n: 2 } } },
    { factor: 'retry', label: 'retry every 15 min', dlmsCommands: 1, outputs: { securePeak1min: { mean: 400, halfWidth: 2, n: 2 }, withinTrt: { mean: 0.98, halfWidth: 0, n: 2 } } },
  ],
};

const iv = (mean: number, halfWidth: number | null = 1) => ({ mean, halfWidth, n: 2 });

/** Two scenarios over a 2 h horizon, the second named `name` (a hostile one in the escaping test). */
export function fixedComparison(name: string, title = 'a title'): Comparison {
  const figures = {
    securePeak1s: iv(480),
    securePeak1min: iv(300),
    secureMinHeadroom1s: iv(-30),
    secureSecondsAbove: iv(12),
    secureMaxBacklog: iv(900),
    secureDrainS: iv(Number.POSITIVE_INFINITY, null),
    secondsAboveAny: iv(12),
    completionP95S: iv(700),
    completionP99S: iv(900),
    withinTrt: iv(0.97, 0.01),
  };
  const fits = { ...figures, securePeak1s: iv(300), secureMinHeadroom1s: iv(150), secureSecondsAbove: iv(0, 0), secondsAboveAny: iv(0, 0), secureDrainS: iv(0, 0) };
  const defs = [
    { key: 'securePeak1s', label: 'secure: peak TPS, 1 s', unit: 'tps' },
    { key: 'securePeak1min', label: 'secure: peak TPS, 1 min', unit: 'tps' },
    { key: 'secureMinHeadroom1s', label: 'secure: min headroom, 1 s', unit: 'tps' },
    { key: 'secureSecondsAbove', label: 'secure: s above ceiling', unit: 's' },
    { key: 'secureMaxBacklog', label: 'secure: max backlog', unit: 'units' },
    { key: 'secureDrainS', label: 'secure: drain time', unit: 's' },
    { key: 'secondsAboveAny', label: 's above any ceiling', unit: 's' },
    { key: 'completionP95S', label: 'completion p95', unit: 's' },
    { key: 'completionP99S', label: 'completion p99', unit: 's' },
    { key: 'withinTrt', label: 'answered within the TRT', unit: 'share' },
  ] as const;
  const minutes = (v: number) => Array.from({ length: 120 }, (_, m) => v + (m % 7));
  return {
    seed: 1,
    replications: 2,
    horizonS: 7200,
    transactionCapacity: 'secure',
    dlmsCapacity: '',
    figures: defs,
    ranking: [
      { scenario: 'calm', title: 'fits', rank: 1, feasible: true, figures: fits },
      { scenario: name, title, rank: 2, feasible: false, figures },
    ],
    differences: [{ key: 'securePeak1s', scenario: name, reference: 'calm', paired: iv(180, 3), unpairedHalfWidth: 9 }],
    tpsByMinute: [
      { scenario: 'calm', ceilingPerS: 450, baseline: minutes(200), scheduled: minutes(20) },
      { scenario: name, ceilingPerS: 450, baseline: minutes(200), scheduled: minutes(200) },
    ],
  };
}
