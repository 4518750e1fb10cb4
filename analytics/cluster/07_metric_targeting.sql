-- Cluster variant of ../sql/07_metric_targeting.sql. Every shard computes the step's
-- SELECT over its own payments (disbursement_fact_local) and its own part of E
-- (eligible_count_part_local) into targeting_part; one node then sums the parts into
-- targeting (cross-shard.sql). Inputs: disbursement_fact_local, eligible_count_part_local,
-- program_month. Every column is a count or a sum of rows, and each row is on one shard,
-- so the sum over shards is the single-node figure. A unit counts in R on its payment with
-- payment_rank 1, and has exactly one such payment only because all its payments of the
-- month were ranked on one shard (06): a unit split over two shards would have two.

-- One row per shard, programme, month, level and region: that shard's counts and sums.
-- Written only on shards; no sharding key, so an INSERT through the Distributed table
-- fails rather than scattering partial rows.
CREATE TABLE {db:Identifier}.targeting_part_local ON CLUSTER '{cluster}' (
  program String,
  period String,
  level String,
  region String,
  recipients UInt64,
  eligible UInt64,
  recipients_eligible UInt64,
  payments UInt64,
  amount UInt64,
  leakage_payments UInt64,
  leakage_amount UInt64,
  ghost_payments UInt64,
  ghost_amount UInt64,
  deceased_payments UInt64,
  deceased_amount UInt64,
  civil_servant_payments UInt64,
  civil_servant_amount UInt64,
  duplicate_payments UInt64,
  duplicate_amount UInt64,
  ineligible_payments UInt64,
  ineligible_amount UInt64
) ENGINE = ReplicatedMergeTree('/clickhouse/tables/{shard}/{database}/{table}', '{replica}')
PARTITION BY period
ORDER BY (program, period, level, region);

CREATE TABLE {db:Identifier}.targeting_part ON CLUSTER '{cluster}' (
  program String, period String, level String, region String, recipients UInt64, eligible UInt64,
  recipients_eligible UInt64, payments UInt64, amount UInt64, leakage_payments UInt64,
  leakage_amount UInt64, ghost_payments UInt64, ghost_amount UInt64, deceased_payments UInt64,
  deceased_amount UInt64, civil_servant_payments UInt64, civil_servant_amount UInt64,
  duplicate_payments UInt64, duplicate_amount UInt64, ineligible_payments UInt64,
  ineligible_amount UInt64
) ENGINE = Distributed('{cluster}', {db:String}, targeting_part_local);

-- One row per programme, month, level and region: what metrics.ts reads. On every node:
-- at most 7,838 regions (1 national, 38 provinces, 514 regencies, 7,285 districts in
-- idn-area-data) per programme and month, so any node answers without asking another.
CREATE TABLE {db:Identifier}.targeting ON CLUSTER '{cluster}' (
  program String, period String, level String, region String, recipients UInt64, eligible UInt64,
  recipients_eligible UInt64, payments UInt64, amount UInt64, leakage_payments UInt64,
  leakage_amount UInt64, ghost_payments UInt64, ghost_amount UInt64, deceased_payments UInt64,
  deceased_amount UInt64, civil_servant_payments UInt64, civil_servant_amount UInt64,
  duplicate_payments UInt64, duplicate_amount UInt64, ineligible_payments UInt64,
  ineligible_amount UInt64
) ENGINE = ReplicatedMergeTree('/clickhouse/tables/all/{database}/{table}', '{shard}-{replica}')
PARTITION BY period
ORDER BY (program, period, level, region);
