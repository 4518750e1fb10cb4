/**
 * Kemendagri region codes by depth (DATA.md: `51` province, `51.01` regency, `51.01.01`
 * district, `51.01.01.2001` village): the level whose regions lie one step inside a code,
 * as the hub's RegionLevel names it; the nation's are provinces, and nothing lists below a
 * district (RegionLevel stops there).
 */
export type LevelBelow = 'PROVINCE' | 'REGENCY' | 'DISTRICT';

export function levelBelow(code: string | null | undefined): LevelBelow | null {
  if (!code) return 'PROVINCE';
  const depth = code.split('.').length;
  return depth === 1 ? 'REGENCY' : depth === 2 ? 'DISTRICT' : null;
}
