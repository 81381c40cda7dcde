// Commands beyond `scan` (inventory, note) register here, one file each.
import type { Command } from 'commander';
import { registerInventoryCommand } from './inventory-command';
import { registerNoteCommand } from './note-command';

export function registerExtraCommands(program: Command, setExit: (code: number) => void): void {
  registerInventoryCommand(program, setExit);
  registerNoteCommand(program, setExit);
}
