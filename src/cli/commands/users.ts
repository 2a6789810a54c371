/** `healthsync users`: create doctor/admin accounts and list accounts (with the server stopped in embedded mode). */
import type { Command } from 'commander';
import { validationFailed } from '../../core/errors.ts';
import type { Database } from '../../server/db/client.ts';
import { action, printJson } from '../output.ts';

/** Server code is loaded on use, so other commands do not pay for it. */
const server = async () => ({
  ...(await import('../../server/config.ts')),
  ...(await import('../../server/db/client.ts')),
  ...(await import('../../server/db/migrate.ts')),
  ...(await import('../../server/modules/users/index.ts')),
  pino: (await import('pino')).default,
});

async function withDatabase<T>(command: string, fn: (database: Database) => Promise<T>): Promise<T> {
  const { loadConfig, openConfiguredDatabase, migrate } = await server();
  const config = loadConfig();
  const database = await openConfiguredDatabase(config, command);
  try {
    await migrate(database);
    return await fn(database);
  } finally {
    await database.close();
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

interface CreateOptions {
  email: string;
  role: string;
  name?: string;
  doctor?: string;
  passwordStdin?: boolean;
  json?: boolean;
}

async function create(opts: CreateOptions): Promise<void> {
  if (opts.role !== 'doctor' && opts.role !== 'admin') {
    throw validationFailed([
      { path: '--role', message: 'must be doctor or admin (patients sign up themselves)' },
    ]);
  }
  if (!opts.passwordStdin) {
    throw validationFailed([
      {
        path: '--password-stdin',
        message: 'is required: pipe the password in, never put it on the command line',
      },
    ]);
  }
  const password = await readStdin();
  const { loadConfig, createUser, pino } = await server();
  const config = loadConfig();
  const user = await withDatabase('users', (database) =>
    createUser(
      { db: database.db, settings: config.auth, logger: pino({ level: 'silent' }) },
      {
        email: opts.email,
        role: opts.role as 'doctor' | 'admin',
        password,
        displayName: opts.name ?? opts.email,
        doctor: opts.doctor,
      },
    ),
  );
  if (opts.json) printJson(user);
  else console.log(`Created ${user.role} account ${user.email} (${user.id}).`);
}

export function registerUsers(program: Command): void {
  const users = program.command('users').description('Manage accounts');
  users
    .command('create')
    .description('Create a doctor or admin account; the password is read from standard input')
    .requiredOption('--email <email>', 'sign-in email')
    .requiredOption('--role <role>', 'doctor or admin')
    .option('--name <name>', 'display name (defaults to the email)')
    .option('--doctor <id>', 'doctor accounts: the doctor record (id or code, e.g. D0001)')
    .option('--password-stdin', 'read the password from standard input')
    .option('--json', 'machine-readable output')
    .action(action(create));
  users
    .command('list')
    .description('List accounts')
    .option('--role <role>', 'only this role')
    .option('--json', 'machine-readable output')
    .action(
      action(async (opts: { role?: 'patient' | 'doctor' | 'admin'; json?: boolean }) => {
        const { listUsers } = await server();
        const page = await withDatabase('users', (database) =>
          listUsers(database.db, { limit: 100, ...(opts.role ? { role: opts.role } : {}) }),
        );
        if (opts.json) printJson(page.items);
        else
          for (const u of page.items)
            console.log(`${u.role.padEnd(8)} ${u.email.padEnd(40)} ${u.disabled ? 'disabled' : ''}`);
      }),
    );
}
