import { describe, expect, it } from 'vitest';
import { answerArgument, buttonId, clearArgument, parseAnswerArgument, parseButtonId, parseClearArgument, parseQuestionArgument, questionArgument } from '../../src/discord/buttons.js';

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

describe('self-check and review arguments', () => {
  const longest = `${'a'.repeat(29)}-${'b'.repeat(30)}`; // 60 characters: the most curriculum/schema.ts allows

  it('fit the longest topic id, question, option and tag in 70 characters', () => {
    const argument = answerArgument({ topicId: longest, index: 4, position: 3, tag: 'z9z' });
    expect(argument).toHaveLength(70);
    const id = buttonId('recall', argument);
    expect(parseButtonId(id)).toEqual({ action: 'recall', argument });
    expect(parseAnswerArgument(argument)).toEqual({ topicId: longest, index: 4, position: 3, tag: 'z9z' });
  });

  it('round-trip a question, an answer and “still clear?”, even for an id that itself ends like a suffix', () => {
    for (const topicId of ['http-basics', 'odd-q1', 'odd-q1-o2-abc', 'yes', 'x-no']) {
      expect(parseQuestionArgument(questionArgument({ topicId, index: 2 }))).toEqual({ topicId, index: 2 });
      expect(parseAnswerArgument(answerArgument({ topicId, index: 0, position: 1, tag: 'a1b' }))).toEqual({ topicId, index: 0, position: 1, tag: 'a1b' });
      expect(parseClearArgument(clearArgument(topicId, false))).toEqual({ topicId, clear: false });
    }
  });

  it('refuse malformed arguments', () => {
    for (const bad of ['', 'q1', 'http-basics', 'http-basics-q', 'http-basics-q12', 'http-basics-q1-o2', 'http-basics-q1-o2-ab', '-q1', 'a--b-q1']) {
      expect(parseQuestionArgument(bad) ?? parseAnswerArgument(bad)).toBeUndefined();
    }
    expect(parseClearArgument('http-basics-maybe')).toBeUndefined();
  });

  it('a button whose argument would not parse is refused where it is made', () => {
    expect(() => buttonId('answer', `${longest}-q4-o3-z9z-x`)).toThrow(/out of format/);
  });
});
