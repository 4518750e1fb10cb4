/** Whether a personnel record covers a day (DATA.md civil-service/personnel.csv). */
import { dateFromIso } from '@tepat/core';
import type { PersonnelRow } from './loaders.js';

/** A person serves on day D when start_date <= D and (end_date is empty or end_date >= D): both ends count. */
export function servesOn(record: Pick<PersonnelRow, 'startDate' | 'endDate'>, day: string): boolean {
  const d = dateFromIso(day).getTime();
  return record.startDate.getTime() <= d && (record.endDate === null || record.endDate.getTime() >= d);
}
