-- One row per programme, month and district: the eligible units E on the month's last
-- day (METRICS.md, "Sets"), in the programme's own context (04), counted: persons for a PERSON programme (a nik), heads for a
-- FAMILY one (a kk; a family is eligible when its head is, RULES.md, "Families"), each in
-- the district of its own or its head's village. The metrics need only the counts, so E
-- is never copied unit by unit; the units paid R are the first payments of
-- disbursement_fact (06).
-- Inputs: eligibility, eligibility_axis, program_month.
-- Grain: program, period, district.
CREATE TABLE {db:Identifier}.eligible_count
ENGINE = MergeTree ORDER BY (program, period, district) SETTINGS max_bytes_to_merge_at_max_space_in_pool = 1 AS
WITH by_district AS (
  -- Per district, persons and heads eligible for each programme in each month, as flat
  -- arrays in failed_mask's order (programme, then month), so no person row is multiplied.
  SELECT
    substring(e.village_code, 1, 8) AS district,
    sumForEach(arrayMap(mask -> toUInt64(mask = 0), e.failed_mask)) AS persons,
    sumForEach(arrayMap(mask -> toUInt64(mask = 0 AND e.relationship = 'HEAD'), e.failed_mask)) AS heads
  FROM {db:Identifier}.eligibility AS e
  GROUP BY district
), by_program_month AS (
  SELECT
    d.district AS district,
    a.programs[intDiv(i - 1, length(a.periods)) + 1] AS program,
    a.periods[(i - 1) % length(a.periods) + 1] AS period,
    persons,
    heads
  FROM by_district AS d
  CROSS JOIN {db:Identifier}.eligibility_axis AS a
  ARRAY JOIN d.persons AS persons, d.heads AS heads, arrayEnumerate(d.persons) AS i
)
SELECT m.program AS program, m.period AS period, e.district AS district,
       toUInt64(sum(if(m.unit_kind = 'FAMILY', e.heads, e.persons))) AS units
FROM by_program_month AS e
INNER JOIN {db:Identifier}.program_month AS m ON m.program = e.program AND m.period = e.period
GROUP BY program, period, district
HAVING units > 0;
