/**
 * Retention for the pipeline's `retain` step and the `pipeline restore` command:
 * `retain(deps, { before, dryRun })` archives, verifies and only then deletes; `restore(deps, key)` brings
 * an archive back (idempotent). Policy and scope: docs/decisions (retention).
 */
export {
  retain,
  type GroupReport,
  type RetainOptions,
  type RetentionDeps,
  type RetentionReport,
} from './retain.ts';
export { restore, type RestoreDeps, type RestoreReport, type RestoreTableReport } from './restore.ts';
export { GROUP_NAMES, type GroupName } from './datasets.ts';
export { ARCHIVE_ROOT, manifestKey, readManifest, type Manifest } from './manifest.ts';
