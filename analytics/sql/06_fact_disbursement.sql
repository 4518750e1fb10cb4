-- One row per disbursement, with its unit (a nik for a PERSON programme, a kk for a
-- FAMILY one), the unit's region and decile, whether the unit is eligible, and its leakage
-- category: the first of GHOST, DECEASED, CIVIL_SERVANT, DUPLICATE, INELIGIBLE that
-- applies, or '' for none (METRICS.md, "Leakage"), with the facts that decided it, for
-- auditors. The units paid R (METRICS.md, "Sets") are the rows with payment_rank 1.
-- Every row of a unit's month carries the same unit facts: the person the unit stands for
-- (the payee, or the family's head) and its village as the region; for a unit not in
-- population, or a family without a head, the district of its first payment of the
-- month (by disbursed_on, then id). Its decile is that person's DTKS decile (0 without a
-- record; a PERSON unit's own record counts even when population does not know the NIK).
-- Inputs: disbursement, program_month, eligibility, eligibility_axis, dtks_member.
CREATE TABLE {db:Identifier}.disbursement_fact
ENGINE = MergeTree ORDER BY (program, period, category, id) AS
WITH
  (SELECT rule_sets FROM {db:Identifier}.eligibility_axis) AS rule_sets,
  (SELECT check_lists FROM {db:Identifier}.eligibility_axis) AS check_lists,
  (SELECT check_ids FROM {db:Identifier}.eligibility_axis) AS check_ids,
  (SELECT periods FROM {db:Identifier}.eligibility_axis) AS periods,
ranked AS (
  SELECT
    d.*,
    m.unit_kind AS unit_kind,
    m.rule_set AS rule_set,
    if(m.unit_kind = 'FAMILY', d.kk, d.nik) AS unit,
    row_number() OVER unit_month AS payment_rank,
    first_value(d.id) OVER unit_month AS first_payment_id,
    first_value(d.district_code) OVER unit_month AS first_district
  FROM {db:Identifier}.disbursement AS d
  INNER JOIN {db:Identifier}.program_month AS m ON m.program = d.program_code AND m.period = d.period
  WINDOW unit_month AS (
    PARTITION BY d.program_code, d.period, if(m.unit_kind = 'FAMILY', d.kk, d.nik)
    ORDER BY d.disbursed_on, d.id
    ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
), placed AS (
  -- p: the payee, whose facts decide GHOST, DECEASED and CIVIL_SERVANT; h: a FAMILY
  -- unit's head, who stands for it.
  SELECT
    r.id AS id,
    r.program_code AS program_code,
    r.period AS period,
    r.nik AS nik,
    r.kk AS kk,
    r.amount_idr AS amount_idr,
    r.disbursed_on AS disbursed_on,
    r.district_code AS district_code,
    r.unit_kind AS unit_kind,
    r.rule_set AS rule_set,
    r.unit AS unit,
    r.payment_rank AS payment_rank,
    r.first_payment_id AS first_payment_id,
    r.first_district AS first_district,
    p.nik IS NOT NULL AS in_population,
    p.death_date AS death_date,
    -- The periods of service that cover the day of payment.
    arrayFilter((c, s, e) -> s <= r.disbursed_on AND e >= r.disbursed_on, p.service_corps, p.service_start, p.service_end) AS serving_corps,
    arrayFilter((a, s, e) -> s <= r.disbursed_on AND e >= r.disbursed_on, p.service_agency, p.service_start, p.service_end) AS serving_agency,
    if(r.unit_kind = 'FAMILY', h.nik, p.nik) AS subject_nik,
    if(r.unit_kind = 'FAMILY', h.village_code, p.village_code) AS subject_village,
    if(r.unit_kind = 'FAMILY', h.decile, p.decile) AS subject_decile,
    -- The subject's answer under the programme's rule set in the payment's month.
    indexOf(rule_sets, r.rule_set) AS rule_set_index,
    check_lists[rule_set_index] AS checks,
    check_ids[rule_set_index] AS ids,
    if(r.unit_kind = 'FAMILY', h.failed_mask, p.failed_mask)[rule_set_index][indexOf(periods, r.period)] AS subject_mask
  FROM ranked AS r
  LEFT JOIN {db:Identifier}.eligibility AS p ON p.nik = r.nik
  LEFT JOIN (SELECT kk, nik, village_code, decile, failed_mask FROM {db:Identifier}.eligibility WHERE relationship = 'HEAD') AS h
    ON h.kk = if(r.unit_kind = 'FAMILY', r.kk, 0)
)
SELECT
  f.id AS id,
  CAST(f.program_code AS String) AS program,
  CAST(f.period AS String) AS period,
  f.unit_kind AS unit_kind,
  f.unit AS unit,
  CAST(ifNull(f.subject_village, f.first_district) AS String) AS region,
  f.subject_nik AS subject_nik,
  toUInt8(ifNull(f.subject_decile, ifNull(g.decile, 0))) AS decile,
  f.nik AS nik,
  f.kk AS kk,
  f.amount_idr AS amount,
  f.disbursed_on AS disbursed_on,
  CAST(f.district_code AS String) AS district_code,
  f.in_population AS in_population,
  f.death_date AS death_date,
  f.serving_corps AS serving_corps,
  f.serving_agency AS serving_agency,
  f.payment_rank AS payment_rank,
  f.first_payment_id AS first_payment_id,
  f.subject_nik IS NOT NULL AND f.subject_mask = 0 AS unit_eligible,
  -- Not in population: IDENTITY fails and nothing else is evaluated (RULES.md).
  multiIf(
    f.subject_nik IS NOT NULL, arrayFilter((code, id) -> bitTest(f.subject_mask, id), f.checks, f.ids),
    f.unit_kind = 'FAMILY', ['NO_HEAD_IN_POPULATION'],
    ['IDENTITY']) AS unit_failed,
  toLowCardinality(multiIf(
    NOT f.in_population, 'GHOST',
    ifNull(f.death_date < f.disbursed_on, 0), 'DECEASED',
    notEmpty(f.serving_corps), 'CIVIL_SERVANT',
    f.payment_rank > 1, 'DUPLICATE',
    NOT unit_eligible, 'INELIGIBLE',
    '')) AS category
FROM placed AS f
-- The DTKS records of NIKs population does not know, for the decile of such a PERSON unit.
LEFT JOIN (
  SELECT nik, decile FROM {db:Identifier}.dtks_member
  WHERE nik NOT IN (SELECT nik FROM {db:Identifier}.person)
) AS g ON g.nik = if(f.unit_kind = 'PERSON' AND NOT f.in_population, f.nik, 0);
