import { createCanvas, type Canvas, type SKRSContext2D } from '@napi-rs/canvas';
import { CARD_FONT, ellipsise, oneLine, registerCardFonts } from './fonts.js';
import { encodePng } from './png.js';

/**
 * A member's progress drawn as a PNG, for /progress to attach. It knows nothing of discord.js or
 * Redis: the caller hands it plain numbers and titles, so it can be tested and benchmarked alone.
 */

export interface CardModule {
  title: string;
  closed: number;
  total: number;
}

export interface CardData {
  /** The member's display name, any Unicode: cut with an ellipsis to fit, never mid-grapheme. */
  name: string;
  trackTitle: string;
  /** In curriculum order; 0 to about 30. */
  modules: CardModule[];
  done: number;
  skipped: number;
  total: number;
  points: number;
  streak: number;
  bestStreak: number;
  freezes: number;
  /** This week's rank; null when not on the board. */
  rank: number | null;
  /** False when the server turned boards off or the member hides from them: no rank tile at all. */
  showRank: boolean;
  /** Undefined: no reviews tile. */
  reviewsDue?: number;
}

const WIDTH = 800;
const PAD = 32;
const INNER = WIDTH - 2 * PAD;
const TILES_TOP = 112;
const TILE_HEIGHT = 90;
const TILE_GAP = 12;
const MODULES_TOP = 246;
const ROW = 30;
const BOTTOM = 24;

// The index column, the title, the bar and the count of a module row, left to right.
const INDEX_RIGHT = PAD + 24;
const TITLE_LEFT = PAD + 36;
const TITLE_WIDTH = 372;
const BAR_LEFT = TITLE_LEFT + TITLE_WIDTH + 16;
const BAR_RIGHT = WIDTH - PAD - 72;

const COLOUR = {
  card: '#16181d',
  tile: '#21242c',
  barTrack: '#2c303a',
  text: '#f2f3f5',
  muted: '#959ba6',
  faint: '#6b717c',
  accent: '#5865f2',
  done: '#3ba55d',
} as const;

const font = (size: number, bold = false) => `${bold ? 'bold ' : ''}${size}px "${CARD_FONT}"`;
const FONT = {
  name: font(30, true),
  track: font(17),
  label: font(12, true),
  sub: font(13),
  heading: font(13, true),
  index: font(13),
  title: font(17),
  count: font(15),
} as const;
const VALUE_FONTS = [font(26, true), font(23, true), font(20, true)] as const;

const numbers = new Intl.NumberFormat('en-US');
const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });
const plural = (n: number, one: string, many = `${one}s`) => `${numbers.format(n)} ${n === 1 ? one : many}`;

/** A row per module, and one for the "no modules" line when there are none. */
export function cardSize(moduleCount: number): { width: number; height: number } {
  const rows = Math.max(1, Math.floor(moduleCount));
  return { width: WIDTH, height: MODULES_TOP + rows * ROW + BOTTOM };
}

/**
 * PNG bytes, exactly cardSize(). The event loop is held while the card is drawn (recorded, about a
 * millisecond) and while its pixels are read (rasterised, a few ms); the compression runs on libuv's
 * pool (png.ts, which explains why not Skia's own encoder). See bench/card.ts.
 */
export async function renderProgressCard(data: CardData): Promise<Buffer> {
  const canvas = drawProgressCard(data);
  // The card is opaque (drawBackground fills it), so Skia's premultiplied pixels are plain RGBA.
  return encodePng(canvas.data(), canvas.width, canvas.height);
}

/** The card drawn on a canvas of cardSize(), not yet encoded. */
export function drawProgressCard(data: CardData): Canvas {
  registerCardFonts();
  const { width, height } = cardSize(data.modules.length);
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  drawBackground(ctx, width, height);
  drawHeader(ctx, data);
  drawTiles(ctx, tiles(data));
  drawModules(ctx, data.modules);
  return canvas;
}

