-- One row per programme, month, region level, region and DTKS welfare decile (1 = the
-- poorest tenth; 0 = the unit has no DTKS record): the units paid and the money they got,
-- for benefit incidence. A PERSON unit's decile is its own DTKS record's, a FAMILY unit's
-- its head's (recipient_unit). As in targeting, districts are counted once and the levels
-- above add them up; a unit counts on its first payment of the month.
-- Inputs: disbursement_fact.
-- Grain: program, period, level, region, decile.
CREATE TABLE {db:Identifier}.incidence
ENGINE = MergeTree ORDER BY (program, period, level, region, decile) SETTINGS max_bytes_to_merge_at_max_space_in_pool = 1 AS
SELECT
  program,
  period,
  area.1 AS level,
  area.2 AS region,
  decile,
  toUInt64(sum(d.units)) AS units,
  toUInt64(sum(d.amount)) AS amount
FROM (
  SELECT program, period, substring(region, 1, 8) AS district, decile,
         countIf(f.payment_rank = 1) AS units, sum(f.amount) AS amount
  FROM {db:Identifier}.disbursement_fact AS f
  GROUP BY program, period, district, decile
) AS d
ARRAY JOIN [('NATIONAL', ''), ('PROVINCE', substring(district, 1, 2)), ('REGENCY', substring(district, 1, 5)), ('DISTRICT', district)] AS area
GROUP BY program, period, level, region, decile;
