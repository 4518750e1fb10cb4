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
