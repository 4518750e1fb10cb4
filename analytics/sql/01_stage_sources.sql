-- Stage the sources: one table per source file, one row per source row, only the columns
-- the facts use. Inputs: the DATA.md files as the subgraphs' databases export them
-- (population/persons.csv, dtks/members.csv, vaccination/doses.csv,
-- civil-service/personnel.csv, aid/programs.csv, aid/disbursements.csv), the latest
-- version of each rule set from eligibility (eligibility/rule-sets.csv) and the cases filed
-- through intake (intake/cases.csv, subgraphs/intake/src/exports.ts). The runner loads
-- each file into its table by column name after these statements.
-- NIKs and family card numbers are 16 digits that never start with 0 (DATA.md: the first
-- two are a province code), kept as UInt64: joins, groups and sorts on them cost a
-- fraction of what they cost on strings, and the engine's JSON output quotes 64-bit
-- integers, so readers still get strings. Codes repeated on many rows are LowCardinality.
-- Every table of a build, here and in the steps after, is written once and then only
-- read, so none is ever merged (max_bytes_to_merge_at_max_space_in_pool = 1: no part is
-- small enough). Reading 20 parts costs what reading 3 does, while merging them in the
-- background took a core from the steps running meanwhile (bench/README.md, "Measured
-- choices").

-- One row per person in population (Dukcapil).
-- Grain: nik.
CREATE TABLE {db:Identifier}.person (
  nik UInt64,
  kk UInt64,
  relationship LowCardinality(String),
  village_code LowCardinality(String),
  death_date Nullable(Date)
) ENGINE = MergeTree ORDER BY nik SETTINGS max_bytes_to_merge_at_max_space_in_pool = 1;

-- One row per DTKS member. The decile is NULL while pending verification (a person
-- admitted through a proposal): WELFARE_DECILE does not pass, and incidence counts the
-- payments as of no known decile (0). kk is DTKS's own family card number, which may be
-- stale (DATA.md); only the data-quality queues (08c) read it, against population's.
-- Grain: nik.
CREATE TABLE {db:Identifier}.dtks_member (
  nik UInt64,
  kk UInt64,
  decile Nullable(UInt8),
  status LowCardinality(String),
  status_reason Nullable(String)
) ENGINE = MergeTree ORDER BY nik SETTINGS max_bytes_to_merge_at_max_space_in_pool = 1;

-- One row per vaccination dose.
-- Grain: nik, dose.
CREATE TABLE {db:Identifier}.vaccination_dose (
  nik UInt64,
  dose UInt8,
  administered_on Date
) ENGINE = MergeTree ORDER BY (nik, dose) SETTINGS max_bytes_to_merge_at_max_space_in_pool = 1;

-- One row per period of service (ASN, TNI, POLRI).
-- Grain: nik, corps, start_date.
CREATE TABLE {db:Identifier}.personnel (
  nik UInt64,
  corps LowCardinality(String),
  agency String,
  start_date Date,
  end_date Nullable(Date)
) ENGINE = MergeTree ORDER BY (nik, start_date) SETTINGS max_bytes_to_merge_at_max_space_in_pool = 1;

-- One row per aid programme.
-- Grain: code.
CREATE TABLE {db:Identifier}.program (
  code String,
  name String,
  unit LowCardinality(String),
  rule_set String
) ENGINE = MergeTree ORDER BY code SETTINGS max_bytes_to_merge_at_max_space_in_pool = 1;

-- One row per disbursement.
-- Grain: id.
CREATE TABLE {db:Identifier}.disbursement (
  id String,
  program_code LowCardinality(String),
  nik UInt64,
  kk UInt64,
  period LowCardinality(String),
  amount_idr UInt64,
  disbursed_on Date,
  district_code LowCardinality(String)
-- No sort key: no step reads payments in an order, and sorting 20 M of them costs 3 s.
) ENGINE = MergeTree ORDER BY tuple() SETTINGS max_bytes_to_merge_at_max_space_in_pool = 1;

-- One row per rule set: its latest version, the one the gateway decides with. `checks`
-- arrives as a comma-separated list.
-- Grain: code.
CREATE TABLE {db:Identifier}.rule_set (
  code String,
  version UInt32,
  region Nullable(String),
  checks String,
  decile_threshold Nullable(UInt8),
  family_lookback_days Nullable(UInt32),
  check_list Array(String) MATERIALIZED splitByChar(',', checks)
) ENGINE = MergeTree ORDER BY code SETTINGS max_bytes_to_merge_at_max_space_in_pool = 1;

-- One row per case filed through intake: an application, a community report or a complaint
-- (API.md, Workflows), with only what the case figures read (issue 17, item 6): no NIK, no
-- text. `program` is empty for a case filed for none (a report), `district_code` for a
-- person population did not know. Instants are UTC; `due_on` is a complaint's, a Jakarta day.
-- Grain: id.
CREATE TABLE {db:Identifier}.intake_case (
  id UInt64,
  kind LowCardinality(String),
  status LowCardinality(String),
  program LowCardinality(String),
  district_code LowCardinality(String),
  filed_at DateTime64(3, 'UTC'),
  closed_at Nullable(DateTime64(3, 'UTC')),
  due_on Nullable(Date)
) ENGINE = MergeTree ORDER BY id SETTINGS max_bytes_to_merge_at_max_space_in_pool = 1;
