/** JUnit XML: well-formed, counts that match, every string escaped, forbidden characters removed. */
import { describe, expect, it } from 'vitest';
import { junitXml, xmlAttr, xmlText } from '../../src/report/junit.js';
import { parseXml } from '../helpers/xml-check.js';

const NASTY = `<&"'> a\u0001b\u001Fc\u007Fd\u0085e\uD800f\tg\nh\ri`;

describe('junitXml', () => {
  it('is well-formed with tests / failures counts that match its testcases and failures', () => {
    const xml = junitXml('srvsim check demo', [
      { name: 'peak ≤ 450 TPS', classname: 'srvsim.check.demo', ok: true },
      { name: 'headroom ≥ 0', classname: 'srvsim.check.demo', ok: false, message: 'measured -209 TPS, limit ≥ 0 TPS', details: 'line 1\nline 2' },
      { name: 'trt', classname: 'srvsim.check.demo', ok: false },
    ]);
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n')).toBe(true);
    const els = parseXml(xml);
    expect(els.map((e) => e.name)).toEqual(['testsuites', 'testsuite', 'testcase', 'testcase', 'failure', 'testcase', 'failure']);
    for (const suite of els.filter((e) => e.name.startsWith('testsuite'))) {
      expect(suite.attrs.tests).toBe(String(els.filter((e) => e.name === 'testcase').length));
      expect(suite.attrs.failures).toBe(String(els.filter((e) => e.name === 'failure').length));
      expect(suite.attrs.errors).toBe('0');
    }
    const failures = els.filter((e) => e.name === 'failure');
    expect(failures[0]?.attrs.message).toBe('measured -209 TPS, limit ≥ 0 TPS');
    expect(failures[0]?.text).toBe('line 1\nline 2');
    expect(failures[1]?.attrs.message).toBe('failed');
  });

  it('escapes & < > " \' everywhere and drops control characters and lone surrogates', () => {
    const xml = junitXml(NASTY, [{ name: NASTY, classname: NASTY, ok: false, message: NASTY, details: NASTY }]);
    const els = parseXml(xml);
    const clean = `<&"'> abcdef\tg\nh\ri`;
    const strings = els.flatMap((e) => ['name', 'classname', 'message'].flatMap((k) => (e.attrs[k] === undefined ? [] : [e.attrs[k]])));
    expect(strings).toEqual(Array(5).fill(clean));
    expect(els.find((e) => e.name === 'failure')?.text).toBe(clean);
    expect(xmlText(`<&"'>`)).toBe('&lt;&amp;&quot;&apos;&gt;');
    expect(xmlAttr('a\tb\nc\rd')).toBe('a&#9;b&#10;c&#13;d');
    expect(xml).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/);
  });

  it('gives an empty suite for no gates', () => {
    const els = parseXml(junitXml('empty', []));
    expect(els.map((e) => [e.name, e.attrs.tests, e.attrs.failures])).toEqual([
      ['testsuites', '0', '0'],
      ['testsuite', '0', '0'],
    ]);
  });

  it('the checker itself rejects unbalanced tags and raw metacharacters', () => {
    expect(() => parseXml('<a><b></a>')).toThrow(/closes/);
    expect(() => parseXml('<a x="1 < 2"/>')).toThrow();
    expect(() => parseXml('<a>1 & 2</a>')).toThrow(/bare '&'/);
    expect(() => parseXml('<a>')).toThrow(/unclosed/);
  });
});
