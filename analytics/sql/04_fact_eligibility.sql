-- One row per rule set, month and candidate person: the checks of the rule set the person
-- fails on the month's last day D, in the rule set's order; empty means ELIGIBLE (RULES.md;
-- every source answers here, so no check is UNKNOWN). This is the SQL twin of
-- @tepat/rules' evaluateEligibility, and a test holds the two to the same answers.
-- Candidates are the persons who pass the checks that do not depend on D (RESIDENT,
-- IN_DTKS, WELFARE_DECILE), in every month, and the person each programme of the rule
-- set paid that month stands for (the payee of a PERSON programme, the head of a FAMILY
-- one), so a flagged payment can say which checks failed. Everyone else fails a check
-- that does not depend on D and is not eligible in any month.
-- Inputs: person_fact, rule_set, program_month, disbursement, person.
CREATE TABLE {db:Identifier}.eligibility
ENGINE = MergeTree ORDER BY (rule_set, period, nik) AS
WITH candidate AS (
  SELECT r.code AS rule_set, m.period AS period, f.nik AS nik
  FROM {db:Identifier}.person_fact AS f
  CROSS JOIN {db:Identifier}.rule_set AS r
  CROSS JOIN (SELECT DISTINCT period FROM {db:Identifier}.program_month) AS m
  WHERE (NOT has(r.check_list, 'RESIDENT') OR r.region IS NULL OR startsWith(f.village_code, ifNull(r.region, '')))
    AND (NOT has(r.check_list, 'IN_DTKS') OR ifNull(f.dtks_status = 'ACTIVE', 0))
    AND (NOT has(r.check_list, 'WELFARE_DECILE') OR ifNull(f.decile <= r.decile_threshold, 0))
  UNION DISTINCT
  SELECT m.rule_set AS rule_set, m.period AS period, assumeNotNull(if(m.unit_kind = 'FAMILY', h.nik, d.nik)) AS nik
  FROM {db:Identifier}.disbursement AS d
  INNER JOIN {db:Identifier}.program_month AS m ON m.program = d.program_code AND m.period = d.period
  LEFT JOIN (SELECT kk, nik FROM {db:Identifier}.person WHERE relationship = 'HEAD') AS h ON h.kk = d.kk
  WHERE if(m.unit_kind = 'FAMILY', h.nik, d.nik) IS NOT NULL
)
SELECT
  c.rule_set AS rule_set,
  c.period AS period,
  c.nik AS nik,
  f.kk AS kk,
  f.relationship AS relationship,
  f.village_code AS village_code,
  toLastDayOfMonth(toDate(concat(c.period, '-01'))) AS as_of,
  arrayFilter(code -> NOT multiIf(
    code = 'IDENTITY', 1,
    code = 'ALIVE', ifNull(f.death_date > as_of, 1),
    code = 'RESIDENT', r.region IS NULL OR startsWith(f.village_code, ifNull(r.region, '')),
    code = 'VACCINATED', ifNull(f.first_dose <= as_of, 0),
    code = 'NOT_CIVIL_SERVANT', NOT arrayExists((s, e) -> s <= as_of AND e >= as_of, f.service_start, f.service_end),
    code = 'NO_PRIOR_AID', ifNull(f.first_aid > as_of, 1),
    code = 'FAMILY_NOT_RECEIVING', NOT arrayExists(
      x -> x > subtractDays(as_of, ifNull(r.family_lookback_days, 180)) AND x <= as_of, f.family_aid_dates),
    code = 'IN_DTKS', ifNull(f.dtks_status = 'ACTIVE', 0),
    code = 'WELFARE_DECILE', ifNull(f.decile <= r.decile_threshold, 0),
    -- A check this pipeline does not know never passes.
    0), r.check_list) AS failed
FROM candidate AS c
INNER JOIN {db:Identifier}.person_fact AS f ON f.nik = c.nik
INNER JOIN {db:Identifier}.rule_set AS r ON r.code = c.rule_set;
