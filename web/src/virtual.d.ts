/** The province boundaries, each feature named by its Kemendagri code (vite.config.ts). */
declare module 'virtual:indonesia-provinces' {
  const geoJson: { type: 'FeatureCollection'; features: { type: 'Feature'; properties: { name: string }; geometry: unknown }[] };
  export default geoJson;
}
