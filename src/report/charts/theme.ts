/**
 * What every chart shares: the colour-blind-safe palette (Okabe–Ito), the size, the config block,
 * and the UTC clock axis. Times on every chart are milliseconds since 1970-01-01T00:00Z, so second
 * s of the horizon is `s * 1000`: day 1 of the horizon is that day, and a utc scale shows clock time.
 */
import type { Config, TopLevelSpec } from 'vega-lite';
import type { PositionFieldDef } from 'vega-lite/types_unstable/channeldef.js';

export type Spec = TopLevelSpec;
/** One entry of a layered spec's `layer` array. */
export type Layer = Extract<TopLevelSpec, { layer: unknown }>['layer'][number];

/** Okabe & Ito (2008), "Color Universal Design": distinguishable with every common colour-vision deficiency. */
export const OKABE_ITO = ['#0072B2', '#E69F00', '#009E73', '#D55E00', '#CC79A7', '#56B4E9', '#F0E442', '#000000'] as const;

/** Fixed roles, so a series keeps its colour from chart to chart. */
export const COLOUR = {
  baseline: '#0072B2',
  firmware: '#009E73',
  scheduled: '#E69F00',
  ceiling: '#D55E00',
  backlog: '#CC79A7',
  line: '#000000',
  peakWindow: '#56B4E9',
  firmwareWindow: '#F0E442',
} as const;

export const WIDTH = 1000;
export const HEIGHT = 300;
// Keep y-axis titles under about 0.1 × the chart height in characters: headless vega estimates a
// rotated title at 0.8 em a character and grows the chart to fit one taller than the plot.

export const CONFIG: Config = {
  font: 'sans-serif',
  background: '#ffffff',
  padding: 10,
  view: { stroke: null },
  title: { fontSize: 16, anchor: 'start', subtitleFontSize: 12, subtitleColor: '#444444', offset: 8 },
  axis: { labelFontSize: 11, titleFontSize: 12, titleFontWeight: 'normal', gridColor: '#e6e6e6' },
  legend: { orient: 'bottom', labelFontSize: 12, titleFontSize: 12, symbolType: 'square', labelLimit: 400, offset: 6 },
  range: { category: [...OKABE_ITO] },
};

const MS = 1000;
/** Vega-lite time value of second `s` of the horizon. */
export const timeOf = (s: number): number => s * MS;

/** "d1 06:00"-style labels: the day of the horizon and the UTC clock time. */
const CLOCK_LABEL = "'d' + (floor(datum.value / 86400000) + 1) + ' ' + utcFormat(datum.value, '%H:%M')";

/**
 * A temporal x channel on a UTC scale over seconds [fromS, toS) of the horizon, with day-of-horizon
 * clock labels every `stepS`. The tick values are listed: `tickCount: {interval: 'hour'}` throws in
 * vega 6.4.0 (its utc table knows 'hours', its typings only 'hour').
 */
export function clockX(field: string, fromS: number, toS: number, title = 'time of day (UTC)', stepS = 3 * 3600): PositionFieldDef<string> {
  const values: number[] = [];
  for (let s = Math.ceil(fromS / stepS) * stepS; s <= toS; s += stepS) values.push(timeOf(s));
  return {
    field,
    type: 'temporal',
    scale: { type: 'utc', domain: [timeOf(fromS), timeOf(toS)] },
    axis: { title, labelExpr: CLOCK_LABEL, values, labelOverlap: true },
  };
}

/** The same, for a clock time shown as text in a title: "d1 06:00" (minutes) or with seconds. */
export function clockText(s: number, withSeconds = false): string {
  const day = Math.floor(s / 86_400) + 1;
  const t = Math.round(s) % 86_400;
  const two = (n: number) => String(Math.floor(n)).padStart(2, '0');
  const hm = `d${day} ${two(t / 3600)}:${two((t % 3600) / 60)}`;
  return withSeconds ? `${hm}:${two(t % 60)}` : hm;
}

/** Rounds for the chart data: enough digits to draw, few enough to keep the page small. */
export function round(v: number, digits = 2): number {
  if (!Number.isFinite(v)) return 0;
  const f = 10 ** digits;
  const r = Math.round(v * f) / f;
  return Object.is(r, -0) ? 0 : r;
}

/** The unit a capacity counts, in words: 'transactions' or 'DLMS commands'. */
export function unitOf(currency: string): string {
  return currency === 'dlms' ? 'DLMS commands' : currency;
}

/** "1,234.5" in en-GB, for titles and labels. */
export function fmt(v: number, digits = 1): string {
  return Number.isFinite(v) ? v.toLocaleString('en-GB', { maximumFractionDigits: digits }) : 'never';
}

/**
 * Splits text into lines of at most `max` characters at spaces. Headless vega estimates text width
 * (about 0.8 em a character, no canvas), and a title line estimated wider than the chart widens it.
 */
export function wrap(text: string | readonly string[], max = 100): string[] {
  const out: string[] = [];
  for (const para of typeof text === 'string' ? [text] : text) {
    let line = '';
    for (const word of para.split(' ')) {
      if (line && line.length + 1 + word.length > max) {
        out.push(line);
        line = word;
      } else line = line ? `${line} ${word}` : word;
    }
    out.push(line);
  }
  return out;
}
