import { ApplicationCommandOptionType, ChannelType, MessageFlags, PermissionFlagsBits, Routes, type AutocompleteInteraction } from 'discord.js';
import { answer } from '../src/discord/answer.js';
import type { AppContext } from '../src/context.js';
import { defineCommand, guildOnly, memberOf, type GuildButton, type GuildChatInput } from '../src/discord/command.js';
import type { ArgsOf } from '../src/discord/options.js';
import { botMay, CHANNEL_NEEDS, missingInChannel, requireManageServer } from '../src/discord/permissions.js';
import { clip, fitLines } from '../src/discord/render/common.js';
import { meetupAnnouncement, reminderPlan, timestamp } from '../src/discord/render/scheduled.js';
import { literal } from '../src/text.js';
import { UserError } from '../src/errors.js';
import type { Meetup } from '../src/meetups/meetup-store.js';

const data = {
  name: 'meetup',
  description: 'Plan study meetups with reminders',
  options: [
    {
      name: 'create',
      description: 'Plan a meetup (Manage Server)',
      type: ApplicationCommandOptionType.Subcommand,
      options: [
        { name: 'title', description: 'What the meetup is about', type: ApplicationCommandOptionType.String, required: true, max_length: 100 },
        { name: 'when', description: 'e.g. 2026-12-01 18:30, tomorrow 18:00, friday 7pm (group time zone)', type: ApplicationCommandOptionType.String, required: true, max_length: 60 },
        { name: 'duration', description: 'Minutes (default 60)', type: ApplicationCommandOptionType.Integer, min_value: 15, max_value: 720 },
        { name: 'channel', description: 'Where reminders go (default: the study channel)', type: ApplicationCommandOptionType.Channel, channel_types: [ChannelType.GuildText, ChannelType.GuildAnnouncement] },
      ],
    },
    { name: 'list', description: 'Upcoming meetups', type: ApplicationCommandOptionType.Subcommand },
    {
      name: 'cancel',
      description: 'Cancel a meetup (Manage Server)',
      type: ApplicationCommandOptionType.Subcommand,
      options: [{ name: 'meetup', description: 'Which meetup', type: ApplicationCommandOptionType.String, required: true, autocomplete: true, max_length: 20 }],
    },
  ],
  ...guildOnly,
} as const;
type Args = ArgsOf<typeof data>;

export default defineCommand({
  data,
  async execute(i, args, ctx) {
    if (args.subcommand === 'list') return list(i, ctx);
    requireManageServer(i);
    return args.subcommand === 'create' ? create(i, args, ctx) : cancel(i, args, ctx);
  },
  async autocomplete(i: AutocompleteInteraction, ctx: AppContext) {
    const typed = String(i.options.getFocused()).toLowerCase();
    const upcoming = await ctx.meetups.list(i.guildId!);
    return i.respond(upcoming.filter((m) => m.title.toLowerCase().includes(typed)).map((m) => ({ name: clip(`${m.title} — ${new Date(m.startMs).toISOString().slice(0, 16).replace('T', ' ')} UTC`, 100), value: m.id })));
  },
  buttons: {
    rsvp: async (i: GuildButton, meetupId: string, ctx: AppContext) => {
      const { meetup, going, count, reminders } = await ctx.meetups.rsvp(i.guildId, meetupId, memberOf(i).userId);
      const title = literal(meetup.title);
      const remind = reminders.length ? `I'll remind you ${reminderPlan(reminders)}.` : 'It is about to start, so there is no reminder left to send.';
      const content = going
        ? `✋ You're coming to **${title}** (${count} going). ${remind} Press again to change your mind.`
        : `You're no longer on the list for **${title}** (${count} going).`;
      return answer(i, { content, flags: MessageFlags.Ephemeral });
    },
  },
});

async function create(i: GuildChatInput, args: Extract<Args, { subcommand: 'create' }>, ctx: AppContext) {
  const channelId = args.channel?.id;
  if (channelId) {
    const missing = missingInChannel(i.guild, channelId, CHANNEL_NEEDS.slice(0, 3));
    if (missing.length) throw new UserError(`I can't post reminders in <#${channelId}>: I am missing **${missing.join('**, **')}** there.`);
  }
  const { meetup, reminders } = await ctx.meetups.create(i.guildId, {
    title: args.title,
    when: args.when,
    minutes: args.duration,
    channelId,
    createdBy: i.user.id,
  });
  await answer(i, meetupAnnouncement(meetup, reminders));
  const notes = [`Reminders planned: ${reminders.length ? reminderPlan(reminders) : 'none (it starts too soon)'}.`];
  if (botMay(i.guild, PermissionFlagsBits.ManageEvents)) notes.push(await scheduledEvent(i, ctx, meetup));
  else notes.push('Give me the **Manage Events** permission and I will also create a Discord event for meetups.');
  await answer(i, { content: notes.join('\n'), flags: MessageFlags.Ephemeral });
}

/** A Discord scheduled event beside the meetup, so it shows in the server's Events list. */
async function scheduledEvent(i: GuildChatInput, ctx: AppContext, meetup: Meetup): Promise<string> {
  try {
    const event = (await i.client.rest.post(Routes.guildScheduledEvents(i.guildId), {
      body: {
        name: meetup.title,
        privacy_level: 2,
        entity_type: 3,
        entity_metadata: { location: i.guild?.channels.cache.get(meetup.channelId)?.name ?? 'Discord' },
        scheduled_start_time: new Date(meetup.startMs).toISOString(),
        scheduled_end_time: new Date(meetup.startMs + meetup.minutes * 60_000).toISOString(),
        description: 'Planned with Syllabot. Press "I\'m coming" on the announcement for reminders.',
      },
    })) as { id: string };
    await ctx.meetups.setEventId(i.guildId, meetup.id, event.id);
    return 'I also created a Discord event for it.';
  } catch (error) {
    ctx.log.warn({ guildId: i.guildId, err: error }, 'could not create the scheduled event');
    return 'I could not create the Discord event for it; the meetup and its reminders are set.';
  }
}

async function list(i: GuildChatInput, ctx: AppContext) {
  const upcoming = await ctx.meetups.list(i.guildId);
  const content = upcoming.length
    ? fitLines(upcoming.map((m) => `• **${literal(m.title)}** — ${timestamp(m.startMs)} (${timestamp(m.startMs, 'R')}) in <#${m.channelId}>`), 2000)
    : 'No meetups planned. An admin can plan one with `/meetup create`.';
  return answer(i, { content, flags: MessageFlags.Ephemeral });
}

async function cancel(i: GuildChatInput, args: Extract<Args, { subcommand: 'cancel' }>, ctx: AppContext) {
  const meetup = await ctx.meetups.cancel(i.guildId, args.meetup.trim());
  // Answer first: the Discord event's removal may wait on a rate limit, and the member's answer must not.
  await answer(i, { content: `🗑️ Cancelled **${literal(meetup.title)}** (${timestamp(meetup.startMs)}). Its reminders will not be sent.`, flags: MessageFlags.Ephemeral });
  if (meetup.eventId) {
    await i.client.rest.delete(Routes.guildScheduledEvent(i.guildId, meetup.eventId)).catch((err: unknown) => ctx.log.warn({ guildId: i.guildId, err }, 'could not delete the scheduled event'));
  }
}
