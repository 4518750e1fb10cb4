-- Cluster variant of ../sql/01_stage_sources.sql: the same staged columns and types, plus
-- `home`. A sharded table is a ReplicatedMergeTree `<name>_local` on every shard and a
-- Distributed `<name>` over them; steps 03-08 read and write the `_local` tables, readers
-- and invariants the Distributed ones (README.md, "Which step runs where").
-- `home` places a row: the family card (kk) that population gives the person the row is
-- about, or the nik itself when population has no such person (a ghost). A FAMILY
-- programme's payment is about its unit, the kk it pays. Rows are placed by
-- cityHash64(home), so a family, its members' records and the payments to them share a
-- shard (README.md, "Placement").
-- `home` is UInt64, like nik and kk: cityHash64 hashes a value's bytes, so a String home
-- would not land where cityHash64(kk) places the same family's person rows.
-- Inputs: the source files or databases of ../sql/01, through cross-shard.sql.

-- Landing: one row per source row, placed by cityHash64(nik), because only population
-- knows a nik's kk. cross-shard.sql routes every landed row to its home shard.

-- One row per person in population: nik to kk, placed by nik, to route the other sources.
CREATE TABLE {db:Identifier}.person_by_nik_local ON CLUSTER '{cluster}' (
  nik UInt64,
  kk UInt64
) ENGINE = ReplicatedMergeTree('/clickhouse/tables/{shard}/{database}/{table}', '{replica}')
ORDER BY nik;

CREATE TABLE {db:Identifier}.person_by_nik ON CLUSTER '{cluster}' (
  nik UInt64, kk UInt64
) ENGINE = Distributed('{cluster}', {db:String}, person_by_nik_local, cityHash64(nik));

-- One row per DTKS member, as landed.
CREATE TABLE {db:Identifier}.dtks_member_in_local ON CLUSTER '{cluster}' (
  nik UInt64,
  kk UInt64,
  decile Nullable(UInt8),
  status LowCardinality(String),
  status_reason Nullable(String)
) ENGINE = ReplicatedMergeTree('/clickhouse/tables/{shard}/{database}/{table}', '{replica}')
ORDER BY nik;

CREATE TABLE {db:Identifier}.dtks_member_in ON CLUSTER '{cluster}' (
  nik UInt64, kk UInt64, decile Nullable(UInt8), status LowCardinality(String), status_reason Nullable(String)
) ENGINE = Distributed('{cluster}', {db:String}, dtks_member_in_local, cityHash64(nik));

-- One row per vaccination dose, as landed.
CREATE TABLE {db:Identifier}.vaccination_dose_in_local ON CLUSTER '{cluster}' (
  nik UInt64,
  dose UInt8,
  administered_on Date
) ENGINE = ReplicatedMergeTree('/clickhouse/tables/{shard}/{database}/{table}', '{replica}')
ORDER BY (nik, dose);

CREATE TABLE {db:Identifier}.vaccination_dose_in ON CLUSTER '{cluster}' (
  nik UInt64, dose UInt8, administered_on Date
) ENGINE = Distributed('{cluster}', {db:String}, vaccination_dose_in_local, cityHash64(nik));

-- One row per period of service (ASN, TNI, POLRI), as landed.
CREATE TABLE {db:Identifier}.personnel_in_local ON CLUSTER '{cluster}' (
  nik UInt64,
  corps LowCardinality(String),
  agency String,
  start_date Date,
  end_date Nullable(Date)
) ENGINE = ReplicatedMergeTree('/clickhouse/tables/{shard}/{database}/{table}', '{replica}')
ORDER BY (nik, start_date);

CREATE TABLE {db:Identifier}.personnel_in ON CLUSTER '{cluster}' (
  nik UInt64, corps LowCardinality(String), agency String, start_date Date,
  end_date Nullable(Date)
) ENGINE = Distributed('{cluster}', {db:String}, personnel_in_local, cityHash64(nik));

