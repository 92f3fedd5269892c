/**
 * Every user-facing message of the model layer, as a function (tests compare against these).
 * A message says what is wrong; the offending value travels separately as `InputIssue.got`.
 */

const list = (xs: readonly string[]): string => xs.join(', ');

/** A number shown without float noise: showNumber(0.1 + 0.2) === '0.3'. */
export const showNumber = (x: number): string => String(Number(x.toPrecision(12)));

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
export const unknownKey = (key: string): string => `unknown key "${key}"`;
export const expected = (what: string): string => `must be ${what}`;
export const notFinite = (): string => 'must be a finite number';
export const notInteger = (): string => 'must be an integer';
export const atLeast = (n: number | bigint): string => `must be at least ${n}`;
export const greaterThan = (n: number | bigint): string => `must be greater than ${n}`;
export const atMost = (n: number | bigint): string => `must be at most ${n}`;
export const lessThan = (n: number | bigint): string => `must be less than ${n}`;
export const oneOf = (options: readonly string[]): string => `must be one of: ${list(options)}`;
export const notEmpty = (): string => 'must not be empty';
export const sourceTag = (): string =>
  'source must say where the value comes from: include "seed §", "seed App.", "public:" or "assumed:"';
export const badTime = (): string => 'must be a time "HH:MM" or "HH:MM:SS" between 00:00 and 24:00';

// CSV tables
export const csvSyntax = (detail: string): string => `CSV syntax error: ${detail}`;
export const csvNoHeader = (): string => 'the table is empty: a header line is required';
export const csvUnknownColumn = (name: string, columns: readonly string[]): string =>
  `unknown column "${name}" (expected: ${list(columns)})`;
export const csvMissingColumn = (name: string): string => `missing column "${name}"`;
export const csvDuplicateColumn = (name: string): string => `column "${name}" appears twice`;
export const csvFieldCount = (record: number, line: number, fields: number, header: number): string =>
  `record ${record} (line ${line}) has ${fields} fields; the header has ${header}`;
export const csvNoRows = (): string => 'the table has a header but no rows';
export const notANumber = (): string => 'must be a plain decimal number';
export const dlmsGrammar = (): string =>
  'must be "uniform A..B" (A ≤ B), "fixed N" or "pmf V:P V:P …" with integer command counts ≥ 1';
export const pmfSum = (): string => 'pmf probabilities must sum to 1 (± 1e-9)';

// Cross-field rules
export const windowEndNotAfterStart = (): string => 'window end must be after its start';
export const startAt2400 = (): string => '24:00 is only allowed as an end';
export const sharesSum = (what: string): string => `${what} shares must sum to 1 (± 1e-9)`;
export const unknownSrv = (id: string): string => `SRV ${id} is not in the SRV catalogue`;
export const unknownCohort = (id: string): string => `cohort ${id} is not in the cohort table`;
export const unknownS1sp = (id: string): string => `S1SP ${id} is not listed under s1sps`;
export const duplicateId = (what: string, id: string): string => `duplicate ${what} ${id}`;
export const cohortNotPlaced = (cohort: string): string =>
  `cohort ${cohort} has a routing share > 0 but no placement windows`;
export const notDspSchedulable = (srv: string): string =>
  `SRV ${srv} cannot be DSP-scheduled: its catalogue modes do not include dsp-scheduled`;
export const deviceTypeNotSchedulable = (srv: string, deviceType: string): string =>
  `SRV ${srv} cannot be DSP-scheduled for ${deviceType} devices: SRV 5.1 Create Schedule would be rejected ` +
  'with the new DUIS error code (seed §4.1; the code itself is not named in the seed)';
export const peakUtilisationWithHeadroom = (): string =>
  'baseline scale peak-utilisation needs a per-s or per-h ceiling, not headroom-over-baseline-peak';
export const headroomWithoutBaseline = (): string =>
  'a headroom-over-baseline-peak ceiling needs a baseline (mode none would make the ceiling 0)';
export const rangeMinAboveMax = (): string => 'min must not be above max';
export const latencyOrder = (): string => 'latencyP95S must be greater than latencyMedianS';
export const baselineRowCount = (): string => 'a baseline shape needs 24 hourly or 1440 per-minute rows';
export const baselineStart = (expectedStart: string): string =>
  `start must be ${expectedStart} (rows are consecutive buckets from 00:00)`;
export const weightsSum = (column: string): string => `${column} must sum to 1 (± 1e-9)`;
export const firmwareWeightsSum = (): string => 'firmware_weight must sum to 1 (± 1e-9) or be 0 in every row';
export const weightsAllZero = (): string => 'weights must not all be 0';
export const binsOverlap = (): string => 'bin overlaps an earlier bin';

// Warnings
export const firmwareWithoutShape = (): string =>
  'baseline.firmware is true but the profile has no firmware_weight: no firmware uplift is added';
export const fileTooLarge = (path: string, bytes: number, limit: number): string =>
  `${path} is ${(bytes / 2 ** 20).toFixed(0)} MiB; input files are limited to ${(limit / 2 ** 20).toFixed(0)} MiB (tables here are a few hundred KB at most)`;
export const tooManyRows = (records: number, limit: number): string =>
  `${records.toLocaleString('en-GB')} records; a table holds at most ${limit.toLocaleString('en-GB')}`;
