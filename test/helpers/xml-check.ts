/**
 * A tiny XML well-formedness check for the JUnit tests: balanced tags, quoted attributes, no raw '<' or
 * bare '&' in text or attribute values, no characters XML 1.0 forbids. Returns the elements in document
 * order with their attributes unescaped, and their text.
 */
export interface XmlElement {
  readonly name: string;
  readonly attrs: Record<string, string>;
  text: string;
}

const ENTITY = /&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/g;
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

export function unescapeXml(s: string): string {
  const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
  return s.replace(ENTITY, (_, e: string) =>
    e.startsWith('#x') ? String.fromCodePoint(Number.parseInt(e.slice(2), 16)) : e.startsWith('#') ? String.fromCodePoint(Number(e.slice(1))) : (named[e] as string),
  );
}

function checkEscaped(s: string, where: string): void {
  if (s.includes('<')) throw new Error(`raw '<' in ${where}: ${s}`);
  if (s.replace(ENTITY, '').includes('&')) throw new Error(`bare '&' in ${where}: ${s}`);
}

export function parseXml(xml: string): XmlElement[] {
  if (FORBIDDEN.test(xml)) throw new Error('a character XML 1.0 forbids');
  const body = xml.replace(/^<\?xml [^?]*\?>\s*/, '');
  const out: XmlElement[] = [];
  const stack: XmlElement[] = [];
  const tag = /<(\/?)([A-Za-z_][\w.-]*)((?:\s+[A-Za-z_][\w.-]*="[^"]*")*)\s*(\/?)>/y;
  let i = 0;
  while (i < body.length) {
    const lt = body.indexOf('<', i);
    const text = body.slice(i, lt < 0 ? body.length : lt);
    checkEscaped(text, 'text');
    if (text.trim() !== '') {
      const top = stack[stack.length - 1];
      if (!top) throw new Error(`text outside the root: ${text}`);
      top.text += unescapeXml(text);
    }
    if (lt < 0) break;
    tag.lastIndex = lt;
    const m = tag.exec(body);
    if (!m) throw new Error(`malformed tag at ${lt}: ${body.slice(lt, lt + 40)}`);
    const [, close, name, rawAttrs, selfClose] = m as unknown as [string, string, string, string, string];
    if (close) {
      const open = stack.pop();
      if (open?.name !== name) throw new Error(`</${name}> closes <${open?.name}>`);
    } else {
      if (stack.length === 0 && out.length > 0) throw new Error('second root element');
      const attrs: Record<string, string> = {};
      for (const a of rawAttrs.matchAll(/([A-Za-z_][\w.-]*)="([^"]*)"/g)) {
        checkEscaped(a[2] as string, `attribute ${a[1]}`);
        if ((a[1] as string) in attrs) throw new Error(`duplicate attribute ${a[1]}`);
        attrs[a[1] as string] = unescapeXml(a[2] as string);
      }
      const el: XmlElement = { name, attrs, text: '' };
      out.push(el);
      if (!selfClose) stack.push(el);
    }
    i = tag.lastIndex;
  }
  if (stack.length > 0) throw new Error(`unclosed <${stack.map((e) => e.name).join('>, <')}>`);
  if (out.length === 0) throw new Error('no root element');
  return out;
}
