/**
 * Custom ids of buttons are versioned and parsed here only: `v1:<action>:<argument>`.
 * A press on a button from an older message format is recognised and answered, never crashes.
 */
const VERSION = 'v1';

export function buttonId(action: string, argument: string): string {
  const id = `${VERSION}:${action}:${argument}`;
  if (id.length > 100) throw new Error(`custom id too long: ${id}`);
  return id;
}

export function parseButtonId(customId: string): { action: string; argument: string } | undefined {
  const match = /^v1:([a-z-]{1,20}):([a-z0-9-]{0,70})$/.exec(customId);
  return match ? { action: match[1]!, argument: match[2]! } : undefined;
}
