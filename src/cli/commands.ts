// Commands beyond `scan` (inventory, note) register here, one file each.
import type { Command } from 'commander';

export function registerExtraCommands(program: Command, setExit: (code: number) => void): void {
  void program;
  void setExit;
}
