import { z } from 'zod';

/**
 * The shape of curriculum files. Strict objects: a misspelt key is an error, not a silently
 * ignored field. Lengths keep every topic inside Discord's embed limits.
 */
export const slug = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lower-case words joined by dashes, like "git-basics"')
  .max(60);

export const resourceSchema = z.strictObject({
  title: z.string().min(1).max(100),
  url: z
    .string()
    .max(300)
    .regex(/^https:\/\/[^\s/]+\.[^\s]+$/, 'must be an https:// link'),
  kind: z.enum(['docs', 'spec', 'book', 'course', 'article', 'video', 'tool']),
});

/** Discord button labels hold 80 characters; an option must fit one. */
export const OPTION_MAX = 80;

/**
 * One self-check question. The right answer and the wrong ones are named apart, so a question can
 * only ever have one correct option; the bot shuffles them when it asks.
 */
export const questionSchema = z
  .strictObject({
    question: z.string().min(10).max(300),
    answer: z.string().min(1).max(OPTION_MAX),
    wrong: z.array(z.string().min(1).max(OPTION_MAX)).min(2).max(3),
    explain: z.string().min(10).max(300),
  })
  .refine((q) => new Set([q.answer, ...q.wrong].map((o) => o.trim().toLowerCase())).size === q.wrong.length + 1, {
    message: 'options must be distinct (the answer and every wrong option differ)',
  });

export const topicSchema = z.strictObject({
  id: slug,
  title: z.string().min(1).max(80),
  /** lesson (default) or project: a project has a brief, acceptance criteria and honest hours. */
  kind: z.enum(['lesson', 'project']).default('lesson'),
  minutes: z.int().min(5).max(2400),
  points: z.int().min(1).max(200).optional(),
  requires: z.array(slug).default([]),
  tracks: z.array(slug).min(1).optional(),
  aliases: z.array(slug).default([]),
  summary: z.string().min(20).max(1000),
  objectives: z.array(z.string().min(1).max(150)).min(1).max(6),
  resources: z.array(resourceSchema).min(1).max(3),
  practice: z.string().min(1).max(600),
  prompt: z.string().min(1).max(300),
  /** For projects: what a peer checks before calling it done. */
  acceptance: z.array(z.string().min(1).max(200)).min(2).max(8).optional(),
  /** Self-check questions, asked after the topic is done and again in review. */
  check: z.array(questionSchema).min(2).max(5).optional(),
}).refine((t) => t.kind !== 'project' || t.acceptance !== undefined, { message: 'a project needs acceptance criteria', path: ['acceptance'] });

export const moduleSchema = z.strictObject({
  id: slug,
  title: z.string().min(1).max(80),
  summary: z.string().min(1).max(500),
  topics: z.array(topicSchema).min(1),
});

export const indexSchema = z.strictObject({
  id: slug,
  version: z.union([z.int().min(1), z.string().min(1).max(40)]),
  title: z.string().min(1).max(100),
  tracks: z.array(z.strictObject({ id: slug, title: z.string().min(1).max(40) })).min(1),
  modules: z.array(z.string().regex(/^[A-Za-z0-9_.-]+\.ya?ml$/, 'must be a .yaml file name in the curriculum folder')).min(1),
});

export type TopicInput = z.infer<typeof topicSchema>;
export type ModuleInput = z.infer<typeof moduleSchema>;
export type IndexInput = z.infer<typeof indexSchema>;
export type Resource = z.infer<typeof resourceSchema>;
export type Question = z.infer<typeof questionSchema>;
