/**
 * Discord's error answers. An invalid body is `400 { code: 50035, message: 'Invalid Form Body',
 * errors }`, where `errors` mirrors the body: each failing field holds `_errors: [{ code, message }]`
 * (`{ embeds: { 0: { title: { _errors: [...] } } } }`); discord.js prints that as
 * `embeds[0].title[BASE_TYPE_MAX_LENGTH]: Must be 256 or fewer in length.`
 * Anything else is `{ code, message }` with its own HTTP status (403 50013, 404 10062, …).
 */

export type Path = Array<string | number>;

export interface FieldError {
  code: string;
  message: string;
}

export interface ErrorTree {
  [key: string]: ErrorTree | FieldError[] | undefined;
  _errors?: FieldError[];
}

export interface StandinReply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** A JSON error (not a form body error): `{ code, message }` with its status. */
export function jsonError(status: number, code: number, message: string): StandinReply {
  return { status, body: { code, message } };
}

export const ERRORS = {
  unknownChannel: () => jsonError(404, 10003, 'Unknown Channel'),
  unknownMessage: () => jsonError(404, 10008, 'Unknown Message'),
  unknownWebhook: () => jsonError(404, 10015, 'Unknown Webhook'),
  unknownInteraction: () => jsonError(404, 10062, 'Unknown interaction'),
  entityTooLarge: () => jsonError(413, 40005, 'Request entity too large'),
  alreadyAcknowledged: () => jsonError(400, 40060, 'Interaction has already been acknowledged.'),
  missingAccess: () => jsonError(403, 50001, 'Missing Access'),
  missingPermissions: () => jsonError(403, 50013, 'Missing Permissions'),
  emptyMessage: () => jsonError(400, 50006, 'Cannot send an empty message'),
  invalidJson: () => jsonError(400, 50109, 'The request body contains invalid JSON.'),
  threadExists: () => jsonError(400, 160004, 'A thread has already been created for this message'),
} as const;

/** Collects field errors at paths, then answers them as one 50035. */
export class FormErrors {
  private readonly tree: ErrorTree = {};
  private count = 0;

  add(path: Path, code: string, message: string): this {
    let node = this.tree;
    for (const key of path) {
      const k = String(key);
      node = (node[k] ??= {}) as ErrorTree;
    }
    const list = (node._errors ??= []);
    if (!list.some((e) => e.code === code && e.message === message)) {
      list.push({ code, message });
      this.count++;
    }
    return this;
  }

  get empty(): boolean {
    return this.count === 0;
  }

  /** The errors as `path[CODE]: message` lines, the way discord.js prints them. */
  lines(): string[] {
    const out: string[] = [];
    const walk = (node: ErrorTree, path: string[]) => {
      for (const e of node._errors ?? []) out.push(`${formatPath(path)}[${e.code}]: ${e.message}`);
      for (const [k, v] of Object.entries(node)) if (k !== '_errors') walk(v as ErrorTree, [...path, k]);
    };
    walk(this.tree, []);
    return out;
  }

  reply(): StandinReply | undefined {
    if (this.empty) return undefined;
    return { status: 400, body: { code: 50035, message: 'Invalid Form Body', errors: this.tree } };
  }
}

function formatPath(path: string[]): string {
  return path.map((k, n) => (/^\d+$/.test(k) ? (n === 0 ? k : `[${k}]`) : n === 0 ? k : `.${k}`)).join('');
}

/** The messages Discord uses for its common field errors. */
export const FIELD = {
  maxLength: (max: number): FieldError => ({ code: 'BASE_TYPE_MAX_LENGTH', message: `Must be ${max} or fewer in length.` }),
  badLength: (min: number, max: number): FieldError => ({ code: 'BASE_TYPE_BAD_LENGTH', message: `Must be between ${min} and ${max} in length.` }),
  required: (): FieldError => ({ code: 'BASE_TYPE_REQUIRED', message: 'This field is required' }),
};