-- One row per disbursement, as landed. The payment tables have no sort key, as in ../sql/01:
-- no step reads payments in an order (routing and 03 hash them by nik, 06 by id and unit),
-- and sorting every month of them costs time for nothing.
CREATE TABLE {db:Identifier}.disbursement_in_local ON CLUSTER '{cluster}' (
  id String,
  program_code LowCardinality(String),
  nik UInt64,
  kk UInt64,
  period LowCardinality(String),
  amount_idr UInt64,
  disbursed_on Date,
  district_code LowCardinality(String)
) ENGINE = ReplicatedMergeTree('/clickhouse/tables/{shard}/{database}/{table}', '{replica}')
PARTITION BY period
ORDER BY tuple();

CREATE TABLE {db:Identifier}.disbursement_in ON CLUSTER '{cluster}' (
  id String, program_code LowCardinality(String), nik UInt64, kk UInt64,
  period LowCardinality(String), amount_idr UInt64, disbursed_on Date,
  district_code LowCardinality(String)
) ENGINE = Distributed('{cluster}', {db:String}, disbursement_in_local, cityHash64(nik));

-- Staged, at home.

-- One row per person in population (Dukcapil). Placed by kk: a family on one shard.
CREATE TABLE {db:Identifier}.person_local ON CLUSTER '{cluster}' (
  nik UInt64,
  kk UInt64,
  relationship LowCardinality(String),
  village_code LowCardinality(String),
  death_date Nullable(Date)
) ENGINE = ReplicatedMergeTree('/clickhouse/tables/{shard}/{database}/{table}', '{replica}')
ORDER BY nik;

CREATE TABLE {db:Identifier}.person ON CLUSTER '{cluster}' (
  nik UInt64, kk UInt64, relationship LowCardinality(String), village_code LowCardinality(String),
  death_date Nullable(Date)
) ENGINE = Distributed('{cluster}', {db:String}, person_local, cityHash64(kk));

-- One row per DTKS member, placed by the member's home. DTKS's own kk (may be stale,
-- DATA.md) is carried but places nothing: population's kk does. Only the data-quality
-- step 08c reads it, and the cluster does not run that step yet (README).
CREATE TABLE {db:Identifier}.dtks_member_local ON CLUSTER '{cluster}' (
  nik UInt64,
  kk UInt64,
  decile Nullable(UInt8),
  status LowCardinality(String),
  status_reason Nullable(String),
  home UInt64
) ENGINE = ReplicatedMergeTree('/clickhouse/tables/{shard}/{database}/{table}', '{replica}')
ORDER BY nik;

CREATE TABLE {db:Identifier}.dtks_member ON CLUSTER '{cluster}' (
  nik UInt64, kk UInt64, decile Nullable(UInt8), status LowCardinality(String),
  status_reason Nullable(String), home UInt64
) ENGINE = Distributed('{cluster}', {db:String}, dtks_member_local, cityHash64(home));

-- One row per vaccination dose, placed by the vaccinated person's home.
CREATE TABLE {db:Identifier}.vaccination_dose_local ON CLUSTER '{cluster}' (
  nik UInt64,
  dose UInt8,
  administered_on Date,
  home UInt64
) ENGINE = ReplicatedMergeTree('/clickhouse/tables/{shard}/{database}/{table}', '{replica}')
ORDER BY (nik, dose);

CREATE TABLE {db:Identifier}.vaccination_dose ON CLUSTER '{cluster}' (
  nik UInt64, dose UInt8, administered_on Date, home UInt64
) ENGINE = Distributed('{cluster}', {db:String}, vaccination_dose_local, cityHash64(home));

-- One row per period of service (ASN, TNI, POLRI), placed by the servant's home.
CREATE TABLE {db:Identifier}.personnel_local ON CLUSTER '{cluster}' (
  nik UInt64,
  corps LowCardinality(String),
  agency String,
  start_date Date,
  end_date Nullable(Date),
  home UInt64
) ENGINE = ReplicatedMergeTree('/clickhouse/tables/{shard}/{database}/{table}', '{replica}')
ORDER BY (nik, start_date);