function drawBackground(ctx: SKRSContext2D, width: number, height: number) {
  // Square corners: Discord rounds an attachment's corners itself, and a rounded fill of the whole
  // card costs about a millisecond more of rasterising on the event loop.
  ctx.fillStyle = COLOUR.card;
  ctx.fillRect(0, 0, width, height);
  // A thin band of the brand colour across the top, fading to the "done" green.
  const band = ctx.createLinearGradient(0, 0, width, 0);
  band.addColorStop(0, COLOUR.accent);
  band.addColorStop(1, COLOUR.done);
  ctx.fillStyle = band;
  ctx.fillRect(0, 0, width, 6);
}

function drawHeader(ctx: SKRSContext2D, data: CardData) {
  ctx.textAlign = 'left';
  ctx.fillStyle = COLOUR.text;
  ctx.font = FONT.name;
  ctx.fillText(fit(ctx, oneLine(data.name) || 'Member', INNER), PAD, 62);
  ctx.fillStyle = COLOUR.muted;
  ctx.font = FONT.track;
  ctx.fillText(fit(ctx, `${oneLine(data.trackTitle)} track`, INNER), PAD, 90);
}

interface Tile {
  label: string;
  /** What to show, best first: the first that fits is drawn ("123,456,789", else "123.5M"). */
  values: string[];
  subs: string[];
}

/** The stat tiles, in reading order; the rank and reviews tiles only when the card shows them. */
function tiles(data: CardData): Tile[] {
  const share = data.total > 0 ? Math.floor((100 * data.done) / data.total) : 0;
  const streak = `best ${numbers.format(data.bestStreak)}`;
  const out: Tile[] = [
    {
      label: 'TOPICS DONE',
      values: [`${numbers.format(data.done)}/${numbers.format(data.total)}`, `${compact.format(data.done)}/${compact.format(data.total)}`],
      subs: data.skipped ? [`${share}% · ${numbers.format(data.skipped)} skipped`, `${share}% · ${compact.format(data.skipped)} skipped`, `${share}%`] : [`${share}% of the track`, `${share}%`],
    },
    {
      label: 'STREAK',
      values: [plural(data.streak, 'day'), `${compact.format(data.streak)} d`],
      // A narrow tile drops the freeze count before the best streak.
      subs: [`${streak} · ${plural(data.freezes, 'freeze')}`, `${streak} · ${numbers.format(data.freezes)} ❄`, streak],
    },
    { label: 'POINTS', values: [numbers.format(data.points), compact.format(data.points)], subs: ['earned so far', 'earned'] },
  ];
  if (data.showRank) {
    out.push(
      data.rank === null
        ? { label: 'THIS WEEK', values: ['—'], subs: ['not on the board yet', 'not ranked yet', 'unranked'] }
        : { label: 'THIS WEEK', values: [`#${numbers.format(data.rank)}`, `#${compact.format(data.rank)}`], subs: ['on the leaderboard', 'on the board', 'rank'] },
    );
  }
  if (data.reviewsDue !== undefined) {
    const due = data.reviewsDue;
    out.push({ label: 'REVIEWS', values: [numbers.format(due), compact.format(due)], subs: due ? ['due · /review', 'due'] : ['none due'] });
  }
  return out;
}

function drawTiles(ctx: SKRSContext2D, list: Tile[]) {
  const width = (INNER - TILE_GAP * (list.length - 1)) / list.length;
  const left = (n: number) => PAD + n * (width + TILE_GAP) + 16;
  const text = width - 32;
  ctx.fillStyle = COLOUR.tile;
  ctx.beginPath();
  list.forEach((_, n) => ctx.roundRect(left(n) - 16, TILES_TOP, width, TILE_HEIGHT, 12));
  ctx.fill();
  ctx.textAlign = 'left';
  // A line at a time across the tiles, so each font is set once rather than per tile.
  ctx.font = FONT.label;
  ctx.fillStyle = COLOUR.muted;
  list.forEach((tile, n) => ctx.fillText(fit(ctx, tile.label, text), left(n), TILES_TOP + 25));
  ctx.fillStyle = COLOUR.text;
  list.forEach((tile, n) => ctx.fillText(firstFitting(ctx, tile.values, VALUE_FONTS, text), left(n), TILES_TOP + 57));
  ctx.font = FONT.sub;
  ctx.fillStyle = COLOUR.muted;
  list.forEach((tile, n) => ctx.fillText(firstFitting(ctx, tile.subs, [FONT.sub], text), left(n), TILES_TOP + 78));
}

