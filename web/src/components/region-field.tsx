/**
 * A region code typed in and applied on submit (a province, regency, district or village
 * code, DATA.md): the filter of the auditor's payments and of the data-quality screen. Empty
 * means every region.
 */
import { useState, type FormEvent } from 'react';
import { TextField } from './fields.tsx';

export interface RegionFieldProps {
  region: string | null;
  label: string;
  hint: string;
  action: string;
  onChange(region: string | null): void;
}

export function RegionField({ region, label, hint, action, onChange }: RegionFieldProps) {
  const [value, setValue] = useState(region ?? '');
  return (
    <form
      className="region-field"
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        onChange(value.trim() || null);
      }}
    >
      <TextField label={label} hint={hint} name="region" inputMode="decimal" value={value} onChange={(e) => setValue(e.target.value)} />
      <button type="submit">{action}</button>
    </form>
  );
}
