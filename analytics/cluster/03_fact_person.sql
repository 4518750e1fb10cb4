-- Cluster variant of ../sql/03_fact_person.sql. Built on every shard from its own rows:
-- a person's sources are at the person's home, and so are the payments the person
-- collected (disbursement_by_payee). person_fact is ../sql/03's statement with its tables
-- read as `_local`; paid_on is written out below, since it reads the payments placed by
-- payee. Inputs: person_local, vaccination_dose_local, personnel_local, dtks_member_local,
-- disbursement_by_payee_local, program.

-- One row per NIK and programme ever paying it, placed by the payee's home, where every
-- payment the NIK collected is (disbursement_by_payee). So each programme's first_aid is
-- the NIK's first payment from it anywhere, and a family's days gathered from its
-- members' rows here are all of them: the members live on this shard too. program_id is
-- the programme's position among all programmes by code, as in ../sql/03, from `program`,
-- which every node holds whole, so it means the same programme on every shard. `home` is
-- any(home) of the NIK's payments, which all carry the same one.
CREATE TABLE {db:Identifier}.paid_on_local ON CLUSTER '{cluster}' (
  nik UInt64,
  program_id UInt16,
  first_aid Date,
  dates Array(Date),
  home UInt64
) ENGINE = ReplicatedMergeTree('/clickhouse/tables/{shard}/{database}/{table}', '{replica}')
ORDER BY nik;

CREATE TABLE {db:Identifier}.paid_on ON CLUSTER '{cluster}' (
  nik UInt64, program_id UInt16, first_aid Date, dates Array(Date), home UInt64
) ENGINE = Distributed('{cluster}', {db:String}, paid_on_local, cityHash64(home));

INSERT INTO {db:Identifier}.paid_on_local
WITH (SELECT groupArray(code) FROM (SELECT code FROM {db:Identifier}.program ORDER BY code)) AS programs
SELECT nik, toUInt16(indexOf(programs, toString(program_code))) AS program_id,
       min(disbursed_on) AS first_aid, groupUniqArray(disbursed_on) AS dates, any(home) AS home
FROM {db:Identifier}.disbursement_by_payee_local
GROUP BY nik, program_id;

-- One row per person in population, placed by kk (= the person's home).
-- aid_program_ids and aid_first_by_program: the first day each programme paid the person;
-- family_aid_dates and family_aid_program_ids: the days any NIK on the person's card was
-- paid, with the programme that paid, for FAMILY_NOT_RECEIVING in a programme's context (04).
CREATE TABLE {db:Identifier}.person_fact_local ON CLUSTER '{cluster}' (
  nik UInt64,
  kk UInt64,
  relationship LowCardinality(String),
  village_code LowCardinality(String),
  death_date Nullable(Date),
  first_dose Nullable(Date),
  aid_program_ids Array(UInt16),
  aid_first_by_program Array(Date),
  service_corps Array(String),
  service_agency Array(String),
  service_start Array(Date),
  service_end Array(Date),
  dtks_status LowCardinality(Nullable(String)),
  decile Nullable(UInt8),
  family_aid_dates Array(Date),
  family_aid_program_ids Array(UInt16)
) ENGINE = ReplicatedMergeTree('/clickhouse/tables/{shard}/{database}/{table}', '{replica}')
ORDER BY nik;

CREATE TABLE {db:Identifier}.person_fact ON CLUSTER '{cluster}' (
  nik UInt64, kk UInt64, relationship LowCardinality(String), village_code LowCardinality(String),
  death_date Nullable(Date), first_dose Nullable(Date), aid_program_ids Array(UInt16),
  aid_first_by_program Array(Date), service_corps Array(String), service_agency Array(String),
  service_start Array(Date), service_end Array(Date), dtks_status LowCardinality(Nullable(String)),
  decile Nullable(UInt8), family_aid_dates Array(Date), family_aid_program_ids Array(UInt16)
) ENGINE = Distributed('{cluster}', {db:String}, person_fact_local, cityHash64(kk));
