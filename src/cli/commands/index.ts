// The command table. A new command (merge, stats, convert, …) is one file in this folder and one line here.
import { agreementCommand } from './agreement';
import type { Command } from './command';
import { convertCommand } from './convert';
import { finalCommand } from './final';
import { mergeCommand } from './merge';
import { simulateCommand } from './simulate';
import { statsCommand } from './stats';

export const COMMANDS: readonly Command[] = [simulateCommand, mergeCommand, statsCommand, finalCommand, agreementCommand, convertCommand];
