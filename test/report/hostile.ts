/** A small run whose model-supplied strings try to break out of HTML, Markdown tables and spreadsheets. */
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
} as const;

/** The default scenario, shrunk, with hostile names patched into the scenario and its summary. */
export async function hostileRun(): Promise<{ scenario: Scenario; run: RunData }> {
  const { scenario, run } = await smallRun('mp192-baseline', 1);
  const s: Scenario = {
    ...scenario,
    name: HOSTILE.name,
    title: HOSTILE.title,
    capacities: scenario.capacities.map((c, k) => (k === 0 ? { ...c, component: HOSTILE.component } : c)),
    provenance: scenario.provenance.map((e, k) => (k === 0 ? { ...e, source: HOSTILE.source } : e)),
  };
  const summary = {
    ...run.summary,
    scenario: HOSTILE.name,
    title: HOSTILE.title,
    capacities: run.summary.capacities.map((c, k) => (k === 0 ? { ...c, component: HOSTILE.component } : c)),
    perCohort: run.summary.perCohort.map((c, k) => (k === 0 ? { ...c, cohort: HOSTILE.tagCohort } : k === 1 ? { ...c, cohort: HOSTILE.formulaCohort } : c)),
  };
  return { scenario: s, run: { summary, results: run.results } };
}
