/** The app's palette (styles.css), so charts and cards agree. */
export const COLOURS = {
  accent: '#0f6e8c',
  bad: '#b3412a',
  warn: '#c7821d',
  violet: '#6b56a3',
  good: '#2f7d4f',
  muted: '#5b6876',
  grid: '#e2e7ec',
};
