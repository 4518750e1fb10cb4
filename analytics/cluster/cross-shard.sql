-- Every statement of the cluster pipeline that reads or writes another shard's rows; every
-- other statement is ../sql/'s, run on each shard against the `_local` tables, or once for
-- eligibility_axis, which reads only tables on every node (README.md, "Which step runs
-- where"). "Per shard": the runner sends the statement to one replica of every shard at
-- once; it reads that shard's `_local` tables and writes through a Distributed table,
-- which sends each row to the shard its key names. "Once": one statement on any node.
-- Runs with the settings of engine.ts (join_use_nulls = 1: an unmatched join reads as
-- NULL) and distributed_foreground_insert = 1, so a statement returns only when its rows
-- are on their shards and the next step can read them.
-- Inputs: the sources (Parquet files or a subgraph's PostgreSQL), the landing tables,
-- person_local, program, rule_set, disbursement, person_fact_local and the parts of 05,
-- 07 and 08.

-- 01 ingest, once per slice. Files: the sources export Parquet to object storage and
-- s3Cluster hands the files out to every node, each inserting what it read (here the
-- landing table, placed by nik). Credentials come from the servers' S3 configuration,
-- never from SQL text. NIKs and cards are text in the sources (aid-history keeps them as
-- VARCHAR(16)); toUInt64 reads them as the numbers 01 keeps, and fails on a malformed one
-- rather than storing 0.
INSERT INTO {db:Identifier}.disbursement_in (id, program_code, nik, kk, period, amount_idr, disbursed_on, district_code)
SELECT id, program_code, toUInt64(nik), toUInt64(kk), period, amount_idr, disbursed_on, district_code
FROM s3Cluster('{cluster}', {files:String}, 'Parquet')
SETTINGS parallel_distributed_insert_select = 1;

-- 01 ingest, once per slice. Straight from a subgraph's PostgreSQL: `aid_history` is a
-- named collection in the servers' configuration (host, database, user, password). The
-- period condition is sent to PostgreSQL, so one statement per month, spread over the
-- nodes, reads the table in parallel slices.
INSERT INTO {db:Identifier}.disbursement_in (id, program_code, nik, kk, period, amount_idr, disbursed_on, district_code)
SELECT id, program_code, toUInt64(nik), toUInt64(kk), period, amount_idr, disbursed_on, district_code
FROM postgresql(aid_history, table = 'disbursement')
WHERE period = {period:String};

-- 01 route, per shard, after population is in `person` (placed by kk).
INSERT INTO {db:Identifier}.person_by_nik (nik, kk)
SELECT nik, kk FROM {db:Identifier}.person_local;

-- 01 route, per shard: each landed row goes to its home; a nik population lacks is its
-- own home.
INSERT INTO {db:Identifier}.dtks_member (nik, kk, decile, status, status_reason, home)
SELECT s.nik, s.kk, s.decile, s.status, s.status_reason, ifNull(h.kk, s.nik)
FROM {db:Identifier}.dtks_member_in_local AS s
LEFT JOIN {db:Identifier}.person_by_nik_local AS h ON h.nik = s.nik;

-- 01 route, per shard: the doses, likewise.
INSERT INTO {db:Identifier}.vaccination_dose (nik, dose, administered_on, home)
SELECT s.nik, s.dose, s.administered_on, ifNull(h.kk, s.nik)
FROM {db:Identifier}.vaccination_dose_in_local AS s
LEFT JOIN {db:Identifier}.person_by_nik_local AS h ON h.nik = s.nik;

-- 01 route, per shard: the periods of service, likewise.
INSERT INTO {db:Identifier}.personnel (nik, corps, agency, start_date, end_date, home)
SELECT s.nik, s.corps, s.agency, s.start_date, s.end_date, ifNull(h.kk, s.nik)
FROM {db:Identifier}.personnel_in_local AS s
LEFT JOIN {db:Identifier}.person_by_nik_local AS h ON h.nik = s.nik;

-- 01 route, per shard, after `program` is loaded: a payment goes to its unit's home, the
-- kk paid for a FAMILY programme, else the payee's home.
INSERT INTO {db:Identifier}.disbursement (id, program_code, nik, kk, period, amount_idr, disbursed_on, district_code, home)
SELECT d.id, d.program_code, d.nik, d.kk, d.period, d.amount_idr, d.disbursed_on, d.district_code,
  if(p.unit = 'FAMILY', d.kk, ifNull(h.kk, d.nik))
FROM {db:Identifier}.disbursement_in_local AS d
LEFT JOIN {db:Identifier}.person_by_nik_local AS h ON h.nik = d.nik
LEFT JOIN {db:Identifier}.program AS p ON p.code = d.program_code;

-- 01 route, per shard: the same payments, to the payee's home.
INSERT INTO {db:Identifier}.disbursement_by_payee (id, program_code, period, nik, disbursed_on, home, unit_home)
SELECT d.id, d.program_code, d.period, d.nik, d.disbursed_on, ifNull(h.kk, d.nik),
  if(p.unit = 'FAMILY', d.kk, ifNull(h.kk, d.nik))
FROM {db:Identifier}.disbursement_in_local AS d
LEFT JOIN {db:Identifier}.person_by_nik_local AS h ON h.nik = d.nik
LEFT JOIN {db:Identifier}.program AS p ON p.code = d.program_code;

-- 02, once: every month any shard has a payment for. The body of ../sql/02 with its
-- DISTINCT period read through the Distributed table.
INSERT INTO {db:Identifier}.program_month (program, unit_kind, rule_set, rule_set_version, period, as_of)
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

-- 06a, per shard, after 03: the payee's facts ../sql/06 reads for GHOST, DECEASED and
-- CIVIL_SERVANT, made where the payee's facts are, sent to the unit's shard. For most
-- payments the two shards are the same, and the row stays on this node.
INSERT INTO {db:Identifier}.payee_fact (id, period, home, in_population, death_date, serving_corps, serving_agency)
SELECT
  d.id,
  d.period,
  d.unit_home,
  f.nik IS NOT NULL,
  f.death_date,
  -- The periods of service that cover the day of payment.
  arrayFilter((c, s, e) -> s <= d.disbursed_on AND e >= d.disbursed_on, f.service_corps, f.service_start, f.service_end),
  arrayFilter((a, s, e) -> s <= d.disbursed_on AND e >= d.disbursed_on, f.service_agency, f.service_start, f.service_end)
FROM {db:Identifier}.disbursement_by_payee_local AS d
LEFT JOIN {db:Identifier}.person_fact_local AS f ON f.nik = d.nik;

-- 05 merge, once, after every shard wrote its part: E per district, the parts summed, for
-- readers of eligible_count. Exact, because each person is on one shard only. 07 does
-- not need it: each shard adds its own part to its targeting part.
INSERT INTO {db:Identifier}.eligible_count
SELECT program, period, district, sum(units)
FROM {db:Identifier}.eligible_count_part
GROUP BY program, period, district;

-- 07 merge, once, after every shard wrote its part: the parts summed. Exact, because each
-- payment and each person is on one shard only, and so is each unit's first payment.
INSERT INTO {db:Identifier}.targeting
SELECT
  program, period, level, region,
  sum(recipients), sum(eligible), sum(recipients_eligible), sum(payments), sum(amount),
  sum(leakage_payments), sum(leakage_amount),
  sum(ghost_payments), sum(ghost_amount),
  sum(deceased_payments), sum(deceased_amount),
  sum(civil_servant_payments), sum(civil_servant_amount),
  sum(duplicate_payments), sum(duplicate_amount),
  sum(ineligible_payments), sum(ineligible_amount)
FROM {db:Identifier}.targeting_part
GROUP BY program, period, level, region;

-- 08 merge, once: the same for incidence.
INSERT INTO {db:Identifier}.incidence
SELECT program, period, level, region, decile, sum(units), sum(amount)
FROM {db:Identifier}.incidence_part
GROUP BY program, period, level, region, decile;
