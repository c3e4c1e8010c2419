import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pngSize } from '../src/card/png.js';
import type { Exchange, SeenMessage } from '../standin/member.js';
import { CHANNEL } from '../standin/fixtures.js';
import { TerminalRenderer } from './terminal.js';
import type { DemoWorld } from './world.js';

/** Prints what each person types and what Syllabot answers, as the Discord client would show it. */
export class Narrator {
  readonly out: TerminalRenderer;
  private seenPosts = 0;

  constructor(
    private readonly world: DemoWorld,
    private readonly write: (text: string) => void,
    colour: boolean,
    /** Columns to wrap at: the terminal's width, or 100 when the output is not a terminal. */
    width = 100,
    /** Where attached files (the progress card) are saved; undefined: only described. */
    private readonly filesDir?: string,
  ) {
    this.out = new TerminalRenderer(colour, world.name, () => world.clock.now(), width);
  }

  /** What someone typed, then the `replies` messages the bot answered with. */
  async show(who: string, typed: string, exchange: Exchange, replies = 1): Promise<Exchange> {
    this.typed(who, typed);
    for (const message of await exchange.messages(replies)) this.answer(message);
    return exchange;
  }

  typed(who: string, typed: string): void {
    this.write(`\n${this.out.bold(who)} ${this.out.dim('›')} ${typed}\n`);
  }

  /** What Discord's client shows instead of sending a command it would refuse. */
  refused(message: string): void {
    this.write(`${this.out.dim('Discord')}\n  ${message}\n`);
  }

  /** Everything the bot answered within a short while (for the playground, which cannot know how many). */
  async settle(exchange: Exchange): Promise<SeenMessage[]> {
    await exchange.messages(1);
    await new Promise((r) => setTimeout(r, 200));
    const messages = exchange.sent();
    for (const message of messages) this.answer(message);
    return messages;
  }

  private answer(message: SeenMessage): void {
    this.write(`${this.out.accent('Syllabot')}\n${this.out.message(message)}\n`);
    for (const file of message.attachments ?? []) this.write(`  ${this.attachment(file)}\n`);
  }

  /** A file the bot attached: what it is and, when the demo may write files, where it was saved. */
  private attachment(file: { filename: string; data: Buffer }): string {
    const size = pngSize(file.data);
    const what = `📎 ${file.filename} (${size ? `PNG image, ${size.width}×${size.height}, ` : ''}${(file.data.length / 1024).toFixed(1)} KB)`;
    if (!this.filesDir) return `${what}: run the demo in a terminal (or set DEMO_FILES_DIR) to save it as a file`;
    const path = join(this.filesDir, `syllabot-demo-${file.filename}`);
    writeFileSync(path, file.data);
    return `${what} saved to ${path}`;
  }

  /** Channel posts the scheduler made since the last call, each read at the moment it was posted. */
  channelPosts(): void {
    const posts = this.world.standin.channelMessages(CHANNEL).slice(this.seenPosts);
    this.seenPosts += posts.length;
    for (const post of posts) {
      const body = { content: post.body.content ?? '', embeds: post.body.embeds ?? [], components: post.body.components ?? [], ephemeral: false };
      const at = this.world.postedTime(post.id);
      this.write(`\n${this.out.accent(`#${this.world.name(CHANNEL)}`)} ${this.out.dim(`· Syllabot posted at ${this.out.time(at)}`)}\n${this.out.message(body, { postedAt: at })}\n`);
    }
  }

  note(text: string): void {
    this.write(`\n${this.out.dim(`— ${text} —`)}\n`);
  }
}

