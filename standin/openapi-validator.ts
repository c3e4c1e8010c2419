import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import formats from 'ajv-formats';
import { FormErrors, type Path } from './form-errors.js';

/**
 * Checks request bodies against Discord's own OpenAPI description (github.com/discord/
 * discord-api-spec, vendored in tests/fixtures/discord-api-spec with its version and date).
 *
 * The spec is large (1.2 MB, ~150 routes, ~1,000 schemas): it is read once per process when the
 * first body is checked, and each route's schema is compiled the first time that route is seen,
 * then cached. `$ref`s resolve inside the one spec document.
 *
 * Where Discord's documentation and its (preview) spec disagree, the documentation wins (the spec's
 * README says so); those corrections are the `DOC_OVERRIDES` below, each with its reason.
 */

export const SPEC_PATH = fileURLToPath(new URL('../tests/fixtures/discord-api-spec/openapi.json', import.meta.url));
const SPEC_ID = 'https://discord.standin/openapi.json';

/* eslint-disable @typescript-eslint/no-explicit-any -- the spec is arbitrary JSON */

interface Override {
  /** JSON pointer below #/components/schemas. */
  schema: string;
  property: string;
  replace: unknown;
  why: string;
}

const PERMISSIONS_AS_DOCUMENTED = { oneOf: [{ type: 'null' }, { type: 'string', pattern: '^[0-9]+$' }, { type: 'integer', minimum: 0 }] };

export const DOC_OVERRIDES: Override[] = ['ApplicationCommandCreateRequest', 'ApplicationCommandUpdateRequest', 'ApplicationCommandPatchRequestPartial'].map((schema) => ({
  schema,
  property: 'default_member_permissions',
  replace: PERMISSIONS_AS_DOCUMENTED,
  why: 'a permissions bitfield is a string in the docs (and what discord.js sends); the spec says integer',
}));

export interface BodyCheck {
  /** The spec's route template that matched, e.g. `/channels/{channel_id}/messages`. */
  route?: string;
  errors: FormErrors;
}

interface Route {
  template: string;
  pattern: RegExp;
  literal: number;
  item: Record<string, any>;
}

export class OpenApiValidator {
  private readonly ajv: Ajv2020;
  private readonly routes: Route[];
  private readonly compiled = new Map<string, ValidateFunction | null>();
  private readonly discriminate: (schema: unknown) => any;
  readonly version: string;

  constructor(spec: any) {
    this.version = `${spec.info?.title} v${spec.info?.version} (OpenAPI ${spec.openapi})`;
    const components = structuredClone(spec.components);
    for (const o of DOC_OVERRIDES) {
      const schema = components.schemas?.[o.schema];
      if (schema?.properties?.[o.property]) schema.properties[o.property] = o.replace;
    }
    this.ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true, code: { optimize: false } });
    formats.default(this.ajv);
    this.ajv.addFormat('snowflake', /^(0|[1-9][0-9]*)$/);
    this.ajv.addFormat('nonce', true);
    const resolve = (ref: string) => (ref.startsWith('#/components/schemas/') ? components.schemas[ref.slice('#/components/schemas/'.length)] : undefined);
    this.discriminate = (schema: unknown) => discriminateUnions(schema, resolve);
    components.schemas = this.discriminate(components.schemas);
    this.ajv.addSchema({ $id: SPEC_ID, components });
    this.routes = Object.entries(spec.paths as Record<string, any>).map(([template, item]) => ({
      template,
      pattern: new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+')}$`),
      literal: template.replace(/\{[^}]+\}/g, '').length,
      item,
    }));
  }

  /** The spec's route for a request path (the most literal one when several match). */
  route(path: string): Route | undefined {
    let best: Route | undefined;
    for (const r of this.routes) if (r.pattern.test(path) && (!best || r.literal > best.literal)) best = r;
    return best;
  }

  /** Checks a JSON body (or multipart payload_json) against its route's request schema. */
  check(method: string, path: string, body: unknown, errors = new FormErrors()): BodyCheck {
    const route = this.route(path);
    if (!route) return { errors };
    const validate = this.validator(route, method.toLowerCase());
    if (!validate) return { route: route.template, errors };
    const required = route.item[method.toLowerCase()]?.requestBody?.required === true;
    if (body === undefined) {
      if (required) errors.add([], 'BASE_TYPE_REQUIRED', 'This request needs a JSON body');
      return { route: route.template, errors };
    }
    if (!validate(body)) for (const e of pick(validate.errors ?? [])) errors.add(e.path, e.code, e.message);
    return { route: route.template, errors };
  }

  private validator(route: Route, method: string): ValidateFunction | undefined {
    const key = `${method} ${route.template}`;
    if (this.compiled.has(key)) return this.compiled.get(key) ?? undefined;
    const schema = route.item[method]?.requestBody?.content?.['application/json']?.schema;
    const validate = schema ? this.ajv.compile(absolute(this.discriminate(schema)) as object) : null;
    this.compiled.set(key, validate);
    return validate ?? undefined;
  }
}

/**
 * Rewrites each oneOf/anyOf whose branches are objects told apart by their `type` (message
 * components, interaction callbacks, command options…) into an if/then chain on `type`, so a
 * failing body is reported against the one branch its `type` names, as Discord does, instead of
 * against every branch. A `{ type: 'null' }` branch stays allowed. Other unions are left as they are.
 */
