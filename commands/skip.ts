import { markCommand } from '../src/discord/mark-command.js';

export default markCommand('skip', 'Skip a topic you already know or want to leave for later');
