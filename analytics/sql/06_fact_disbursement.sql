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
-- shared_payment: the payments after the first of a unit's month (payment_rank above 1),
-- with the first one's id and district. Few units are paid twice in a month, so only
-- their payments are ranked: a unit-month whose 64-bit hash occurs once was paid once
-- (the hash only picks the candidates; they are ranked by the exact unit, so a
-- collision costs a few rows more, never a wrong rank). Ranking all 20 M payments by
-- unit costs a sort of all of them.
-- Inputs: disbursement, program, program_month, eligibility, eligibility_axis, dtks_member.
-- Grain: id.
CREATE TABLE {db:Identifier}.shared_payment
ENGINE = MergeTree ORDER BY id SETTINGS max_bytes_to_merge_at_max_space_in_pool = 1 AS
WITH
  (SELECT groupArray(code) FROM {db:Identifier}.program WHERE unit = 'FAMILY') AS family_programs,
  paid AS (
    SELECT d.id, d.program_code, d.period, d.disbursed_on, d.district_code,
           if(has(family_programs, d.program_code), d.kk, d.nik) AS unit,
           cityHash64(d.program_code, d.period, unit) AS unit_month_hash
    FROM {db:Identifier}.disbursement AS d
  )
SELECT id, payment_rank, first_payment_id, first_district
FROM (
  SELECT
    id,
    row_number() OVER unit_month AS payment_rank,
    first_value(id) OVER unit_month AS first_payment_id,
    first_value(district_code) OVER unit_month AS first_district
  FROM paid
  WHERE unit_month_hash IN (SELECT unit_month_hash FROM paid GROUP BY unit_month_hash HAVING count() > 1)
  WINDOW unit_month AS (
    PARTITION BY program_code, period, unit
    ORDER BY disbursed_on, id
    ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
)
WHERE payment_rank > 1;

-- Grain: id.
CREATE TABLE {db:Identifier}.disbursement_fact
ENGINE = MergeTree ORDER BY (program, period, category, id) SETTINGS max_bytes_to_merge_at_max_space_in_pool = 1 AS
WITH
  (SELECT programs FROM {db:Identifier}.eligibility_axis) AS programs,
  (SELECT check_lists FROM {db:Identifier}.eligibility_axis) AS check_lists,
  (SELECT check_ids FROM {db:Identifier}.eligibility_axis) AS check_ids,
  (SELECT periods FROM {db:Identifier}.eligibility_axis) AS periods,
ranked AS (
  SELECT
    d.id AS id,
    d.program_code AS program_code,
    d.period AS period,
    d.nik AS nik,
    d.kk AS kk,
    d.amount_idr AS amount_idr,
    d.disbursed_on AS disbursed_on,
    d.district_code AS district_code,
    m.unit_kind AS unit_kind,
    m.rule_set AS rule_set,
    if(m.unit_kind = 'FAMILY', d.kk, d.nik) AS unit,
    ifNull(s.payment_rank, 1) AS payment_rank,
    s.first_payment_id AS first_payment_id,
    ifNull(s.first_district, d.district_code) AS first_district
  FROM {db:Identifier}.disbursement AS d
  INNER JOIN {db:Identifier}.program_month AS m ON m.program = d.program_code AND m.period = d.period
  LEFT JOIN {db:Identifier}.shared_payment AS s ON s.id = d.id
), placed AS (
  -- p: the payee, whose facts decide GHOST, DECEASED and CIVIL_SERVANT; v: the payee's
  -- periods of service, joined apart from the few who have any (about 2 %), since four
  -- arrays on every one of 20 M rows cost a fifth of this step; h: a FAMILY unit's head,
  -- who stands for it.
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
    arrayFilter((c, s, e) -> s <= r.disbursed_on AND e >= r.disbursed_on, v.service_corps, v.service_start, v.service_end) AS serving_corps,
    arrayFilter((a, s, e) -> s <= r.disbursed_on AND e >= r.disbursed_on, v.service_agency, v.service_start, v.service_end) AS serving_agency,
    if(r.unit_kind = 'FAMILY', h.nik, p.nik) AS subject_nik,
    if(r.unit_kind = 'FAMILY', h.village_code, p.village_code) AS subject_village,
    if(r.unit_kind = 'FAMILY', h.decile, p.decile) AS subject_decile,
    -- The subject's answer under the programme's rule set, in its context, in the payment's month.
    indexOf(programs, toString(r.program_code)) AS program_index,
    check_lists[program_index] AS checks,
    check_ids[program_index] AS ids,
    (program_index - 1) * length(periods) + indexOf(periods, r.period) AS mask_index,
    -- Picked on each side: choosing between the arrays would copy both onto every row.
    if(r.unit_kind = 'FAMILY', h.failed_mask[mask_index], p.failed_mask[mask_index]) AS subject_mask
  FROM ranked AS r
  LEFT JOIN {db:Identifier}.eligibility AS p ON p.nik = r.nik
  LEFT JOIN (
    SELECT nik, service_corps, service_agency, service_start, service_end
    FROM {db:Identifier}.eligibility WHERE notEmpty(service_start)
  ) AS v ON v.nik = r.nik
  LEFT JOIN (SELECT kk, nik, village_code, decile, failed_mask FROM {db:Identifier}.eligibility WHERE relationship = 'HEAD') AS h
    ON h.kk = if(r.unit_kind = 'FAMILY', r.kk, 0)
)
SELECT
  f.id AS id,
  -- Codes repeated on many rows stay LowCardinality: the table is written and read whole.
  f.program_code AS program,
  f.period AS period,
  f.unit_kind AS unit_kind,
  f.unit AS unit,
  toLowCardinality(CAST(ifNull(f.subject_village, f.first_district) AS String)) AS region,
  f.subject_nik AS subject_nik,
  toUInt8(ifNull(f.subject_decile, ifNull(g.decile, 0))) AS decile,
  f.nik AS nik,
  f.kk AS kk,
  f.amount_idr AS amount,
  f.disbursed_on AS disbursed_on,
  f.district_code AS district_code,
  f.in_population AS in_population,
  f.death_date AS death_date,
  f.serving_corps AS serving_corps,
  f.serving_agency AS serving_agency,
  f.payment_rank AS payment_rank,
  -- NULL on a unit's first payment itself: most payments are, and the id is there already.
  f.first_payment_id AS first_payment_id,
  f.subject_nik IS NOT NULL AND f.subject_mask = 0 AS unit_eligible,
  -- Not in population: IDENTITY fails and nothing else is evaluated (RULES.md).
  CAST(multiIf(
    f.subject_nik IS NOT NULL, arrayFilter((code, id) -> bitTest(f.subject_mask, id), f.checks, f.ids),
    f.unit_kind = 'FAMILY', ['NO_HEAD_IN_POPULATION'],
    ['IDENTITY']) AS Array(LowCardinality(String))) AS unit_failed,
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
