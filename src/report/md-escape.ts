/**
 * Model-supplied text in the Markdown srvsim writes (summary.md, compare.md, sensitivity.md,
 * sweep.md): scenario names, titles, capacity ids, components, cohort names, provenance sources,
 * sweep labels. Whatever the model says, it renders as the same text, never as markup: no link, no
 * image, no HTML, no heading or list, no extra table column or row. Pure.
 *
 * The rule, for CommonMark with the GitHub (GFM) extensions (tables, autolinks, strikethrough):
 *
 *   - line breaks (CR, LF, NEL, U+2028/9) and other control characters become a space: a string never
 *     ends a table row or starts a block of its own;
 *   - `\` `` ` `` `*` `[` `]` `#` `|` `@` get a backslash, and `_` too unless it sits between two letters
 *     or digits (as in `wake_up_s`, where it cannot start emphasis): no code span, emphasis, link,
 *     image (`!` is inert without its `[`), link reference, footnote, heading or table cell break;
 *   - `<` becomes `&lt;`, which every Markdown dialect shows as `<`: no HTML tag, comment or `<...>`
 *     autolink. `>` is left alone: without a `<` it starts nothing inline (but see the start of the
 *     text below). `&` gets a backslash only where it starts an entity (`&lt;`, `&#60;`), so that the
 *     text shows as written rather than as the character it names; `R&D` stays as it is;
 *   - bare URLs are neutralised, so that no link appears that the model did not ask for in words: the
 *     `:` of `scheme://` and the `.` of a word-initial `www.` get a backslash (GFM's extended autolinks
 *     start only there), and `@` always does (GFM's e-mail autolinks). The text shown is unchanged;
 *     the reader can still copy it. Bare domain names (`example.org`) are left as they are: GFM does
 *     not link them;
 *   - at the start of the text, where it may follow a list marker or start a line: leading spaces are
 *     dropped (no indented code block), and what would open a block gets a backslash (`>`, a `-`
 *     or `+` not followed by a letter, digit or `.` as in `-30`, `1.`/`1)` then a space);
 *   - `~` is left alone: GFM may strike text through between two of them, which changes how text
 *     looks but cannot add a link, an image or HTML, and `~` is common in ordinary prose (`~9M`).
 *
 * Parentheses, `!`, `-`, `.`, `:`, `/`, `§` and the rest stay as written, so ordinary prose reads
 * the same in the Markdown source as in the rendered page.
 */

const CONTROLS = /\r\n|[\u0000-\u001f\u007f\u0085\u2028\u2029]/g;
const WORD = /[\p{L}\p{N}]/u;

/** Inline Markdown text of a model-supplied string: safe in a paragraph, a list item, a heading or a table cell. */
export function mdEscape(text: string): string {
  return text
    .replace(CONTROLS, ' ')
    .replace(/[\\`*[\]#|@]/g, '\\$&')
    .replace(/_/g, (m, at: number, s: string) => (WORD.test(s[at - 1] ?? '') && WORD.test(s[at + 1] ?? '') ? m : '\\_'))
    .replace(/&(?=#?[A-Za-z0-9]+;)/g, '\\&')
    .replace(/</g, '&lt;')
    .replace(/([A-Za-z][A-Za-z0-9+.-]*):(?=\/\/)/g, '$1\\:')
    .replace(/(^|[^\p{L}\p{N}])(www)\.(?=\S)/giu, '$1$2\\.')
    .replace(/^ +/, '')
    .replace(/^(?:>|[-+](?![\p{L}\p{N}.])|\d{1,9}[.)](?= |$))/u, (mark) => `${mark.slice(0, -1)}\\${mark.slice(-1)}`);
}

/**
 * A model-supplied name as an inline code span where that is safe (no backtick, pipe, backslash, `<`
 * or control character, not blank), else as escaped text: a code span shows its content verbatim,
 * so there is nothing to escape, but it cannot hold a backtick and a GFM table splits it at a `|`.
 */
export function mdCode(text: string): string {
  return /^[^`|\\<\u0000-\u001f\u007f\u0085\u2028\u2029]*$/.test(text) && text.trim() !== '' ? `\`${text}\`` : mdEscape(text);
}
