/** Tables of figures on the console, through cli-table3. */
import Table from 'cli-table3';

export function printTable(header: string[], rows: (string | number)[][]): void {
  const table = new Table({ head: header, style: { head: [], border: [] } });
  table.push(...rows.map((row) => row.map(String)));
  console.log(table.toString());
}
