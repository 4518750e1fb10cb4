-- Cluster variant of ../sql/02_fact_program_month.sql. One row per programme and month.
-- On every node (programmes x months: hundreds of rows), because every per-shard step
-- joins it. Built once, on one node, from the periods of every shard (cross-shard.sql).
-- Inputs: program, disbursement (through the Distributed table), rule_set.
CREATE TABLE {db:Identifier}.program_month ON CLUSTER '{cluster}' (
  program String,
  unit_kind LowCardinality(String),
  rule_set String,
  rule_set_version Nullable(UInt32),
  period String,
  as_of Date
) ENGINE = ReplicatedMergeTree('/clickhouse/tables/all/{database}/{table}', '{shard}-{replica}')
ORDER BY (program, period);
