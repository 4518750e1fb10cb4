/** The ECharts half of `Chart` (chart.tsx), loaded after the figures it draws. */
import { useEffect, useRef, useState } from 'react';
import { echartsFor, type echarts } from '../charts/echarts.ts';
import type { ChartProps } from './chart.tsx';

type Instance = ReturnType<typeof echarts.init>;

export default function ChartCanvas({ option, label, height = 280, testId, onSelect, kind = 'bars' }: ChartProps) {
  const box = useRef<HTMLDivElement>(null);
  const [chart, setChart] = useState<Instance>();
  const select = useRef(onSelect);
  select.current = onSelect;

  useEffect(() => {
    let instance: Instance | undefined;
    let observer: ResizeObserver | undefined;
    let gone = false;
    void echartsFor(kind).then((echarts) => {
      if (gone) return;
      instance = echarts.init(box.current!, undefined, { renderer: 'canvas' });
      instance.on('click', (params) => {
        if (typeof params.name === 'string' && params.name) select.current?.(params.name);
      });
      observer = new ResizeObserver(() => instance?.resize());
      observer.observe(box.current!);
      setChart(instance);
    });
    return () => {
      gone = true;
      observer?.disconnect();
      instance?.dispose();
    };
  }, [kind]);

  useEffect(() => {
    const tooltip = (option as { tooltip?: object }).tooltip;
    chart?.setOption(
      {
        animation: false,
        ...option,
        // Drawn on the canvas: ECharts' HTML tooltips carry style attributes the page's policy refuses.
        ...(tooltip ? { tooltip: { ...tooltip, renderMode: 'richText' } } : {}),
      },
      { notMerge: true },
    );
  }, [chart, option]);

  // Screen readers get the label, which says the numbers are in the table beside or under the chart.
  return <div ref={box} className="chart" data-testid={testId} style={{ height }} role="img" aria-label={label} />;
}
