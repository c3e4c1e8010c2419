import { FIELD, type FormErrors, type Path } from './form-errors.js';

/**
 * Discord's documented limits on what a bot sends, checked the way Discord checks them: each
 * broken rule becomes a field error at the path of the offending value. Pure functions over the
 * parsed JSON body; the stand-in answers their errors as `400 50035 Invalid Form Body`.
 *
 * Sources: discord.com/developers/docs — resources/message (content, embeds limits, allowed
 * mentions), components/reference (action rows, buttons, custom_id), interactions/application-
 * commands (names, descriptions, options, choices, the 4,000-character total),
 * interactions/receiving-and-responding (autocomplete), resources/channel (thread names),
 * resources/guild-scheduled-event (field requirements by entity type), reference#uploading-files
 * (files[n], attachments[] ids, attachment:// in embeds).
 */

/* eslint-disable @typescript-eslint/no-explicit-any -- the rules read arbitrary JSON as sent */

/** Characters as Discord counts them (code points, so an emoji is one). */
export function length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++, n++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
  }
  return n;
}

const str = (v: unknown): v is string => typeof v === 'string';
const arr = (v: unknown): v is any[] => Array.isArray(v);

function maxLen(errors: FormErrors, path: Path, value: unknown, max: number): void {
  if (str(value) && length(value) > max) errors.add(path, FIELD.maxLength(max).code, FIELD.maxLength(max).message);
}

function between(errors: FormErrors, path: Path, value: unknown, min: number, max: number): void {
  if (value === undefined || value === null) {
    if (min > 0) errors.add(path, FIELD.required().code, FIELD.required().message);
    return;
  }
  if (str(value) && (length(value) < min || length(value) > max)) errors.add(path, FIELD.badLength(min, max).code, FIELD.badLength(min, max).message);
}

function maxItems(errors: FormErrors, path: Path, value: unknown, max: number): void {
  if (arr(value) && value.length > max) errors.add(path, FIELD.maxLength(max).code, FIELD.maxLength(max).message);
}

// ---- strings ----

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Every string (and key) must be valid Unicode: a lone surrogate cannot be stored as UTF-8. */
export function checkUnicode(body: unknown, errors: FormErrors, path: Path = []): void {
  if (str(body)) {
    if (LONE_SURROGATE.test(body)) errors.add(path, 'STRING_TYPE_INVALID_UNICODE', 'Invalid unicode: the string holds a lone surrogate.');
    return;
  }
  if (arr(body)) body.forEach((v, n) => checkUnicode(v, errors, [...path, n]));
  else if (body && typeof body === 'object') {
    for (const [k, v] of Object.entries(body)) {
      if (LONE_SURROGATE.test(k)) errors.add([...path, k], 'STRING_TYPE_INVALID_UNICODE', 'Invalid unicode: the key holds a lone surrogate.');
      checkUnicode(v, errors, [...path, k]);
    }
  }
}

// ---- messages ----

export const LIMITS = {
  content: 2000,
  embeds: 10,
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footerText: 2048,
  authorName: 256,
  embedTotal: 6000,
  actionRows: 5,
  rowButtons: 5,
  buttonLabel: 80,
  customId: 100,
  mentionIds: 100,
  nonce: 25,
  autocompleteChoices: 25,
  choiceName: 100,
  choiceValue: 100,
  commandName: 32,
  commandDescription: 100,
  commandOptions: 25,
  optionChoices: 25,
  commandTotal: 4000,
  threadName: 100,
  eventName: 100,
  eventDescription: 1000,
  eventLocation: 100,
} as const;

const IS_COMPONENTS_V2 = 1 << 15;

/**
 * Whether a message has anything to show (Discord: 50006 "Cannot send an empty message"). Files
 * uploaded with it count (`files`: how many), even when `attachments` does not list them.
 */
