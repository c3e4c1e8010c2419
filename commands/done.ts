import { markCommand } from '../src/discord/mark-command.js';

export default markCommand('done', 'Mark a topic as finished');
