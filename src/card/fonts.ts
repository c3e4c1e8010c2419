import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GlobalFonts } from '@napi-rs/canvas';

/**
 * The family the card draws with: DejaVu Sans, shipped in assets/fonts/ and registered under a
 * name of our own, so no installed font is ever chosen for the card's text and it looks the same on
 * every machine. For a character DejaVu lacks (emoji, CJK), Skia falls back to an installed font
 * that has it, if the host has one; the production image has none, so it draws a box.
 */
export const CARD_FONT = 'Syllabot Card Sans';

/**
 * The folder holding package.json. This file runs as src/card/fonts.ts under tsx and as
 * dist/src/card/fonts.js once built, at different depths; walking up finds the same root from both,
 * and from the Docker image's /app.
 */
export function packageRoot(from: string = fileURLToPath(import.meta.url)): string {
  for (let dir = dirname(from); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`No package.json above ${from}: the card cannot find assets/fonts/.`);
  }
}

let registered = false;

/**
 * Registers the card's two faces once per process, at the first render (parsing the files takes a
 * few ms; later renders skip it), or earlier if start-up calls it. Throws when the files are
 * missing, rather than drawing every card in whatever font the host has.
 */
export function registerCardFonts(): void {
  if (registered) return;
  const dir = join(packageRoot(), 'assets', 'fonts');
  for (const file of ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf']) {
    if (!GlobalFonts.registerFromPath(join(dir, file), CARD_FONT)) throw new Error(`Could not load the card font ${join(dir, file)}.`);
  }
  registered = true;
}

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

// More than any line of the card can show (736 px at 12 px or more): longer text is cut here
// first, so a 100,000-character name costs what a 200-character one does. ICU's segmenter reads the
// whole string it is given, hence a slice in UTF-16 units before it, not only a count after.
const MOST_GRAPHEMES = 200;
const MOST_UNITS = 1_024;

/**
 * The longest start of `text` that fits `max` pixels as measured by `width`, ending in "…" when
 * cut. It cuts between graphemes, so never inside a surrogate pair or between an emoji and its
 * modifiers, and drops the spaces before the ellipsis. A binary search: a title costs a handful of
 * measurements, not one per character.
 */
export function ellipsise(text: string, max: number, width: (text: string) => number): string {
  const head = text.length > MOST_UNITS ? text.slice(0, MOST_UNITS) : text;
  const parts = Array.from(graphemes.segment(head), (s) => s.segment);
  let more = head !== text;
  if (more) parts.pop(); // the slice may have split the last grapheme, even a surrogate pair
  if (parts.length > MOST_GRAPHEMES) {
    parts.length = MOST_GRAPHEMES;
    more = true;
  }
  if (!more && width(text) <= max) return text;
  const cut = (n: number) => `${parts.slice(0, n).join('').trimEnd()}…`;
  // cut(fits) fits (or is the bare ellipsis) and cut(fails) does not, or is past the end.
  let fits = 0;
  let fails = more ? parts.length + 1 : parts.length;
  while (fails - fits > 1) {
    const mid = (fits + fails) >> 1;
    if (width(cut(mid)) <= max) fits = mid;
    else fails = mid;
  }
  return fits === 0 && width('…') > max ? '' : cut(fits);
}

/** Text from a member drawn on one line: control characters (a newline in a nickname) become spaces. */
export const oneLine = (text: string) => text.replace(/[\p{Cc}\u2028\u2029]+/gu, ' ').trim();