export function isEmptyMessage(body: any, files = 0): boolean {
  if (files > 0) return false;
  if (!body || typeof body !== 'object') return true;
  const some = (v: unknown) => arr(v) && v.length > 0;
  return !(str(body.content) && body.content.length > 0) && !some(body.embeds) && !some(body.components) && !some(body.sticker_ids) && !some(body.attachments) && !body.poll;
}

/**
 * A message body (create, edit, interaction reply, follow-up). `at` prefixes every path, e.g.
 * `['data']` inside an interaction callback.
 */
export function checkMessage(body: any, errors: FormErrors, at: Path = []): void {
  if (!body || typeof body !== 'object') return;
  maxLen(errors, [...at, 'content'], body.content, LIMITS.content);
  maxLen(errors, [...at, 'nonce'], body.nonce, LIMITS.nonce);
  checkEmbeds(body.embeds, errors, [...at, 'embeds']);
  checkComponents(body.components, (body.flags ?? 0) & IS_COMPONENTS_V2, errors, [...at, 'components']);
  checkAllowedMentions(body.allowed_mentions, errors, [...at, 'allowed_mentions']);
}

function checkEmbeds(embeds: unknown, errors: FormErrors, at: Path): void {
  if (!arr(embeds)) return;
  maxItems(errors, at, embeds, LIMITS.embeds);
  let total = 0;
  embeds.forEach((embed: any, n) => {
    if (!embed || typeof embed !== 'object') return;
    const here = [...at, n];
    maxLen(errors, [...here, 'title'], embed.title, LIMITS.embedTitle);
    maxLen(errors, [...here, 'description'], embed.description, LIMITS.embedDescription);
    maxLen(errors, [...here, 'footer', 'text'], embed.footer?.text, LIMITS.footerText);
    maxLen(errors, [...here, 'author', 'name'], embed.author?.name, LIMITS.authorName);
    maxItems(errors, [...here, 'fields'], embed.fields, LIMITS.embedFields);
    for (const text of [embed.title, embed.description, embed.footer?.text, embed.author?.name]) if (str(text)) total += length(text);
    if (arr(embed.fields)) {
      embed.fields.forEach((field: any, f: number) => {
        between(errors, [...here, 'fields', f, 'name'], field?.name, 1, LIMITS.fieldName);
        between(errors, [...here, 'fields', f, 'value'], field?.value, 1, LIMITS.fieldValue);
        if (str(field?.name)) total += length(field.name);
        if (str(field?.value)) total += length(field.value);
      });
    }
  });
  if (total > LIMITS.embedTotal) errors.add(at, 'MAX_EMBED_SIZE_EXCEEDED', `Embed size exceeds maximum size of ${LIMITS.embedTotal}`);
}

function checkComponents(components: unknown, v2: number, errors: FormErrors, at: Path): void {
  if (!arr(components)) return;
  if (!v2) maxItems(errors, at, components, LIMITS.actionRows);
  const ids = new Map<string, Path>();
  const visit = (component: any, path: Path) => {
    if (!component || typeof component !== 'object') return;
    if (component.type === 1 && arr(component.components)) {
      const buttons = component.components.filter((c: any) => c?.type === 2).length;
      if (buttons > LIMITS.rowButtons) errors.add([...path, 'components'], FIELD.maxLength(LIMITS.rowButtons).code, FIELD.maxLength(LIMITS.rowButtons).message);
    }
    if (component.type === 2) maxLen(errors, [...path, 'label'], component.label, LIMITS.buttonLabel);
    if (component.custom_id !== undefined && component.custom_id !== null) {
      between(errors, [...path, 'custom_id'], component.custom_id, 1, LIMITS.customId);
      if (str(component.custom_id)) {
        if (ids.has(component.custom_id)) errors.add([...path, 'custom_id'], 'COMPONENT_CUSTOM_ID_DUPLICATED', 'Component custom id cannot be duplicated');
        else ids.set(component.custom_id, path);
      }
    }
    if (arr(component.components)) component.components.forEach((c: any, n: number) => visit(c, [...path, 'components', n]));
    if (component.accessory) visit(component.accessory, [...path, 'accessory']);
  };
  components.forEach((c, n) => visit(c, [...at, n]));
}

