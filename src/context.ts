import type { Clock } from './clock.js';
import type { Config } from './config.js';
import type { Curriculum } from './curriculum/curriculum.js';
import type { GroupService } from './groups/group-service.js';
import type { Logger } from './log.js';
import type { MeetupService } from './meetups/meetup-service.js';
import type { ProgressService } from './progress/progress-service.js';
import type { CohortService } from './together/cohort-service.js';
import type { PrivacyService } from './together/privacy-service.js';

/** What a command or job may use. Built once in app.ts. */
export interface AppContext {
  config: Config;
  log: Logger;
  clock: Clock;
  curriculum: Curriculum;
  progress: ProgressService;
  groups: GroupService;
  meetups: MeetupService;
  cohort: CohortService;
  privacy: PrivacyService;
}
