-- One row per programme, month and district: the eligible units E on the month's last
-- day (METRICS.md, "Sets"), counted: persons for a PERSON programme (a nik), heads for a
-- FAMILY one (a kk; a family is eligible when its head is, RULES.md, "Families"), each in
-- the district of its own or its head's village. The metrics need only the counts, so E
-- is never copied unit by unit; the units paid R are the first payments of
-- disbursement_fact (06).
-- Inputs: eligibility, program_month.
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
