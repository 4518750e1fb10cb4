-- Cluster variant of ../sql/06_fact_disbursement.sql. The leakage checks read two people:
-- the payee (GHOST, DECEASED, CIVIL_SERVANT) and the unit (DUPLICATE, INELIGIBLE). For a
-- FAMILY payment collected by someone population does not list on the kk paid, the two
-- live on different shards. So the payee's checks are made at the payee's home, one row
-- per disbursement, and sent to the unit's shard (cross-shard.sql); everything else is
-- made where the unit lives.

-- One row per disbursement: the payee's facts on the day of payment. Made on the payee's
-- shard, placed by the unit's home (disbursement_by_payee.unit_home).
CREATE TABLE {db:Identifier}.payee_fact_local ON CLUSTER '{cluster}' (
  id String,
  period String,
  home String,
  in_population UInt8,
  death_date Nullable(Date),
  serving_corps Array(String),
  serving_agency Array(String)
) ENGINE = ReplicatedMergeTree('/clickhouse/tables/{shard}/{database}/{table}', '{replica}')
PARTITION BY period
ORDER BY id;

CREATE TABLE {db:Identifier}.payee_fact ON CLUSTER '{cluster}' (
  id String, period String, home String, in_population UInt8, death_date Nullable(Date),
  serving_corps Array(String), serving_agency Array(String)
) ENGINE = Distributed('{cluster}', {db:String}, payee_fact_local, cityHash64(home));

-- One row per disbursement with its unit, region and leakage category, placed by the
-- unit's home. What auditors page through (cases.ts) via the Distributed table.
CREATE TABLE {db:Identifier}.disbursement_fact_local ON CLUSTER '{cluster}' (
  id String,
  program String,
  period String,
  unit_kind LowCardinality(String),
  unit String,
  region String,
  subject_nik Nullable(String),
  nik String,
  kk String,
  amount UInt64,
  disbursed_on Date,
  district_code String,
  in_population UInt8,
  death_date Nullable(Date),
  serving_corps Array(String),
  serving_agency Array(String),
  payment_rank UInt64,
  first_payment_id String,
  unit_eligible UInt8,
  unit_failed Array(String),
  category LowCardinality(String),
  home String
) ENGINE = ReplicatedMergeTree('/clickhouse/tables/{shard}/{database}/{table}', '{replica}')
PARTITION BY period
ORDER BY (program, period, category, id);

CREATE TABLE {db:Identifier}.disbursement_fact ON CLUSTER '{cluster}' (
  id String, program String, period String, unit_kind LowCardinality(String), unit String,
  region String, subject_nik Nullable(String), nik String, kk String, amount UInt64,
  disbursed_on Date, district_code String, in_population UInt8, death_date Nullable(Date),
  serving_corps Array(String), serving_agency Array(String), payment_rank UInt64,
  first_payment_id String, unit_eligible UInt8, unit_failed Array(String),
  category LowCardinality(String), home String
) ENGINE = Distributed('{cluster}', {db:String}, disbursement_fact_local, cityHash64(home));
