import { describe, expect, it } from 'vitest';
import { formatUtc, relative, TerminalRenderer, wrap } from '../../demo/terminal.js';

const names = (id: string) => ({ '400000000000000001': 'alice' })[id] ?? id;
const start = Date.parse('2026-11-26T18:00:00Z');
const s = start / 1000;

function renderer(now: number, width = 100, colour = false) {
  return new TerminalRenderer(colour, names, () => now, width);
}
const message = (content: string, embeds: Parameters<TerminalRenderer['message']>[0]['embeds'] = []) => ({ content, embeds, components: [], ephemeral: false });

describe('the demo’s terminal rendering', () => {
  it('reads a relative timestamp at the moment the message was posted, not when it is printed', () => {
    // The 1-hour reminder was posted at 17:00; the playground prints it after /time +10h.
    const printedLater = renderer(start + 3 * 3_600_000);
    const reminder = message(`⏰ SQL night starts <t:${s}:R> (<t:${s}:F>).`);
    expect(printedLater.message(reminder, { postedAt: start - 3_600_000 })).toBe('  ⏰ SQL night starts in 60 minutes (Thu, 26 Nov 2026 18:00 UTC).');
    expect(printedLater.message(reminder)).toContain('starts 3 hours ago');
  });

  it('labels every time UTC, never GMT', () => {
    const at = Date.parse('2026-11-25T21:08:13Z');
    for (const style of ['t', 'T', 'f', 'F']) expect(formatUtc(at, style)).toMatch(/ UTC$/);
    expect(formatUtc(at)).toBe('Wed, 25 Nov 2026 21:08 UTC');
    expect(formatUtc(at, 't')).toBe('21:08 UTC');
    expect(formatUtc(at, 'D')).toBe('Wed, 25 Nov 2026');
    const text = renderer(at).markdown(`<t:${s}:F> <t:${s}:t> <t:${s}:D> <t:${s}:d> <t:${s}:T> <t:${s}:f> <t:${s}>`);
    expect(text).not.toContain('GMT');
    expect(text).not.toContain('<t:');
    expect(text).toBe('Thu, 26 Nov 2026 18:00 UTC 18:00 UTC Thu, 26 Nov 2026 26 Nov 2026 18:00:00 UTC Thu, 26 Nov 2026 18:00 UTC Thu, 26 Nov 2026 18:00 UTC');
  });

  it('says now, minutes, hours and days as Discord does', () => {
    expect(relative(start, start + 20_000)).toBe('now');
    expect(relative(start, start - 60_000)).toBe('in 1 minute');
    expect(relative(start, start + 16 * 60_000)).toBe('16 minutes ago');
    expect(relative(start, start - 31 * 3_600_000)).toBe('in 31 hours');
    expect(relative(start, start + 3 * 86_400_000)).toBe('3 days ago');
  });

  it('prints a topic card’s title once when its module has the same name', () => {
    const card = message('Your next topic on the **Python** track:', [{ author: { name: 'How the internet works' }, title: 'How the internet works', description: 'Packets.' }]);
    const lines = renderer(start).message(card).split('\n');
    expect(lines.filter((l) => l.includes('How the internet works'))).toHaveLength(1);
    const other = message('', [{ author: { name: 'Version control' }, title: 'Git basics' }]);
    expect(renderer(start).message(other)).toBe('  │ Version control\n  │ Git basics');
  });

  it('keeps the embed bar on every wrapped line, and list items hang under their text', () => {
    const long = 'The internet is a network of networks: machines with IP addresses swap small packets that routers pass along hop by hop until they arrive.';
    const out = renderer(start, 60).message(message('', [{ title: 'How the internet works', description: long, fields: [{ name: 'Resources', value: '• MDN: How does the Internet work? [link](https://developer.mozilla.org/en-US/docs/Learn_web_development/Howto)' }] }]));
    const lines = out.split('\n');
    expect(lines.length).toBeGreaterThan(4);
    for (const line of lines) expect(line.startsWith('  │ ')).toBe(true);
    for (const line of lines) expect(line.length <= 60 || /<https:\S+>$/.test(line)).toBe(true);
    expect(lines.at(-1)).toMatch(/^ {2}│ {5}<https:/); // bar, field indent, then under the bullet's text
    expect(lines.map((l) => l.slice(4)).join(' ').replace(/ +/g, ' ')).toContain(long);
  });

  it('carries colour across a wrapped line, after the bar', () => {
    const out = renderer(start, 30, true).message(message('', [{ title: 'A title long enough that it has to wrap onto two lines' }]));
    const lines = out.split('\n');
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines) expect(line.startsWith('  \u001b[34m│ \u001b[0m\u001b[1m')).toBe(true); // bar, then bold again
  });

  it('wraps plain text at spaces and never splits a word', () => {
    expect(wrap('aaa bbb ccc', 7)).toEqual(['aaa bbb', 'ccc']);
    expect(wrap('https://a.very.long/url', 5)).toEqual(['https://a.very.long/url']);
  });
});
