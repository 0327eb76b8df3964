import { BarChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { init, use } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

/** ECharts with only what the statistics screen draws (bar charts as SVG), a fraction of the full build. */
use([BarChart, GridComponent, TooltipComponent, LegendComponent, AriaComponent, SVGRenderer]);

export function barChart(host: HTMLElement) {
  return init(host, undefined, { renderer: 'svg' });
}