function checkAllowedMentions(mentions: any, errors: FormErrors, at: Path): void {
  if (!mentions || typeof mentions !== 'object') return;
  const parse: unknown[] = arr(mentions.parse) ? mentions.parse : [];
  for (const kind of ['users', 'roles'] as const) {
    maxItems(errors, [...at, kind], mentions[kind], LIMITS.mentionIds);
    if (parse.includes(kind) && arr(mentions[kind]) && mentions[kind].length > 0) {
      errors.add(at, 'MESSAGE_ALLOWED_MENTIONS_PARSE_EXCLUSIVE', `parse:["${kind}"] and ${kind}: [ids...] are mutually exclusive.`);
    }
  }
}

// ---- attachments ----

/** A file part of a multipart request, as the rules see it (its bytes are the stand-in's concern). */
export interface Upload {
  /** The form field: `files[0]` is what an `attachments[]` entry with id `0` refers to. */
  field: string;
  /** The filename of the part's Content-Disposition (empty when it had none). */
  filename: string;
}

/** An attachment a message already has (an edit keeps it when `attachments` lists its id, or is left out). */
export interface Attached {
  id: string;
  filename: string;
}

export const ATTACHMENT_LIMITS = {
  /** Files on one message. */
  files: 10,
  filename: 1024,
  /** Bytes per file: the `attachment_size_limit` Discord sends with every interaction, by default. */
  fileSize: 10 * 1024 * 1024,
} as const;

const FILE_FIELD = /^files\[(\d+)\]$/;

/** The `attachments[]` id a file part answers to (`files[3]` -> `3`), if it has one. */
export function uploadId(upload: Upload): string | undefined {
  return FILE_FIELD.exec(upload.field)?.[1];
}

/** The name a file gets on the message: its `attachments[]` entry's filename, else the upload's. */
export function uploadFilename(body: any, upload: Upload): string {
  const id = uploadId(upload);
  const entry = id !== undefined && arr(body?.attachments) ? body.attachments.find((a: any) => a && String(a.id) === id) : undefined;
  return str(entry?.filename) && entry.filename.length > 0 ? entry.filename : upload.filename;
}

/** What a message has after a create or edit: the attachments `attachments[]` keeps (all, when left out), then the files uploaded. */
export function keptAttachments<A extends Attached>(body: any, existing: readonly A[]): A[] {
  if (!arr(body?.attachments)) return [...existing];
  return existing.filter((a) => body.attachments.some((entry: any) => entry && String(entry.id) === a.id));
}

const EMBED_IMAGES = [
  ['image', 'url'],
  ['thumbnail', 'url'],
  ['author', 'icon_url'],
  ['footer', 'icon_url'],
] as const;

/**
 * The files of a message-creating or -editing request (`at` prefixes the paths, e.g. `['data']`
 * inside an interaction callback), against its `attachments[]` and embeds:
 * - at most 10 attachments on the message (the files uploaded and those an edit keeps);
 * - every `attachments[]` id names a file uploaded as `files[<id>]` or, in an edit, an attachment
 *   the message has (Discord: `ATTACHMENT_NOT_FOUND` "Attachment data not found");
 * - every file has a filename, 1 to 1,024 characters;
 * - an embed image, thumbnail or icon at `attachment://<name>` names a file of this message.
 *   Discord accepts a dangling one and shows no image; the stand-in refuses it
 *   (`EMBED_ATTACHMENT_NOT_FOUND`) so a test fails the way a member would see a broken card.
 * A file over the size limit is not a form error (413 40005); the stand-in checks that first.
 */
