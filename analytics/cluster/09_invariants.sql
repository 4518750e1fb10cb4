-- Invariants of the cluster layout: each query must return zero rows. They run after
-- ../sql/09_invariants.sql, which runs unchanged here: its tables are the Distributed and
-- on-every-node ones, and no query of it joins one sharded table with another (its one
-- query over two, the count and id sum, aggregates each before the join). These check
-- what the per-shard steps rely on: rows that must meet share a shard, every shard's
-- masks follow the axis served, and routing lost no row. Inputs: the Distributed tables
-- of 01-06 and eligibility_axis.

-- invariant: every family card's members are on one shard
SELECT kk, uniqExact(_shard_num) AS shards FROM {db:Identifier}.person
GROUP BY kk HAVING shards > 1 LIMIT 10;

-- invariant: every NIK's payments are on one shard, so its first payments and its family's paid days are whole
-- paid_on has one row per NIK and programme on each shard that holds a payment the NIK collected.
SELECT nik, uniqExact(_shard_num) AS shards FROM {db:Identifier}.paid_on
GROUP BY nik HAVING shards > 1 LIMIT 10;

-- invariant: every unit's payments of a programme and month are on one shard
-- The DUPLICATE ranking and the count of R (payment_rank 1) rely on it.
SELECT program, period, unit, uniqExact(_shard_num) AS shards FROM {db:Identifier}.disbursement_fact
GROUP BY program, period, unit HAVING shards > 1 LIMIT 10;

-- invariant: every unit paid found its person (the payee, or the family's head) when population lists one
-- 06 looks for that person on the unit's shard only. The units it did not find are few
-- (ghosts, cards without a head), so they are sent to every shard, not population.
SELECT unit_kind, unit FROM (
  SELECT 'PERSON' AS unit_kind, nik AS unit FROM {db:Identifier}.person
  WHERE nik GLOBAL IN (
    SELECT unit FROM {db:Identifier}.disbursement_fact WHERE unit_kind = 'PERSON' AND subject_nik IS NULL)
  UNION ALL
  SELECT 'FAMILY', kk FROM {db:Identifier}.person
  WHERE relationship = 'HEAD' AND kk GLOBAL IN (
    SELECT unit FROM {db:Identifier}.disbursement_fact WHERE unit_kind = 'FAMILY' AND subject_nik IS NULL)
)
LIMIT 10;

-- invariant: every person's mask covers every programme and month of the axis served
-- A shard that ran 04 against another axis (one rebuilt after it, with other months or
-- programmes) would hold masks of another length.
SELECT nik, length(failed_mask) AS masks FROM {db:Identifier}.eligibility
WHERE masks != (SELECT length(programs) * length(periods) FROM {db:Identifier}.eligibility_axis)
LIMIT 10;

-- invariant: routing lost and doubled no row, and every payment got its payee's checks
SELECT routed, landed, placed FROM (
  SELECT 'person_by_nik' AS routed, (SELECT count() FROM {db:Identifier}.person) AS landed, (SELECT count() FROM {db:Identifier}.person_by_nik) AS placed
  UNION ALL
  SELECT 'dtks_member', (SELECT count() FROM {db:Identifier}.dtks_member_in), (SELECT count() FROM {db:Identifier}.dtks_member)
  UNION ALL
  SELECT 'vaccination_dose', (SELECT count() FROM {db:Identifier}.vaccination_dose_in), (SELECT count() FROM {db:Identifier}.vaccination_dose)
  UNION ALL
  SELECT 'personnel', (SELECT count() FROM {db:Identifier}.personnel_in), (SELECT count() FROM {db:Identifier}.personnel)
  UNION ALL
  SELECT 'disbursement', (SELECT count() FROM {db:Identifier}.disbursement_in), (SELECT count() FROM {db:Identifier}.disbursement)
  UNION ALL
  SELECT 'disbursement_by_payee', (SELECT count() FROM {db:Identifier}.disbursement_in), (SELECT count() FROM {db:Identifier}.disbursement_by_payee)
  UNION ALL
  SELECT 'payee_fact', (SELECT count() FROM {db:Identifier}.disbursement_in), (SELECT count() FROM {db:Identifier}.payee_fact)
)
WHERE placed != landed;
