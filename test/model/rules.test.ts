/** Cross-field rules: one fixture per group, exact lines, several findings per file at once. */
import { describe, expect, it } from 'vitest';
import * as msg from '../../src/model/messages.js';
import { fixture, issueLines, line, ROOT } from './helpers.js';

describe('rules', () => {
  it('windows end after their start, inside the day; 24:00 only as an end', async () => {
    const f = 'bad-windows.yaml';
    expect(await issueLines(fixture(f))).toEqual([
      line(f, 4, 30, 'placement.windows[0].end', msg.windowEndNotAfterStart(), '04:00'),
      line(f, 5, 16, 'placement.windows[1].start', msg.startAt2400(), '"24:00"'),
      line(f, 7, 42, 'day.firmwareWindow.end', msg.windowEndNotAfterStart(), '"02:00"'),
    ]);
  });

  it('mix and routing shares sum to 1; SRVs and cohorts exist; ids are unique', async () => {
    const f = 'rules-shares.yaml';
    expect(await issueLines(fixture(f))).toEqual([
      line(f, 5, 5, 'workload.mix', msg.sharesSum('mix'), '1.1'),
      line(f, 7, 14, 'workload.mix[2].srv', msg.unknownSrv('9.9'), '"9.9"'),
      line(f, 11, 7, 'workload.routing.shares', msg.sharesSum('routing'), '0.8'),
      line(f, 12, 19, 'workload.routing.shares[1].cohort', msg.unknownCohort('XOC'), 'XOC'),
      line(f, 17, 11, 's1sps[2].id', msg.duplicateId('S1SP', 'Secure'), 'Secure'),
    ]);
  });

  it('per-cohort placement names known cohorts and covers every routed cohort', async () => {
    const f = 'rules-placement.yaml';
    expect(await issueLines(fixture(f))).toEqual([line(f, 13, 5, 'placement.cohorts', msg.cohortNotPlaced('IOC')), line(f, 14, 17, 'placement.cohorts[1].cohort', msg.unknownCohort('ZOC'), 'ZOC')]);
  });

  it('capacities: S1SPs listed, unique ids, ceiling kind fits the baseline; round-trip and range order', async () => {
    const f = 'rules-capacity.yaml';
    expect(await issueLines(fixture(f))).toEqual([
      line(f, 6, 29, 'behaviour.wan.roundTripP95S.value', msg.roundTripOrder(), '2'),
      line(f, 8, 27, 'seedShares.shareNoFirmware.min', msg.rangeMinAboveMax(), '0.15'),
      line(f, 13, 21, 'capacities[0].s1sps[1]', msg.unknownS1sp('Acme'), 'Acme'),
      line(f, 19, 14, 'capacities[0].baseline.scale', msg.peakUtilisationWithHeadroom()),
      line(f, 20, 9, 'capacities[1].id', msg.duplicateId('capacity', 'secure'), 'secure'),
      line(f, 27, 13, 'capacities[1].baseline.mode', msg.headroomWithoutBaseline(), 'none'),
    ]);
  });

  it('SRVs routed to SMETS2 devices are rejected in DUIS style, at the routing entry', async () => {
    const f = 'duis-smets2.yaml';
    expect(await issueLines(fixture(f))).toEqual([
      line(f, 9, 9, 'workload.routing.shares[1]', msg.deviceTypeNotSchedulable('4.3', 'SMETS2')),
      line(f, 9, 9, 'workload.routing.shares[1]', msg.deviceTypeNotSchedulable('4.4.3', 'SMETS2')),
    ]);
    expect(msg.deviceTypeNotSchedulable('4.3', 'SMETS2')).toBe(
      'SRV 4.3 cannot be DSP-scheduled for SMETS2 devices: SRV 5.1 Create Schedule would be rejected with the new DUIS error code (seed §4.1; the code itself is not named in the seed)',
    );
  });

  it('SRVs in the mix must allow dsp-scheduled; a finding in an inherited value points at the parent file', async () => {
    const f = 'not-schedulable.yaml';
    expect(await issueLines(fixture(f))).toEqual([
      line(`${ROOT}/models/mp192-baseline.yaml`, 31, 36, 'workload.routing.cohort', msg.deviceTypeNotSchedulable('4.1.1', 'SMETS1'), 'MOC'),
      line(f, 6, 14, 'workload.mix[1].srv', msg.notDspSchedulable('4.1.1'), '"4.1.1"'),
    ]);
  });

  it('cohort table: pro-rata shares sum to 1, unique cohorts, S1SPs listed', async () => {
    const t = 'cohorts-rules.csv';
    expect(await issueLines(fixture('cohort-rules.yaml'))).toEqual([
      line(t, 1, 34, 'cohorts-rules.csv.share', msg.sharesSum('cohort'), '0.9'),
      line(t, 3, 1, 'cohorts-rules.csv[MOC].cohort', msg.duplicateId('cohort', 'MOC'), 'MOC'),
      line(t, 4, 5, 'cohorts-rules.csv[NOC].s1sp', msg.unknownS1sp('Nowhere'), 'Nowhere'),
    ]);
  });

  it('baseline shape: consecutive buckets, weights sum to 1, firmware weights sum to 1 or are all 0', async () => {
    const t = 'shape-bad-sums.csv';
    expect(await issueLines(fixture('shape-rules.yaml'))).toEqual([
      line(t, 1, 7, `${t}.weight`, msg.weightsSum('weight'), '1.1'),
      line(t, 1, 14, `${t}.firmware_weight`, msg.firmwareWeightsSum(), '0.5'),
      line(t, 7, 1, `${t}[05:30].start`, msg.baselineStart('05:00'), '05:30'),
    ]);
  });

  it('histogram bins: end after start, no overlap, no start at 24:00', async () => {
    const t = 'histogram-bad.csv';
    expect(await issueLines(fixture('histogram-bad.yaml'))).toEqual([
      line(t, 3, 1, `${t}[05:00].start`, msg.binsOverlap(), '05:00'),
      line(t, 4, 7, `${t}[09:00].end`, msg.windowEndNotAfterStart(), '08:00'),
      line(t, 5, 1, `${t}[24:00].start`, msg.startAt2400(), '24:00'),
    ]);
  });

  it('ids are unique in tables and lists; a fixed placement cannot start at 24:00', async () => {
    const f = 'duplicate-ids.yaml';
    expect(await issueLines(fixture(f))).toEqual([
      line(f, 7, 14, 'workload.mix[1].srv', msg.duplicateId('SRV', '4.3'), '"4.3"'),
      line(f, 12, 19, 'workload.routing.shares[1].cohort', msg.duplicateId('cohort', 'MOC'), 'MOC'),
      line(f, 16, 7, 'placement.at', msg.startAt2400(), '"24:00"'),
      line('srvs-duplicate.csv', 4, 1, 'srvs-duplicate.csv[4.3].srv', msg.duplicateId('SRV', '4.3'), '4.3'),
    ]);
  });
});
