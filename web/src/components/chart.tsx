/**
 * One chart in a box that keeps its size with the layout. Screen readers get the `label`
 * (and ECharts' description of the series); the numbers are always in a table beside or
 * under the chart, which is what the screens put there. ECharts is the largest thing the
 * app ships, so it loads after the screen's figures, in a box already its final size.
 */
import { lazy, Suspense } from 'react';
import type { ChartKind, ChartOption } from '../charts/echarts.ts';

const ChartCanvas = lazy(() => import('./chart-canvas.tsx'));

export interface ChartProps {
  option: ChartOption;
  /** Bars unless it draws lines or the map (what ECharts must load for it). */
  kind?: ChartKind;
  label: string;
  /** Fixed height in pixels (default 280) ... */
  height?: number;
  /** ... or width / height, for a shape such as a map that should scale with the screen's width. */
  aspectRatio?: number;
  testId?: string;
  /** A click on a series item (a bar, a region of the map), with its name. */
  onSelect?: (name: string) => void;
}

export function Chart(props: ChartProps) {
  return (
    <Suspense fallback={<div className="chart" style={chartBoxStyle(props)} role="img" aria-label={props.label} aria-busy="true" />}>
      <ChartCanvas {...props} />
    </Suspense>
  );
}

/** The box's size, set through the DOM (the page's policy refuses style attributes in markup, not this). */
export function chartBoxStyle({ height, aspectRatio }: Pick<ChartProps, 'height' | 'aspectRatio'>) {
  return aspectRatio ? { aspectRatio: String(aspectRatio), minHeight: 0 } : { height: height ?? 280 };
}
