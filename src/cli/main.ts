#!/usr/bin/env node
/** `healthsync <command>` (in this repo: `npm run cli -- <command>`). */
import { Command } from 'commander';
import pkg from '../../package.json' with { type: 'json' };
import { registerGenerate } from './commands/generate.ts';
import { registerMigrate } from './commands/migrate.ts';
import { registerRunCommands } from './commands/run.ts';
import { registerUsers } from './commands/users.ts';

const program = new Command('healthsync')
  .description('HealthSync: clinics, doctors, patients, appointments, records and the Health Synth pipeline')
  .version(pkg.version)
  .showHelpAfterError('(run with --help for usage)');

registerRunCommands(program);
registerMigrate(program);
registerGenerate(program);
registerUsers(program);

await program.parseAsync(process.argv);
