import { describe, expect, it } from 'vitest';
import { clip, echo, literal } from '../src/text.js';

// No lone surrogate: what Discord refuses as invalid Unicode.
const valid = (text: string) => !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text);

describe('clip', () => {
  it('leaves text within the limit alone', () => {
    expect(clip('hello', 5)).toBe('hello');
  });

  it('never cuts an emoji in half, so the result is valid Unicode', () => {
    const title = `${'a'.repeat(98)}🎉 party`;
    const cut = clip(title, 100);
    expect(cut.length).toBeLessThanOrEqual(100);
    expect(valid(cut)).toBe(true);
    expect(cut).toBe(`${'a'.repeat(98)}…`);
  });

  it('keeps an emoji with its skin tone and joiners together', () => {
    const family = '👩🏽‍💻';
    const cut = clip(`ab${family}cd`, 2 + family.length);
    expect(cut).toBe('ab…');
    expect(valid(clip(`x${family}`.repeat(30), 50))).toBe(true);
  });
});

describe('echo', () => {
  it('drops backticks and clips, for quoting a member inside inline code', () => {
    expect(echo('`rm -rf`', 64)).toBe('rm -rf');
    expect(echo('x'.repeat(6_000)).length).toBe(64);
  });
});

describe('literal', () => {
  it('shows markdown and masked links as typed', () => {
    expect(literal('**SQL** night [click](https://evil.example)')).toBe('\\*\\*SQL\\*\\* night \\[click](https://evil.example)');
  });
});
