-- Cluster variant of builds.ts: the pointer to the served build, and one database per
-- refresh on every node. Parameters: {meta:Identifier} is tepat_analytics, {db:Identifier}
-- the build database; '{cluster}', '{shard}' and '{replica}' are server macros.
-- Keeper paths: a sharded table uses /clickhouse/tables/{shard}/{database}/{table}, so the
-- replicas of one shard share a path; a table on every node uses .../all/..., so every
-- node is a replica of it, named '{shard}-{replica}' to stay unique across the cluster.

CREATE DATABASE IF NOT EXISTS {meta:Identifier} ON CLUSTER '{cluster}';

-- One row per finished build; the newest whose database exists is served. On every node,
-- so whichever node the hub reaches names the same build; a node that has not fetched the
-- newest row yet serves the previous build, which builds.ts keeps one refresh longer.
CREATE TABLE IF NOT EXISTS {meta:Identifier}.build ON CLUSTER '{cluster}' (
  database String,
  built_at DateTime64(3, 'UTC'),
  seconds Float64,
  sources Map(String, UInt64)
) ENGINE = ReplicatedMergeTree('/clickhouse/tables/all/{database}/{table}', '{shard}-{replica}')
ORDER BY built_at;

-- A refresh builds aside: a fresh database on every node, filled by 01-08, checked by the
-- invariants, then named in the pointer table.
CREATE DATABASE {db:Identifier} ON CLUSTER '{cluster}';

-- A failed build, or one two refreshes old. SYNC removes the tables' Keeper metadata now
-- rather than after the Atomic engine's delay (480 s by default).
DROP DATABASE IF EXISTS {db:Identifier} ON CLUSTER '{cluster}' SYNC;
