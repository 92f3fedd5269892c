/**
 * Every user-facing message of the model layer, as a function (tests compare against these).
 * A message says what is wrong; the offending value travels separately as `InputIssue.got`.
 */

import { MAX_DLMS_PER_SR } from './types.js';

const list = (xs: readonly string[]): string => xs.join(', ');

/** A number shown without float noise: showNumber(0.1 + 0.2) === '0.3'. */
export const showNumber = (x: number): string => String(Number(x.toPrecision(12)));

/** A count with thousands separators: 1,000,000. */
const countOf = (n: number): string => n.toLocaleString('en-GB');

/** A CSV cell or other text shown as written; quoted when it is empty, padded or holds a comma or quote. */
export const showText = (s: string): string => (/^$|^\s|\s$|[",\n\r]/.test(s) ? JSON.stringify(s) : s);

// Files and encodings
export const fileNotFound = (absPath: string): string => `file not found: ${absPath}`;
export const cannotRead = (absPath: string, reason: string): string => `cannot read ${absPath}: ${reason}`;
export const utf16 = (): string => 'the file is UTF-16 encoded; save it as UTF-8';
export const notUtf8 = (): string => 'the file is not valid UTF-8';

// YAML structure
export const yamlSyntax = (detail: string): string => `YAML syntax error: ${detail}`;
export const duplicateKey = (): string => 'duplicate key (each key may appear once)';
export const complexKey = (): string => 'keys must be plain strings';
export const notDecimal = (): string => 'numbers must be written in decimal';
export const tooDeep = (levels: number): string => `nesting deeper than ${levels} levels (or a recursive alias)`;
export const tooLarge = (nodes: number): string => `more than ${nodes} values (aliases expanding too far?)`;
export const extendsCycle = (chain: readonly string[]): string => `extends cycle: ${chain.join(' → ')}`;

// Schema
export const missingKey = (): string => 'required key is missing';
export const unknownKey = (key: string): string => `unknown key ${excerpt(key, 40)}`;
export const expected = (what: string): string => `must be ${what}`;
export const notFinite = (): string => 'must be a finite number';
export const notInteger = (): string => 'must be an integer';
export const atLeast = (n: number | bigint): string => `must be at least ${n}`;
export const greaterThan = (n: number | bigint): string => `must be greater than ${n}`;
export const atMost = (n: number | bigint): string => `must be at most ${n}`;
export const lessThan = (n: number | bigint): string => `must be less than ${n}`;
export const oneOf = (options: readonly string[]): string => `must be one of: ${list(options)}`;
export const notEmpty = (): string => 'must not be empty';
export const sourceTag = (): string => 'source must say where the value comes from: include "seed §", "seed App.", "public:" or "assumed:"';
export const badTime = (): string => 'must be a time "HH:MM" or "HH:MM:SS" between 00:00 and 24:00';

// CSV tables
export const csvSyntax = (detail: string): string => `CSV syntax error: ${detail}`;
export const csvNoHeader = (): string => 'the table is empty: a header line is required';
export const csvUnknownColumn = (name: string, columns: readonly string[]): string => `unknown column ${excerpt(name, 40)} (expected: ${list(columns)})`;
export const csvMissingColumn = (name: string): string => `missing column "${name}"`;
export const csvDuplicateColumn = (name: string): string => `column "${name}" appears twice`;
export const csvFieldCount = (record: number, line: number, fields: number, header: number): string => `record ${record} (line ${line}) has ${fields} fields; the header has ${header}`;
export const csvNoRows = (): string => 'the table has a header but no rows';
export const csvTooManyFields = (fields: number, limit: number): string => `a record of ${countOf(fields)} fields; a table's records have at most ${countOf(limit)}`;
export const tableChecksStopped = (problems: number, rowsLeft: number): string =>
  `checking stopped here after ${countOf(problems)} problems: this row and the ${countOf(rowsLeft - 1)} after it were not checked`;
export const notANumber = (): string => 'must be a plain decimal number';
export const dlmsGrammar = (): string => `must be "uniform A..B" (A ≤ B), "fixed N" or "pmf V:P V:P …" with integer command counts from 1 to ${MAX_DLMS_PER_SR}`;
export const pmfSum = (): string => 'pmf probabilities must sum to 1 (± 1e-9)';

// Cross-field rules
export const windowEndNotAfterStart = (): string => 'window end must be after its start';
export const startAt2400 = (): string => '24:00 is only allowed as an end';
export const sharesSum = (what: string): string => `${what} shares must sum to 1 (± 1e-9)`;
export const unknownSrv = (id: string): string => `SRV ${id} is not in the SRV catalogue`;
export const unknownCohort = (id: string): string => `cohort ${id} is not in the cohort table`;
export const unknownS1sp = (id: string): string => `S1SP ${id} is not listed under s1sps`;
export const duplicateId = (what: string, id: string): string => `duplicate ${what} ${id}`;
export const cohortNotPlaced = (cohort: string): string => `cohort ${cohort} has a routing share > 0 but no placement windows`;
export const notDspSchedulable = (srv: string): string => `SRV ${srv} cannot be DSP-scheduled: its catalogue modes do not include dsp-scheduled`;
export const deviceTypeNotSchedulable = (srv: string, deviceType: string): string =>
  `SRV ${srv} cannot be DSP-scheduled for ${deviceType} devices: SRV 5.1 Create Schedule would be rejected with the new DUIS error code (seed §4.1; the code itself is not named in the seed)`;
export const peakUtilisationWithHeadroom = (): string => 'baseline scale peak-utilisation needs a per-s or per-h ceiling, not headroom-over-baseline-peak';
export const headroomWithoutBaseline = (): string => 'a headroom-over-baseline-peak ceiling needs a baseline (mode none would make the ceiling 0)';
export const rangeMinAboveMax = (): string => 'min must not be above max';
export const roundTripOrder = (): string => 'roundTripP95S must be greater than roundTripMedianS';
export const firmwareDaysNeedStart = (days: string): string => `firmware days '${days}' depend on the weekday: give day.start, the date of the first measured day (--start can then change it)`;
export const baselineRowCount = (): string => 'a baseline shape needs 24 hourly or 1440 per-minute rows';
export const baselineStart = (expectedStart: string): string => `start must be ${expectedStart} (rows are consecutive buckets from 00:00)`;
export const weightsSum = (column: string): string => `${column} must sum to 1 (± 1e-9)`;
export const firmwareWeightsSum = (): string => 'firmware_weight must sum to 1 (± 1e-9) or be 0 in every row';
export const weightsAllZero = (): string => 'weights must not all be 0';
export const binsOverlap = (): string => 'bin overlaps an earlier bin';
export const windowsOverlap = (): string => 'window overlaps an earlier window of the same placement (windows are weighted by length, so an overlap would count twice)';
export const moreLikeThis = (n: number): string => `${countOf(n)} more findings like the ones above`;

// What the simulation clock and the run's horizon can hold
export const durationTooLong = (limitS: number): string =>
  `must be at most ${countOf(limitS)} s (about ${Math.round(limitS / 31_557_600)} years): the simulation clock counts microseconds, and longer times leave its range`;
export const belowTick = (): string => "must be at least 0.000001 s (one microsecond, the simulation clock's resolution): a shorter interval rounds to 0";
export const burstPastHorizon = (endH: number, horizonH: number): string =>
  `the burst runs until ${showNumber(endH)} h (at + dispatchS), past the ${showNumber(horizonH)} h horizon (day.horizonH): SRs activated after the horizon would never be simulated`;
export const notFiniteFigure = (what: string): string => `gives a ${what} too large to compute (not a finite number): check the values it is built from`;
export const baselineTooManyArrivals = (arrivals: number, limit: number): string =>
  `a discrete baseline of ${arrivals < 1e15 ? `about ${countOf(Math.round(arrivals))}` : `about ${arrivals.toExponential(1)}`} arrivals over the horizon ` +
  `cannot be simulated (at most ${countOf(limit)}): use mode fluid for a baseline this large`;

// Warnings
export const firmwareWithoutShape = (): string => 'baseline.firmware is true but the profile has no firmware_weight: no firmware uplift is added';

// Limits
/** A byte count in the largest unit that keeps it ≥ 1: 1536 → "1.5 KiB". */
export const showBytes = (bytes: number): string => {
  const [unit, size] = bytes >= 2 ** 30 ? ['GiB', 2 ** 30] : bytes >= 2 ** 20 ? ['MiB', 2 ** 20] : bytes >= 2 ** 10 ? ['KiB', 2 ** 10] : ['bytes', 1];
  return `${Number((bytes / size).toFixed(1))} ${unit}`;
};
export const fileTooLarge = (path: string, bytes: number, limit: number, note = 'tables here are a few hundred KB at most'): string =>
  `${path} is ${showBytes(bytes)}; input files of this kind are limited to ${showBytes(limit)} (${note})`;
export const yamlTooLarge = (path: string, bytes: number, limit: number): string => fileTooLarge(path, bytes, limit, 'model and sweep files are a few KB');
export const notRegularFile = (path: string, kind: string): string => `${path} is ${kind}; only regular files are read`;
export const tooManyRows = (records: number, limit: number): string => `${countOf(records)} records; a table holds at most ${countOf(limit)}`;
export const tooNested = (levels: number): string => `brackets nested deeper than ${levels} levels`;

/**
 * A short excerpt of text from a file that is not what it was named as: at most `max` characters,
 * JSON-escaped, so a stray file (a key store, a binary) is never echoed beyond its first few characters.
 */
export const excerpt = (s: string, max = 16): string => {
  const first = [
    ...(
      s
        .slice(0, 4 * max + 8)
        .replace(/^\uFEFF/, '')
        .split(/\r\n|\n|\r/)[0] ?? ''
    ).slice(0, max + 1),
  ];
  return JSON.stringify(first.length > max ? `${first.slice(0, max).join('')}…` : first.join(''));
};
export const notAModel = (what: string, keys: readonly string[], start: string): string =>
  `not a ${what}: its top level must be a mapping with keys such as ${list(keys.slice(0, 4))} (the file starts ${excerpt(start)})`;
export const notATable = (columns: readonly string[], start: string): string => `not a table of this kind: its header names none of the columns ${list(columns)} (the file starts ${excerpt(start)})`;
