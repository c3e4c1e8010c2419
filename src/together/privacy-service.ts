import type { Clock } from '../clock.js';
import { UserError } from '../errors.js';
import { boardPeriodsAround } from '../progress/periods.js';
import { BOARD_TTL_SECONDS } from '../store/keys.js';
import type { MemberDataStore, MemberInventory } from '../store/member-data-store.js';
import type { PrivacyStore } from '../store/privacy-store.js';

/** Boards a member may still be on: the all-time one and every week and month not yet expired. */
const KEEP_DAYS = { week: BOARD_TTL_SECONDS.week / 86_400, month: BOARD_TTL_SECONDS.month / 86_400 };

/** Erase attempts before giving up: each finds what a concurrent command wrote meanwhile. */
const ERASE_ATTEMPTS = 3;

export type ForgetResult = { kind: 'nothing' } | { kind: 'erased'; what: MemberInventory };

/**
 * A member's privacy in a server: hiding from the boards and the cohort view, the server's choice to
 * turn boards off, and erasing everything stored about a member. No Discord here.
 */
export class PrivacyService {
  constructor(
    private readonly store: PrivacyStore,
    private readonly data: MemberDataStore,
    private readonly clock: Clock,
  ) {}

  status(guildId: string, userId: string): Promise<{ hidden: boolean; boardsOff: boolean }> {
    return this.store.read(guildId, userId);
  }

  /** Hides the member from (or shows them on) the boards and the cohort view; true when it changed. */
  setHidden(guildId: string, userId: string, hidden: boolean): Promise<boolean> {
    return this.store.setHidden(guildId, userId, hidden);
  }

  setBoards(guildId: string, on: boolean): Promise<void> {
    return this.store.setBoards(guildId, on);
  }

  /**
   * Erases everything stored about the member in this server and says what it was. The erase is one
   * MULTI; a command of the member's running at the same moment may write again after it, so the
   * store is read once more and erased again until nothing is left.
   */
  async forget(guildId: string, userId: string): Promise<ForgetResult> {
    // Boards are named by period in the zone of whoever wrote them: UTC with a margin covers every zone.
    const places = boardPeriodsAround(this.clock.now(), 'UTC', KEEP_DAYS);
    const what = await this.data.inventory(guildId, userId, places);
    if (isEmpty(what)) return { kind: 'nothing' };
    for (let attempt = 0; attempt < ERASE_ATTEMPTS; attempt++) {
      await this.data.erase(guildId, userId, places);
      if (isEmpty(await this.data.inventory(guildId, userId, places))) return { kind: 'erased', what };
    }
    throw new UserError('Your progress kept changing while I erased it (a command of yours was still running). Run `/forget-me` again to erase the rest.');
  }
}

const isEmpty = (i: MemberInventory) => !i.anyOwnKey && !i.boards && !i.rsvps && !i.meetupsCreated && !i.hidden && !i.active;
