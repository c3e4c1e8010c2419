/**
 * Custom ids of buttons are versioned and parsed here only: `v1:<action>:<argument>`.
 * A press on a button from an older message format is recognised and answered, never crashes.
 */
const VERSION = 'v1';

export function buttonId(action: string, argument: string): string {
  const id = `${VERSION}:${action}:${argument}`;
  // What parseButtonId would refuse is a bug in the renderer, caught where the button is made.
  if (!parseButtonId(id)) throw new Error(`custom id out of format (argument: at most 70 of [a-z0-9-]): ${id}`);
  return id;
}

export function parseButtonId(customId: string): { action: string; argument: string } | undefined {
  const match = /^v1:([a-z-]{1,20}):([a-z0-9-]{0,70})$/.exec(customId);
  return match ? { action: match[1]!, argument: match[2]! } : undefined;
}

/**
 * Self-check and review buttons name a question of a topic, and an option by its position among the
 * shuffled buttons, in the argument: `<topic>-q<question>` shows a question, `<topic>-q<question>-o<option>-<tag>`
 * answers it (the tag names the question's wording, see progress/self-check.ts). With topic ids of at
 * most 60 characters (curriculum/schema.ts) the longest is 70. The topic id comes first and the
 * suffix has a fixed shape, so an id that itself ends like "-q1" still parses.
 */
export interface QuestionRef {
  topicId: string;
  index: number;
}

export interface AnswerRef extends QuestionRef {
  position: number;
  tag: string;
}

const TOPIC = '([a-z0-9]+(?:-[a-z0-9]+)*)';
const QUESTION = new RegExp(`^${TOPIC}-q(\\d)$`);
const ANSWER = new RegExp(`^${TOPIC}-q(\\d)-o(\\d)-([a-z0-9]{3})$`);
const CLEAR = new RegExp(`^${TOPIC}-(yes|no)$`);

export const questionArgument = (q: QuestionRef): string => `${q.topicId}-q${q.index}`;
export const answerArgument = (a: AnswerRef): string => `${a.topicId}-q${a.index}-o${a.position}-${a.tag}`;
/** "Still clear?" for a review of a topic without questions: yes or no. */
export const clearArgument = (topicId: string, clear: boolean): string => `${topicId}-${clear ? 'yes' : 'no'}`;

export function parseQuestionArgument(argument: string): QuestionRef | undefined {
  const match = QUESTION.exec(argument);
  return match ? { topicId: match[1]!, index: Number(match[2]) } : undefined;
}

export function parseAnswerArgument(argument: string): AnswerRef | undefined {
  const match = ANSWER.exec(argument);
  return match ? { topicId: match[1]!, index: Number(match[2]), position: Number(match[3]), tag: match[4]! } : undefined;
}

export function parseClearArgument(argument: string): { topicId: string; clear: boolean } | undefined {
  const match = CLEAR.exec(argument);
  return match ? { topicId: match[1]!, clear: match[2] === 'yes' } : undefined;
}
