import { ApplicationCommandOptionType, ChannelType, EmbedBuilder, MessageFlags, PermissionFlagsBits, type AutocompleteInteraction } from 'discord.js';
import { answer } from '../src/discord/answer.js';
import { defineCommand, guildOnly, TRACK_OPTION, type GuildChatInput } from '../src/discord/command.js';
import type { ArgsOf } from '../src/discord/options.js';
import { missingInChannel, requireManageServer } from '../src/discord/permissions.js';
import { clip, COLOUR } from '../src/discord/render/common.js';
import { timestamp } from '../src/discord/render/scheduled.js';
import type { AppContext } from '../src/context.js';
import type { GroupView } from '../src/groups/group-service.js';
import { UserError } from '../src/errors.js';

const ZONES = Intl.supportedValuesOf('timeZone');

const data = {
  name: 'studygroup',
  description: 'Set up the study group: daily topic prompts in a channel at your time',
  default_member_permissions: String(PermissionFlagsBits.ManageGuild),
  options: [
    {
      name: 'setup',
      description: 'Choose the channel, daily time and time zone',
      type: ApplicationCommandOptionType.Subcommand,
      options: [
        { name: 'channel', description: 'Where the daily prompt goes', type: ApplicationCommandOptionType.Channel, channel_types: [ChannelType.GuildText, ChannelType.GuildAnnouncement], required: true },
        { name: 'time', description: 'Time of day, 24-hour HH:MM (e.g. 09:00)', type: ApplicationCommandOptionType.String, required: true, max_length: 5 },
        { name: 'timezone', description: 'IANA time zone, e.g. Europe/Berlin', type: ApplicationCommandOptionType.String, required: true, autocomplete: true, max_length: 64 },
        // choices: the curriculum's tracks, added when the commands are registered
        { name: TRACK_OPTION, description: 'The group’s track (default: the curriculum’s first)', type: ApplicationCommandOptionType.String },
      ],
    },
    { name: 'show', description: 'Show the study group’s settings', type: ApplicationCommandOptionType.Subcommand },
    { name: 'pause', description: 'Pause the daily prompts and the weekly recap', type: ApplicationCommandOptionType.Subcommand },
    { name: 'resume', description: 'Resume the daily prompts and the weekly recap', type: ApplicationCommandOptionType.Subcommand },
    {
      name: 'boards',
      description: 'Turn the server’s leaderboards on or off (off: no boards, no rankings in the recap)',
      type: ApplicationCommandOptionType.Subcommand,
      options: [
        {
          name: 'setting',
          description: 'On or off',
          type: ApplicationCommandOptionType.String,
          required: true,
          choices: [
            { name: 'On', value: 'on' },
            { name: 'Off', value: 'off' },
          ],
        },
      ],
    },
  ],
  ...guildOnly,
} as const;

export default defineCommand({
  data,
  async execute(i, args, ctx) {
    requireManageServer(i);
    switch (args.subcommand) {
      case 'setup':
        return setup(i, args, ctx);
      case 'pause':
        return answer(i, view('⏸️ Study group paused. `/studygroup resume` starts it again.', await ctx.groups.pause(i.guildId), ctx));
      case 'resume':
        return answer(i, view('▶️ Study group resumed.', await ctx.groups.resume(i.guildId), ctx));
      case 'boards': {
        await ctx.privacy.setBoards(i.guildId, args.setting === 'on');
        const content =
          args.setting === 'on'
            ? '🏆 Leaderboards are on: `/leaderboard` works and the weekly recap names the top members (except those who hide with `/privacy`).'
            : '🚫 Leaderboards are off: `/leaderboard` tells members so, the weekly recap names nobody and `/progress` shows no rank. Points, streaks and `/cohort` stay.';
        return answer(i, { content, flags: MessageFlags.Ephemeral });
      }
      default: {
        const group = await ctx.groups.show(i.guildId);
        if (!group) throw new UserError('This server has no study group yet. Start one with `/studygroup setup`.');
        return answer(i, view('Your study group:', group, ctx));
      }
    }
  },
  async autocomplete(i: AutocompleteInteraction) {
    const typed = String(i.options.getFocused()).toLowerCase().slice(0, 64);
    const matches = ZONES.filter((z) => z.toLowerCase().includes(typed)).slice(0, 25);
    return i.respond(matches.map((z) => ({ name: z, value: z })));
  },
});

async function setup(i: GuildChatInput, args: Extract<ArgsOf<typeof data>, { subcommand: 'setup' }>, ctx: AppContext) {
  const { channel } = args;
  const missing = missingInChannel(i.guild, channel.id);
  if (missing.length) throw new UserError(`I can't run the study group in <#${channel.id}> yet: I am missing **${missing.join('**, **')}** there. Grant them (channel settings → Permissions → Syllabot) and run setup again.`);
  const group = await ctx.groups.setup(i.guildId, {
    channelId: channel.id,
    time: args.time,
    timezone: args.timezone,
    track: args.track,
  });
  const headline = `✅ Daily topic prompts will go to <#${group.channelId}> at ${group.time} (${group.tz}).`;
  return answer(i, view(group.note ? `${headline}\n${group.note}` : headline, group, ctx));
}

/** The headline goes in the message text, where Discord renders channel mentions (it does not in embed titles). */
function view(headline: string, group: GroupView, ctx: AppContext) {
  const embed = new EmbedBuilder()
    .setColor(group.paused ? COLOUR.muted : COLOUR.success)
    .setTitle('Study group settings')
    .addFields(
      { name: 'Channel', value: `<#${group.channelId}>`, inline: true },
      { name: 'Time', value: `${group.time} ${group.tz}`, inline: true },
      { name: 'Track', value: ctx.curriculum.track(group.track)?.title ?? group.track, inline: true },
      { name: 'Next post', value: group.nextPostMs ? `${timestamp(group.nextPostMs)} (${timestamp(group.nextPostMs, 'R')})` : '—', inline: true },
      { name: 'Status', value: group.paused ? `Paused: ${group.pauseReason ?? 'no reason given'}` : 'Running', inline: true },
    );
  return { content: clip(headline, 2000), embeds: [embed], flags: MessageFlags.Ephemeral } as const;
}
