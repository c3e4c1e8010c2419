import { Client } from 'discord.js';
import type { Clock } from '../../src/clock.js';
import { loadCurriculum } from '../../src/curriculum/load.js';
import { DiscordPoster } from '../../src/discord/poster.js';
import { GroupService } from '../../src/groups/group-service.js';
import { GroupStore } from '../../src/groups/group-store.js';
import { createLogger } from '../../src/log.js';
import { MeetupStore } from '../../src/meetups/meetup-store.js';
import { dailyPromptJob } from '../../src/scheduler/jobs/daily-prompt.js';
import { meetupReminderJob } from '../../src/scheduler/jobs/meetup-reminder.js';
import { weeklyRecapJob } from '../../src/scheduler/jobs/weekly-recap.js';
import type { Poster } from '../../src/scheduler/poster.js';
import { Scheduler } from '../../src/scheduler/scheduler.js';
import { createKeys } from '../../src/store/keys.js';
import { ProgressStore } from '../../src/store/progress-store.js';
import { createRedis } from '../../src/store/redis.js';
import { ScheduleStore } from '../../src/store/schedule-store.js';
import { TOKEN, type DiscordStandin } from '../../standin/discord-standin.js';
import { redisUrl } from './redis.js';
import { jobIsLive } from '../../src/scheduler/jobs/is-live.js';
import { guildPlanner } from '../../src/scheduler/jobs/planner.js';

/**
 * One scheduler instance as the bot runs it (Redis due-queue, real job handlers, Discord REST to
 * the stand-in), without the gateway: several of these on one Redis act as several bot processes.
 */
export async function schedulerInstance(standin: DiscordStandin, prefix: string, clock: Clock, wrapPoster: (p: Poster) => Poster = (p) => p, url = redisUrl()) {
  const redis = createRedis(url);
  await redis.connect();
  const keys = createKeys(prefix);
  const log = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');
  const client = new Client({ intents: [], rest: { api: standin.apiUrl, retries: 3 } });
  client.rest.setToken(TOKEN);
  const poster = wrapPoster(new DiscordPoster(client, log));
  const curriculum = loadCurriculum('curriculum');
  const groupStore = new GroupStore(redis, keys);
  const meetupStore = new MeetupStore(redis, keys);
  const scheduleStore = new ScheduleStore(redis, keys);
  const scheduler = new Scheduler(
    scheduleStore,
    {
      daily: dailyPromptJob({ groups: groupStore, curriculum, poster, log }),
      recap: weeklyRecapJob({ groups: groupStore, progress: new ProgressStore(redis, keys), poster, log }),
      meetup: meetupReminderJob({ meetups: meetupStore, groups: groupStore, poster, log }),
    },
    clock,
    log,
    { leaseMs: 60_000, orphanSettleMs: 10, isLive: jobIsLive({ groups: groupStore, meetups: meetupStore }), plan: guildPlanner({ groups: groupStore, meetups: meetupStore }) },
  );
  return {
    redis,
    keys,
    scheduler,
    scheduleStore,
    groupStore,
    groups: new GroupService(groupStore, scheduleStore, curriculum, clock),
    curriculum,
    close: () => redis.disconnect(),
  };
}
