/**
 * ECharts, tree-shaken and registered by what a chart draws: every chart gets the core, the
 * canvas renderer (it writes no style attributes, which the page's content-security policy
 * would refuse), the grid, tooltips and bars; lines and their legend, and the map with its
 * colour scale, come in their own chunks when a screen first draws one.
 */
import { BarChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([BarChart, GridComponent, TooltipComponent, CanvasRenderer]);

export { echarts };
export type { EChartsCoreOption as ChartOption } from 'echarts/core';

/** What a chart draws beyond bars. */
export type ChartKind = 'bars' | 'lines' | 'map';

const EXTRAS: Record<Exclude<ChartKind, 'bars'>, () => Promise<unknown>> = {
  lines: () => import('./echarts-lines.ts'),
  map: () => import('./indonesia-map.ts'),
};

/** ECharts with what `kind` needs registered. */
export async function echartsFor(kind: ChartKind): Promise<typeof echarts> {
  if (kind !== 'bars') await EXTRAS[kind]();
  return echarts;
}
