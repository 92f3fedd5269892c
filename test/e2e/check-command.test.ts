/**
 * `srvsim check`: exit codes 0 / 5 on two small fixtures, the JUnit file it writes, its JSON, the option
 * parsers, and the commander registration given for main.ts.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { OutputError } from '../../src/app/write-files.js';
import { type CheckCliOptions, checkCommand, checkOptions } from '../../src/cli/check.js';
import { InputError } from '../../src/model/issues.js';
import { ROOT } from '../helpers/scenarios.js';
import { parseXml } from '../helpers/xml-check.js';

const fixture = (name: string) => join(ROOT, 'test', 'fixtures', 'check', `${name}.yaml`);

/** Runs the command with stdout / stderr captured. */
async function check(file: string, opts: CheckCliOptions) {
  let stdout = '';
  let stderr = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((stdout += String(s)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((stderr += String(s)), true));
  try {
    return { code: await checkCommand(file, { workers: 0, ...opts }), stdout, stderr };
  } finally {
    vi.restoreAllMocks();
  }
}

afterEach(() => vi.restoreAllMocks());

describe('srvsim check: gates and exit codes', () => {
  it('exits 0 when every gate holds (20k SRs uniform 06:00–12:00, --max-tps 450) and writes a passing JUnit file', async () => {
    const junit = join(mkdtempSync(join(tmpdir(), 'srvsim-check-')), 'pass.xml');
    const r = await check(fixture('pass'), { maxTps: 450, minTrtShare: 0.9, junit });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/secure: peak offered over 1 s\s+≤ 450 TPS\s+\S+ TPS\s+PASS/);
    expect(r.stdout).toMatch(/share of SRs answered within the TRT\s+≥ 0.9\s+0\.9\d*\s+PASS/);
    expect(r.stdout).toContain('CHECK PASSED');
    expect(r.stdout).not.toContain('Counterfactual');
    const els = parseXml(readFileSync(junit, 'utf8'));
    expect(els[0]?.attrs).toMatchObject({ tests: '4', failures: '0' });
    expect(els.filter((e) => e.name === 'testcase')).toHaveLength(4);
  });

  it('exits 5 for the midnight burst, names the failing gates, the extra capacity and its cost', async () => {
    const junit = join(mkdtempSync(join(tmpdir(), 'srvsim-check-')), 'fail.xml');
    const r = await check(fixture('fail'), { junit });
    expect(r.code, r.stderr).toBe(5);
    expect(r.stdout).toMatch(/secure: peak offered over 1 s\s+≤ 450 TPS\s+[\d,.]+ TPS\s+FAIL/);
    expect(r.stdout).toMatch(/secure: \+[\d,.]+ TPS to stay within the ceiling at every second \(fluid \+441\.7\); £[\d,]+ a month, £[\d,]+ a year, priced at £120 per TPS/);
    expect(r.stdout).toMatch(/checked by simulation with it installed: \+[\d,.]+ TPS keeps every second of every replication within the ceiling \(\d re-runs?\), £[\d,]+ a month/);
    expect(r.stdout).toMatch(/CHECK FAILED: \d of \d gates/);
    // The scenario is named `check-fail <&"'>`: JUnit must stay well-formed and carry it back unchanged.
    const els = parseXml(readFileSync(junit, 'utf8'));
    const cases = els.filter((e) => e.name === 'testcase');
    const failures = els.filter((e) => e.name === 'failure');
    expect(els[0]?.attrs.tests).toBe(String(cases.length));
    expect(els[0]?.attrs.failures).toBe(String(failures.length));
    expect(failures.length).toBeGreaterThanOrEqual(2);
    expect(els[0]?.attrs.name).toBe(`srvsim check check-fail <&"'>`);
    expect(cases[0]?.attrs.classname).toBe(`srvsim.check.check-fail <&"'>`);
    expect(failures[0]?.attrs.message).toMatch(/^measured [\d,.]+ TPS, limit ≤ 450 TPS$/);
    expect(failures[0]?.text).toMatch(/secure: \+[\d,.]+ TPS to stay within the ceiling/);
    expect(failures[0]?.text).toMatch(/checked by simulation with it installed/);
  });

  it('--json gives the gates and the counterfactual as data; --min-headroom raises the limit', async () => {
    const r = await check(fixture('pass'), { json: true, minHeadroom: 50, seed: 3 });
    const out = JSON.parse(r.stdout);
    expect(out.seed).toBe(3);
    const secure = out.gates.find((g: { name: string }) => g.name === 'secure: minimum headroom over 1 s');
    expect(secure.limit).toBe(225);
    // 50% headroom leaves 225 TPS, the mean rate of the Poisson Secure baseline in its busiest hour
    // (50% peak utilisation of 450): about half of that hour's seconds carry more than 225, so the gate
    // fails, and with it the check (exit 5).
    expect(secure.ok).toBe(false);
    expect(secure.measured.mean).toBeLessThan(225);
    expect(out.ok).toBe(false);
    expect(r.code).toBe(5);
    expect(out.counterfactual.map((c: { capacity: string }) => c.capacity)).toEqual(['secure', 'dco']);
  });

  it('bad input: a missing model throws InputError (exit 2 in the CLI); bad option values return 2; a missing --junit folder is an OutputError', async () => {
    await expect(check(fixture('no-such'), {})).rejects.toBeInstanceOf(InputError);
    for (const [opts, flag] of [
      [{ minHeadroom: 150 }, '--min-headroom'],
      [{ maxTps: Number.NaN }, '--max-tps'],
      [{ minTrtShare: -0.5 }, '--min-trt-share'],
      [{ replications: 0 }, '--replications'],
    ] as const) {
      const r = await check(fixture('pass'), opts);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(flag);
    }
    await expect(check(fixture('pass'), { junit: join(tmpdir(), 'no-such-dir-srvsim', 'x.xml') })).rejects.toBeInstanceOf(OutputError);
  });
});

