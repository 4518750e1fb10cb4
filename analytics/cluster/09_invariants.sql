-- Invariants of the cluster layout: each query must return zero rows. They run after
-- ../sql/09_invariants.sql, which runs unchanged here (its tables are the Distributed and
-- on-every-node ones) with distributed_product_mode = 'local', so its join of
-- recipient_unit with eligible_unit joins each shard's rows with the same shard's rows.
-- These check what that relies on: rows that must meet share a shard.

-- invariant: every family card's members are on one shard
SELECT kk, uniqExact(_shard_num) AS shards FROM {db:Identifier}.person
GROUP BY kk HAVING shards > 1 LIMIT 10;

-- invariant: every unit's payments of a programme and month are on one shard
SELECT program, period, unit, uniqExact(_shard_num) AS shards FROM {db:Identifier}.disbursement_fact
GROUP BY program, period, unit HAVING shards > 1 LIMIT 10;

-- invariant: every unit paid or eligible is on one shard
SELECT program, period, unit, uniqExact(shard) AS shards FROM (
  SELECT program, period, unit, _shard_num AS shard FROM {db:Identifier}.recipient_unit
  UNION ALL
  SELECT program, period, unit, _shard_num AS shard FROM {db:Identifier}.eligible_unit
)
GROUP BY program, period, unit HAVING shards > 1 LIMIT 10;

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
