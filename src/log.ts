import { pino, type Logger } from 'pino';

export type { Logger };

/** JSON logs; secrets are redacted wherever they might appear in a logged object. */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { app: 'syllabot' },
    redact: { paths: ['token', '*.token', 'config.DISCORD_TOKEN', 'DISCORD_TOKEN', 'headers.authorization'], censor: '[redacted]' },
  });
}
