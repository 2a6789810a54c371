/** The pipeline's published reports, read through /api/v1/analytics, typed from the core contracts. */
import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { ANALYTICS_REPORTS, martResult, reportList } from '../../../../src/core/contracts/analytics.ts';
import { api, withQuery } from '../../lib/api.ts';

export type ReportName = (typeof ANALYTICS_REPORTS)[number];
export type Mart = z.infer<typeof martResult>;
export type ReportList = z.infer<typeof reportList>;
export interface Range {
  date?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

export const useReportList = () =>
  useQuery({ queryKey: ['analytics', 'list'], queryFn: () => api<ReportList>('/analytics') });

export const useReport = (name: ReportName, range: Range, enabled = true) =>
  useQuery({
    queryKey: ['analytics', name, range],
    queryFn: () => api<Mart>(`/analytics/${name}`, { query: { ...range } }),
    enabled,
  });

/** A link that downloads the report as CSV (the session cookie authenticates the GET). */
export const csvHref = (name: ReportName, range: Range): string =>
  withQuery(`/api/v1/analytics/${name}`, { ...range, format: 'csv' });

export const num = (v: unknown): number => (typeof v === 'number' ? v : Number(v ?? 0));
