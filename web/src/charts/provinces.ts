/**
 * The province codes the map's boundary set draws: 34, as of 2019, before the Papuan
 * provinces 93-96 were made (vite.config.ts). Kept apart from the boundaries so a screen can
 * say which regions are not drawn without loading the map.
 */
export const MAPPED_PROVINCES: ReadonlySet<string> = new Set([
  '11', '12', '13', '14', '15', '16', '17', '18', '19', '21', '31', '32', '33', '34', '35', '36', '51', '52', '53',
  '61', '62', '63', '64', '65', '71', '72', '73', '74', '75', '76', '81', '82', '91', '92',
]);

/** The name the boundaries are registered under with ECharts (indonesia-map.ts). */
export const INDONESIA_MAP = 'indonesia';
