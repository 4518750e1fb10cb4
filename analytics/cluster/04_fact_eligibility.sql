-- Cluster variant of ../sql/04_fact_eligibility.sql. One row per rule set, month and
-- candidate person, placed by the person's kk. Built on every shard: a candidate is a
-- person of this shard, or the payee or family head a payment of this shard stands for,
-- who lives here too because the payment is placed by its unit.
CREATE TABLE {db:Identifier}.eligibility_local ON CLUSTER '{cluster}' (
  rule_set String,
  period String,
  nik String,
  kk String,
  relationship LowCardinality(String),
  village_code String,
  as_of Date,
  failed Array(String)
) ENGINE = ReplicatedMergeTree('/clickhouse/tables/{shard}/{database}/{table}', '{replica}')
PARTITION BY period
ORDER BY (rule_set, period, nik);

CREATE TABLE {db:Identifier}.eligibility ON CLUSTER '{cluster}' (
  rule_set String, period String, nik String, kk String, relationship LowCardinality(String),
  village_code String, as_of Date, failed Array(String)
) ENGINE = Distributed('{cluster}', {db:String}, eligibility_local, cityHash64(kk));
