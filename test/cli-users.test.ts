/** `healthsync users` as an operator runs it: password on standard input, one-line errors. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { strongPassword } from './helpers/fixtures.ts';

const CLI = join(import.meta.dirname, '..', 'src', 'cli', 'main.ts');
const env = {
  ...process.env,
  DATA_DIR: mkdtempSync(join(tmpdir(), 'healthsync-users-')),
  DATABASE_URL: '',
  LOG_LEVEL: 'silent',
};
const cli = (args: string[], input = '') =>
  spawnSync(process.execPath, [CLI, ...args], { env, input, encoding: 'utf8' });

// Each call starts a process that opens the embedded database: allow for a busy machine.
describe('healthsync users', { timeout: 120_000 }, () => {
  it('creates an admin from a password on standard input and lists it', () => {
    const created = cli(
      [
        'users',
        'create',
        '--email',
        'ops@example.org',
        '--role',
        'admin',
        '--name',
        'Ops',
        '--password-stdin',
        '--json',
      ],
      `${strongPassword()}\n`,
    );
    expect(created.status).toBe(0);
    expect(JSON.parse(created.stdout)).toMatchObject({ email: 'ops@example.org', role: 'admin' });
    const listed = cli(['users', 'list', '--json']);
    expect(JSON.parse(listed.stdout)).toEqual([expect.objectContaining({ email: 'ops@example.org' })]);
  });

  it('refuses a weak password, a duplicate email and a bad role with one line each', () => {
    const weak = cli(
      ['users', 'create', '--email', 'weak@example.org', '--role', 'admin', '--password-stdin'],
      'password1234\n',
    );
    expect(weak.status).toBe(1);
    expect(weak.stderr.trim()).toMatch(/^healthsync: .*\[validation\.failed\]$/);
    const dup = cli(
      ['users', 'create', '--email', 'OPS@example.org', '--role', 'admin', '--password-stdin'],
      strongPassword(),
    );
    expect(dup.stderr.trim()).toMatch(/\[auth\.email_taken\]$/);
    const role = cli(
      ['users', 'create', '--email', 'x@example.org', '--role', 'patient', '--password-stdin'],
      strongPassword(),
    );
    expect(role.stderr).toContain('--role');
  });
});