CREATE TABLE {db:Identifier}.personnel ON CLUSTER '{cluster}' (
  nik UInt64, corps LowCardinality(String), agency String, start_date Date,
  end_date Nullable(Date), home UInt64
) ENGINE = Distributed('{cluster}', {db:String}, personnel_local, cityHash64(home));

-- One row per disbursement, placed by its unit's home: the payee's for a PERSON programme,
-- the kk paid for a FAMILY one. So a unit's payments in a month are on one shard, and its
-- DUPLICATE ranking and its first payment, which counts it in R (06, 07, 08), need no
-- other shard. One partition per month: a refresh can rebuild only the months that changed.
CREATE TABLE {db:Identifier}.disbursement_local ON CLUSTER '{cluster}' (
  id String,
  program_code LowCardinality(String),
  nik UInt64,
  kk UInt64,
  period LowCardinality(String),
  amount_idr UInt64,
  disbursed_on Date,
  district_code LowCardinality(String),
  home UInt64
) ENGINE = ReplicatedMergeTree('/clickhouse/tables/{shard}/{database}/{table}', '{replica}')
PARTITION BY period
ORDER BY tuple();

CREATE TABLE {db:Identifier}.disbursement ON CLUSTER '{cluster}' (
  id String, program_code LowCardinality(String), nik UInt64, kk UInt64,
  period LowCardinality(String), amount_idr UInt64, disbursed_on Date,
  district_code LowCardinality(String), home UInt64
) ENGINE = Distributed('{cluster}', {db:String}, disbursement_local, cityHash64(home));

-- One row per disbursement, placed by the payee's home: what the person facts of 03
-- (paid_on: the days each nik was paid, by the programme that paid) and the payee's checks
-- of 06 read. Differs from `disbursement` only for a FAMILY payment collected by someone
-- population does not list on the kk paid (a stale card, a ghost). `unit_home` says where
-- the payee's checks are sent (cross-shard.sql).
CREATE TABLE {db:Identifier}.disbursement_by_payee_local ON CLUSTER '{cluster}' (
  id String,
  program_code LowCardinality(String),
  period LowCardinality(String),
  nik UInt64,
  disbursed_on Date,
  home UInt64,
  unit_home UInt64
) ENGINE = ReplicatedMergeTree('/clickhouse/tables/{shard}/{database}/{table}', '{replica}')
PARTITION BY period
ORDER BY tuple();

CREATE TABLE {db:Identifier}.disbursement_by_payee ON CLUSTER '{cluster}' (
  id String, program_code LowCardinality(String), period LowCardinality(String), nik UInt64,
  disbursed_on Date, home UInt64, unit_home UInt64
) ENGINE = Distributed('{cluster}', {db:String}, disbursement_by_payee_local, cityHash64(home));

-- On every node: tens of rows, joined by every step.

-- One row per aid programme.
CREATE TABLE {db:Identifier}.program ON CLUSTER '{cluster}' (
  code String,
  name String,
  unit LowCardinality(String),
  rule_set String
) ENGINE = ReplicatedMergeTree('/clickhouse/tables/all/{database}/{table}', '{shard}-{replica}')
ORDER BY code;

-- One row per rule set: its latest version. `checks` arrives as a comma-separated list.
CREATE TABLE {db:Identifier}.rule_set ON CLUSTER '{cluster}' (
  code String,
  version UInt32,
  region Nullable(String),
  checks String,
  decile_threshold Nullable(UInt8),
  family_lookback_days Nullable(UInt32),
  check_list Array(String) MATERIALIZED splitByChar(',', checks)
) ENGINE = ReplicatedMergeTree('/clickhouse/tables/all/{database}/{table}', '{shard}-{replica}')
ORDER BY code;