function discriminateUnions(node: unknown, resolve: (ref: string) => any): any {
  if (Array.isArray(node)) return node.map((n) => discriminateUnions(n, resolve));
  if (!node || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) out[k] = discriminateUnions(v, resolve);
  for (const keyword of ['oneOf', 'anyOf'] as const) {
    const branches = out[keyword];
    if (!Array.isArray(branches)) continue;
    const nullable = branches.some((b) => b?.type === 'null' && Object.keys(b).length === 1);
    const objects = branches.filter((b) => !(b?.type === 'null' && Object.keys(b).length === 1));
    const tags = objects.map((b) => typeTag(b?.$ref ? resolve(b.$ref) : b));
    if (objects.length < 2 || tags.some((t) => !t)) continue;
    const all = tags.flat() as unknown[];
    if (new Set(all).size !== all.length) continue; // tags overlap: not a discriminated union
    let chain: unknown = { required: ['type'], properties: { type: { enum: all } } };
    for (let n = objects.length - 1; n >= 0; n--) chain = { if: { required: ['type'], properties: { type: { enum: tags[n] } } }, then: objects[n], else: chain };
    delete out[keyword];
    const union = { if: { type: 'object' }, then: chain, else: nullable ? { type: ['object', 'null'] } : { type: 'object' } };
    if (out.allOf) out.allOf = [...(out.allOf as unknown[]), union];
    else out.allOf = [union];
  }
  return out;
}

function typeTag(schema: any): unknown[] | undefined {
  const type = schema?.properties?.type;
  if (!type || !(schema.required ?? []).includes('type')) return undefined;
  if (Array.isArray(type.enum)) return type.enum;
  if ('const' in type) return [type.const];
  return undefined;
}

/** A route's inline schema with its `#/components/...` refs pointing into the spec document. */
function absolute(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(absolute);
  if (!schema || typeof schema !== 'object') return schema;
  return Object.fromEntries(Object.entries(schema).map(([k, v]) => [k, k === '$ref' && typeof v === 'string' && v.startsWith('#') ? SPEC_ID + v : absolute(v)]));
}

interface PickedError {
  path: Path;
  code: string;
  message: string;
}

/**
 * Ajv reports every branch of a oneOf/anyOf that failed. Discord names the field that is wrong, so
 * keep the errors that reach deepest into the body, and drop a branch that failed only because its
 * `type` discriminator did not match while another branch got further.
 */
function pick(errors: ErrorObject[]): PickedError[] {
  const concrete = errors
    .filter((e) => !['oneOf', 'anyOf', 'allOf', 'if', 'not', 'then', 'else'].includes(e.keyword))
    .map((e) => ({ e, path: pathOf(e) }));
  const discriminator = (x: { e: ErrorObject; path: Path }) => (x.e.keyword === 'enum' || x.e.keyword === 'const') && x.path.at(-1) === 'type';
  const typeMismatch = (x: { e: ErrorObject }) => x.e.keyword === 'type' && x.e.params.type === 'null';
  let candidates = concrete.filter((x) => !discriminator(x) && !typeMismatch(x));
  if (!candidates.length) candidates = concrete.filter((x) => !typeMismatch(x));
  if (!candidates.length) candidates = concrete;
  if (!candidates.length) return errors.slice(0, 1).map((e) => ({ path: pathOf(e), code: codeOf(e), message: messageOf(e) }));
  const depth = Math.max(...candidates.map((x) => x.path.length));
  return candidates.filter((x) => x.path.length === depth).map(({ e, path }) => ({ path, code: codeOf(e), message: messageOf(e) }));
}

function pathOf(e: ErrorObject): Path {
  const path: Path = e.instancePath
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
  if (e.keyword === 'required') path.push(String(e.params.missingProperty));
  return path;
}

function codeOf(e: ErrorObject): string {
  switch (e.keyword) {
    case 'maxLength':
    case 'maxItems':
      return 'BASE_TYPE_MAX_LENGTH';
    case 'minLength':
    case 'minItems':
      return 'BASE_TYPE_MIN_LENGTH';
    case 'required':
      return 'BASE_TYPE_REQUIRED';
    case 'enum':
    case 'const':
      return 'BASE_TYPE_CHOICES';
    case 'maximum':
      return 'NUMBER_TYPE_MAX';
    case 'minimum':
      return 'NUMBER_TYPE_MIN';
    case 'format':
      return `${String(e.params.format).toUpperCase().replace(/-/g, '_')}_TYPE_FORMAT`;
    case 'type':
      return `BASE_TYPE_${String(e.params.type).toUpperCase().replace(/[^A-Z]+/g, '_')}`;
    default:
      return `SCHEMA_${e.keyword.toUpperCase()}`;
  }
}

function messageOf(e: ErrorObject): string {
  switch (e.keyword) {
    case 'maxLength':
    case 'maxItems':
      return `Must be ${e.params.limit} or fewer in length.`;
    case 'minLength':
    case 'minItems':
      return `Must be ${e.params.limit} or more in length.`;
    case 'required':
      return 'This field is required';
    case 'enum':
      return `Value must be one of ${JSON.stringify(e.params.allowedValues)}.`;
    case 'const':
      return 'Value is not one of the allowed choices.';
    default:
      return `${e.message ?? e.keyword} (OpenAPI schema ${e.schemaPath.replace(SPEC_ID, '')})`;
  }
}

let shared: OpenApiValidator | undefined;

/** The process-wide validator over the vendored spec (read on first use). */
export function openApiValidator(specPath = SPEC_PATH): OpenApiValidator {
  if (shared && specPath === SPEC_PATH) return shared;
  const validator = new OpenApiValidator(JSON.parse(readFileSync(specPath, 'utf8')));
  if (specPath === SPEC_PATH) shared = validator;
  return validator;
}