/**
 * The first text, in the largest font, that fits `max` pixels: each font is tried with every
 * text before a smaller one, so a figure shrinks a little before it is abbreviated. When nothing
 * fits, the last text in the last font, cut. Leaves the chosen font set on the context.
 */
function firstFitting(ctx: SKRSContext2D, texts: string[], fonts: readonly string[], max: number): string {
  for (const f of fonts) {
    ctx.font = f;
    for (const t of texts) if (ctx.measureText(t).width <= max) return t;
  }
  return fit(ctx, texts[texts.length - 1] ?? '', max);
}

const finished = (m: CardModule) => m.total > 0 && m.closed >= m.total;
const ratio = (m: CardModule) => (m.total > 0 ? Math.min(1, Math.max(0, m.closed / m.total)) : 0);

function drawModules(ctx: SKRSContext2D, modules: CardModule[]) {
  const complete = modules.filter(finished).length;
  ctx.font = FONT.heading;
  ctx.fillStyle = COLOUR.muted;
  ctx.textAlign = 'left';
  ctx.fillText('MODULES', PAD, MODULES_TOP - 12);
  ctx.textAlign = 'right';
  ctx.font = FONT.sub;
  if (modules.length) ctx.fillText(`${complete} of ${modules.length} complete`, WIDTH - PAD, MODULES_TOP - 12);
  ctx.textAlign = 'left';
  if (!modules.length) {
    ctx.font = FONT.title;
    ctx.fillText('No modules on this track yet.', PAD, MODULES_TOP + 22);
    return;
  }

  const rowTop = (n: number) => MODULES_TOP + n * ROW;
  const barWidth = BAR_RIGHT - BAR_LEFT;

  // A column at a time (bars, numbers, titles, counts), so each font and colour is set once rather
  // than per row, and the bars as one path per colour rather than a fill per row.
  ctx.fillStyle = COLOUR.barTrack;
  ctx.beginPath();
  modules.forEach((_, n) => ctx.roundRect(BAR_LEFT, rowTop(n) + 10, barWidth, 10, 5));
  ctx.fill();
  for (const [colour, pick] of [
    [COLOUR.accent, (m: CardModule) => !finished(m)],
    [COLOUR.done, finished],
  ] as const) {
    ctx.fillStyle = colour;
    ctx.beginPath();
    modules.forEach((m, n) => {
      const filled = Math.round(barWidth * ratio(m));
      if (pick(m) && filled > 0) ctx.roundRect(BAR_LEFT, rowTop(n) + 10, Math.max(filled, 10), 10, 5);
    });
    ctx.fill();
  }

  ctx.font = FONT.index;
  ctx.fillStyle = COLOUR.faint;
  ctx.textAlign = 'right';
  modules.forEach((_, n) => ctx.fillText(String(n + 1), INDEX_RIGHT, rowTop(n) + 20));

  ctx.font = FONT.title;
  ctx.textAlign = 'left';
  modules.forEach((m, n) => {
    ctx.fillStyle = finished(m) ? COLOUR.muted : COLOUR.text;
    ctx.fillText(fit(ctx, oneLine(m.title), TITLE_WIDTH), TITLE_LEFT, rowTop(n) + 21);
  });

  ctx.font = FONT.count;
  ctx.textAlign = 'right';
  modules.forEach((m, n) => {
    ctx.fillStyle = finished(m) ? COLOUR.done : COLOUR.muted;
    ctx.fillText(`${finished(m) ? '✓ ' : ''}${m.closed}/${m.total}`, WIDTH - PAD, rowTop(n) + 20);
  });
}

/** Text cut to `max` pixels in the context's current font. */
const fit = (ctx: SKRSContext2D, text: string, max: number) => ellipsise(text, max, (t) => ctx.measureText(t).width);
