-- Cluster variant of ../sql/08_metric_incidence.sql, built like targeting (07): parts per
-- shard, summed on one node. Inputs: disbursement_fact_local. `units` counts each shard's
-- payments with payment_rank 1, one per unit paid, with the unit's decile from 06; the sum
-- over shards is exact for the same reason as in 07.

-- One row per shard, programme, month, level, region and decile. No sharding key, as in 07.
CREATE TABLE {db:Identifier}.incidence_part_local ON CLUSTER '{cluster}' (
  program LowCardinality(String),
  period LowCardinality(String),
  level String,
  region String,
  decile UInt8,
  units UInt64,
  amount UInt64
) ENGINE = ReplicatedMergeTree('/clickhouse/tables/{shard}/{database}/{table}', '{replica}')
PARTITION BY period
ORDER BY (program, period, level, region, decile);

CREATE TABLE {db:Identifier}.incidence_part ON CLUSTER '{cluster}' (
  program LowCardinality(String), period LowCardinality(String), level String, region String,
  decile UInt8, units UInt64, amount UInt64
) ENGINE = Distributed('{cluster}', {db:String}, incidence_part_local);

-- One row per programme, month, level, region and decile: what metrics.ts reads. On every
-- node: 11 deciles (0-10) x 7,838 regions at most per programme and month.
CREATE TABLE {db:Identifier}.incidence ON CLUSTER '{cluster}' (
  program LowCardinality(String), period LowCardinality(String), level String, region String,
  decile UInt8, units UInt64, amount UInt64
) ENGINE = ReplicatedMergeTree('/clickhouse/tables/all/{database}/{table}', '{shard}-{replica}')
PARTITION BY period
ORDER BY (program, period, level, region, decile);
