/** Tables of figures on the console, through cli-table3. */
import Table from 'cli-table3';

export function printTable(header: string[], rows: (string | number)[][]): void {
  const table = new Table({ head: header, style: { head: [], border: [] } });
  table.push(...rows.map((row) => row.map(String)));
  console.log(table.toString());
}

/** Whole numbers with thousands separators, as the figures in bench/README.md. */
export const whole = (n: number) => Math.round(n).toLocaleString('en');
export const oneDecimal = (n: number) => n.toFixed(1);
