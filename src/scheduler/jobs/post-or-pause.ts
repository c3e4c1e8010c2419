import type { GroupStore } from '../../groups/group-store.js';
import type { Logger } from '../../log.js';
import { PostRefused } from '../poster.js';

/**
 * Runs a post; when the channel refuses it for good (missing access, deleted channel) the group's
 * schedule pauses with the reason, for /studygroup show to tell the admin. Nothing retries forever.
 * Other errors propagate, and the scheduler retries them within the slot.
 */
export async function postOrPause(deps: { groups: GroupStore; log: Logger }, guildId: string, jobId: string, post: () => Promise<void>): Promise<boolean> {
  try {
    await post();
    return true;
  } catch (error) {
    if (!(error instanceof PostRefused)) throw error;
    await deps.groups.setPaused(guildId, error.reason);
    deps.log.warn({ jobId, guildId, reason: error.reason }, 'group paused');
    return false;
  }
}
