/**
 * vega-lite spec → vega → SVG (vega's headless renderer) → PNG (@resvg/resvg-js). resvg draws no text at
 * all unless a font is loaded, so the DejaVu Sans files shipped beside this module are passed explicitly
 * and system fonts are never consulted: the same PNG on every machine.
 */
import { Resvg } from '@resvg/resvg-js';
import { join } from 'node:path';
import { parse, View } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

export const CHART_FONT = 'DejaVu Sans';
const FONT_FILES = ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'].map((f) =>
  join(import.meta.dirname, 'fonts', f),
);

export interface RenderedChart {
  svg: string;
  png: Buffer;
  /** PNG size in pixels (the SVG's size times the scale). */
  width: number;
  height: number;
}

export interface RenderOptions {
  /** Pixel density of the PNG: 2 (default) suits chat apps and high-density screens. */
  scale?: number;
}

/** Font, background and sizes every chart shares. */
export const BASE_CONFIG = {
  background: 'white',
  font: CHART_FONT,
  padding: 12,
  title: { fontSize: 16, anchor: 'start' as const },
  axis: { labelFontSize: 11, titleFontSize: 12, labelLimit: 280 },
  legend: { labelFontSize: 11, titleFontSize: 12, labelLimit: 280 },
};

export async function renderChart(spec: TopLevelSpec, options: RenderOptions = {}): Promise<RenderedChart> {
  const scale = options.scale ?? 2;
  const view = new View(parse(compile(spec).spec), { renderer: 'none' });
  let svg: string;
  try {
    svg = await view.toSVG();
  } finally {
    view.finalize();
  }
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: scale },
    font: { fontFiles: FONT_FILES, loadSystemFonts: false, defaultFontFamily: CHART_FONT },
  });
  const image = resvg.render();
  return { svg, png: image.asPng(), width: image.width, height: image.height };
}
