import type { IndexInput } from './schema.js';
import type { Module, Topic, Track, TrackId } from './types.js';

/** A validated curriculum, indexed for the lookups commands make on every interaction. */
export class Curriculum {
  readonly id: string;
  readonly version: string;
  readonly title: string;
  readonly tracks: Track[];
  readonly modules: Module[];
  readonly topics: Topic[];
  private readonly byId = new Map<string, Topic>();
  private readonly byModule = new Map<string, Module>();
  /** Every track's order, encoded once for the Lua scripts: old ids, the count, then per track its id and topics. */
  readonly scriptOrders: string[];

  constructor(index: IndexInput, modules: Module[]) {
    this.id = index.id;
    this.version = String(index.version);
    this.title = index.title;
    this.tracks = index.tracks;
    this.modules = modules;
    this.topics = modules.flatMap((m) => m.topics);
    for (const module of modules) this.byModule.set(module.id, module);
    for (const topic of this.topics) {
      this.byId.set(topic.id, topic);
      for (const alias of topic.aliases) this.byId.set(alias, topic);
    }
    const aliases = Object.fromEntries(this.topics.flatMap((t) => t.aliases.map((alias) => [alias, t.id])));
    this.scriptOrders = [
      JSON.stringify(aliases),
      String(this.tracks.length),
      ...this.tracks.flatMap((track) => [track.id, this.onTrack(track.id).map(encodeForScript).join('')]),
    ];
  }

  /** A topic by its id or by one of its old ids (aliases). */
  get(id: string): Topic | undefined {
    return this.byId.get(id);
  }

  module(id: string): Module {
    const module = this.byModule.get(id);
    if (!module) throw new Error(`unknown module ${id}`);
    return module;
  }

  track(id: TrackId): Track | undefined {
    return this.tracks.find((t) => t.id === id);
  }

  get defaultTrack(): TrackId {
    return this.tracks[0]!.id;
  }

  onTrack(track: TrackId): Topic[] {
    return this.topics.filter((t) => t.tracks.includes(track));
  }

  /** Topics whose title or id contains the query (case-insensitive); prefix matches first. */
  search(query: string, limit = 25): Topic[] {
    const q = query.trim().toLowerCase();
    if (!q) return this.topics.slice(0, limit);
    const starts: Topic[] = [];
    const contains: Topic[] = [];
    for (const topic of this.topics) {
      const title = topic.title.toLowerCase();
      if (title.startsWith(q) || topic.id.startsWith(q)) starts.push(topic);
      else if (title.includes(q) || topic.id.includes(q) || topic.aliases.some((a) => a.includes(q))) contains.push(topic);
    }
    return [...starts, ...contains].slice(0, limit);
  }
}

/**
 * The Lua scripts pick a member's next topic inside Redis, so they receive each track's topics in
 * order, a line each: `\nid,alias…;requirement,…;points` (read by store/scripts/lib/pick-next.lua).
 */
function encodeForScript(topic: Topic): string {
  return `\n${[topic.id, ...topic.aliases].join(',')};${topic.requires.join(',')};${topic.points}`;
}
