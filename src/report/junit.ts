/**
 * JUnit XML for CI (`srvsim check --junit FILE`): one <testsuite> inside <testsuites>, one <testcase> per
 * gate, a <failure message="…">details</failure> for a failing one. Pure: returns a string.
 *
 * Every string is escaped: & < > " ' become entities; characters XML 1.0 cannot carry (C0 controls
 * other than tab / newline / carriage return, DEL and C1 controls, lone surrogates, U+FFFE / U+FFFF) are
 * removed; in attributes tab / newline / carriage return become character references so that attribute
 * normalisation does not turn them into spaces.
 * @example junitXml('srvsim check', [{ name: 'peak ≤ 450', classname: 'srvsim.check', ok: true }])
 */

export interface JunitCase {
  readonly name: string;
  readonly classname: string;
  readonly ok: boolean;
  /** Short reason of a failure (the `message` attribute). */
  readonly message?: string;
  /** Longer text of a failure (the element's content). */
  readonly details?: string;
}

// Not allowed in XML 1.0 (or discouraged there: DEL and the C1 controls).
const INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Text content: entities for & < > " ', invalid characters dropped, a carriage return kept as &#13;. */
export function xmlText(s: string): string {
  return s
    .replace(INVALID, '')
    .replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c)
    .replace(/\r/g, '&#13;');
}

/** Attribute value (double-quoted): as text, and tab / newline as character references too. */
export function xmlAttr(s: string): string {
  return xmlText(s).replace(/\t/g, '&#9;').replace(/\n/g, '&#10;');
}

/** Whether a file's first bytes are JUnit XML that `junitXml` wrote (a file srvsim may replace). */
export function isSrvsimJunit(head: string): boolean {
  return /^<\?xml [^>]*\?>\n<testsuites name="srvsim check /.test(head);
}

export function junitXml(suiteName: string, cases: readonly JunitCase[]): string {
  const failures = cases.filter((c) => !c.ok).length;
  const counts = `tests="${cases.length}" failures="${failures}" errors="0" skipped="0"`;
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>', `<testsuites name="${xmlAttr(suiteName)}" ${counts}>`, `  <testsuite name="${xmlAttr(suiteName)}" ${counts}>`];
  for (const c of cases) {
    const open = `    <testcase name="${xmlAttr(c.name)}" classname="${xmlAttr(c.classname)}"`;
    if (c.ok) {
      lines.push(`${open}/>`);
      continue;
    }
    const message = c.message ?? 'failed';
    lines.push(`${open}>`, `      <failure message="${xmlAttr(message)}" type="capacity-gate">${xmlText(c.details ?? message)}</failure>`, '    </testcase>');
  }
  lines.push('  </testsuite>', '</testsuites>', '');
  return lines.join('\n');
}
