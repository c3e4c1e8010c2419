import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export type Metrics = ReturnType<typeof createMetrics>;

/** Prometheus metrics; one registry per app so several bots in one test process stay apart. */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'syllabot_' });
  return {
    registry,
    interactions: new Counter({ name: 'syllabot_interactions_total', help: 'Interactions handled, by command and outcome', labelNames: ['command', 'outcome'], registers: [registry] }),
    latency: new Histogram({
      name: 'syllabot_interaction_duration_seconds',
      help: 'Time from receiving an interaction to finishing it',
      labelNames: ['command'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    }),
    redisErrors: new Counter({ name: 'syllabot_redis_errors_total', help: 'Redis connection errors and unavailable answers', registers: [registry] }),
    posts: new Counter({ name: 'syllabot_scheduled_posts_total', help: 'Scheduled jobs run, by kind and outcome', labelNames: ['kind', 'outcome'], registers: [registry] }),
    storeLost: new Counter({ name: 'syllabot_store_data_lost_total', help: 'Times the study store was found empty after holding data (its marker vanished)', registers: [registry] }),
    queueLag: new Gauge({ name: 'syllabot_due_queue_lag_seconds', help: 'How late the oldest due job was at the last tick', registers: [registry] }),
  };
}
