// Every value that comes from a manifest passes through here before it reaches Markdown:
// no broken tables, no HTML, no @-mentions or #references, no hidden markers.

const MAX_LENGTH = 300;
const ZWSP = '\u200B';
// eslint-disable-next-line no-control-regex -- control characters are exactly what this removes
const CONTROL = /[\u0000-\u001F\u007F-\u009F\u2028\u2029]+/g;

export function escapeMarkdown(value: unknown, max = MAX_LENGTH): string {
  let s = String(value ?? '')
    // Control characters (ANSI escapes included) and line breaks become spaces.
    .replace(CONTROL, ' ')
    .trim();
  if (s.length > max) s = `${s.slice(0, max - 1)}…`;
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_[\]|~])/g, '\\$1')
    .replace(/@/g, `@${ZWSP}`)
    .replace(/#(?=\w)/g, `#${ZWSP}`);
}

/**
 * A value for the terminal (the CLI's text report): control characters (ANSI escapes included),
 * line breaks and bidirectional overrides become spaces, so a manifest cannot restyle or reorder
 * what the reader sees.
 */
export function plainText(value: unknown, max = MAX_LENGTH): string {
  const s = String(value ?? '')
    .replace(CONTROL, ' ')
    .replace(/[\u202A-\u202E\u2066-\u2069]+/g, ' ')
    .trim();
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

/** Inline code span for ids and paths; backticks inside cannot close it. */
export function code(value: unknown, max = MAX_LENGTH): string {
  let s = String(value ?? '').replace(CONTROL, ' ');
  if (s.length > max) s = `${s.slice(0, max - 1)}…`;
  if (s.trim() === '') return '';
  // `|` still ends a table cell inside a code span and a backtick ends the span; values with
  // those or with markup characters are shown as escaped text instead.
  if (/[`|\\<>@#&]/.test(s)) return escapeMarkdown(s, max);
  return `\`${s}\``;
}

/** Text whose `backticked` parts are shown as code; both parts are escaped like any value. */
export function escapeWithCode(value: string): string {
  return value
    .split('`')
    .map((part, i) => {
      if (i % 2 === 1) return code(part);
      // Keep the spaces around code spans, which escaping would trim.
      const lead = /^\s/.test(part) ? ' ' : '';
      const tail = /\s$/.test(part) && part.trim() ? ' ' : '';
      return lead + escapeMarkdown(part, 1000) + tail;
    })
    .join('');
}
