import { DateTime, FixedOffsetZone } from 'luxon';

/**
 * Time-zone names as admins type them. A group stores one canonical IANA name, so every replica
 * on every host reads the same calendar; names that mean "this machine's zone" and bare offsets
 * (which ignore daylight saving) are refused with a suggestion.
 */
export type ZoneReading = { zone: string; note?: string } | { error: string };

const HOST_DEPENDENT = new Set(['local', 'system', 'localtime']);
const OFFSET = /^(?:utc|gmt)?\s*([+-])\s*(\d{1,2})(?::?(\d{2}))?$/i;

/** Zones people usually mean, by their standard offset in minutes, for suggestions. */
const USUAL_BY_OFFSET: Record<number, string[]> = {
  [-600]: ['Pacific/Honolulu'],
  [-540]: ['America/Anchorage'],
  [-480]: ['America/Los_Angeles', 'America/Vancouver'],
  [-420]: ['America/Denver', 'America/Phoenix'],
  [-360]: ['America/Chicago', 'America/Mexico_City'],
  [-300]: ['America/New_York', 'America/Toronto', 'America/Bogota'],
  [-240]: ['America/Halifax', 'America/Caracas'],
  [-180]: ['America/Sao_Paulo', 'America/Argentina/Buenos_Aires'],
  0: ['Europe/London', 'Africa/Abidjan'],
  60: ['Europe/Berlin', 'Europe/Paris', 'Africa/Lagos'],
  120: ['Europe/Athens', 'Africa/Cairo', 'Africa/Johannesburg'],
  180: ['Europe/Moscow', 'Asia/Riyadh', 'Africa/Nairobi'],
  210: ['Asia/Tehran'],
  240: ['Asia/Dubai', 'Asia/Baku'],
  270: ['Asia/Kabul'],
  300: ['Asia/Karachi', 'Asia/Tashkent'],
  330: ['Asia/Kolkata'],
  345: ['Asia/Kathmandu'],
  360: ['Asia/Dhaka', 'Asia/Almaty'],
  420: ['Asia/Bangkok', 'Asia/Jakarta'],
  480: ['Asia/Shanghai', 'Asia/Singapore', 'Australia/Perth'],
  540: ['Asia/Tokyo', 'Asia/Seoul'],
  570: ['Australia/Darwin'],
  600: ['Australia/Sydney', 'Australia/Brisbane'],
  720: ['Pacific/Auckland'],
};

/** Abbreviations with one usual meaning: the zone people mean, and the fixed offset the letters name. */
export const ABBREVIATIONS: Record<string, { zone: string; offsetMinutes: number }> = {
  EST: { zone: 'America/New_York', offsetMinutes: -300 },
  EDT: { zone: 'America/New_York', offsetMinutes: -240 },
  CDT: { zone: 'America/Chicago', offsetMinutes: -300 },
  MST: { zone: 'America/Denver', offsetMinutes: -420 },
  MDT: { zone: 'America/Denver', offsetMinutes: -360 },
  PST: { zone: 'America/Los_Angeles', offsetMinutes: -480 },
  PDT: { zone: 'America/Los_Angeles', offsetMinutes: -420 },
  AKST: { zone: 'America/Anchorage', offsetMinutes: -540 },
  HST: { zone: 'Pacific/Honolulu', offsetMinutes: -600 },
  WET: { zone: 'Europe/Lisbon', offsetMinutes: 0 },
  CET: { zone: 'Europe/Berlin', offsetMinutes: 60 },
  CEST: { zone: 'Europe/Berlin', offsetMinutes: 120 },
  EET: { zone: 'Europe/Athens', offsetMinutes: 120 },
  EEST: { zone: 'Europe/Athens', offsetMinutes: 180 },
  MSK: { zone: 'Europe/Moscow', offsetMinutes: 180 },
  JST: { zone: 'Asia/Tokyo', offsetMinutes: 540 },
  KST: { zone: 'Asia/Seoul', offsetMinutes: 540 },
  AEST: { zone: 'Australia/Sydney', offsetMinutes: 600 },
  AEDT: { zone: 'Australia/Sydney', offsetMinutes: 660 },
  NZST: { zone: 'Pacific/Auckland', offsetMinutes: 720 },
  NZDT: { zone: 'Pacific/Auckland', offsetMinutes: 780 },
};

/** Letters that name several zones: asked to be written as an IANA name instead. */
export const AMBIGUOUS = new Set(['CST', 'IST', 'BST', 'AST', 'SST', 'GST', 'ADT', 'CAT', 'EAT', 'WAT', 'PHT', 'SGT', 'HKT', 'AEST']);

/**
 * Current IANA names that Node's ICU still lists under an older id (it resolves Asia/Kolkata to
 * Asia/Calcutta): accepted and stored as the admin wrote them, in their proper case.
 */
