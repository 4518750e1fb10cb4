-- One row per disbursement, with its unit, the unit's region and its leakage category:
-- the first of GHOST, DECEASED, CIVIL_SERVANT, DUPLICATE, INELIGIBLE that applies, or ''
-- for none (METRICS.md, "Leakage"), and the facts that decided it, for auditors.
-- Inputs: disbursement, program_month, person_fact, recipient_unit.
CREATE TABLE {db:Identifier}.disbursement_fact
ENGINE = MergeTree ORDER BY (program, period, category, id) AS
WITH ranked AS (
  SELECT
    d.*,
    m.unit_kind AS unit_kind,
    if(m.unit_kind = 'FAMILY', d.kk, d.nik) AS unit,
    row_number() OVER unit_month AS payment_rank,
    first_value(d.id) OVER unit_month AS first_payment_id
  FROM {db:Identifier}.disbursement AS d
  INNER JOIN {db:Identifier}.program_month AS m ON m.program = d.program_code AND m.period = d.period
  WINDOW unit_month AS (
    PARTITION BY d.program_code, d.period, if(m.unit_kind = 'FAMILY', d.kk, d.nik)
    ORDER BY d.disbursed_on, d.id
    ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
)
SELECT
  r.id AS id,
  toString(r.program_code) AS program,
  toString(r.period) AS period,
  r.unit_kind AS unit_kind,
  r.unit AS unit,
  u.region AS region,
  u.subject_nik AS subject_nik,
  u.decile AS decile,
  r.nik AS nik,
  r.kk AS kk,
  r.amount_idr AS amount,
  r.disbursed_on AS disbursed_on,
  toString(r.district_code) AS district_code,
  p.nik IS NOT NULL AS in_population,
  p.death_date AS death_date,
  -- The periods of service that cover the day of payment.
  arrayFilter((c, s, e) -> s <= r.disbursed_on AND e >= r.disbursed_on, p.service_corps, p.service_start, p.service_end) AS serving_corps,
  arrayFilter((a, s, e) -> s <= r.disbursed_on AND e >= r.disbursed_on, p.service_agency, p.service_start, p.service_end) AS serving_agency,
  r.payment_rank AS payment_rank,
  r.first_payment_id AS first_payment_id,
  u.eligible AS unit_eligible,
  u.failed AS unit_failed,
  toLowCardinality(multiIf(
    p.nik IS NULL, 'GHOST',
    ifNull(p.death_date < r.disbursed_on, 0), 'DECEASED',
    notEmpty(serving_corps), 'CIVIL_SERVANT',
    r.payment_rank > 1, 'DUPLICATE',
    NOT u.eligible, 'INELIGIBLE',
    '')) AS category
FROM ranked AS r
LEFT JOIN {db:Identifier}.person_fact AS p ON p.nik = r.nik
INNER JOIN {db:Identifier}.recipient_unit AS u ON u.program = r.program_code AND u.period = r.period AND u.unit = r.unit;
