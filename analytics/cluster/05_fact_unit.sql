-- Cluster variant of ../sql/05_fact_unit.sql, built like targeting (07): every shard
-- counts its own eligible persons and heads into eligible_count_part, and one node sums
-- the parts into eligible_count (cross-shard.sql). Inputs: eligibility_local,
-- eligibility_axis, program_month. The sum over shards is the single-node count because
-- each person, and so each eligible unit (a person, or a family through its head), is on
-- exactly one shard.

-- One row per shard, programme, month and district: that shard's eligible units. Step 07
-- reads this shard's rows (eligible_count_part_local) into its own part. Written only on
-- shards; no sharding key, so an INSERT through the Distributed table fails rather than
-- scattering partial rows.
CREATE TABLE {db:Identifier}.eligible_count_part_local ON CLUSTER '{cluster}' (
  program String,
  period String,
  district LowCardinality(String),
  units UInt64
) ENGINE = ReplicatedMergeTree('/clickhouse/tables/{shard}/{database}/{table}', '{replica}')
PARTITION BY period
ORDER BY (program, period, district);

CREATE TABLE {db:Identifier}.eligible_count_part ON CLUSTER '{cluster}' (
  program String, period String, district LowCardinality(String), units UInt64
) ENGINE = Distributed('{cluster}', {db:String}, eligible_count_part_local);

-- One row per programme, month and district: E counted, as ../sql/05 gives it, for any
-- reader of that name. On every node: at most 7,285 districts per programme and month.
CREATE TABLE {db:Identifier}.eligible_count ON CLUSTER '{cluster}' (
  program String,
  period String,
  district LowCardinality(String),
  units UInt64
) ENGINE = ReplicatedMergeTree('/clickhouse/tables/all/{database}/{table}', '{shard}-{replica}')
PARTITION BY period
ORDER BY (program, period, district);
