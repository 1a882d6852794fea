// ECharts with only the pieces the trade dashboard uses (keeps the bundle small).
import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, TooltipComponent, LegendComponent, TitleComponent, DataZoomComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([BarChart, LineChart, GridComponent, TooltipComponent, LegendComponent, TitleComponent, DataZoomComponent, CanvasRenderer]);

export const PALETTE = ['#1f4e79', '#c0504d', '#4f81bd', '#9bbb59', '#8064a2', '#f79646', '#2c7873', '#7f7f7f', '#b0a24a', '#5b9bd5'];

export function chart(el) {
  const c = echarts.init(el, null, { renderer: 'canvas' });
  el.chart = c;  // for the browser tests
  const onResize = () => c.resize();
  window.addEventListener('resize', onResize);
  c.dispose_ = () => {
    window.removeEventListener('resize', onResize);
    c.dispose();
  };
  return c;
}
