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
  ) {
    this.out = new TerminalRenderer(colour, world.name, () => world.clock.now());
  }

  async show(who: string, typed: string, exchange: Exchange, replies = 1): Promise<Exchange> {
    this.write(`\n${this.out.bold(who)} ${this.out.dim('›')} ${typed}\n`);
    for (const message of await exchange.messages(replies)) this.write(`${this.out.accent('Syllabot')}\n${this.out.message(message)}\n`);
    return exchange;
  }

  /** Everything the bot answered within a short while (for the playground, which cannot know how many). */
  async settle(exchange: Exchange): Promise<SeenMessage[]> {
    await exchange.messages(1);
    await new Promise((r) => setTimeout(r, 200));
    const messages = exchange.sent();
    for (const message of messages) this.write(`${this.out.accent('Syllabot')}\n${this.out.message(message)}\n`);
    return messages;
  }

  /** Channel posts the scheduler made since the last call. */
  channelPosts(): void {
    const posts = this.world.standin.channelMessages(CHANNEL).slice(this.seenPosts);
    this.seenPosts += posts.length;
    for (const post of posts) {
      const body = { content: post.body.content ?? '', embeds: post.body.embeds ?? [], components: post.body.components ?? [], ephemeral: false };
      this.write(`\n${this.out.accent(`#${this.world.name(CHANNEL)}`)} ${this.out.dim('· Syllabot posted')}\n${this.out.message(body)}\n`);
    }
  }

  note(text: string): void {
    this.write(`\n${this.out.dim(`— ${text} —`)}\n`);
  }
}
