-- The checks of RULES.md, evaluated for every person in population under every programme's
-- rule set, in that programme's context (RULES.md, Programme context: its own payments do
-- not count against NO_PRIOR_AID or FAMILY_NOT_RECEIVING; METRICS.md, E), on the last day
-- D of every month covered (every source answers here, so no check is UNKNOWN). This is
-- the SQL twin of @tepat/rules' evaluateEligibility, and a test holds the two to the same
-- answers.
-- eligibility_axis: one row naming the axes of the masks below: the programmes (by code,
-- the order of paid_on's program_id) with their rule sets and its checks in order, and
-- the months with their D. A programme whose rule set eligibility does not hold gets the
-- one check UNKNOWN_RULE_SET, which every person fails: no one is eligible under rules
-- nobody wrote (and 09's invariant refuses to serve such a build).
-- eligibility: one row per person with the facts step 06 reads about a payee or a head,
-- and failed_mask[(programme - 1) x months + month]: the checks of the programme's rule
-- set that fail, as bits by check id (eligibility_axis.check_ids, below); 0 means
-- ELIGIBLE. Flat and 16 bits wide (ids run to 9) because step 06 copies it onto 20 M
-- payments. One row per person rather than per person and month keeps the table a
-- twelfth of the size and lets step 06 find a person's every answer in one lookup.
-- Inputs: person_fact, program, rule_set, program_month.
-- Grain: one row.
CREATE TABLE {db:Identifier}.eligibility_axis
ENGINE = MergeTree ORDER BY tuple() SETTINGS max_bytes_to_merge_at_max_space_in_pool = 1 AS
SELECT
  arrayMap(r -> r.1, r.rows) AS programs,
  arrayMap(r -> r.2, r.rows) AS rule_sets,
  arrayMap(r -> r.3, r.rows) AS check_lists,
  -- Each check by its position in RULES.md's table, 0 for a check this pipeline does not know.
  arrayMap(checks -> arrayMap(code -> toUInt8(indexOf(
    ['IDENTITY', 'ALIVE', 'RESIDENT', 'VACCINATED', 'NOT_CIVIL_SERVANT', 'NO_PRIOR_AID', 'FAMILY_NOT_RECEIVING', 'IN_DTKS', 'WELFARE_DECILE'],
    code)), checks), check_lists) AS check_ids,
  -- The bits of the checks each programme's rule set reads.
  arrayMap(ids -> toUInt32(arrayReduce('groupBitOr', arrayMap(id -> bitShiftLeft(toUInt32(1), id), ids))), check_ids) AS check_bits,
  arrayMap(r -> r.4, r.rows) AS regions,
  arrayMap(r -> r.5, r.rows) AS decile_thresholds,
  arrayMap(r -> r.6, r.rows) AS lookback_days,
  m.periods AS periods,
  m.as_ofs AS as_ofs
FROM (
  -- As tuples: groupArray skips a NULL, which would shift a region or a threshold.
  SELECT groupArray((program, rule_set, check_list, region, decile_threshold, lookback)) AS rows
  FROM (
    SELECT
      p.code AS program,
      p.rule_set AS rule_set,
      if(r.code IS NULL, ['UNKNOWN_RULE_SET'], r.check_list) AS check_list,
      r.region AS region,
      r.decile_threshold AS decile_threshold,
      ifNull(r.family_lookback_days, 180) AS lookback
    FROM {db:Identifier}.program AS p
    LEFT JOIN {db:Identifier}.rule_set AS r ON r.code = p.rule_set
    ORDER BY p.code
  )
) AS r
CROSS JOIN (
  SELECT groupArray(period) AS periods, groupArray(as_of) AS as_ofs
  FROM (SELECT DISTINCT period, as_of FROM {db:Identifier}.program_month ORDER BY period)
) AS m;

-- Grain: nik.
CREATE TABLE {db:Identifier}.eligibility
ENGINE = MergeTree ORDER BY nik SETTINGS max_bytes_to_merge_at_max_space_in_pool = 1 AS
WITH
  -- The axes as constants: read once, not copied onto every person's row.
  (SELECT check_bits FROM {db:Identifier}.eligibility_axis) AS check_bits,
  (SELECT regions FROM {db:Identifier}.eligibility_axis) AS regions,
  (SELECT decile_thresholds FROM {db:Identifier}.eligibility_axis) AS decile_thresholds,
  (SELECT lookback_days FROM {db:Identifier}.eligibility_axis) AS lookback_days,
  (SELECT as_ofs FROM {db:Identifier}.eligibility_axis) AS as_ofs,
  -- The programme ids (paid_on.program_id) whose context matters: those whose rule set
  -- reads aid. Elsewhere the aid bits are masked away, so they are not worked out.
  (SELECT arrayFilter(i -> bitTest(check_bits[i], 6), arrayEnumerate(check_bits)) FROM {db:Identifier}.eligibility_axis) AS no_prior_aid_programs,
  (SELECT arrayFilter(i -> bitTest(check_bits[i], 7), arrayEnumerate(check_bits)) FROM {db:Identifier}.eligibility_axis) AS family_programs
SELECT
  nik, kk, relationship, village_code, decile, death_date,
  service_corps, service_agency, service_start, service_end,
  arrayFlatten(arrayMap((bits, program_failing) -> arrayMap(
      (failing, own_failing) -> toUInt16(bitAnd(bitOr(failing, own_failing), bits)),
      failing_by_month, program_failing),
    check_bits, program_failing_by_month)) AS failed_mask
FROM (
  -- The checks that fail, month by month, as bits by check id: bit 0 (a check this
  -- pipeline does not know) always fails, IDENTITY (1) always passes for a person in
  -- population. failing_by_month holds the checks that read neither the rule set nor the
  -- programme, worked out once per month: ALIVE (2), VACCINATED (4), NOT_CIVIL_SERVANT
  -- (5), IN_DTKS (8); program_failing_by_month those that do, per programme and month:
  -- RESIDENT (3) and WELFARE_DECILE (9) from its rule set, NO_PRIOR_AID (6) and
  -- FAMILY_NOT_RECEIVING (7) without its own payments.
  SELECT
    f.*,
    arrayMap(as_of -> toUInt32(1)
      + bitShiftLeft(toUInt32(ifNull(f.death_date <= as_of, 0)), 2)
      + bitShiftLeft(toUInt32(NOT ifNull(f.first_dose <= as_of, 0)), 4)
      + bitShiftLeft(toUInt32(arrayExists((s, e) -> s <= as_of AND e >= as_of, f.service_start, f.service_end)), 5)
      + bitShiftLeft(toUInt32(NOT ifNull(f.dtks_status = 'ACTIVE', 0)), 8),
      as_ofs) AS failing_by_month,
    arrayMap((program, region, threshold, lookback) ->
      arrayMap(as_of ->
        bitShiftLeft(toUInt32(NOT (region IS NULL OR startsWith(f.village_code, ifNull(region, '')))), 3)
        + bitShiftLeft(toUInt32(NOT ifNull(f.decile <= threshold, 0)), 9)
        -- Paid on or before D by any programme but this one.
        + bitShiftLeft(toUInt32(has(no_prior_aid_programs, program)
            AND arrayExists((first, id) -> id != program AND first <= as_of, f.aid_first_by_program, f.aid_program_ids)), 6)
        -- A member of the family paid by any programme but this one, D - lookback < day <= D.
        + bitShiftLeft(toUInt32(has(family_programs, program)
            AND arrayExists((day, id) -> id != program AND day > subtractDays(as_of, lookback) AND day <= as_of,
                            f.family_aid_dates, f.family_aid_program_ids)), 7),
        as_ofs),
      arrayEnumerate(check_bits), regions, decile_thresholds, lookback_days) AS program_failing_by_month
  FROM {db:Identifier}.person_fact AS f
);
