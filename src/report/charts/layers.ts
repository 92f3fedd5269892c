/**
 * Layers that several charts draw: the peak and firmware windows shaded on every day of the
 * horizon, and a ceiling as a horizontal rule with its label. Each layer carries its own rows of
 * data: in vega-lite 6.4.3 a layer with only `datum` encodings and no data draws nothing.
 */
import type { Scenario, Window } from '../../model/types.js';
import { COLOUR, type Layer, clockText, fmt, timeOf, WIDTH } from './theme.js';

const DAY_S = 86_400;

interface Band {
  readonly start: number;
  readonly end: number;
  readonly label: string;
}

/** The window on every day of the horizon, cut at the horizon. */
function bands(w: Window, horizonS: number, name: string): Band[] {
  const out: Band[] = [];
  for (let day = 0; day * DAY_S < horizonS; day++) {
    const startS = day * DAY_S + w.startS;
    const endS = Math.min(horizonS, day * DAY_S + w.endS);
    if (startS >= horizonS) break;
    const label = day === 0 ? `${name} ${clockText(w.startS).slice(3)}–${clockText(w.endS % DAY_S).slice(3)}` : '';
    out.push({ start: timeOf(startS), end: timeOf(endS), label });
  }
  return out;
}

function bandLayer(rows: Band[], colour: string): Layer {
  return {
    data: { values: rows },
    layer: [
      {
        mark: { type: 'rect', color: colour, opacity: 0.22 },
        encoding: { x: { field: 'start', type: 'temporal' }, x2: { field: 'end' } },
      },
      {
        // Above the plot, so it never sits on the data or on an annotation inside it.
        mark: { type: 'text', align: 'left', baseline: 'bottom', dx: 2, dy: -3, fontSize: 11, color: '#333333' },
        encoding: { x: { field: 'start', type: 'temporal' }, y: { value: 0 }, text: { field: 'label' } },
      },
    ],
  };
}

/** Shading for the peak window and the firmware window of `day`, over a horizon of `horizonS`. */
export function windowLayers(day: Scenario['day'], horizonS: number): Layer[] {
  return [bandLayer(bands(day.peakWindow, horizonS, 'peak window'), COLOUR.peakWindow), bandLayer(bands(day.firmwareWindow, horizonS, 'firmware window'), COLOUR.firmwareWindow)];
}

/** A dashed horizontal rule at `value` with a right-aligned label above it. */
export function ceilingRule(value: number, label: string, colour: string = COLOUR.ceiling): Layer {
  return {
    data: { values: [{ value, label }] },
    layer: [
      { mark: { type: 'rule', color: colour, strokeWidth: 2, strokeDash: [6, 4] }, encoding: { y: { field: 'value', type: 'quantitative' } } },
      {
        mark: { type: 'text', align: 'right', baseline: 'bottom', dy: -4, color: colour, fontSize: 12, fontWeight: 'bold' },
        encoding: { x: { value: WIDTH }, y: { field: 'value', type: 'quantitative' }, text: { field: 'label' } },
      },
    ],
  };
}

/** A vertical rule at clock time `atS` with a label at the top (deadlines, drain ends). */
export function clockRule(atS: number, label: string, colour: string, dy = 14): Layer {
  return {
    data: { values: [{ t: timeOf(atS), label }] },
    layer: [
      { mark: { type: 'rule', color: colour, strokeWidth: 2, strokeDash: [4, 3] }, encoding: { x: { field: 't', type: 'temporal' } } },
      {
        mark: { type: 'text', align: 'left', baseline: 'top', dx: 4, dy, color: colour, fontSize: 11, fontWeight: 'bold' },
        encoding: { x: { field: 't', type: 'temporal' }, y: { value: 0 }, text: { field: 'label' } },
      },
    ],
  };
}

export const perSecondLabel = (ceilingPerS: number, unit: string) => `ceiling ${fmt(ceilingPerS)} ${unit}`;