export function checkAttachments(body: any, uploads: readonly Upload[], existing: readonly Attached[], errors: FormErrors, at: Path = []): void {
  const message = body && typeof body === 'object' ? body : {};
  const listed: any[] | undefined = arr(message.attachments) ? message.attachments : undefined;
  const kept = keptAttachments(message, existing);
  if (kept.length + uploads.length > ATTACHMENT_LIMITS.files || (listed?.length ?? 0) > ATTACHMENT_LIMITS.files) {
    errors.add([...at, 'attachments'], FIELD.maxLength(ATTACHMENT_LIMITS.files).code, FIELD.maxLength(ATTACHMENT_LIMITS.files).message);
  }
  const ids = new Set(uploads.map(uploadId).filter((id): id is string => id !== undefined));
  listed?.forEach((entry, n) => {
    const id = entry && typeof entry === 'object' ? String(entry.id) : undefined;
    if (id === undefined || (!ids.has(id) && !existing.some((a) => a.id === id))) errors.add([...at, 'attachments', n], 'ATTACHMENT_NOT_FOUND', 'Attachment data not found');
    if (entry && typeof entry === 'object' && entry.filename !== undefined && entry.filename !== null) between(errors, [...at, 'attachments', n, 'filename'], entry.filename, 1, ATTACHMENT_LIMITS.filename);
  });
  for (const upload of uploads) {
    const name = uploadFilename(message, upload);
    if (name.length === 0) errors.add([upload.field, 'filename'], FIELD.required().code, FIELD.required().message);
    else maxLen(errors, [upload.field, 'filename'], name, ATTACHMENT_LIMITS.filename);
  }
  const names = new Set([...kept.map((a) => a.filename), ...uploads.map((u) => uploadFilename(message, u))]);
  if (!arr(message.embeds)) return;
  message.embeds.forEach((embed: any, n: number) => {
    for (const [part, key] of EMBED_IMAGES) {
      const url = embed?.[part]?.[key];
      if (!str(url) || !url.startsWith('attachment://')) continue;
      const name = url.slice('attachment://'.length);
      if (!names.has(name)) errors.add([...at, 'embeds', n, part, key], 'EMBED_ATTACHMENT_NOT_FOUND', `${url} names no file of this message: Discord would show no image (the stand-in refuses it).`);
    }
  });
}

// ---- interaction callbacks ----

/** Interaction types (what Discord sent) and the callback types each may be answered with. */
const CALLBACKS_FOR: Record<number, number[]> = {
  1: [1], // PING -> PONG
  2: [4, 5, 9, 12], // APPLICATION_COMMAND
  3: [4, 5, 6, 7, 9, 12], // MESSAGE_COMPONENT
  4: [8], // APPLICATION_COMMAND_AUTOCOMPLETE
  5: [4, 5, 6, 7, 12], // MODAL_SUBMIT
};

/** A POST /interactions/:id/:token/callback body, for an interaction of `interactionType`. */
export function checkCallback(body: any, interactionType: number | undefined, errors: FormErrors): void {
  if (!body || typeof body !== 'object') {
    errors.add(['type'], FIELD.required().code, FIELD.required().message);
    return;
  }
  const allowed = interactionType === undefined ? undefined : CALLBACKS_FOR[interactionType];
  if (allowed && !allowed.includes(body.type)) errors.add(['type'], 'INTERACTION_RESPONSE_TYPE_INVALID', `Interaction response type ${body.type} is not valid for an interaction of type ${interactionType}.`);
  if (body.type === 4 || body.type === 7) checkMessage(body.data, errors, ['data']);
  if (body.type === 8) checkAutocomplete(body.data, errors);
}

function checkAutocomplete(data: any, errors: FormErrors): void {
  const choices = data?.choices;
  if (!arr(choices)) {
    errors.add(['data', 'choices'], FIELD.required().code, FIELD.required().message);
    return;
  }
  maxItems(errors, ['data', 'choices'], choices, LIMITS.autocompleteChoices);
  choices.forEach((choice: any, n) => {
    between(errors, ['data', 'choices', n, 'name'], choice?.name, 1, LIMITS.choiceName);
    maxLen(errors, ['data', 'choices', n, 'value'], choice?.value, LIMITS.choiceValue);
  });
}

// ---- command registration ----

/** Discord's pattern for command and option names (CHAT_INPUT names must also be lower case). */
export const NAME_PATTERN = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;

