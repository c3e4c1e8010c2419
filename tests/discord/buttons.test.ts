import { describe, expect, it } from 'vitest';
import { buttonId, parseButtonId } from '../../src/discord/buttons.js';

describe('button custom ids', () => {
  it('round-trip through the versioned format', () => {
    expect(buttonId('done', 'http-basics')).toBe('v1:done:http-basics');
    expect(parseButtonId('v1:done:http-basics')).toEqual({ action: 'done', argument: 'http-basics' });
  });

  it('reject anything else', () => {
    for (const bad of ['v2:done:x', 'done:x', 'v1:DONE:x', 'v1:done:<script>', `v1:done:${'a'.repeat(80)}`, '']) {
      expect(parseButtonId(bad)).toBeUndefined();
    }
  });
});
