/** The ECharts half of `Chart` (chart.tsx), loaded after the figures it draws. */
import { useEffect, useRef } from 'react';
import { echarts } from '../charts/echarts.ts';
import type { ChartProps } from './chart.tsx';

export default function ChartCanvas({ option, label, height = 280, testId, onSelect }: ChartProps) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<ReturnType<typeof echarts.init>>(undefined);
  const select = useRef(onSelect);
  select.current = onSelect;

  useEffect(() => {
    const instance = echarts.init(box.current!, undefined, { renderer: 'canvas' });
    chart.current = instance;
    instance.on('click', (params) => {
      if (typeof params.name === 'string' && params.name) select.current?.(params.name);
    });
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(box.current!);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = undefined;
    };
  }, []);

  useEffect(() => {
    const tooltip = (option as { tooltip?: object }).tooltip;
    chart.current?.setOption(
      {
        aria: { enabled: true, label: { description: label } },
        animation: false,
        ...option,
        // Drawn on the canvas: ECharts' HTML tooltips carry style attributes the page's policy refuses.
        ...(tooltip ? { tooltip: { ...tooltip, renderMode: 'richText' } } : {}),
      },
      { notMerge: true },
    );
  }, [option, label]);

  return <div ref={box} className="chart" data-testid={testId} style={{ height }} role="img" aria-label={label} />;
}