const SUBCOMMAND = 1;
const SUBCOMMAND_GROUP = 2;
const STRING = 3;

/** A PUT /applications/:app(/guilds/:guild)/commands body: the whole list of commands. */
export function checkCommandList(body: unknown, errors: FormErrors): void {
  if (!arr(body)) return;
  const seen = new Set<string>();
  body.forEach((command, n) => {
    checkCommand(command, errors, [n]);
    const key = `${command?.type ?? 1}:${command?.name}`;
    if (seen.has(key)) errors.add([n, 'name'], 'APPLICATION_COMMANDS_DUPLICATE_NAME', `Application command names must be unique`);
    seen.add(key);
  });
}

/** One command (POST/PATCH a command, or one entry of the PUT list). */
export function checkCommand(command: any, errors: FormErrors, at: Path = []): void {
  if (!command || typeof command !== 'object') return;
  const chatInput = (command.type ?? 1) === 1;
  checkName(command.name, chatInput, errors, [...at, 'name'], 'APPLICATION_COMMAND_INVALID_NAME', 'Command name is invalid');
  if (chatInput) between(errors, [...at, 'description'], command.description, 1, LIMITS.commandDescription);
  else if (str(command.description) && command.description.length > 0) errors.add([...at, 'description'], 'APPLICATION_COMMAND_INVALID_DESCRIPTION', 'Description must be empty for user and message commands');
  checkOptions(command.options, errors, [...at, 'options']);
  const size = commandSize(command);
  if (size > LIMITS.commandTotal) errors.add(at, 'APPLICATION_COMMAND_TOO_LARGE', `Command exceeds maximum size (${LIMITS.commandTotal})`);
}

function checkName(name: unknown, lowerCase: boolean, errors: FormErrors, path: Path, code: string, message: string): void {
  if (!str(name)) {
    errors.add(path, FIELD.required().code, FIELD.required().message);
    return;
  }
  if (lowerCase ? !NAME_PATTERN.test(name) || name !== name.toLowerCase() : length(name) < 1 || length(name) > LIMITS.commandName) errors.add(path, code, message);
}

function checkOptions(options: unknown, errors: FormErrors, at: Path): void {
  if (!arr(options)) return;
  maxItems(errors, at, options, LIMITS.commandOptions);
  let optionalSeen = false;
  const names = new Set<string>();
  options.forEach((option: any, n) => {
    const here = [...at, n];
    if (!option || typeof option !== 'object') return;
    checkName(option.name, true, errors, [...here, 'name'], 'APPLICATION_COMMAND_INVALID_NAME', 'Command name is invalid');
    if (str(option.name)) {
      if (names.has(option.name)) errors.add([...here, 'name'], 'APPLICATION_COMMAND_OPTIONS_NAME_ALREADY_EXISTS', 'Option names must be unique');
      names.add(option.name);
    }
    between(errors, [...here, 'description'], option.description, 1, LIMITS.commandDescription);
    const nested = option.type === SUBCOMMAND || option.type === SUBCOMMAND_GROUP;
    if (!nested) {
      if (option.required === true && optionalSeen) errors.add(here, 'APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID', 'Required options must be placed before non-required options');
      if (option.required !== true) optionalSeen = true;
    }
    if (arr(option.choices)) {
      maxItems(errors, [...here, 'choices'], option.choices, LIMITS.optionChoices);
      option.choices.forEach((choice: any, c: number) => {
        between(errors, [...here, 'choices', c, 'name'], choice?.name, 1, LIMITS.choiceName);
        if (option.type === STRING) maxLen(errors, [...here, 'choices', c, 'value'], choice?.value, LIMITS.choiceValue);
      });
    }
    if (typeof option.min_length === 'number' && typeof option.max_length === 'number' && option.min_length > option.max_length) {
      errors.add([...here, 'min_length'], 'APPLICATION_COMMAND_OPTION_INVALID_LENGTH', 'min_length must be less than or equal to max_length');
    }
    if (typeof option.min_value === 'number' && typeof option.max_value === 'number' && option.min_value > option.max_value) {
      errors.add([...here, 'min_value'], 'APPLICATION_COMMAND_OPTION_INVALID_VALUE', 'min_value must be less than or equal to max_value');
    }
    if (nested) checkOptions(option.options, errors, [...here, 'options']);
    else if (arr(option.options) && option.options.length) errors.add([...here, 'options'], 'APPLICATION_COMMAND_OPTIONS_TYPE_INVALID', 'Only subcommands and groups may have options');
  });
}

