/**
 * Cross-field checks: each rule is a small named function from the validated model and its tables to
 * findings (rule-context.ts). A rule that needs a table returns nothing when that table had errors (it is
 * `undefined`). Adding a check is adding one function to `RULES`. The rules on ids are in
 * rules-references.ts, those on time in rules-time.ts, those on what the engine can hold in simulable.ts;
 * shares and single values are checked here.
 *
 * Tables hold up to 100,000 rows, so every rule is linear or n·log n in them: lookups go through a Map
 * or Set built once, overlaps through one sort and a scan — never a search of a table per row.
 */
import * as msg from './messages.js';
import { at, type Finding, inColumn, type Rule, type RuleContext, sum, sumsToOne } from './rule-context.js';
import { cohortsInTable, idsUnique, mixSrvsDspSchedulable, mixSrvsInCatalogue, perCohortPlacementCoversRouting, routedDeviceTypesSchedulable, s1spsListed } from './rules-references.js';
import { baselineShapesValid, fixedPlacementBeforeMidnight, histogramBinsValid, placementWindowsDisjoint, windowsInsideDay } from './rules-time.js';
import { SIMULABLE_RULES } from './simulable.js';

export const mixSharesSumToOne: Rule = ({ model }) => {
  const shares = model.workload.mix.map((x) => x.share.value);
  return sumsToOne(shares) ? [] : [at('workload.mix', msg.sharesSum('mix'), msg.showNumber(sum(shares)))];
};

export const routingSharesSumToOne: Rule = ({ model: { workload: w } }) => {
  if (w.routing.mode !== 'shares') return [];
  const shares = w.routing.shares.map((s) => s.share.value);
  return sumsToOne(shares) ? [] : [at('workload.routing.shares', msg.sharesSum('routing'), msg.showNumber(sum(shares)))];
};

export const cohortSharesSumToOne: Rule = ({ model, cohorts }) => {
  if (model.workload.routing.mode !== 'pro-rata' || cohorts === undefined) return [];
  const shares = cohorts.rows.map((r) => r.value.share);
  return sumsToOne(shares) ? [] : [inColumn(cohorts, 'share', msg.sharesSum('cohort'), msg.showNumber(sum(shares)))];
};

export const ceilingFitsScale: Rule = ({ model }) =>
  model.capacities.flatMap((c, i) => {
    if (c.ceiling.kind !== 'headroom-over-baseline-peak') return [];
    if (c.baseline.scale.kind === 'peak-utilisation') {
      return [at(`capacities[${i}].baseline.scale`, msg.peakUtilisationWithHeadroom())];
    }
    return c.baseline.mode === 'none' ? [at(`capacities[${i}].baseline.mode`, msg.headroomWithoutBaseline())] : [];
  });

export const rangesOrdered: Rule = ({ model: { seedShares: s } }) =>
  (['referenceDlmsPerSr', 'shareWithFirmware', 'shareNoFirmware'] as const).filter((k) => s[k].min > s[k].max).map((k) => at(`seedShares.${k}.min`, msg.rangeMinAboveMax()));

export const roundTripP95AboveMedian: Rule = ({ model: { behaviour: b } }) =>
  b.wan.roundTripP95S.value > b.wan.roundTripMedianS.value ? [] : [at('behaviour.wan.roundTripP95S.value', msg.roundTripOrder())];

/** A weekday calendar of firmware days needs the date of the first measured day (which --start can change). */
export const firmwareCalendarHasStart: Rule = ({ model: { day } }) => {
  const days = day.firmwareDays?.value;
  return (days === 'weekdays' || days === 'weekends') && day.start === undefined ? [at('day.firmwareDays.value', msg.firmwareDaysNeedStart(days), days)] : [];
};

export const RULES: readonly Rule[] = [
  windowsInsideDay,
  fixedPlacementBeforeMidnight,
  mixSharesSumToOne,
  routingSharesSumToOne,
  cohortSharesSumToOne,
  mixSrvsInCatalogue,
  mixSrvsDspSchedulable,
  cohortsInTable,
  perCohortPlacementCoversRouting,
  s1spsListed,
  idsUnique,
  routedDeviceTypesSchedulable,
  ceilingFitsScale,
  rangesOrdered,
  roundTripP95AboveMedian,
  firmwareCalendarHasStart,
  baselineShapesValid,
  histogramBinsValid,
  placementWindowsDisjoint,
  ...SIMULABLE_RULES,
];

/** Advisory: a firmware uplift was asked for, but the profile has none to add. */
export const firmwareShapePresent: Rule = ({ model, profiles }) =>
  model.capacities.flatMap((c, i) => {
    const t = profiles[i];
    const noFirmware = t?.rows.every((r) => r.value.firmware_weight === 0);
    if (!c.baseline.firmware || c.baseline.mode === 'none' || !noFirmware) return [];
    return [at(`capacities[${i}].baseline.firmware`, msg.firmwareWithoutShape())];
  });

/** Rules whose findings are warnings: the model is usable but probably not what was meant. */
export const WARNING_RULES: readonly Rule[] = [firmwareShapePresent];

export const checkRules = (ctx: RuleContext, rules: readonly Rule[] = RULES): Finding[] => rules.flatMap((rule) => rule(ctx));
