/**
 * What cannot be simulated is refused by validation, at the line to edit: durations off the clock's
 * range, a burst past the horizon, capacities that overflow, a discrete baseline too large to draw,
 * and overlapping placement windows (an error, see rules.ts `placementWindowsDisjoint`).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { TICKS_PER_S } from '../../src/engine/time.js';
import * as msg from '../../src/model/messages.js';
import { CLOCK_TICKS_PER_S, MAX_BASELINE_ARRIVALS, MAX_DURATION_S } from '../../src/model/simulable.js';
import { runReplication } from '../../src/sim/run-replication.js';
import { issueLines, line, ROOT, scenarioOf } from './helpers.js';

const BASELINE = join(ROOT, 'models', 'mp192-baseline.yaml');
const SRC = 'source: "assumed: test"';
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** Writes a model extending the default one with `yaml` after the extends line; returns its path and text. */
function model(yaml: string, extra: Record<string, string> = {}): { file: string; text: string } {
  const dir = mkdtempSync(join(tmpdir(), 'srvsim-simulable-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(extra)) writeFileSync(join(dir, name), text);
  const file = join(dir, 'model.yaml');
  const text = `extends: ${BASELINE}\n${yaml}`;
  writeFileSync(file, text);
  return { file, text };
}

/** 1-based line and column of the first `needle` in `text` at or after line `fromLine`. */
function posOf(text: string, needle: string, fromLine = 1): { line: number; col: number } {
  const lines = text.split('\n');
  for (let i = fromLine - 1; i < lines.length; i++) {
    const col = lines[i]!.indexOf(needle);
    if (col >= 0) return { line: i + 1, col: col + 1 };
  }
  throw new Error(`${needle} not in the text`);
}

/** One capacity (lists replace the parent's), cheap to simulate unless `mode` says otherwise. */
const capacity = (ceiling: string, mode = 'fluid', scale = `{ kind: peak-utilisation, value: 0.5, ${SRC} }`): string => `capacities:
  - id: secure
    component: Secure S1SP
    currency: transactions
    s1sps: [Secure]
    ceiling: ${ceiling}
    overflow: queue
    baseline:
      mode: ${mode}
      firmware: false
      scale: ${scale}
`;

const fixed = (at: string, dispatchS: string, horizonH = 24): string =>
  `day:\n  horizonH: { value: ${horizonH}, ${SRC} }\nplacement:\n  kind: fixed\n  at: "${at}"\n  dispatchS: { value: ${dispatchS}, ${SRC} }\n  ${SRC}\n`;

describe('the simulation clock', () => {
  it('counts the ticks the engine counts', () => {
    expect(CLOCK_TICKS_PER_S).toBe(TICKS_PER_S);
  });

  it('refuses durations beyond MAX_DURATION_S: TRT, retry interval, latencies, a cohort’s wake-up', async () => {
    const cohorts = 'cohort,s1sp,device_type,protocol,share,devices,wake_up_s,source\nMOC,Secure,SMETS1,DLMS,1,10,2000000000,assumed: test\n';
    const m = model(
      `data:\n  cohorts: ./cohorts.csv\nday:\n  trtS: { value: 1e300, ${SRC} }\nbehaviour:\n  retryIntervalS: { value: 2e9, ${SRC} }\n` +
        `  wan:\n    roundTripMedianS: { value: 1.5e9, ${SRC} }\n    roundTripP95S: { value: 3e9, ${SRC} }\n`,
      { 'cohorts.csv': cohorts },
    );
    const too = msg.durationTooLong(MAX_DURATION_S);
    const at = (needle: string) => posOf(m.text, needle);
    const csv = join(m.file, '..', 'cohorts.csv');
    expect(await issueLines(m.file)).toEqual([
      line(csv, 2, 29, 'cohorts.csv[MOC].wake_up_s', too, '2000000000'),
      line(m.file, at('1e300').line, at('1e300').col, 'day.trtS.value', too, '1e300'),
      line(m.file, at('2e9').line, at('2e9').col, 'behaviour.retryIntervalS.value', too, '2e9'),
      line(m.file, at('1.5e9').line, at('1.5e9').col, 'behaviour.wan.roundTripMedianS.value', too, '1.5e9'),
      line(m.file, at('3e9').line, at('3e9').col, 'behaviour.wan.roundTripP95S.value', too, '3e9'),
    ]);
    expect(too).toBe('must be at most 1,000,000,000 s (about 32 years): the simulation clock counts microseconds, and longer times leave its range');
  });

  it('refuses a retry interval under one tick (it would round to no time at all)', async () => {
    const m = model(`behaviour:\n  retryIntervalS: { value: 1e-7, ${SRC} }\n`);
    const p = posOf(m.text, '1e-7');
    expect(await issueLines(m.file)).toEqual([line(m.file, p.line, p.col, 'behaviour.retryIntervalS.value', msg.belowTick(), '1e-7')]);
  });
});

describe('the horizon', () => {
  it('refuses a burst that runs past it (dispatchS 1e10 used to fail inside the engine)', async () => {
    const m = model(fixed('00:00', '1e10'));
    const p = posOf(m.text, '1e10');
    expect(await issueLines(m.file)).toEqual([line(m.file, p.line, p.col, 'placement.dispatchS.value', msg.burstPastHorizon(1e10 / 3600, 24), '1e10')]);
  });

  it('refuses a late burst whose last SRs would activate after the horizon (they used to be dropped silently)', async () => {
    const m = model(fixed('23:00', '7200'));
    const p = posOf(m.text, '7200');
    expect(await issueLines(m.file)).toEqual([line(m.file, p.line, p.col, 'placement.dispatchS.value', msg.burstPastHorizon(25, 24), '7200')]);
    expect(msg.burstPastHorizon(25, 24)).toBe('the burst runs until 25 h (at + dispatchS), past the 24 h horizon (day.horizonH): SRs activated after the horizon would never be simulated');
    await scenarioOf(model(fixed('23:00', '7200', 26)).file);
  });

  it('accepts a burst that ends exactly at the horizon, and the simulation activates every SR of it', async () => {
    const m = model(`${fixed('22:00', '7200')}workload:\n  srvsPerDay: { value: 500, ${SRC} }\n${capacity(`{ kind: per-s, value: 450, ${SRC} }`)}`);
    const s = await scenarioOf(m.file);
    expect(runReplication(s, { seed: 1, replication: 0 }).counters.activated).toBe(500);
  });
});

describe('capacities', () => {
  it('refuses a ceiling that overflows to Infinity', async () => {
    const m = model(capacity(`{ kind: headroom-over-baseline-peak, value: 1e308, ${SRC} }`, 'fluid', `{ kind: seed-shares, ${SRC} }`));
    const p = posOf(m.text, '1e308');
    expect(await issueLines(m.file)).toEqual([line(m.file, p.line, p.col, 'capacities[0].ceiling.value', msg.notFiniteFigure('ceiling'), '1e308')]);
  });

  it('refuses baseline rates that overflow', async () => {
    const m = model(`${capacity(`{ kind: per-s, value: 450, ${SRC} }`, 'fluid', `{ kind: seed-shares, ${SRC} }`)}seedShares:\n  referenceSrvs: { value: 1e308, ${SRC} }\n`);
    const p = posOf(m.text, '{ kind: seed-shares');
    expect(await issueLines(m.file)).toEqual([line(m.file, p.line, p.col, 'capacities[0].baseline.scale', msg.notFiniteFigure('baseline rate'))]);
  });

  it('refuses a discrete baseline with more than MAX_BASELINE_ARRIVALS arrivals, and takes the same load as fluid', async () => {
    const huge = `{ kind: per-s, value: 1e7, ${SRC} }`;
    const m = model(capacity(huge, 'discrete'));
    const p = posOf(m.text, 'mode: discrete');
    const lines = await issueLines(m.file);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^${m.file}:${p.line}:${p.col + 6} capacities\\[0\\]\\.baseline\\.mode: a discrete baseline of about [\\d,]+ arrivals`));
    expect(lines[0]).toContain(`(at most ${MAX_BASELINE_ARRIVALS.toLocaleString('en-GB')}): use mode fluid`);
    await scenarioOf(model(capacity(huge, 'fluid')).file);
    await scenarioOf(model(capacity(`{ kind: per-s, value: 450, ${SRC} }`, 'discrete')).file);
  });
});

describe('placement windows', () => {
  const uniform = (...ws: [string, string][]) => `placement:\n  kind: uniform\n  windows:\n${ws.map(([a, b]) => `    - { start: "${a}", end: "${b}" }\n`).join('')}  ${SRC}\n`;

  it('refuses overlapping uniform windows, at the later one’s start', async () => {
    const m = model(uniform(['00:00', '06:00'], ['12:00', '13:00'], ['05:00', '08:00']));
    const p = posOf(m.text, '"05:00"');
    expect(await issueLines(m.file)).toEqual([line(m.file, p.line, p.col, 'placement.windows[2].start', msg.windowsOverlap(), '"05:00"')]);
  });

  it('accepts windows that only touch', async () => {
    await scenarioOf(model(uniform(['06:00', '08:00'], ['00:00', '06:00'])).file);
  });

  it('per cohort: refuses overlaps within one cohort’s windows, not across cohorts', async () => {
    const m = model(
      `workload:\n  routing: { mode: shares, shares: [ { cohort: MOC, share: { value: 0.5, ${SRC} } }, { cohort: IOC, share: { value: 0.5, ${SRC} } } ], ${SRC} }\n` +
        `placement:\n  kind: per-cohort\n  cohorts:\n` +
        `    - { cohort: MOC, windows: [ { start: "00:00", end: "06:00" } ] }\n` +
        `    - { cohort: IOC, windows: [ { start: "02:00", end: "04:00" }, { start: "03:00", end: "05:00" } ] }\n  ${SRC}\n` +
        `s1sps:\n  - { id: Secure, cv9Srvs: ["4.3", "4.4.3"], ${SRC} }\n  - { id: CGI IE, cv9Srvs: ["4.3", "4.4.3"], ${SRC} }\n`,
    );
    const p = posOf(m.text, '"03:00"');
    expect(await issueLines(m.file)).toEqual([line(m.file, p.line, p.col, 'placement.cohorts[1].windows[1].start', msg.windowsOverlap(), '"03:00"')]);
  });
});
