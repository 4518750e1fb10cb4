-- One row per programme, month, region level (NATIONAL, PROVINCE, REGENCY, DISTRICT) and
-- region at that level: the counts and sums METRICS.md's targeting accuracy, leakage and
-- regional equity are ratios of. A unit and its payments count in the region its code
-- starts with; every programme and month has its NATIONAL row, zeros included.
-- Every measure is a count or a sum over units and payments that each sit in one
-- district, so it is computed once per district and the levels above add districts up.
-- A unit paid is counted on its first payment of the month (payment_rank 1). Measures
-- read table columns by qualified name: ClickHouse lets an output alias shadow a column.
-- Inputs: disbursement_fact, eligible_count, program_month.
-- Grain: program, period, level, region.
CREATE TABLE {db:Identifier}.targeting
ENGINE = MergeTree ORDER BY (program, period, level, region) SETTINGS max_bytes_to_merge_at_max_space_in_pool = 1 AS
WITH by_district AS (
  SELECT
    program,
    period,
    substring(region, 1, 8) AS district,
    countIf(payment_rank = 1) AS recipients,
    toUInt64(0) AS eligible,
    countIf(payment_rank = 1 AND unit_eligible) AS recipients_eligible,
    count() AS payments,
    sum(f.amount) AS amount,
    countIf(category != '') AS leakage_payments,
    sumIf(f.amount, category != '') AS leakage_amount,
    countIf(category = 'GHOST') AS ghost_payments,
    sumIf(f.amount, category = 'GHOST') AS ghost_amount,
    countIf(category = 'DECEASED') AS deceased_payments,
    sumIf(f.amount, category = 'DECEASED') AS deceased_amount,
    countIf(category = 'CIVIL_SERVANT') AS civil_servant_payments,
    sumIf(f.amount, category = 'CIVIL_SERVANT') AS civil_servant_amount,
    countIf(category = 'DUPLICATE') AS duplicate_payments,
    sumIf(f.amount, category = 'DUPLICATE') AS duplicate_amount,
    countIf(category = 'INELIGIBLE') AS ineligible_payments,
    sumIf(f.amount, category = 'INELIGIBLE') AS ineligible_amount
  FROM {db:Identifier}.disbursement_fact AS f
  GROUP BY program, period, district
  UNION ALL
  SELECT program, period, district, 0, units, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
  FROM {db:Identifier}.eligible_count
  UNION ALL
  -- Keeps a programme and month with neither payments nor eligible units on the dashboard.
  SELECT program, period, '', 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
  FROM {db:Identifier}.program_month
)
SELECT
  program,
  period,
  area.1 AS level,
  area.2 AS region,
  toUInt64(sum(recipients)) AS recipients,
  toUInt64(sum(eligible)) AS eligible,
  toUInt64(sum(recipients_eligible)) AS recipients_eligible,
  toUInt64(sum(payments)) AS payments,
  toUInt64(sum(amount)) AS amount,
  toUInt64(sum(leakage_payments)) AS leakage_payments,
  toUInt64(sum(leakage_amount)) AS leakage_amount,
  toUInt64(sum(ghost_payments)) AS ghost_payments,
  toUInt64(sum(ghost_amount)) AS ghost_amount,
  toUInt64(sum(deceased_payments)) AS deceased_payments,
  toUInt64(sum(deceased_amount)) AS deceased_amount,
  toUInt64(sum(civil_servant_payments)) AS civil_servant_payments,
  toUInt64(sum(civil_servant_amount)) AS civil_servant_amount,
  toUInt64(sum(duplicate_payments)) AS duplicate_payments,
  toUInt64(sum(duplicate_amount)) AS duplicate_amount,
  toUInt64(sum(ineligible_payments)) AS ineligible_payments,
  toUInt64(sum(ineligible_amount)) AS ineligible_amount
FROM by_district
ARRAY JOIN if(district = '',
  [('NATIONAL', '')],
  [('NATIONAL', ''), ('PROVINCE', substring(district, 1, 2)), ('REGENCY', substring(district, 1, 5)), ('DISTRICT', district)]
) AS area
GROUP BY program, period, level, region;
