import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkCurriculum } from '../../src/curriculum/check.js';
import { curriculumJsonSchemas } from '../../src/curriculum/json-schema.js';
import { loadCurriculum, readLock } from '../../src/curriculum/load.js';

const DIR = 'curriculum';
const roadmap = loadCurriculum(DIR);

describe('the shipped roadmap', () => {
  it('holds at least 190 topics in at least 22 modules', () => {
    expect(roadmap.topics.length).toBeGreaterThanOrEqual(190);
    expect(roadmap.modules.length).toBeGreaterThanOrEqual(22);
  });

  it('offers at least 165 topics on each track', () => {
    for (const track of roadmap.tracks) expect(roadmap.onTrack(track.id).length, track.id).toBeGreaterThanOrEqual(165);
  });

  it('asks at least two self-check questions after every topic', () => {
    const short = roadmap.topics.filter((t) => t.check.length < 2).map((t) => `${t.moduleId}/${t.id}`);
    expect(short).toEqual([]);
  });

  it('has at least 8 projects, each with acceptance criteria a peer can check', () => {
    const projects = roadmap.topics.filter((t) => t.kind === 'project');
    expect(projects.length).toBeGreaterThanOrEqual(8);
    for (const project of projects) expect(project.acceptance?.length ?? 0, project.id).toBeGreaterThanOrEqual(3);
  });

  it('links every resource over https', () => {
    const plain = roadmap.topics.flatMap((t) => t.resources.filter((r) => !r.url.startsWith('https://')).map((r) => `${t.id}: ${r.url}`));
    expect(plain).toEqual([]);
  });

  it('teaches every prerequisite before the topics that need it', () => {
    const index = { id: roadmap.id, version: roadmap.version, title: roadmap.title, tracks: roadmap.tracks, modules: roadmap.modules.map((m) => m.file) };
    expect(checkCurriculum(index, roadmap.modules, { prerequisitesInOrder: true })).toEqual([]);
  });

  it('opens each track’s to-do API project only after that track’s frameworks', () => {
    expect(roadmap.get('todo-api-project')).toMatchObject({ tracks: ['python'], requires: expect.arrayContaining(['drf-viewsets-and-routers', 'fastapi-intro']) });
    expect(roadmap.get('node-todo-api-project')).toMatchObject({ tracks: ['node'], requires: expect.arrayContaining(['express-rest-api', 'nestjs-intro']) });
  });

  it('has a python and a node track, each with its own language and framework topics', () => {
    expect(roadmap.tracks.map((t) => t.id)).toEqual(['python', 'node']);
    const python = roadmap.onTrack('python').map((t) => t.id);
    const node = roadmap.onTrack('node').map((t) => t.id);
    expect(python).toEqual(expect.arrayContaining(['python-venv-pip', 'django-models-and-orm', 'drf-serializers', 'pytest-basics']));
    expect(node).toEqual(expect.arrayContaining(['node-event-loop', 'node-npm-packages', 'express-intro', 'node-test-runner', 'node-orm-and-query-builders']));
    expect(python).not.toContain('express-intro');
    expect(node).not.toContain('django-intro');
  });

  it('gives every topic a long summary, two objectives, https resources, practice and a prompt', () => {
    for (const topic of roadmap.topics) {
      const where = `${topic.moduleId}/${topic.id}`;
      expect(topic.summary.length, where).toBeGreaterThanOrEqual(150);
      expect(topic.objectives.length, where).toBeGreaterThanOrEqual(2);
      expect(topic.resources.length, where).toBeGreaterThanOrEqual(1);
      for (const r of topic.resources) expect(r.url, where).toMatch(/^https:\/\//);
      expect(topic.practice.length, where).toBeGreaterThan(40);
      expect(topic.prompt.length, where).toBeGreaterThan(20);
    }
  });

  it('covers the patterns the roadmap names', () => {
    for (const id of ['singleton', 'factory-method', 'builder', 'adapter', 'decorator-pattern', 'facade', 'observer', 'strategy']) {
      expect(roadmap.get(id), id).toBeDefined();
    }
  });

  it('has every topic id recorded in ids.lock', () => {
    const locked = new Set(readLock(DIR));
    expect(roadmap.topics.filter((t) => !locked.has(t.id)).map((t) => t.id)).toEqual([]);
  });

  it('ships JSON Schemas that match the zod schemas, referenced from every file', () => {
    for (const [file, text] of Object.entries(curriculumJsonSchemas())) {
      expect(readFileSync(join(DIR, file), 'utf8'), `${file} is stale: run npm run curriculum:schema`).toBe(text);
    }
    for (const module of roadmap.modules) {
      expect(readFileSync(join(DIR, module.file), 'utf8').split('\n')[0]).toBe('# yaml-language-server: $schema=./schema.json');
    }
    expect(readFileSync(join(DIR, 'index.yaml'), 'utf8').split('\n')[0]).toBe('# yaml-language-server: $schema=./index.schema.json');
  });
});
