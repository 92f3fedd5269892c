// model/: loads and validates scenario models (YAML + CSV tables) into a normalised `Scenario`, issues as data.
// Imports nothing from other src/ layers; every later layer imports from here.
export { loadScenario, loadScenarioFromObject, loadScenarioOrThrow, type LoadResult } from './load.js';
export { displayPath, formatIssue, formatIssues, InputError, MAX_SHOWN_ISSUES, type InputIssue } from './issues.js';
export { dayTotals } from './normalise.js';
export { modelSchema, parseTime, SOURCE_TAGS, type Model } from './schema.js';
export {
  DAY_S,
  dlmsMean,
  dlmsRange,
  type BaselineMode,
  type BaselineProfile,
  type Behaviour,
  type Capacity,
  type Cohort,
  type Currency,
  type DeviceType,
  type DlmsDist,
  type Mode,
  type Placement,
  type ProvenanceEntry,
  type S1sp,
  type Scenario,
  type SeedShares,
  type Srv,
  type WanBehaviour,
  type Window,
} from './types.js';
