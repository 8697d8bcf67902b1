// The command table. A new command (merge, stats, convert, …) is one file in this folder and one line here.
import type { Command } from './command';
import { simulateCommand } from './simulate';

export const COMMANDS: readonly Command[] = [simulateCommand];