describe('srvsim check: option parsers and registration', () => {
  const parse = (flag: string, value: string) => {
    const o = checkOptions.find((x) => x.flags.startsWith(`${flag} `));
    if (!o || !('parser' in o)) throw new Error(`no parser for ${flag}`);
    return o.parser(value);
  };

  it('accepts good values and rejects NaN, negatives, percents outside 0–100 and shares outside 0–1, naming flag and value', () => {
    expect([parse('--max-tps', '450'), parse('--min-headroom', '0'), parse('--min-headroom', '100'), parse('--min-trt-share', '0.95')]).toEqual([450, 0, 100, 0.95]);
    const bad: [string, string][] = [
      ['--max-tps', 'abc'],
      ['--max-tps', 'NaN'],
      ['--max-tps', '-1'],
      ['--max-tps', ''],
      ['--max-tps', 'Infinity'],
      ['--min-headroom', '101'],
      ['--min-headroom', '-5'],
      ['--min-trt-share', '1.5'],
      ['--min-trt-share', '-0.1'],
      ['--seed', '1.5'],
      ['--replications', '0'],
      ['--workers', '-1'],
    ];
    for (const [flag, value] of bad) {
      expect(() => parse(flag, value)).toThrow(InvalidArgumentError);
      expect(() => parse(flag, value)).toThrow(`${flag} must be`);
      expect(() => parse(flag, value)).toThrow(`(got ${JSON.stringify(value)})`);
    }
  });

  it('registers on commander in a few lines and hands typed options to the action', async () => {
    let got: { file: string; opts: CheckCliOptions } | null = null;
    const program = new Command().exitOverride().configureOutput({ writeErr: () => {}, writeOut: () => {} });
    const cmd = program.command('check').argument('<model>', 'model file (YAML)');
    for (const o of checkOptions) 'parser' in o ? cmd.option(o.flags, o.description, o.parser) : cmd.option(o.flags, o.description);
    cmd.action((file: string, opts: CheckCliOptions) => {
      got = { file, opts };
    });
    await program.parseAsync(['check', 'm.yaml', '--max-tps', '400', '--min-headroom', '10', '--min-trt-share', '0.9', '--junit', 'out.xml', '--workers', '0', '--json'], { from: 'user' });
    expect(got).toEqual({ file: 'm.yaml', opts: { maxTps: 400, minHeadroom: 10, minTrtShare: 0.9, junit: 'out.xml', workers: 0, json: true, verifyExtra: true } });
    await program.parseAsync(['check', 'm.yaml', '--no-verify-extra'], { from: 'user' });
    expect((got as { opts: CheckCliOptions } | null)?.opts.verifyExtra).toBe(false);
    await expect(program.parseAsync(['check', 'm.yaml', '--min-headroom', '120'], { from: 'user' })).rejects.toMatchObject({ code: 'commander.invalidArgument' });
  });
});
