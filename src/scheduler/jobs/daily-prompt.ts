import { DateTime } from 'luxon';
import type { Curriculum } from '../../curriculum/curriculum.js';
import type { Topic } from '../../curriculum/types.js';
import type { GroupStore } from '../../groups/group-store.js';
import type { Logger } from '../../log.js';
import { nextOccurrence, parseLocalTime, previousOccurrence } from '../occurrence.js';
import { nonceFor, type Poster } from '../poster.js';
import type { JobHandler } from '../scheduler.js';
import { postOrPause } from './post-or-pause.js';

/** A daily prompt more than this late (downtime) is skipped rather than posted at an odd hour. */
export const DAILY_CATCH_UP_MS = 2 * 3_600_000;

/** The group's topic after `cursor` on its track, starting over after the last one. */
export function nextGroupTopic(curriculum: Curriculum, track: string, cursor: string | undefined): Topic {
  const topics = curriculum.onTrack(track);
  const at = cursor ? topics.findIndex((t) => t.id === curriculum.get(cursor)?.id) : -1;
  return topics[(at + 1) % topics.length]!;
}

export function dailyPromptJob(deps: { groups: GroupStore; curriculum: Curriculum; poster: Poster; log: Logger }): JobHandler<'daily'> {
  return async ({ guildId }, { id, nowMs }) => {
    const group = await deps.groups.get(guildId);
    if (!group || group.paused) return undefined;
    const time = parseLocalTime(group.time)!;
    const slot = previousOccurrence(time, group.tz, nowMs);
    const next = nextOccurrence(time, group.tz, nowMs);
    if (nowMs - slot > DAILY_CATCH_UP_MS) {
      deps.log.info({ jobId: id, guildId, lateMs: nowMs - slot }, 'daily prompt skipped: more than 2 h late');
      return next;
    }
    const topic = nextGroupTopic(deps.curriculum, group.track, group.cursor);
    const view = { topic, moduleTitle: deps.curriculum.module(topic.moduleId).title, slotMs: slot, slotLabel: DateTime.fromMillis(slot, { zone: group.tz }).toFormat('ccc d LLL yyyy') };
    // The nonce de-duplicates a retry for a few minutes only; an attempt recorded before posting lets
    // a retry at any later time know to look for the post first.
    const mayExist = group.postAttempt === slot;
    if (!mayExist) await deps.groups.setPostAttempt(guildId, slot);
    if (!(await postOrPause(deps, guildId, id, () => deps.poster.dailyPrompt(group.channelId, view, nonceFor(id, slot), mayExist)))) return undefined;
    await deps.groups.setCursor(guildId, topic.id);
    return next;
  };
}
