import type { SeenMessage } from '../standin/member.js';

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const two = (n: number) => String(n).padStart(2, '0');

/**
 * A moment as the demo prints it, always in UTC and labelled so: `Thu, 26 Nov 2026 18:00 UTC`
 * (`style` as in Discord's `<t:…:style>`: t, T, d, D, f, F).
 */
export function formatUtc(ms: number, style = 'f'): string {
  const d = new Date(ms);
  const time = `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}`;
  const date = `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
  switch (style) {
    case 't':
      return `${time} UTC`;
    case 'T':
      return `${time}:${two(d.getUTCSeconds())} UTC`;
    case 'd':
      return date;
    case 'D':
      return `${DAYS[d.getUTCDay()]}, ${date}`;
    default:
      return `${DAYS[d.getUTCDay()]}, ${date} ${time} UTC`;
  }
}

/** `in 2 hours`, `16 minutes ago`, `now`: how Discord reads `<t:…:R>` at the moment `now`. */
export function relative(ms: number, now: number): string {
  const minutes = Math.round((ms - now) / 60_000);
  if (minutes === 0) return 'now';
  const [value, unit] = Math.abs(minutes) >= 2880 ? [Math.round(minutes / 1440), 'days'] : Math.abs(minutes) >= 120 ? [Math.round(minutes / 60), 'hours'] : [minutes, 'minutes'];
  const amount = `${Math.abs(value)} ${Math.abs(value) === 1 ? unit.slice(0, -1) : unit}`;
  return value > 0 ? `in ${amount}` : `${amount} ago`;
}

// eslint-disable-next-line no-control-regex -- colour codes are what this matches
const SGR = /\x1b\[[0-9;]*m/g;
const visible = (text: string) => text.replace(SGR, '').length;

/**
 * Breaks `text` into lines of at most `width` visible characters at spaces (a word longer than the
 * width, such as a URL, gets a line of its own). Colour open at a break is closed at the end of the
 * line and opened again on the next, so a prefix such as the embed bar keeps its own colour.
 */
export function wrap(text: string, width: number): string[] {
  if (visible(text) <= width) return [text];
  // A list item's continuation lines start under its text, not under its bullet.
  const hang = ' '.repeat(visible(/^\s*(?:[•*-]|\d+\.)\s+/.exec(text.replace(SGR, ''))?.[0] ?? ''));
  const words = text.split(' ');
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    if (line && visible(line) + 1 + visible(word) > width) {
      lines.push(line);
      line = hang + word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  lines.push(line);
  // Carry colour across the breaks.
  let open = '';
  return lines.map((l) => {
    const out = open + l;
    for (const code of l.match(SGR) ?? []) open = code === '\x1b[0m' ? '' : open + code;
    return open ? `${out}\x1b[0m` : out;
  });
}

export interface RenderOptions {
  indent?: string;
  /** When the message was posted, on the demo's clock: relative times (`<t:…:R>`) are read from then. */
  postedAt?: number;
}

/** Renders Discord messages readably in a terminal, with colour when `colour` is on. */
export class TerminalRenderer {
  constructor(
    private readonly colour: boolean,
    private readonly names: (id: string) => string,
    private readonly now: () => number,
    /** Columns to wrap at (the terminal's width, or 100 when the output is not a terminal). */
    private readonly width = 100,
  ) {}

  private paint = (code: string, text: string) => (this.colour ? `\x1b[${code}m${text}\x1b[0m` : text);
  bold = (text: string) => this.paint('1', text);
  dim = (text: string) => this.paint('2', text);
  accent = (text: string) => this.paint('36', text);
  /** A moment in UTC, labelled so (the one time-zone label the demo uses). */
  time = (ms: number, style = 'f') => formatUtc(ms, style);

  /** Discord markdown and mentions as a member would read them; `<t:…:R>` relative to `at`. */
  markdown(text: string, at = this.now()): string {
    return text
      .replace(/<@!?(\d+)>/g, (_, id: string) => this.accent(`@${this.names(id)}`))
      .replace(/<#(\d+)>/g, (_, id: string) => this.accent(`#${this.names(id)}`))
      .replace(/<t:(-?\d+)(?::([tTdDfFR]))?>/g, (_, s: string, style: string | undefined) => this.accent(style === 'R' ? relative(Number(s) * 1000, at) : formatUtc(Number(s) * 1000, style)))
      .replace(/\[([^\]]+)\]\((https:[^)]+)\)/g, (_, title: string, url: string) => `${title} ${this.dim(`<${url}>`)}`)
      .replace(/\*\*([^*]+)\*\*/g, (_, t: string) => this.bold(t))
      .replace(/`([^`]+)`/g, (_, t: string) => this.paint('33', t));
  }

  message(m: Pick<SeenMessage, 'content' | 'embeds' | 'components' | 'ephemeral'>, options: RenderOptions = {}): string {
    const indent = options.indent ?? '  ';
    const at = options.postedAt ?? this.now();
    const md = (text: string) => this.markdown(text, at);
    const lines: string[] = [];
    /** Each line of `text` wrapped to the width left after `prefix`, every piece behind the prefix. */
    const add = (prefix: string, text: string) => {
      for (const line of text.split('\n')) for (const piece of wrap(line, Math.max(20, this.width - indent.length - visible(prefix)))) lines.push(prefix + piece);
    };
    if (m.ephemeral) lines.push(this.dim('(only you can see this)'));
    if (m.content) add('', md(m.content));
    for (const e of m.embeds) {
      const bar = this.paint('34', '│ ');
      // An author line that only repeats the title (a module and its first topic of one name) is left out.
      if (e.author?.name && e.author.name !== e.title) add(bar, this.dim(e.author.name));
      if (e.title) add(bar, this.bold(md(e.title)));
      if (e.description) add(bar, md(e.description));
      for (const f of e.fields ?? []) {
        add(bar, this.bold(f.name));
        add(`${bar}  `, md(f.value));
      }
      if (e.image?.url) add(bar, this.dim(`[image: ${e.image.url.replace('attachment://', '')}]`));
      if (e.footer?.text) add(bar, this.dim(md(e.footer.text)));
    }
    const buttons = m.components.flatMap((row) => row.components.map((c) => c.label)).filter(Boolean);
    if (buttons.length) lines.push(buttons.map((b, n) => this.paint('7', ` ${n + 1}: ${b} `)).join(' '));
    return lines.map((l) => indent + l).join('\n');
  }
}
