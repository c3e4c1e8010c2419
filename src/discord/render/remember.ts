import { ActionRowBuilder, ButtonBuilder, ButtonStyle, ComponentType, EmbedBuilder, type APIButtonComponentWithCustomId } from 'discord.js';
import { DateTime } from 'luxon';
import type { Curriculum } from '../../curriculum/curriculum.js';
import type { Topic } from '../../curriculum/types.js';
import type { CheckView, ReviewList, ReviewResult } from '../../progress/progress-service.js';
import { REVIEW_GAPS } from '../../progress/review.js';
import { CHECK_BONUS, type CheckDecision, type ShownQuestion } from '../../progress/self-check.js';
import { FREEZE_EVERY, MAX_FREEZES } from '../../progress/streak.js';
import { answerArgument, buttonId, clearArgument, questionArgument } from '../buttons.js';
import { clip, COLOUR, fitLines, LIMIT } from './common.js';
import { topicEmbed } from './topic.js';

/** Button actions of self-checks and reviews (handled in commands/review.ts). */
export const ACTION = {
  /** Check yourself, on the public celebration: starts the presser's own self-check */
  check: 'check',
  /** Shows a question of a self-check ("Next question") */
  quiz: 'quiz',
  /** Answers a self-check question */
  answer: 'answer',
  /** Shows the next review due */
  review: 'review',
  /** Answers a review */
  recall: 'recall',
} as const;

/** The one-line rule /progress and /help show. */
export const FREEZE_RULE = `${FREEZE_EVERY} study days in a row earn a streak freeze (${MAX_FREEZES} at most); a freeze covers one missed day, two missed days in a row end the streak.`;

