// Commands beyond `scan` (inventory, note, facts) register here, one file each.
import type { Command } from 'commander';
import { registerInventoryCommand } from './inventory-command';
import { registerNoteCommand } from './note-command';
import { registerFactsCommand } from './facts-command';

export function registerExtraCommands(program: Command, setExit: (code: number) => void): void {
  registerInventoryCommand(program, setExit);
  registerNoteCommand(program, setExit);
  registerFactsCommand(program, setExit);
}
