import { describe, expect, it } from 'vitest';
import { decodeWork, encodeWork, LINK_MAX, readWorkLink } from '../../src/progress/evidence.js';

const refused = (raw: string) => {
  const result = readWorkLink(raw);
  return 'error' in result ? result.error : undefined;
};

describe('a link to a member’s work', () => {
  it.each(['https://github.com/ada/notes', 'https://gist.github.com/ada/1a2b3c?file=x.py#L3', 'https://ada.dev/posts/(draft)', 'https://medium.com/@ada/my-api', 'https://例え.jp/作品'])(
    'is accepted as typed: %s',
    (link) => {
      expect(readWorkLink(link)).toEqual({ url: link });
    },
  );

  it('is trimmed of the spaces around it', () => {
    expect(readWorkLink('  https://github.com/ada  ')).toEqual({ url: 'https://github.com/ada' });
  });

  it.each([
    ['http://github.com/ada', /Only https links/],
    ['javascript:alert(1)', /Only https web addresses/],
    ['JavaScript:alert(document.cookie)//https://x.com', /Only https web addresses/],
    ['data:text/html,<b>hi</b>', /mentions|special characters|Only https/],
    ['ftp://files.example.com/x', /Only https web addresses/],
    ['github.com/ada', /not a web address/],
    ['https://user:pass@github.com/ada', /user name or password/],
    ['https://localhost/notes', /public web address/],
    ['https://127.0.0.1/notes', /public web address/],
    ['', /empty/],
  ])('%s is refused', (link, reason) => {
    expect(refused(link)).toMatch(reason);
  });

  it.each(['https://x.com/@everyone', 'https://x.com/ <@123456789012345678>', '<@&123> https://x.com', 'https://x.com/@here', '<#123>https://x.com'])(
    'with a mention in it is refused: %s',
    (link) => {
      expect(refused(link)).toMatch(/mentions/);
    },
  );

  it.each(['https://x.com/a b', 'https://x.com/a>b', 'https://x.com/`code`', 'https://x.com/\u200bhidden', 'https://x.com/a\nb'])(
    'with spaces, hidden or link-breaking characters is refused: %j',
    (link) => {
      expect(refused(link)).toMatch(/no spaces or special characters/);
    },
  );

  it(`is at most ${LINK_MAX} characters`, () => {
    const base = 'https://github.com/';
    expect(readWorkLink(base + 'a'.repeat(LINK_MAX - base.length))).toHaveProperty('url');
    expect(refused(base + 'a'.repeat(LINK_MAX - base.length + 1))).toMatch(/at most 200/);
  });

  it('never quotes the refused input back', () => {
    expect(refused('http://x.com/<@123>')).not.toContain('<@123>');
    expect(refused('javascript:alert(1)')).not.toContain('alert');
  });
});

describe('a stored piece of work', () => {
  it('decodes to what was encoded, and anything else to nothing', () => {
    const work = { topicId: 'git-basics', url: 'https://github.com/ada/notes', at: 1_764_000_000_000 };
    expect(decodeWork(encodeWork(work))).toEqual(work);
    expect(decodeWork('not json')).toBeUndefined();
    expect(decodeWork('{"t":1}')).toBeUndefined();
  });
});
