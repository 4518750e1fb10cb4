-- One row per programme, month and unit (a nik for a PERSON programme, a kk for a FAMILY
-- one) for the units paid R, and the eligible units E counted per district (METRICS.md,
-- "Sets").
-- eligible_count: the units eligible on the month's last day per programme, month and
-- district: persons for a PERSON programme, heads for a FAMILY one (a family is eligible
-- when its head is, RULES.md, "Families"; its region is the head's village). The metrics
-- need only the counts, so E is never copied unit by unit.
-- recipient_unit: one row per unit paid that month, with the person it stands for (the
-- payee, or the family's head), its region (that person's village; for a unit not in
-- population, or a family without a head, the district of its first payment of the
-- month by disbursed_on, then id), its DTKS decile (that person's; 0 without a record),
-- whether it is eligible and the checks it fails.
-- Inputs: eligibility, program_month, disbursement, person, dtks_member.
CREATE TABLE {db:Identifier}.eligible_count
ENGINE = MergeTree ORDER BY (program, period, district) AS
SELECT m.program AS program, m.period AS period, e.district AS district,
       toUInt64(sum(if(m.unit_kind = 'FAMILY', e.heads, e.persons))) AS units
FROM (
  SELECT rule_set, period, substring(village_code, 1, 8) AS district,
         count() AS persons, countIf(relationship = 'HEAD') AS heads
  FROM {db:Identifier}.eligibility
  WHERE empty(failed)
  GROUP BY rule_set, period, district
) AS e
INNER JOIN {db:Identifier}.program_month AS m ON m.rule_set = e.rule_set AND m.period = e.period
GROUP BY program, period, district;

CREATE TABLE {db:Identifier}.recipient_unit
ENGINE = MergeTree ORDER BY (program, period, unit) AS
WITH paid AS (
  SELECT
    d.program_code AS program,
    d.period AS period,
    any(m.unit_kind) AS unit_kind,
    any(m.rule_set) AS rule_set,
    if(m.unit_kind = 'FAMILY', d.kk, d.nik) AS unit,
    argMin(d.district_code, (d.disbursed_on, d.id)) AS first_district
  FROM {db:Identifier}.disbursement AS d
  INNER JOIN {db:Identifier}.program_month AS m ON m.program = d.program_code AND m.period = d.period
  GROUP BY program, period, unit
), subject AS (
  SELECT
    paid.*,
    if(paid.unit_kind = 'FAMILY', h.nik, p.nik) AS subject_nik,
    if(paid.unit_kind = 'FAMILY', h.village_code, p.village_code) AS subject_village
  FROM paid
  LEFT JOIN (SELECT nik, village_code FROM {db:Identifier}.person) AS p
    ON p.nik = if(paid.unit_kind = 'PERSON', paid.unit, '')
  LEFT JOIN (SELECT kk, nik, village_code FROM {db:Identifier}.person WHERE relationship = 'HEAD') AS h
    ON h.kk = if(paid.unit_kind = 'FAMILY', paid.unit, '')
)
SELECT
  s.program AS program,
  s.period AS period,
  s.unit_kind AS unit_kind,
  s.unit AS unit,
  s.subject_nik AS subject_nik,
  toString(ifNull(s.subject_village, s.first_district)) AS region,
  -- A PERSON unit's own DTKS record, even when population does not know the NIK.
  ifNull(k.decile, 0) AS decile,
  -- Not in population: IDENTITY fails and nothing else is evaluated (RULES.md).
  multiIf(
    s.subject_nik IS NOT NULL, e.failed,
    s.unit_kind = 'FAMILY', ['NO_HEAD_IN_POPULATION'],
    ['IDENTITY']) AS failed,
  s.subject_nik IS NOT NULL AND empty(e.failed) AS eligible
FROM subject AS s
LEFT JOIN {db:Identifier}.eligibility AS e
  ON e.rule_set = s.rule_set AND e.period = s.period AND e.nik = ifNull(s.subject_nik, '')
LEFT JOIN {db:Identifier}.dtks_member AS k
  ON k.nik = if(s.unit_kind = 'FAMILY', ifNull(s.subject_nik, ''), s.unit);