/**
 * Discord's size of a command: the characters of every name, description and choice name/value,
 * the command's and all its options', counting for each field the longest of it and its
 * localizations.
 */
export function commandSize(command: any): number {
  const longest = (value: unknown, localized: unknown): number => {
    let n = str(value) ? length(value) : typeof value === 'number' ? String(value).length : 0;
    if (localized && typeof localized === 'object') for (const v of Object.values(localized)) if (str(v)) n = Math.max(n, length(v));
    return n;
  };
  let total = longest(command?.name, command?.name_localizations) + longest(command?.description, command?.description_localizations);
  for (const option of arr(command?.options) ? command.options : []) {
    total += commandSize(option);
    for (const choice of arr(option?.choices) ? option.choices : []) total += longest(choice?.name, choice?.name_localizations) + longest(choice?.value, undefined);
  }
  return total;
}

// ---- threads and scheduled events ----

/** POST /channels/:id/messages/:id/threads (and /channels/:id/threads). */
export function checkThread(body: any, errors: FormErrors): void {
  between(errors, ['name'], body?.name, 1, LIMITS.threadName);
}

/** POST /guilds/:id/scheduled-events, with `now` the stand-in's clock. */
export function checkScheduledEvent(body: any, now: number, errors: FormErrors): void {
  if (!body || typeof body !== 'object') return;
  between(errors, ['name'], body.name, 1, LIMITS.eventName);
  if (body.description !== undefined && body.description !== null) between(errors, ['description'], body.description, 1, LIMITS.eventDescription);
  if (body.privacy_level !== 2) errors.add(['privacy_level'], 'BASE_TYPE_CHOICES', 'Value must be one of {2}.');
  const start = str(body.scheduled_start_time) ? Date.parse(body.scheduled_start_time) : NaN;
  if (!str(body.scheduled_start_time)) errors.add(['scheduled_start_time'], FIELD.required().code, FIELD.required().message);
  else if (Number.isNaN(start)) errors.add(['scheduled_start_time'], 'DATE_TIME_TYPE_PARSE', 'Could not parse the value as an ISO8601 timestamp.');
  else if (start <= now) errors.add(['scheduled_start_time'], 'GUILD_SCHEDULED_EVENT_SCHEDULE_PAST', 'Cannot schedule event in the past.');
  const end = str(body.scheduled_end_time) ? Date.parse(body.scheduled_end_time) : NaN;
  if (body.entity_type === 3) {
    between(errors, ['entity_metadata', 'location'], body.entity_metadata?.location, 1, LIMITS.eventLocation);
    if (!str(body.scheduled_end_time)) errors.add(['scheduled_end_time'], FIELD.required().code, FIELD.required().message);
    if (body.channel_id !== undefined && body.channel_id !== null) errors.add(['channel_id'], 'GUILD_SCHEDULED_EVENT_CHANNEL_NOT_ALLOWED', 'An external event cannot have a channel.');
  } else if (body.entity_type === 1 || body.entity_type === 2) {
    if (!str(body.channel_id)) errors.add(['channel_id'], FIELD.required().code, FIELD.required().message);
  } else {
    errors.add(['entity_type'], 'BASE_TYPE_CHOICES', 'Value must be one of {1, 2, 3}.');
  }
  if (!Number.isNaN(start) && !Number.isNaN(end) && end <= start) errors.add(['scheduled_end_time'], 'GUILD_SCHEDULED_EVENT_END_BEFORE_START', 'The end time must be after the start time.');
}