/** A local day as members read it: "Tue 24 Nov". */
export const formatDay = (day: string): string => DateTime.fromISO(day, { zone: 'UTC', locale: 'en-GB' }).toFormat('ccc d LLL');

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The Check yourself button of a celebration, for a topic with questions (JSON: the celebration is on /done's hot path, see topic.ts). */
export const checkButton = (topic: Topic): APIButtonComponentWithCustomId => ({
  type: ComponentType.Button,
  custom_id: buttonId(ACTION.check, topic.id),
  label: 'Check yourself',
  style: ButtonStyle.Primary,
  emoji: { name: '🧠' },
});

type Question = Extract<CheckView, { kind: 'question' }>;

/** A self-check question, only for the member: its options as buttons, in their seeded order. */
export function checkQuestionMessage(view: Question) {
  const { topic, index, total, shown, earlier } = view;
  const embed = new EmbedBuilder()
    .setColor(COLOUR.brand)
    .setAuthor({ name: clip(`Check yourself · ${topic.title}`, 256) })
    .setTitle(`Question ${index + 1} of ${total}`)
    .setDescription(clip(shown.question.question, LIMIT.description))
    .setFooter({ text: earlier ? 'You answered this one before: only a first answer earns points.' : `Right on the first try: +${CHECK_BONUS} points.` });
  return { content: '', embeds: [embed], components: [optionRow(ACTION.answer, topic, index, shown)] };
}

type Answered = Extract<CheckDecision, { kind: 'answered' }> & { total: number };

/** The result of a self-check answer: right or wrong, the explanation, what it earned, and the next question. */
export function checkResultMessage(result: Answered) {
  const { topic, index, total, shown, chosen, right, earlier, bonus } = result;
  const earned = bonus
    ? `+${bonus} points for a right first answer.`
    : earlier === undefined
      ? 'No points this time: only a right first answer earns them.'
      : `Your first answer to this one was ${earlier === '1' ? 'right and earned its points' : 'wrong'}, so this one earns nothing.`;
  const embed = resultEmbed(`Check yourself · ${topic.title}`, `Question ${index + 1} of ${total}`, shown, chosen, right).setFooter({ text: earned });
  const rows = [optionRow(ACTION.answer, topic, index, shown, chosen)];
  const last = index + 1 >= total;
  if (!last) rows.push(new ActionRowBuilder<ButtonBuilder>().addComponents(new ButtonBuilder().setCustomId(buttonId(ACTION.quiz, questionArgument({ topicId: topic.id, index: index + 1 }))).setLabel('Next question').setStyle(ButtonStyle.Primary)));
  const content = last ? `That was the last question. **${topic.title}** comes back in \`/review\` after ${plural(REVIEW_GAPS[0], 'day')}.` : '';
  return { content, embeds: [embed], components: rows };
}

/** /review: what is due (oldest first), and the first one to take now. */
export function reviewMessage(list: ReviewList, curriculum: Curriculum) {
  const { due, current, upcoming, today } = list;
  if (!current) {
    const content = upcoming
      ? `Nothing to review today. Next: **${upcoming.topic.title}** on ${formatDay(upcoming.review.due)}.`
      : `No reviews planned. Topics you finish with \`/done\` come back here after ${REVIEW_GAPS.join(', ')} days.`;
    return { content, embeds: [], components: [] };
  }
  const lines = due.map((d, n) => `${n + 1}. **${d.topic.title}** — ${d.review.due === today ? 'due today' : `due since ${formatDay(d.review.due)}`}`);
  const shownLines = fitLines(lines, 1_500);
  const hidden = lines.length - shownLines.split('\n').length;
  const content = `📚 ${plural(due.length, 'review')} due, oldest first:\n${shownLines}${hidden > 0 ? `\n…and ${hidden} more.` : ''}`;
  const { topic, review } = current;
  const gap = `Review ${review.stage + 1} of ${REVIEW_GAPS.length} · right: back in ${plural(REVIEW_GAPS[review.stage + 1] ?? 0, 'day')}`;
  const footer = review.stage + 1 < REVIEW_GAPS.length ? `${gap} · wrong: back tomorrow` : `Last review · right: it graduates · wrong: back tomorrow`;
  if (current.shown && current.index !== undefined) {
    const embed = new EmbedBuilder()
      .setColor(COLOUR.info)
      .setAuthor({ name: clip(`Review · ${topic.title}`, 256) })
      .setDescription(clip(current.shown.question.question, LIMIT.description))
      .setFooter({ text: footer });
    return { content, embeds: [embed], components: [optionRow(ACTION.recall, topic, current.index, current.shown)] };
  }
  // A server's own curriculum may bring no questions: the card, and "still clear?"
  const card = topicEmbed(topic, curriculum).setFooter({ text: footer });
  const clear = new ActionRowBuilder<ButtonBuilder>().addComponents(
    new ButtonBuilder().setCustomId(buttonId(ACTION.recall, clearArgument(topic.id, true))).setLabel('Yes, still clear').setStyle(ButtonStyle.Success),
    new ButtonBuilder().setCustomId(buttonId(ACTION.recall, clearArgument(topic.id, false))).setLabel('Not really').setStyle(ButtonStyle.Secondary),
  );
  return { content: `${content}\n\n**${clip(topic.title, 200)}**: still clear?`, embeds: [card], components: [clear] };
}

type Reviewed = Extract<ReviewResult, { kind: 'reviewed' }>;

/** A review taken: right or wrong, and when the topic comes back. */
export function reviewResultMessage(result: Reviewed) {
  const { topic, right, next, remaining, index, shown, chosen, today } = result;
  const when = next
    ? `**${topic.title}** comes back ${next.due === today ? 'today' : `in ${plural(REVIEW_GAPS[next.stage]!, 'day')}`} (${formatDay(next.due)}).`
    : `🎓 **${topic.title}** graduated: no more reviews.`;
  const rows: ActionRowBuilder<ButtonBuilder>[] = [];
  let embed: EmbedBuilder;
  if (shown && index !== undefined && chosen !== undefined) {
    embed = resultEmbed(`Review · ${topic.title}`, undefined, shown, chosen, right);
    rows.push(optionRow(ACTION.recall, topic, index, shown, chosen));
  } else {
    embed = new EmbedBuilder()
      .setColor(right ? COLOUR.success : COLOUR.muted)
      .setAuthor({ name: clip(`Review · ${topic.title}`, 256) })
      .setTitle(right ? '✅ Still clear' : '🔁 Worth another look')
      .setDescription(right ? 'Good.' : 'Have another look at its resources; it comes back tomorrow.');
  }
  if (remaining > 0) rows.push(new ActionRowBuilder<ButtonBuilder>().addComponents(new ButtonBuilder().setCustomId(buttonId(ACTION.review, 'next')).setLabel(`Next review (${remaining} left)`).setStyle(ButtonStyle.Primary)));
  const content = `${when}${remaining > 0 ? '' : '\nThat was your last review due today.'}`;
  return { content, embeds: [embed], components: rows };
}

function resultEmbed(author: string, title: string | undefined, shown: ShownQuestion, chosen: number, right: boolean): EmbedBuilder {
  const answer = shown.options[shown.right]!;
  const lines = [
    clip(shown.question.question, 400),
    '',
    right ? `✅ **${answer}**` : `❌ You chose **${shown.options[chosen] ?? '?'}**. The answer: **${answer}**.`,
    '',
    shown.question.explain,
  ];
  const embed = new EmbedBuilder()
    .setColor(right ? COLOUR.success : COLOUR.muted)
    .setAuthor({ name: clip(author, 256) })
    .setTitle(`${right ? '✅ Right!' : '❌ Not quite'}${title ? ` · ${title}` : ''}`)
    .setDescription(clip(lines.join('\n'), LIMIT.description));
  return embed;
}

/**
 * The options of a question as buttons, in their seeded order. Once answered (`chosen`), they stay
 * visible but disabled: the right one green, a wrong choice red.
 */
function optionRow(action: string, topic: Topic, index: number, shown: ShownQuestion, chosen?: number) {
  return new ActionRowBuilder<ButtonBuilder>().addComponents(
    shown.options.map((option, position) => {
      const button = new ButtonBuilder()
        .setCustomId(buttonId(action, answerArgument({ topicId: topic.id, index, position, tag: shown.tag })))
        .setLabel(clip(option, 80))
        .setStyle(ButtonStyle.Secondary);
      if (chosen === undefined) return button;
      if (position === shown.right) button.setStyle(ButtonStyle.Success);
      else if (position === chosen) button.setStyle(ButtonStyle.Danger);
      return button.setDisabled(true);
    }),
  );
}
