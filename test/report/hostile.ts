/**
 * A small run whose model-supplied strings try to break out of HTML, Markdown (links, images, HTML,
 * autolinks, tables, line breaks) and spreadsheets.
 */
import type { Scenario } from '../../src/model/types.js';
import type { RunData } from '../../src/report/index-files.js';
import { smallRun } from './fixture.js';

export const HOSTILE = {
  name: '</script><img src=x onerror=alert(1)>',
  title: 'Title | with <b>bold</b> & "quotes"',
  component: '<svg onload=alert(3)>',
  source: '<script>alert(2)</script> | piped',
  formulaCohort: '=HYPERLINK("x")',
  tagCohort: '<img src=y onerror=alert(4)>|pipe',
  imageCohort: '![x](http://evil/)',
  linkCohort: '[click](javascript:alert(1))',
  /** Provenance sources (the assumptions table) and one provenance path (a code span there). */
  linkSource: 'see [click](javascript:alert(1)) and ![x](http://evil/) <img src=z onerror=alert(5)>',
  lineSource: 'line one\nline two | <b>cell</b>\r\n# heading',
  autolinkSource: 'see https://evil.example/x, www.evil.example or admin@evil.example',
  emphasisSource: '*bold* _em_ `code` \\ [ref]: http://evil/ <!-- c --> [^1]',
  tickPath: 'cohorts.csv[a`b|c].devices',
} as const;

/** The Markdown-injection strings of HOSTILE, for tests that patch them into other reports. */
export const MD_HOSTILE = [HOSTILE.imageCohort, HOSTILE.linkCohort, HOSTILE.linkSource, HOSTILE.lineSource, HOSTILE.autolinkSource, HOSTILE.emphasisSource] as const;

/** The default scenario, shrunk, with hostile names patched into the scenario and its summary. */
export async function hostileRun(): Promise<{ scenario: Scenario; run: RunData }> {
  const { scenario, run } = await smallRun('mp192-baseline', 1);
  const s: Scenario = {
    ...scenario,
    name: HOSTILE.name,
    title: HOSTILE.title,
    capacities: scenario.capacities.map((c, k) => (k === 0 ? { ...c, component: HOSTILE.component } : c)),
    provenance: scenario.provenance.map((e, k) => {
      const source = [HOSTILE.source, HOSTILE.linkSource, HOSTILE.lineSource, HOSTILE.autolinkSource, HOSTILE.emphasisSource][k];
      return k === 5 ? { ...e, path: HOSTILE.tickPath } : source === undefined ? e : { ...e, source };
    }),
  };
  const summary = {
    ...run.summary,
    scenario: HOSTILE.name,
    title: HOSTILE.title,
    capacities: run.summary.capacities.map((c, k) => (k === 0 ? { ...c, component: HOSTILE.component } : c)),
    perCohort: run.summary.perCohort.map((c, k) => {
      const cohort = [HOSTILE.tagCohort, HOSTILE.formulaCohort, HOSTILE.imageCohort, HOSTILE.linkCohort][k];
      return cohort === undefined ? c : { ...c, cohort };
    }),
  };
  return { scenario: s, run: { summary, results: run.results } };
}
