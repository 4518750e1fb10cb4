-- Cluster variant of ../sql/05_fact_unit.sql. Built on every shard. Both tables gain
-- `home`, the unit's placement: the person's kk for a PERSON unit (the nik itself when
-- population lacks it), the kk for a FAMILY unit. A unit is in E and in R on the same
-- shard, so 07 counts R, E and R ∩ E shard by shard.

-- One row per programme, month and eligible unit; home = eligibility.kk.
CREATE TABLE {db:Identifier}.eligible_unit_local ON CLUSTER '{cluster}' (
  program String,
  period String,
  unit String,
  region String,
  home String
) ENGINE = ReplicatedMergeTree('/clickhouse/tables/{shard}/{database}/{table}', '{replica}')
PARTITION BY period
ORDER BY (program, period, unit);

CREATE TABLE {db:Identifier}.eligible_unit ON CLUSTER '{cluster}' (
  program String, period String, unit String, region String, home String
) ENGINE = Distributed('{cluster}', {db:String}, eligible_unit_local, cityHash64(home));

-- One row per programme, month and unit paid; home = any(disbursement.home) of its payments.
CREATE TABLE {db:Identifier}.recipient_unit_local ON CLUSTER '{cluster}' (
  program String,
  period String,
  unit_kind String,
  unit String,
  subject_nik Nullable(String),
  region String,
  failed Array(String),
  eligible UInt8,
  home String
) ENGINE = ReplicatedMergeTree('/clickhouse/tables/{shard}/{database}/{table}', '{replica}')
PARTITION BY period
ORDER BY (program, period, unit);

CREATE TABLE {db:Identifier}.recipient_unit ON CLUSTER '{cluster}' (
  program String, period String, unit_kind String, unit String, subject_nik Nullable(String),
  region String, failed Array(String), eligible UInt8, home String
) ENGINE = Distributed('{cluster}', {db:String}, recipient_unit_local, cityHash64(home));
