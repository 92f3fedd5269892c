/**
 * Charts to pictures, headlessly and without a browser:
 *
 *   vega-lite spec → compile → vega spec → View (renderer 'none') → SVG text → resvg → PNG bytes
 *
 * Vega measures text without a canvas by estimate; resvg draws it with a real font, so `sans-serif`
 * is mapped to DejaVu Sans (Debian: fonts-dejavu-core) — without the mapping text falls back to a serif face.
 */
import { Resvg } from '@resvg/resvg-js';
import { parse, type Spec as VegaSpec, View } from 'vega';
import { compile } from 'vega-lite';
import type { Spec } from './charts/theme.js';

export interface RenderedChart {
  readonly svg: string;
  readonly png: Uint8Array;
}

/**
 * The vega spec of a vega-lite spec. Compiler warnings (a dropped channel, an impossible scale)
 * are pushed onto `warnings` so tests can insist on none; errors throw.
 */
export function vegaSpecOf(spec: Spec, warnings: string[] = []): VegaSpec {
  const note = (...args: readonly unknown[]) => warnings.push(args.map(String).join(' '));
  const logger = {
    level: () => logger,
    error: (...args: readonly unknown[]) => {
      throw new Error(`vega-lite: ${args.map(String).join(' ')}`);
    },
    warn: (...args: readonly unknown[]) => (note(...args), logger),
    info: () => logger,
    debug: () => logger,
  };
  // The logger interface is vega-util's LoggerInterface; ours implements what compile calls.
  return compile(spec, { logger: logger as never }).spec;
}

/**
 * SVG text of a vega-lite spec. Text from the data is escaped by vega's SVG writer. A dataflow error
 * (vega logs it and carries on, drawing a broken chart) is thrown instead.
 */
export async function svgOf(spec: Spec, warnings?: string[]): Promise<string> {
  const errors: string[] = [];
  const say =
    (list: string[] | undefined) =>
    (...args: readonly unknown[]) => (list?.push(args.map(String).join(' ')), logger);
  const logger = { level: () => logger, error: say(errors), warn: say(warnings), info: () => logger, debug: () => logger };
  const view = new View(parse(vegaSpecOf(spec, warnings)), { renderer: 'none', logger: logger as never });
  try {
    const svg = await view.toSVG().catch((err: unknown) => {
      throw new Error(`vega: ${errors.join('; ') || String(err)}`, { cause: err });
    });
    if (errors.length > 0) throw new Error(`vega: ${errors.join('; ')}`);
    return compactPaths(svg);
  } finally {
    view.finalize();
  }
}

/**
 * Path coordinates rounded to 0.1 px: a day of per-minute points is denser than the pixels, and
 * vega writes three decimals — this roughly halves a chart's SVG without a visible change.
 */
export function compactPaths(svg: string): string {
  const tenth = (n: string) => String(Math.round(Number(n) * 10) / 10);
  return svg.replace(/ d="([^"]*)"/g, (_, d: string) => ` d="${d.replace(/-?\d+\.\d+/g, tenth)}"`);
}

/** PNG bytes of an SVG, drawn at `scale` × its size (2 = crisp on a high-density screen or in print). */
export function pngOf(svg: string, scale = 1.5): Uint8Array {
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: scale },
    background: '#ffffff',
    font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans', sansSerifFamily: 'DejaVu Sans' },
  });
  return new Uint8Array(resvg.render().asPng());
}

/**
 * SVG and PNG of one chart. It lets the event loop turn before each step: a report renders its charts one after
 * another, each a few hundred milliseconds of work, so a signal is handled between two charts.
 */
export async function renderChart(spec: Spec, warnings?: string[]): Promise<RenderedChart> {
  const turn = () => new Promise((turned) => setImmediate(turned));
  await turn();
  const svg = await svgOf(spec, warnings);
  await turn();
  return { svg, png: pngOf(svg) };
}
