-- One row per programme, month, region level, region and DTKS welfare decile (1 = the
-- poorest tenth; 0 = the unit has no DTKS record): the units paid and the money they got,
-- for benefit incidence. A PERSON unit's decile is its own DTKS record's, a FAMILY unit's
-- its head's. Inputs: disbursement_fact, dtks_member.
CREATE TABLE {db:Identifier}.incidence
ENGINE = MergeTree ORDER BY (program, period, level, region, decile) AS
SELECT
  f.program AS program,
  f.period AS period,
  area.1 AS level,
  area.2 AS region,
  ifNull(k.decile, 0) AS decile,
  toUInt64(uniqExact(f.unit)) AS units,
  toUInt64(sum(f.amount)) AS amount
FROM {db:Identifier}.disbursement_fact AS f
LEFT JOIN {db:Identifier}.dtks_member AS k
  ON k.nik = if(f.unit_kind = 'FAMILY', ifNull(f.subject_nik, ''), f.unit)
ARRAY JOIN [('NATIONAL', ''), ('PROVINCE', substring(f.region, 1, 2)), ('REGENCY', substring(f.region, 1, 5)), ('DISTRICT', substring(f.region, 1, 8))] AS area
GROUP BY program, period, level, region, decile;
