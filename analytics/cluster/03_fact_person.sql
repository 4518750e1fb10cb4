-- Cluster variant of ../sql/03_fact_person.sql. Built on every shard from its own rows:
-- a person's sources are at the person's home, and so are the payments the person
-- collected (disbursement_by_payee).

-- One row per person in population, placed by kk (= the person's home).
CREATE TABLE {db:Identifier}.person_fact_local ON CLUSTER '{cluster}' (
  nik String,
  kk String,
  relationship LowCardinality(String),
  village_code String,
  death_date Nullable(Date),
  first_dose Nullable(Date),
  first_aid Nullable(Date),
  service_corps Array(String),
  service_agency Array(String),
  service_start Array(Date),
  service_end Array(Date),
  dtks_status LowCardinality(Nullable(String)),
  decile Nullable(UInt8)
) ENGINE = ReplicatedMergeTree('/clickhouse/tables/{shard}/{database}/{table}', '{replica}')
ORDER BY nik;

CREATE TABLE {db:Identifier}.person_fact ON CLUSTER '{cluster}' (
  nik String, kk String, relationship LowCardinality(String), village_code String,
  death_date Nullable(Date), first_dose Nullable(Date), first_aid Nullable(Date),
  service_corps Array(String), service_agency Array(String), service_start Array(Date),
  service_end Array(Date), dtks_status LowCardinality(Nullable(String)), decile Nullable(UInt8)
) ENGINE = Distributed('{cluster}', {db:String}, person_fact_local, cityHash64(kk));

-- One row per family card in population with a paid member, placed by kk.
CREATE TABLE {db:Identifier}.family_aid_local ON CLUSTER '{cluster}' (
  kk String,
  aid_dates Array(Date)
) ENGINE = ReplicatedMergeTree('/clickhouse/tables/{shard}/{database}/{table}', '{replica}')
ORDER BY kk;

CREATE TABLE {db:Identifier}.family_aid ON CLUSTER '{cluster}' (
  kk String, aid_dates Array(Date)
) ENGINE = Distributed('{cluster}', {db:String}, family_aid_local, cityHash64(kk));
