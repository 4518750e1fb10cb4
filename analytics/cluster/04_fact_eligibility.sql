-- Cluster variant of ../sql/04_fact_eligibility.sql: its two statements with their tables
-- read as `_local`, the first run once, the second on every shard. Inputs: person_fact_local,
-- program, rule_set, program_month.

-- One row: the axes of the masks (the programmes with their rule sets and checks, and the
-- months with their D). On every node, built once from program, rule_set and
-- program_month, which are on every node too. Every shard reads this one row, so a mask's
-- position means the same programme and month on every shard, and so does paid_on's
-- program_id (03), which the programme's context is read by. A node with no row, or with
-- two, fails 04: its scalar subqueries need exactly one.
CREATE TABLE {db:Identifier}.eligibility_axis ON CLUSTER '{cluster}' (
  programs Array(String),
  rule_sets Array(String),
  check_lists Array(Array(String)),
  check_ids Array(Array(UInt8)),
  check_bits Array(UInt32),
  regions Array(Nullable(String)),
  decile_thresholds Array(Nullable(UInt8)),
  lookback_days Array(UInt32),
  periods Array(String),
  as_ofs Array(Date)
) ENGINE = ReplicatedMergeTree('/clickhouse/tables/all/{database}/{table}', '{shard}-{replica}')
ORDER BY tuple();

-- One row per person in population, placed by kk, with the facts 06 reads about a payee
-- or a head and failed_mask, as in ../sql/04 (by programme, then month). Built on every
-- shard from its own person_fact and the axis: a person's answers read only the person's
-- own facts (the family's paid days, with the programme that paid, are already in
-- person_fact), so nothing crosses shards. Not partitioned by month: the months are
-- positions in the mask.
CREATE TABLE {db:Identifier}.eligibility_local ON CLUSTER '{cluster}' (
  nik UInt64,
  kk UInt64,
  relationship LowCardinality(String),
  village_code LowCardinality(String),
  decile Nullable(UInt8),
  death_date Nullable(Date),
  service_corps Array(String),
  service_agency Array(String),
  service_start Array(Date),
  service_end Array(Date),
  failed_mask Array(UInt16)
) ENGINE = ReplicatedMergeTree('/clickhouse/tables/{shard}/{database}/{table}', '{replica}')
ORDER BY nik;

CREATE TABLE {db:Identifier}.eligibility ON CLUSTER '{cluster}' (
  nik UInt64, kk UInt64, relationship LowCardinality(String), village_code LowCardinality(String),
  decile Nullable(UInt8), death_date Nullable(Date), service_corps Array(String),
  service_agency Array(String), service_start Array(Date), service_end Array(Date),
  failed_mask Array(UInt16)
) ENGINE = Distributed('{cluster}', {db:String}, eligibility_local, cityHash64(kk));
