/** The ECharts half of `Chart` (chart.tsx), loaded after the figures it draws. */
import { useEffect, useRef, useState } from 'react';
import { echartsFor, type echarts } from '../charts/echarts.ts';
import { chartBoxStyle, type ChartProps } from './chart.tsx';

type Instance = ReturnType<typeof echarts.init>;

export default function ChartCanvas({ option, label, height, aspectRatio, testId, onSelect, kind = 'bars' }: ChartProps) {
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
      // A box without width or height (mid-layout, hidden) makes ECharts' map transform singular: wait for a size.
      observer = new ResizeObserver(() => {
        if (box.current && box.current.clientWidth > 0 && box.current.clientHeight > 0) instance?.resize();
      });
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
  return <div ref={box} className="chart" data-testid={testId} style={chartBoxStyle({ height, aspectRatio })} role="img" aria-label={label} />;
}
