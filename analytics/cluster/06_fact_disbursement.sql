-- Cluster variant of ../sql/06_fact_disbursement.sql. The leakage checks read two people:
-- the payee (GHOST, DECEASED, CIVIL_SERVANT) and the unit (DUPLICATE, INELIGIBLE). For a
-- FAMILY payment collected by someone population does not list on the kk paid, the two
-- live on different shards. So the payee's checks are made at the payee's home, one row
-- per disbursement, and sent to the unit's shard (cross-shard.sql); everything else is
-- made where the unit lives: its payments, its ranking, its person (the PERSON payee or
-- the family's head) with that person's eligibility, and a ghost's DTKS record.
-- Inputs: disbursement_by_payee_local and person_fact_local (payee_fact, on the payee's
-- shard); disbursement_local, program, program_month, payee_fact_local,
-- shared_payment_local, eligibility_local, eligibility_axis, dtks_member_local and
-- person_local (the rest, on the unit's shard).

-- One row per disbursement: the payee's facts on the day of payment. Made on the payee's
-- shard, placed by the unit's home (disbursement_by_payee.unit_home).
CREATE TABLE {db:Identifier}.payee_fact_local ON CLUSTER '{cluster}' (
  id String,
  period LowCardinality(String),
  home UInt64,
  in_population UInt8,
  death_date Nullable(Date),
  serving_corps Array(String),
  serving_agency Array(String)
) ENGINE = ReplicatedMergeTree('/clickhouse/tables/{shard}/{database}/{table}', '{replica}')
PARTITION BY period
ORDER BY id;

CREATE TABLE {db:Identifier}.payee_fact ON CLUSTER '{cluster}' (
  id String, period LowCardinality(String), home UInt64, in_population UInt8,
  death_date Nullable(Date), serving_corps Array(String), serving_agency Array(String)
) ENGINE = Distributed('{cluster}', {db:String}, payee_fact_local, cityHash64(home));

-- One row per payment after the first of its unit's month, placed by the unit's home.
-- Built on every shard from its own payments: a unit's payments of a month are all on
-- its shard, so the hashes that occur more than once here include every unit-month paid
-- more than once, and the ranking sees every payment of each. `period` is added to
-- ../sql/06's columns so that, like the other payment tables, it has a partition per month.
CREATE TABLE {db:Identifier}.shared_payment_local ON CLUSTER '{cluster}' (
  id String,
  payment_rank UInt64,
  first_payment_id String,
  first_district String,
  period LowCardinality(String),
  home UInt64
) ENGINE = ReplicatedMergeTree('/clickhouse/tables/{shard}/{database}/{table}', '{replica}')
PARTITION BY period
ORDER BY id;

CREATE TABLE {db:Identifier}.shared_payment ON CLUSTER '{cluster}' (
  id String, payment_rank UInt64, first_payment_id String,
  first_district String, period LowCardinality(String), home UInt64
) ENGINE = Distributed('{cluster}', {db:String}, shared_payment_local, cityHash64(home));

-- ../sql/06's shared_payment over this shard's payments, with period and home added.
INSERT INTO {db:Identifier}.shared_payment_local
WITH
  (SELECT groupArray(code) FROM {db:Identifier}.program WHERE unit = 'FAMILY') AS family_programs,
  paid AS (
    SELECT d.id, d.program_code, d.period, d.disbursed_on, d.district_code, d.home,
           if(has(family_programs, d.program_code), d.kk, d.nik) AS unit,
           cityHash64(d.program_code, d.period, unit) AS unit_month_hash
    FROM {db:Identifier}.disbursement_local AS d
  )
SELECT id, payment_rank, first_payment_id, first_district, period, home
FROM (
  SELECT
    id,
    row_number() OVER unit_month AS payment_rank,
    first_value(id) OVER unit_month AS first_payment_id,
    first_value(district_code) OVER unit_month AS first_district,
    period,
    home
  FROM paid
  WHERE unit_month_hash IN (SELECT unit_month_hash FROM paid GROUP BY unit_month_hash HAVING count() > 1)
  WINDOW unit_month AS (
    PARTITION BY program_code, period, unit
    ORDER BY disbursed_on, id
    ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
)
WHERE payment_rank > 1;

-- One row per disbursement with its unit, region, decile and leakage category, placed by
-- the unit's home. What auditors page through (cases.ts) via the Distributed table.
CREATE TABLE {db:Identifier}.disbursement_fact_local ON CLUSTER '{cluster}' (
  id String,
  program LowCardinality(String),
  period LowCardinality(String),
  unit_kind LowCardinality(String),
  unit UInt64,
  region LowCardinality(String),
  subject_nik Nullable(UInt64),
  decile UInt8,
  nik UInt64,
  kk UInt64,
  amount UInt64,
  disbursed_on Date,
  district_code LowCardinality(String),
  in_population UInt8,
  death_date Nullable(Date),
  serving_corps Array(String),
  serving_agency Array(String),
  payment_rank UInt64,
  first_payment_id Nullable(String),
  unit_eligible UInt8,
  unit_failed Array(LowCardinality(String)),
  category LowCardinality(String),
  home UInt64
) ENGINE = ReplicatedMergeTree('/clickhouse/tables/{shard}/{database}/{table}', '{replica}')
PARTITION BY period
ORDER BY (program, period, category, id);

CREATE TABLE {db:Identifier}.disbursement_fact ON CLUSTER '{cluster}' (
  id String, program LowCardinality(String), period LowCardinality(String),
  unit_kind LowCardinality(String), unit UInt64, region LowCardinality(String),
  subject_nik Nullable(UInt64), decile UInt8, nik UInt64, kk UInt64, amount UInt64,
  disbursed_on Date, district_code LowCardinality(String), in_population UInt8,
  death_date Nullable(Date), serving_corps Array(String), serving_agency Array(String),
  payment_rank UInt64, first_payment_id Nullable(String), unit_eligible UInt8,
  unit_failed Array(LowCardinality(String)), category LowCardinality(String), home UInt64
) ENGINE = Distributed('{cluster}', {db:String}, disbursement_fact_local, cityHash64(home));

-- ../sql/06's disbursement_fact over this shard's payments. The payee's facts (in
-- population, death date, the periods of service covering the day of payment) come from
-- payee_fact (q), made on the payee's shard; p, the payee's own eligibility row, is read
-- only as a PERSON unit's subject, who lives on the unit's shard; a FAMILY unit reads its
-- head (h), who lives on the kk's shard, which is the unit's.
INSERT INTO {db:Identifier}.disbursement_fact_local
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
    ifNull(s.first_district, d.district_code) AS first_district,
    d.home AS home
  FROM {db:Identifier}.disbursement_local AS d
  INNER JOIN {db:Identifier}.program_month AS m ON m.program = d.program_code AND m.period = d.period
  LEFT JOIN {db:Identifier}.shared_payment_local AS s ON s.id = d.id
), placed AS (
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
    q.in_population AS in_population,
    q.death_date AS death_date,
    q.serving_corps AS serving_corps,
    q.serving_agency AS serving_agency,
    if(r.unit_kind = 'FAMILY', h.nik, p.nik) AS subject_nik,
    if(r.unit_kind = 'FAMILY', h.village_code, p.village_code) AS subject_village,
    if(r.unit_kind = 'FAMILY', h.decile, p.decile) AS subject_decile,
    indexOf(programs, toString(r.program_code)) AS program_index,
    check_lists[program_index] AS checks,
    check_ids[program_index] AS ids,
    (program_index - 1) * length(periods) + indexOf(periods, r.period) AS mask_index,
    if(r.unit_kind = 'FAMILY', h.failed_mask[mask_index], p.failed_mask[mask_index]) AS subject_mask,
    r.home AS home
  FROM ranked AS r
  INNER JOIN {db:Identifier}.payee_fact_local AS q ON q.id = r.id
  LEFT JOIN {db:Identifier}.eligibility_local AS p ON p.nik = r.nik
  LEFT JOIN (SELECT kk, nik, village_code, decile, failed_mask FROM {db:Identifier}.eligibility_local WHERE relationship = 'HEAD') AS h
    ON h.kk = if(r.unit_kind = 'FAMILY', r.kk, 0)
)
SELECT
  f.id AS id,
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
  f.first_payment_id AS first_payment_id,
  f.subject_nik IS NOT NULL AND f.subject_mask = 0 AS unit_eligible,
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
    '')) AS category,
  f.home AS home
FROM placed AS f
-- A ghost's DTKS record is at the ghost's home, this shard, as is anyone population lists
-- with that nik.
LEFT JOIN (
  SELECT nik, decile FROM {db:Identifier}.dtks_member_local
  WHERE nik NOT IN (SELECT nik FROM {db:Identifier}.person_local)
) AS g ON g.nik = if(f.unit_kind = 'PERSON' AND NOT f.in_population, f.nik, 0);
