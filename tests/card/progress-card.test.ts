import { createCanvas, loadImage } from '@napi-rs/canvas';
import { describe, expect, it } from 'vitest';
import { cardSize, renderProgressCard, type CardData, type CardModule } from '../../src/card/progress-card.js';

// Real renders through Skia and the PNG encoder: nothing is mocked.

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Width and height from the IHDR chunk, which a PNG must start with right after its signature. */
function pngHeader(png: Buffer) {
  return { signature: png.subarray(0, 8), chunk: png.toString('latin1', 12, 16), width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

async function pixels(png: Buffer): Promise<Uint8ClampedArray> {
  const image = await loadImage(png);
  const canvas = createCanvas(image.width, image.height);
  const ctx = canvas.getContext('2d');
  ctx.drawImage(image, 0, 0);
  return ctx.getImageData(0, 0, image.width, image.height).data;
}

const modules = (count: number): CardModule[] => Array.from({ length: count }, (_, n) => ({ title: `Module ${n + 1}: a title of some length`, closed: n % 7, total: 6 }));

const card = (over: Partial<CardData> = {}): CardData => ({
  name: 'Ada Lovelace',
  trackTitle: 'Python',
  modules: modules(22),
  done: 57,
  skipped: 3,
  total: 166,
  points: 1_240,
  streak: 9,
  bestStreak: 12,
  freezes: 1,
  rank: 3,
  showRank: true,
  reviewsDue: 4,
  ...over,
});

describe('renderProgressCard', () => {
  it.each([0, 1, 22, 30])('a card with %i modules decodes to a PNG of cardSize(%i)', async (count) => {
    const png = await renderProgressCard(card({ modules: modules(count) }));
    const header = pngHeader(png);
    expect(header.signature.equals(PNG_SIGNATURE)).toBe(true);
    expect(header.chunk).toBe('IHDR');
    expect({ width: header.width, height: header.height }).toEqual(cardSize(count));
    const image = await loadImage(png);
    expect({ width: image.width, height: image.height }).toEqual(cardSize(count));
  });

  it('a very long name of emoji and CJK renders at the card’s size', async () => {
    const name = `${'👩🏽‍💻🇯🇵'.repeat(40)}桜の木の下で${'漢字'.repeat(200)} Zoë مرحبا`;
    const png = await renderProgressCard(card({ name }));
    expect(pngHeader(png).width).toBe(cardSize(22).width);
    expect(pngHeader(png).height).toBe(cardSize(22).height);
  });

  it('a name with lone surrogates, control characters and nothing printable still renders', async () => {
    for (const name of ['\uD83D half an emoji \uDC00', 'two\nlines\tand a tab', '', '   ']) {
      const png = await renderProgressCard(card({ name }));
      expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    }
  });

  it('a card whose rank is hidden differs from one that shows it', async () => {
    const [shown, hidden] = await Promise.all([renderProgressCard(card({ showRank: true })), renderProgressCard(card({ showRank: false }))]);
    const [a, b] = await Promise.all([pixels(shown), pixels(hidden)]);
    expect(a.length).toBe(b.length);
    expect(Buffer.from(a.buffer).equals(Buffer.from(b.buffer))).toBe(false);
  });

  it('a hidden rank looks the same whatever the rank is, so nothing of it leaks onto the card', async () => {
    const [first, tenth, none] = await Promise.all([1, 10, null].map((rank) => renderProgressCard(card({ showRank: false, rank }))));
    expect(first!.equals(tenth!)).toBe(true);
    expect(first!.equals(none!)).toBe(true);
  });

  it('a card without reviewsDue differs from one with reviews due', async () => {
    const [without, due] = await Promise.all([renderProgressCard(card({ reviewsDue: undefined })), renderProgressCard(card({ reviewsDue: 4 }))]);
    expect(without.equals(due)).toBe(false);
  });

  it('rendering the same data twice gives the same bytes', async () => {
    const data = card({ name: 'Grace 🐛 Hopper', points: 123_456_789 });
    const first = await renderProgressCard(data);
    const second = await renderProgressCard(structuredClone(data));
    expect(first.equals(second)).toBe(true);
  });

  it('renders run concurrently without mixing up their cards', async () => {
    const datas = [0, 1, 22, 30, 5, 12, 22, 0].map((count, n) => card({ modules: modules(count), name: `Member ${n}` }));
    const alone: Buffer[] = [];
    for (const data of datas) alone.push(await renderProgressCard(data));
    const together = await Promise.all(datas.map((data) => renderProgressCard(data)));
    together.forEach((png, n) => expect(png.equals(alone[n]!)).toBe(true));
  });
});

describe('cardSize', () => {
  it('keeps the width fixed and grows the height with each module', () => {
    expect(cardSize(22).width).toBe(cardSize(0).width);
    expect(cardSize(23).height).toBeGreaterThan(cardSize(22).height);
    expect(cardSize(30).height - cardSize(29).height).toBe(cardSize(22).height - cardSize(21).height);
  });

  it('leaves room for the "no modules" line when there are none', () => {
    expect(cardSize(0)).toEqual(cardSize(1));
  });
});