const RENAMED = ['Asia/Kolkata', 'Asia/Kathmandu', 'Asia/Ho_Chi_Minh', 'Asia/Yangon', 'Europe/Kyiv', 'America/Nuuk', 'Atlantic/Faroe', 'Pacific/Pohnpei', 'Pacific/Chuuk', 'Pacific/Kanton', 'Africa/Asmara', 'America/Argentina/Buenos_Aires', 'America/Indiana/Indianapolis', 'America/Kentucky/Louisville', 'Asia/Thimphu', 'Asia/Ulaanbaatar', 'Asia/Macau', 'America/Atikokan'];

const supported = Intl.supportedValuesOf('timeZone');
const byLowerCase = new Map([...supported, ...RENAMED].map((z) => [z.toLowerCase(), z]));
for (const utc of ['utc', 'etc/utc', 'gmt', 'etc/gmt', 'z', 'zulu', 'universal']) byLowerCase.set(utc, 'UTC');

function resolveWithIntl(name: string): string | undefined {
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

const hasDaylightSaving = (zone: string, year: number) =>
  DateTime.fromObject({ year, month: 1, day: 1 }, { zone }).offset !== DateTime.fromObject({ year, month: 7, day: 1 }, { zone }).offset;

const formatOffset = (minutes: number) => `UTC${minutes < 0 ? '−' : '+'}${Math.floor(Math.abs(minutes) / 60)}${Math.abs(minutes) % 60 ? `:${String(Math.abs(minutes) % 60).padStart(2, '0')}` : ''}`;

/** Suggestions for a bare offset: the zones people usually mean, then the Etc/ name (whose sign is reversed). */
export function suggestionsFor(offsetMinutes: number): string[] {
  const etc = offsetMinutes % 60 === 0 ? [offsetMinutes === 0 ? 'UTC' : `Etc/GMT${offsetMinutes > 0 ? '-' : '+'}${Math.abs(offsetMinutes / 60)}`] : [];
  return [...(USUAL_BY_OFFSET[offsetMinutes] ?? []).slice(0, 2), ...etc];
}

const quoted = (names: string[]) => names.map((n) => `\`${n}\``).join(names.length > 2 ? ', ' : ' or ').replace(/, ([^,]+)$/, ' or $1');

/** Reads a zone an admin typed: a canonical IANA name, or why not, with what they probably meant. */
export function readZone(input: string, nowMs: number): ZoneReading {
  const typed = input.trim();
  const lower = typed.toLowerCase();
  if (!typed || typed.length > 64) return { error: 'Give an IANA time zone name such as `Europe/Berlin` or `America/New_York`.' };
  if (HOST_DEPENDENT.has(lower)) return { error: `\`${typed}\` means the zone of whichever machine runs the bot, which can differ between machines. Name the zone, for example \`Europe/Berlin\`.` };
  const offset = OFFSET.exec(typed);
  if (offset) {
    const minutes = (offset[1] === '-' ? -1 : 1) * (Number(offset[2]) * 60 + Number(offset[3] ?? 0));
    return { error: `A fixed offset ignores daylight saving, so prompts would drift by an hour twice a year. Did you mean ${quoted(suggestionsFor(minutes))}?` };
  }
  const upper = typed.toUpperCase();
  if (AMBIGUOUS.has(upper) && !ABBREVIATIONS[upper]) return { error: `\`${typed}\` names several zones. Use an IANA name such as \`Europe/London\` or \`Asia/Kolkata\`.` };
  const exact = byLowerCase.get(lower);
  const zone = exact ?? resolveWithIntl(typed);
  if (!zone || !DateTime.local({ zone }).isValid) return { error: `\`${typed}\` is not a time zone I know. Use an IANA name like \`Europe/Berlin\` or \`America/New_York\`; start typing to see the list.` };
  const year = DateTime.fromMillis(nowMs, { zone: 'UTC' }).year;
  const abbreviation = ABBREVIATIONS[upper];
  if (abbreviation && !hasDaylightSaving(zone, year) && hasDaylightSaving(abbreviation.zone, year)) {
    return { zone, note: `\`${typed}\` is a fixed ${formatOffset(DateTime.local({ zone }).offset)} with no daylight saving (saved as ${zone}). If your group follows the local time of ${abbreviation.zone.split('/').pop()!.replace(/_/g, ' ')}, run setup again with \`${abbreviation.zone}\`.` };
  }
  if (abbreviation) return { zone, note: `\`${typed}\` is an abbreviation; I saved the zone it belongs to, ${zone}, daylight saving included.` };
  if (!exact && zone.toLowerCase() !== lower) return { zone, note: `\`${typed}\` is an older name of ${zone}; I saved ${zone}.` };
  return { zone };
}

/** The fixed zone an abbreviation names (EST is always UTC−5), for times written with one. */
export function abbreviationZone(abbreviation: string): FixedOffsetZone | undefined {
  const known = ABBREVIATIONS[abbreviation.toUpperCase()];
  return known ? FixedOffsetZone.instance(known.offsetMinutes) : undefined;
}
