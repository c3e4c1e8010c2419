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
  private readonly byTrack = new Map<TrackId, Topic[]>();

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
    for (const track of this.tracks) this.byTrack.set(track.id, this.topics.filter((t) => t.tracks.includes(track.id)));
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

  /** A track's topics in curriculum order (empty for a track the curriculum does not have). */
  onTrack(track: TrackId): Topic[] {
    return this.byTrack.get(track) ?? [];
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
