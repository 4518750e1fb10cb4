-- One row per programme, month, region level (NATIONAL, PROVINCE, REGENCY, DISTRICT) and
-- region at that level: the counts and sums METRICS.md's targeting accuracy, leakage and
-- regional equity are ratios of. A unit and its payments count in the region its code
-- starts with; every programme and month has its NATIONAL row, zeros included.
-- Inputs: recipient_unit, eligible_unit, disbursement_fact, program_month.
CREATE TABLE {db:Identifier}.targeting
ENGINE = MergeTree ORDER BY (program, period, level, region) AS
WITH unit_month AS (
  -- R and E together, one row per unit: whether it was paid and whether it is eligible.
  SELECT program, period, unit, any(region) AS region, max(paid) AS paid, max(eligible) AS eligible
  FROM (
    SELECT program, period, unit, region, 1 AS paid, 0 AS eligible FROM {db:Identifier}.recipient_unit
    UNION ALL
    SELECT program, period, unit, region, 0 AS paid, 1 AS eligible FROM {db:Identifier}.eligible_unit
  )
  GROUP BY program, period, unit
), measures AS (
  -- Measure columns carry names of their own: ClickHouse lets an output alias shadow a column.
  SELECT program, period, region AS unit_region, paid AS is_paid, eligible AS is_eligible,
         paid AND eligible AS is_paid_eligible, 0 AS is_payment, toUInt64(0) AS payment_amount, '' AS payment_category
  FROM unit_month
  UNION ALL
  SELECT program, period, region, 0, 0, 0, 1, amount, toString(category) FROM {db:Identifier}.disbursement_fact
  UNION ALL
  -- Keeps a programme and month with neither payments nor eligible units on the dashboard.
  SELECT program, period, '', 0, 0, 0, 0, toUInt64(0), '' FROM {db:Identifier}.program_month
)
SELECT
  program,
  period,
  area.1 AS level,
  area.2 AS region,
  toUInt64(sum(is_paid)) AS recipients,
  toUInt64(sum(is_eligible)) AS eligible,
  toUInt64(sum(is_paid_eligible)) AS recipients_eligible,
  toUInt64(sum(is_payment)) AS payments,
  toUInt64(sum(payment_amount)) AS amount,
  toUInt64(sumIf(is_payment, payment_category != '')) AS leakage_payments,
  toUInt64(sumIf(payment_amount, payment_category != '')) AS leakage_amount,
  toUInt64(sumIf(is_payment, payment_category = 'GHOST')) AS ghost_payments,
  toUInt64(sumIf(payment_amount, payment_category = 'GHOST')) AS ghost_amount,
  toUInt64(sumIf(is_payment, payment_category = 'DECEASED')) AS deceased_payments,
  toUInt64(sumIf(payment_amount, payment_category = 'DECEASED')) AS deceased_amount,
  toUInt64(sumIf(is_payment, payment_category = 'CIVIL_SERVANT')) AS civil_servant_payments,
  toUInt64(sumIf(payment_amount, payment_category = 'CIVIL_SERVANT')) AS civil_servant_amount,
  toUInt64(sumIf(is_payment, payment_category = 'DUPLICATE')) AS duplicate_payments,
  toUInt64(sumIf(payment_amount, payment_category = 'DUPLICATE')) AS duplicate_amount,
  toUInt64(sumIf(is_payment, payment_category = 'INELIGIBLE')) AS ineligible_payments,
  toUInt64(sumIf(payment_amount, payment_category = 'INELIGIBLE')) AS ineligible_amount
FROM measures
ARRAY JOIN if(unit_region = '',
  [('NATIONAL', '')],
  [('NATIONAL', ''), ('PROVINCE', substring(unit_region, 1, 2)), ('REGENCY', substring(unit_region, 1, 5)), ('DISTRICT', substring(unit_region, 1, 8))]
) AS area
GROUP BY program, period, level, region;
