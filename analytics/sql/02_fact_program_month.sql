-- One row per programme and month: every programme for every `period` any disbursement
-- is for, with the programme's unit and rule set and the as-of date D, the month's last
-- day (METRICS.md). Inputs: program, disbursement, rule_set.
-- Grain: program, period.
CREATE TABLE {db:Identifier}.program_month
ENGINE = MergeTree ORDER BY (program, period) SETTINGS max_bytes_to_merge_at_max_space_in_pool = 1 AS
SELECT
  p.code AS program,
  p.unit AS unit_kind,
  p.rule_set AS rule_set,
  r.version AS rule_set_version,
  m.period AS period,
  toLastDayOfMonth(toDate(concat(m.period, '-01'))) AS as_of
FROM {db:Identifier}.program AS p
CROSS JOIN (SELECT DISTINCT CAST(period AS String) AS period FROM {db:Identifier}.disbursement) AS m
LEFT JOIN {db:Identifier}.rule_set AS r ON r.code = p.rule_set;
