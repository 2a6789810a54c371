/** Prometheus metrics of the pipeline: step durations and failures, finished runs by status. */
import { Counter, Histogram, type Registry } from 'prom-client';

export interface PipelineMetrics {
  readonly stepDuration: Histogram<'step' | 'status'>;
  readonly stepFailures: Counter<'step'>;
  readonly runs: Counter<'status'>;
}

export function pipelineMetrics(registry: Registry): PipelineMetrics {
  return {
    stepDuration: new Histogram({
      name: 'pipeline_step_duration_seconds',
      help: 'Health Synth pipeline step duration (each attempt), by step and outcome',
      labelNames: ['step', 'status'],
      buckets: [0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300],
      registers: [registry],
    }),
    stepFailures: new Counter({
      name: 'pipeline_step_failures_total',
      help: 'Failed attempts of Health Synth pipeline steps, by step',
      labelNames: ['step'],
      registers: [registry],
    }),
    runs: new Counter({
      name: 'pipeline_runs_total',
      help: 'Finished Health Synth pipeline runs, by status',
      labelNames: ['status'],
      registers: [registry],
    }),
  };
}
