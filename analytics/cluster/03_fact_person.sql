-- Cluster variant of ../sql/03_fact_person.sql. Built on every shard from its own rows:
-- a person's sources are at the person's home, and so are the payments the person
-- collected (disbursement_by_payee). Inputs: person_local, vaccination_dose_local,
-- personnel_local, dtks_member_local, disbursement_by_payee_local.

-- One row per NIK ever paid, placed by the payee's home, where every payment the NIK
-- collected is (disbursement_by_payee). So first_aid is the NIK's first payment
-- anywhere, and a family's days gathered from its members' rows here are all of them:
-- the members live on this shard too. `home` is any(home) of the NIK's payments, which
-- all carry the same one.
CREATE TABLE {db:Identifier}.paid_on_local ON CLUSTER '{cluster}' (
  nik UInt64,
  first_aid Date,
  dates Array(Date),
  home UInt64
) ENGINE = ReplicatedMergeTree('/clickhouse/tables/{shard}/{database}/{table}', '{replica}')
ORDER BY nik;

CREATE TABLE {db:Identifier}.paid_on ON CLUSTER '{cluster}' (
  nik UInt64, first_aid Date, dates Array(Date), home UInt64
) ENGINE = Distributed('{cluster}', {db:String}, paid_on_local, cityHash64(home));

-- One row per person in population, placed by kk (= the person's home).
-- family_aid_dates: the days any NIK on the person's card was paid, for
-- FAMILY_NOT_RECEIVING (04).
CREATE TABLE {db:Identifier}.person_fact_local ON CLUSTER '{cluster}' (
  nik UInt64,
  kk UInt64,
  relationship LowCardinality(String),
  village_code LowCardinality(String),
  death_date Nullable(Date),
  first_dose Nullable(Date),
  first_aid Nullable(Date),
  service_corps Array(String),
  service_agency Array(String),
  service_start Array(Date),
  service_end Array(Date),
  dtks_status LowCardinality(Nullable(String)),
  decile Nullable(UInt8),
  family_aid_dates Array(Date)
) ENGINE = ReplicatedMergeTree('/clickhouse/tables/{shard}/{database}/{table}', '{replica}')
ORDER BY nik;

CREATE TABLE {db:Identifier}.person_fact ON CLUSTER '{cluster}' (
  nik UInt64, kk UInt64, relationship LowCardinality(String), village_code LowCardinality(String),
  death_date Nullable(Date), first_dose Nullable(Date), first_aid Nullable(Date),
  service_corps Array(String), service_agency Array(String), service_start Array(Date),
  service_end Array(Date), dtks_status LowCardinality(Nullable(String)), decile Nullable(UInt8),
  family_aid_dates Array(Date)
) ENGINE = Distributed('{cluster}', {db:String}, person_fact_local, cityHash64(kk));
