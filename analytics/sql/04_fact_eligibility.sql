-- The checks of RULES.md, evaluated for every person in population under every rule set
-- on the last day D of every month covered (RULES.md; every source answers here, so no
-- check is UNKNOWN). This is the SQL twin of @tepat/rules' evaluateEligibility, and a
-- test holds the two to the same answers.
-- eligibility_axis: one row naming the axes of the masks below: the rule sets (by code)
-- with their checks in order, and the months with their D.
-- eligibility: one row per person with the facts step 06 reads about a payee or a head,
-- and failed_mask[(rule set - 1) x months + month]: the checks of the rule set that
-- fail, as bits by check id (eligibility_axis.check_ids, below); 0 means ELIGIBLE. Flat
-- and 16 bits wide (ids run to 9) because step 06 copies it onto 20 M payments. One row per person rather than per person and month keeps
-- the table a twelfth of the size and lets step 06 find a person's every answer in one
-- lookup. Inputs: person_fact, rule_set, program_month.
CREATE TABLE {db:Identifier}.eligibility_axis
ENGINE = MergeTree ORDER BY tuple() SETTINGS max_bytes_to_merge_at_max_space_in_pool = 1 AS
SELECT
  arrayMap(r -> r.1, r.rows) AS rule_sets,
  arrayMap(r -> r.2, r.rows) AS check_lists,
  -- Each check by its position in RULES.md's table, 0 for a check this pipeline does not know.
  arrayMap(checks -> arrayMap(code -> toUInt8(indexOf(
    ['IDENTITY', 'ALIVE', 'RESIDENT', 'VACCINATED', 'NOT_CIVIL_SERVANT', 'NO_PRIOR_AID', 'FAMILY_NOT_RECEIVING', 'IN_DTKS', 'WELFARE_DECILE'],
    code)), checks), check_lists) AS check_ids,
  -- The bits of the checks each rule set reads.
  arrayMap(ids -> toUInt32(arrayReduce('groupBitOr', arrayMap(id -> bitShiftLeft(toUInt32(1), id), ids))), check_ids) AS check_bits,
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
ENGINE = MergeTree ORDER BY nik SETTINGS max_bytes_to_merge_at_max_space_in_pool = 1 AS
WITH
  -- The axes as constants: read once, not copied onto every person's row.
  (SELECT check_bits FROM {db:Identifier}.eligibility_axis) AS check_bits,
  (SELECT regions FROM {db:Identifier}.eligibility_axis) AS regions,
  (SELECT decile_thresholds FROM {db:Identifier}.eligibility_axis) AS decile_thresholds,
  (SELECT lookback_days FROM {db:Identifier}.eligibility_axis) AS lookback_days,
  (SELECT arrayDistinct(lookback_days) FROM {db:Identifier}.eligibility_axis) AS distinct_lookbacks,
  (SELECT as_ofs FROM {db:Identifier}.eligibility_axis) AS as_ofs
SELECT
  nik, kk, relationship, village_code, decile, death_date,
  service_corps, service_agency, service_start, service_end,
  arrayFlatten(arrayMap((bits, rule_set_failing) -> arrayMap(
      (failing, rule_failing) -> toUInt16(bitAnd(bitOr(failing, rule_failing), bits)),
      failing_by_month, rule_set_failing),
    check_bits, rule_set_failing_by_month)) AS failed_mask
FROM (
  -- The checks that fail, month by month, as bits by check id: bit 0 (a check this
  -- pipeline does not know) always fails, IDENTITY (1) always passes for a person in
  -- population. failing_by_month holds the checks that do not read the rule set, worked
  -- out once per month: ALIVE (2), VACCINATED (4), NOT_CIVIL_SERVANT (5), NO_PRIOR_AID
  -- (6), IN_DTKS (8); rule_set_failing_by_month those that do, per rule set and month:
  -- RESIDENT (3), FAMILY_NOT_RECEIVING (7), WELFARE_DECILE (9).
  SELECT
    f.*,
    arrayMap(as_of -> toUInt32(1)
      + bitShiftLeft(toUInt32(ifNull(f.death_date <= as_of, 0)), 2)
      + bitShiftLeft(toUInt32(NOT ifNull(f.first_dose <= as_of, 0)), 4)
      + bitShiftLeft(toUInt32(arrayExists((s, e) -> s <= as_of AND e >= as_of, f.service_start, f.service_end)), 5)
      + bitShiftLeft(toUInt32(NOT ifNull(f.first_aid > as_of, 1)), 6)
      + bitShiftLeft(toUInt32(NOT ifNull(f.dtks_status = 'ACTIVE', 0)), 8),
      as_ofs) AS failing_by_month,
    -- Per rule set, the bits of RESIDENT and WELFARE_DECILE (they do not depend on the
    -- month) and of FAMILY_NOT_RECEIVING month by month, worked out once per distinct
    -- look-back rather than once per rule set.
    arrayMap(lookback -> arrayMap(as_of ->
        bitShiftLeft(toUInt32(arrayExists(x -> x > subtractDays(as_of, lookback) AND x <= as_of, f.family_aid_dates)), 7),
        as_ofs), distinct_lookbacks) AS family_failing_by_lookback,
    arrayMap((region, threshold) ->
        bitShiftLeft(toUInt32(NOT (region IS NULL OR startsWith(f.village_code, ifNull(region, '')))), 3)
        + bitShiftLeft(toUInt32(NOT ifNull(f.decile <= threshold, 0)), 9),
      regions, decile_thresholds) AS rule_set_failing,
    arrayMap((fixed, lookback) -> arrayMap(family -> family + fixed, family_failing_by_lookback[indexOf(distinct_lookbacks, lookback)]),
      rule_set_failing, lookback_days) AS rule_set_failing_by_month
  FROM {db:Identifier}.person_fact AS f
);
