import { MessageFlags } from 'discord.js';
import { answer, update } from '../src/discord/answer.js';
import { parseAnswerArgument, parseClearArgument, parseQuestionArgument } from '../src/discord/buttons.js';
import { defineCommand, guildOnly, memberOf, type GuildButton } from '../src/discord/command.js';
import { ACTION, checkQuestionMessage, checkResultMessage, formatDay, reviewMessage, reviewResultMessage } from '../src/discord/render/remember.js';
import { UserError } from '../src/errors.js';
import type { AppContext } from '../src/context.js';
import type { CheckResult, CheckView, ReviewResult } from '../src/progress/progress-service.js';

/** A press on a button this version cannot read (an older message format). */
const OLD_BUTTON = 'This button is from an older version of Syllabot. Run `/review` for your reviews, or finish a topic with `/done` to check yourself on it.';
const REPLAYED = 'That answer was already counted, so nothing changed.';

/**
 * Remembering what was learned: `/review` and the buttons of self-checks and reviews. Everything
 * here is only for the member who pressed: a question on the public celebration opens privately,
 * and only for a topic the presser finished themselves.
 */
export default defineCommand({
  data: { name: 'review', description: 'Review topics you finished, when due (after 1, 7 and 30 days)', ...guildOnly },
  async execute(i, _args, ctx) {
    const list = await ctx.progress.reviews(memberOf(i));
    return answer(i, { ...reviewMessage(list, ctx.curriculum), flags: MessageFlags.Ephemeral });
  },
  buttons: {
    /** Check yourself, on the public celebration: a new private message with the presser's first open question. */
    [ACTION.check]: async (i, topicId, ctx) => {
      const view = question(await ctx.progress.checkQuestion(memberOf(i), topicId));
      return answer(i, { ...checkQuestionMessage(view), flags: MessageFlags.Ephemeral });
    },
    /** Next question: replaces the private result with the question. */
    [ACTION.quiz]: async (i, argument, ctx) => {
      const ref = parseQuestionArgument(argument);
      if (!ref) throw new UserError(OLD_BUTTON);
      return update(i, checkQuestionMessage(question(await ctx.progress.checkQuestion(memberOf(i), ref.topicId, ref.index))));
    },
    [ACTION.answer]: async (i, argument, ctx) => {
      const ref = parseAnswerArgument(argument);
      if (!ref) throw new UserError(OLD_BUTTON);
      const result = await ctx.progress.answerCheck(memberOf(i), ref, i.id);
      return update(i, checkResultMessage(answered(result)));
    },
    [ACTION.review]: (i, _next, ctx) => nextReview(i, ctx),
    [ACTION.recall]: async (i, argument, ctx) => {
      const ref = parseAnswerArgument(argument) ?? parseClearArgument(argument);
      if (!ref) throw new UserError(OLD_BUTTON);
      const result = await ctx.progress.answerReview(memberOf(i), ref, i.id);
      return update(i, reviewResultMessage(reviewed(result)));
    },
  },
});

async function nextReview(i: GuildButton, ctx: AppContext) {
  return update(i, reviewMessage(await ctx.progress.reviews(memberOf(i)), ctx.curriculum));
}

/** A self-check question to show, or why there is none, as a private answer to the presser. */
function question(view: CheckView): Extract<CheckView, { kind: 'question' }> {
  switch (view.kind) {
    case 'question':
      return view;
    case 'not-done':
      throw new UserError(notDone(view.topic.title));
    case 'no-questions':
      throw new UserError(`**${view.topic.title}** has no self-check questions.`);
    case 'changed':
      throw new UserError(changed);
  }
}

function answered(result: CheckResult): Extract<CheckResult, { kind: 'answered' }> {
  switch (result.kind) {
    case 'answered':
      return result;
    case 'replay':
      throw new UserError(REPLAYED);
    case 'not-done':
      throw new UserError(notDone(result.topic.title));
    case 'changed':
      throw new UserError(changed);
  }
}

function reviewed(result: ReviewResult): Extract<ReviewResult, { kind: 'reviewed' }> {
  switch (result.kind) {
    case 'reviewed':
      return result;
    case 'replay':
      throw new UserError(REPLAYED);
    case 'not-done':
      throw new UserError(`**${result.topic.title}** is not marked done for you (any more), so it has no review.`);
    case 'graduated':
      throw new UserError(`**${result.topic.title}** has no review planned: it graduated, or you finished it before reviews began.`);
    case 'not-due':
      throw new UserError(`You already took this review: **${result.topic.title}** comes back on ${formatDay(result.review.due)}. \`/review\` shows what is due.`);
    case 'changed':
      throw new UserError('This review question is out of date. Run `/review` for the current one.');
  }
}

const notDone = (title: string) =>
  `**${title}** is not marked done for you (not yet, or you reopened it with \`/undo\`), so there is nothing to check. **Check yourself** asks about topics you finished yourself: mark it with \`/done\` first.`;

const changed = 'This question is out of date: the curriculum changed since it was shown. Press **Check yourself** again, or take it in `/review`.';
