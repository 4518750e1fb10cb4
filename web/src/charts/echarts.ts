/**
 * ECharts, tree-shaken to what the screens draw: lines (trends), bars (leakage, deciles,
 * regions) and the map, with tooltips, legends, the colour scale and ECharts' own ARIA
 * descriptions, on the canvas renderer (it writes no style attributes, which the page's
 * content-security policy would refuse).
 */
import { BarChart, LineChart, MapChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([LineChart, BarChart, MapChart, GridComponent, TooltipComponent, LegendComponent, VisualMapComponent, AriaComponent, CanvasRenderer]);

export { echarts };
export type { EChartsCoreOption as ChartOption } from 'echarts/core';
