import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GlobalFonts } from '@napi-rs/canvas';
import { describe, expect, it } from 'vitest';
import { CARD_FONT, ellipsise, oneLine, packageRoot, registerCardFonts } from '../../src/card/fonts.js';

// A stand-in for measuring: each UTF-16 unit is one pixel wide, so the arithmetic is visible.
const units = (text: string) => text.length;
// No lone surrogate: a cut inside a pair would draw a replacement glyph.
const valid = (text: string) => !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text);

describe('ellipsise', () => {
  it('leaves text that fits alone', () => {
    expect(ellipsise('Caching', 7, units)).toBe('Caching');
  });

  it('cuts text that does not fit and marks the cut with an ellipsis', () => {
    expect(ellipsise('Relational databases', 11, units)).toBe('Relational…');
  });

  it('drops the spaces before the ellipsis', () => {
    expect(ellipsise('Web security', 5, units)).toBe('Web…');
  });

  it('never cuts inside a surrogate pair, so an emoji is kept whole or dropped whole', () => {
    const cut = ellipsise(`ab${'🎉'.repeat(10)}`, 6, units);
    expect(cut).toBe('ab🎉…');
    expect(valid(cut)).toBe(true);
  });

  it('keeps an emoji with its skin tone and joiners together', () => {
    const coder = '👩🏽‍💻';
    expect(ellipsise(`ab${coder}cd`, 2 + coder.length, units)).toBe('ab…');
    expect(ellipsise(`ab${coder}cd`, 3 + coder.length, units)).toBe(`ab${coder}…`);
    for (let max = 1; max < 60; max++) expect(valid(ellipsise(`x${coder}🇯🇵漢`.repeat(20), max, units))).toBe(true);
  });

  it('measures no more than the first 200 graphemes of a very long text, so a huge name costs no more than a long one', () => {
    const graphemes = (text: string) => [...new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(text)].length;
    const measured: string[] = [];
    const cut = ellipsise('漢a🦊'.repeat(100_000), 300, (text) => (measured.push(text), units(text)));
    expect(Math.max(...measured.map(graphemes))).toBeLessThanOrEqual(200 + 1); // and the ellipsis
    expect(cut.length).toBeLessThanOrEqual(300);
    expect(valid(cut)).toBe(true);
  });

  it('still marks a very long text as cut when all of what it keeps would fit', () => {
    const cut = ellipsise('🦊'.repeat(100_000), 1_000_000, units);
    expect(cut).toBe(`${'🦊'.repeat(200)}…`);
  });

  it('gives nothing when not even the ellipsis fits', () => {
    expect(ellipsise('Testing', 0, units)).toBe('');
  });
});

describe('oneLine', () => {
  it('turns the newlines and tabs of a nickname into spaces', () => {
    expect(oneLine('Ada\nLovelace\t\u0000 ')).toBe('Ada Lovelace');
  });
});

describe('the card’s fonts', () => {
  it('are found from the package root, from src/ as from the compiled dist/src/card/', () => {
    const root = packageRoot();
    expect(existsSync(join(root, 'assets', 'fonts', 'DejaVuSans.ttf'))).toBe(true);
    expect(existsSync(join(root, 'assets', 'fonts', 'LICENSE-DejaVu.txt'))).toBe(true);
    expect(packageRoot(join(root, 'dist', 'src', 'card', 'fonts.js'))).toBe(root);
    expect(packageRoot(fileURLToPath(import.meta.url))).toBe(root);
  });

  it('are registered once, under a family name of our own', () => {
    registerCardFonts();
    registerCardFonts();
    const family = GlobalFonts.families.filter((f) => f.family === CARD_FONT);
    expect(family).toHaveLength(1);
    expect(family[0]!.styles.map((s) => s.weight).sort()).toEqual([400, 700]);
  });

  it('ship in the Docker image beside package.json, where the compiled card looks for them', () => {
    const runtime = readFileSync(join(packageRoot(), 'Dockerfile'), 'utf8').split(/^FROM /m).at(-1)!;
    expect(runtime).toMatch(/^WORKDIR \/app$/m);
    expect(runtime).toMatch(/^COPY package\.json /m);
    expect(runtime).toMatch(/^COPY assets \.\/assets$/m);
  });
});
