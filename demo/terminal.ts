import type { SeenMessage } from '../standin/member.js';

/** Renders Discord messages readably in a terminal, with colour when `colour` is on. */
export class TerminalRenderer {
  constructor(
    private readonly colour: boolean,
    private readonly names: (id: string) => string,
    private readonly now: () => number,
  ) {}

  private paint = (code: string, text: string) => (this.colour ? `\x1b[${code}m${text}\x1b[0m` : text);
  bold = (text: string) => this.paint('1', text);
  dim = (text: string) => this.paint('2', text);
  accent = (text: string) => this.paint('36', text);

  /** Discord markdown and mentions as a member would read them. */
  markdown(text: string): string {
    return text
      .replace(/<@!?(\d+)>/g, (_, id: string) => this.accent(`@${this.names(id)}`))
      .replace(/<#(\d+)>/g, (_, id: string) => this.accent(`#${this.names(id)}`))
      .replace(/<t:(\d+):([FRtD])>/g, (_, s: string, style: string) => this.accent(this.time(Number(s) * 1000, style)))
      .replace(/\[([^\]]+)\]\((https:[^)]+)\)/g, (_, title: string, url: string) => `${title} ${this.dim(`<${url}>`)}`)
      .replace(/\*\*([^*]+)\*\*/g, (_, t: string) => this.bold(t))
      .replace(/`([^`]+)`/g, (_, t: string) => this.paint('33', t));
  }

  message(m: Pick<SeenMessage, 'content' | 'embeds' | 'components' | 'ephemeral'>, indent = '  '): string {
    const lines: string[] = [];
    if (m.ephemeral) lines.push(this.dim('(only you can see this)'));
    if (m.content) lines.push(...this.markdown(m.content).split('\n'));
    for (const e of m.embeds) {
      const bar = this.paint('34', '│ ');
      if (e.author?.name) lines.push(bar + this.dim(e.author.name));
      if (e.title) lines.push(bar + this.bold(this.markdown(e.title)));
      if (e.description) lines.push(...this.markdown(e.description).split('\n').map((l) => bar + l));
      for (const f of e.fields ?? []) {
        lines.push(bar + this.bold(f.name));
        lines.push(...this.markdown(f.value).split('\n').map((l) => `${bar}  ${l}`));
      }
      if (e.footer?.text) lines.push(bar + this.dim(this.markdown(e.footer.text)));
    }
    const buttons = m.components.flatMap((row) => row.components.map((c) => c.label)).filter(Boolean);
    if (buttons.length) lines.push(buttons.map((b, n) => this.paint('7', ` ${n + 1}: ${b} `)).join(' '));
    return lines.map((l) => indent + l).join('\n');
  }

  private time(ms: number, style: string): string {
    if (style === 'R') {
      const minutes = Math.round((ms - this.now()) / 60_000);
      if (Math.abs(minutes) < 1) return 'now';
      const [value, unit] = Math.abs(minutes) >= 2880 ? [Math.round(minutes / 1440), 'days'] : Math.abs(minutes) >= 120 ? [Math.round(minutes / 60), 'hours'] : [minutes, 'minutes'];
      const amount = `${Math.abs(value)} ${Math.abs(value) === 1 ? unit.slice(0, -1) : unit}`;
      return value > 0 ? `in ${amount}` : `${amount} ago`;
    }
    const date = new Date(ms);
    return style === 't' ? date.toISOString().slice(11, 16) + ' UTC' : date.toUTCString().replace(':00 GMT', ' UTC');
  }
}
