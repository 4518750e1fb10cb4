-- The checks of RULES.md, evaluated for every person in population under every rule set
-- on the last day D of every month covered (RULES.md; every source answers here, so no
-- check is UNKNOWN). This is the SQL twin of @tepat/rules' evaluateEligibility, and a
-- test holds the two to the same answers.
-- eligibility_axis: one row naming the axes of the masks below: the rule sets (by code)
-- with their checks in order, and the months with their D.
-- eligibility: one row per person with the facts step 06 reads about a payee or a head,
-- and failed_mask[rule set][month]: bit i set when the rule set's i-th check (from 0)
-- fails; 0 means ELIGIBLE. One row per person rather than per person and month keeps
-- the table a twelfth of the size and lets step 06 find a person's every answer in one
-- lookup. Inputs: person_fact, rule_set, program_month.
CREATE TABLE {db:Identifier}.eligibility_axis
ENGINE = MergeTree ORDER BY tuple() AS
SELECT
  arrayMap(r -> r.1, r.rows) AS rule_sets,
  arrayMap(r -> r.2, r.rows) AS check_lists,
  arrayMap(r -> r.3, r.rows) AS regions,
  arrayMap(r -> r.4, r.rows) AS decile_thresholds,
  arrayMap(r -> r.5, r.rows) AS lookback_days,
  m.periods AS periods,
  m.as_ofs AS as_ofs
FROM (
  -- As tuples: groupArray skips a NULL, which would shift a region or a threshold.
  SELECT groupArray((code, check_list, region, decile_threshold, ifNull(family_lookback_days, 180))) AS rows
  FROM (SELECT code, check_list, region, decile_threshold, family_lookback_days FROM {db:Identifier}.rule_set ORDER BY code)
) AS r
CROSS JOIN (
  SELECT groupArray(period) AS periods, groupArray(as_of) AS as_ofs
  FROM (SELECT DISTINCT period, as_of FROM {db:Identifier}.program_month ORDER BY period)
) AS m;

CREATE TABLE {db:Identifier}.eligibility
ENGINE = MergeTree ORDER BY nik AS
SELECT
  f.nik AS nik,
  f.kk AS kk,
  f.relationship AS relationship,
  f.village_code AS village_code,
  f.decile AS decile,
  f.death_date AS death_date,
  f.service_corps AS service_corps,
  f.service_agency AS service_agency,
  f.service_start AS service_start,
  f.service_end AS service_end,
  arrayMap((checks, region, threshold, lookback) -> arrayMap(as_of -> arraySum(arrayMap((code, i) -> if(multiIf(
      code = 'IDENTITY', 1,
      code = 'ALIVE', ifNull(f.death_date > as_of, 1),
      code = 'RESIDENT', region IS NULL OR startsWith(f.village_code, ifNull(region, '')),
      code = 'VACCINATED', ifNull(f.first_dose <= as_of, 0),
      code = 'NOT_CIVIL_SERVANT', NOT arrayExists((s, e) -> s <= as_of AND e >= as_of, f.service_start, f.service_end),
      code = 'NO_PRIOR_AID', ifNull(f.first_aid > as_of, 1),
      code = 'FAMILY_NOT_RECEIVING', NOT arrayExists(x -> x > subtractDays(as_of, lookback) AND x <= as_of, f.family_aid_dates),
      code = 'IN_DTKS', ifNull(f.dtks_status = 'ACTIVE', 0),
      code = 'WELFARE_DECILE', ifNull(f.decile <= threshold, 0),
      -- A check this pipeline does not know never passes.
      0), 0, bitShiftLeft(toUInt32(1), i)), checks, range(length(checks)))), a.as_ofs),
    a.check_lists, a.regions, a.decile_thresholds, a.lookback_days) AS failed_mask
FROM {db:Identifier}.person_fact AS f
CROSS JOIN {db:Identifier}.eligibility_axis AS a;
