/** What the steps run with: resources passed in (database, object store, settings), never global. */
import type { Logger } from 'pino';
import type { RetentionSettings } from '../../server/config.ts';
import type { Db, Tx } from '../../server/db/client.ts';
import type { ObjectStore } from '../store/index.ts';
import type { Duck } from '../warehouse/duck.ts';
import type { StepName } from './dag.ts';
import type { PipelineMetrics } from './metrics.ts';
import type { Source } from './state.ts';

export interface PipelineSettings {
  /** Scratch files of runs (extracted CSVs), one folder per run. */
  readonly workDir: string;
  /** The DuckDB warehouse file (single writer: only the process running a pipeline opens it). */
  readonly warehousePath: string;
  /** Published Parquet snapshots of the marts, read by API processes and `healthsync report`. */
  readonly snapshotDir: string;
  /** Patients in a synthetic extract. */
  readonly patients: number;
  /** Tries per step before the run fails (1 = no retry). */
  readonly attempts: number;
  /** First retry delay; doubles each retry. */
  readonly retryBaseMs: number;
  /** How long a claimed run stays claimed without a heartbeat (a dead owner's run is resumed after it). */
  readonly leaseMs: number;
  /** Test seam for the crash test: halt (wait forever) in the middle of this step. */
  readonly haltAt?: StepName | undefined;
}

export interface PipelineContext {
  readonly db: Db;
  readonly store: ObjectStore;
  /** This process is the platform database's only user (embedded): stale leases need no waiting. */
  readonly exclusive?: boolean | undefined;
  readonly settings: PipelineSettings;
  /** Retention periods for the `retain` step. */
  readonly retention: RetentionSettings;
  readonly logger?: Logger | undefined;
  readonly metrics?: PipelineMetrics | undefined;
}

export interface RunInfo {
  readonly runId: string;
  readonly date: string;
  readonly source: Source;
}

export interface StepIo extends RunInfo {
  /** Outputs of the steps that already succeeded (recorded in the database). */
  readonly outputs: Readonly<Partial<Record<StepName, Record<string, unknown>>>>;
  readonly log: (line: string) => void;
  /** Marks the middle of the step's work (the crash test halts here). */
  readonly midway: () => Promise<void>;
  /** The warehouse, opened on first use by this run and closed when the run ends. */
  readonly warehouse: () => Promise<Duck>;
  /**
   * Records the step's success inside the caller's transaction, for steps whose effect lives in the platform
   * database (notify's outbox event): the effect and "done" commit together, so a resume never repeats it.
   */
  readonly recordIn: (tx: Tx, output: Record<string, unknown>) => Promise<void>;
}

export type StepFn = (ctx: PipelineContext, io: StepIo) => Promise<Record<string, unknown>>;
