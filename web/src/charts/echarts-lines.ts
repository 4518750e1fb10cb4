/** Line charts and their legend (the trend screen). */
import { LineChart } from 'echarts/charts';
import { LegendComponent } from 'echarts/components';
import * as echarts from 'echarts/core';

echarts.use([LineChart, LegendComponent]);
