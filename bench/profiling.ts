import { Session } from 'node:inspector/promises';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * IPC handlers that record a CPU profile (the `.cpuprofile` format `node --cpu-prof` writes) of a
 * stretch of work only: `profile-start`, then `profile-stop` with a folder, which writes
 * `<name>-<pid>.cpuprofile` there and answers its path. Start-up (READY with a thousand guilds)
 * stays out of the profile.
 */
export function profilingHandlers(name: string) {
  let session: Session | undefined;
  return {
    async 'profile-start'() {
      session = new Session();
      session.connect();
      await session.post('Profiler.enable');
      await session.post('Profiler.setSamplingInterval', { interval: 500 });
      await session.post('Profiler.start');
    },
    async 'profile-stop'(dir: string) {
      if (!session) throw new Error('no profile was started');
      const { profile } = await session.post('Profiler.stop');
      session.disconnect();
      session = undefined;
      const file = join(dir, `${name}-${process.pid}.cpuprofile`);
      writeFileSync(file, JSON.stringify(profile));
      return file;
    },
  };
}
