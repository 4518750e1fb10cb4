-- Invariants: each query must return zero rows. The runner runs them on every build,
-- before it is served, and names the one that fails. Inputs: every table above.

-- invariant: every programme's rule set exists in eligibility
SELECT program, rule_set FROM {db:Identifier}.program_month WHERE rule_set_version IS NULL LIMIT 10;

-- invariant: every disbursement is in the facts exactly once
-- Ids are the key of the source (DATA.md), so the same count and the same sum of id hashes
-- mean the same ids: a lost or doubled row changes the sum. Grouping 20 M ids costs more.
SELECT 'facts differ from the staged disbursements' AS problem, staged.rows, facts.rows
FROM (SELECT count() AS rows, sum(cityHash64(id)) AS ids FROM {db:Identifier}.disbursement) AS staged
CROSS JOIN (SELECT count() AS rows, sum(cityHash64(id)) AS ids FROM {db:Identifier}.disbursement_fact) AS facts
WHERE staged.rows != facts.rows OR staged.ids != facts.ids;

-- invariant: every disbursement has one known leakage category or none
SELECT id, category FROM {db:Identifier}.disbursement_fact
WHERE category NOT IN ('', 'GHOST', 'DECEASED', 'CIVIL_SERVANT', 'DUPLICATE', 'INELIGIBLE') LIMIT 10;

-- invariant: no coverage above 1, and no more eligible recipients than recipients
SELECT program, period, level, region FROM {db:Identifier}.targeting
WHERE recipients_eligible > eligible OR recipients_eligible > recipients LIMIT 10;

-- invariant: recipients, eligible units, payments and amounts at every level sum to the national figures
SELECT program, period, level FROM {db:Identifier}.targeting AS t
INNER JOIN (SELECT * FROM {db:Identifier}.targeting WHERE level = 'NATIONAL') AS n
  ON n.program = t.program AND n.period = t.period
WHERE t.level != 'NATIONAL'
GROUP BY program, period, level
HAVING sum(t.recipients) != any(n.recipients) OR sum(t.eligible) != any(n.eligible)
    OR sum(t.payments) != any(n.payments) OR sum(t.amount) != any(n.amount)
LIMIT 10;

-- invariant: leakage by category sums to the leakage, and never exceeds the total
SELECT program, period, level, region FROM {db:Identifier}.targeting
WHERE ghost_amount + deceased_amount + civil_servant_amount + duplicate_amount + ineligible_amount != leakage_amount
   OR ghost_payments + deceased_payments + civil_servant_payments + duplicate_payments + ineligible_payments != leakage_payments
   OR leakage_amount > amount
LIMIT 10;

-- invariant: every data-quality item is there once per kind and key, of a known kind, in a region
SELECT kind, item_key, count() AS items FROM {db:Identifier}.quality_item
GROUP BY kind, item_key
HAVING items > 1 OR kind NOT IN ('DECEASED_ACTIVE', 'STALE_KK', 'GHOST', 'CIVIL_SERVANT', 'PAID_TWICE') OR any(region) = ''
LIMIT 10;

-- invariant: every region's data-quality counts are the items whose region lies in it, at every level
-- Counted again from the items, level by level, rather than from the places 08c adds up.
SELECT kind, level, region, c.items, e.items FROM (
  SELECT kind, area.1 AS level, area.2 AS region, count() AS items
  FROM (SELECT kind, toString(region) AS place FROM {db:Identifier}.quality_item)
  ARRAY JOIN [('NATIONAL', ''), ('PROVINCE', substring(place, 1, 2)), ('REGENCY', substring(place, 1, 5)),
              ('DISTRICT', substring(place, 1, 8)), ('VILLAGE', if(length(place) > 8, place, ''))] AS area
  WHERE area.1 != 'VILLAGE' OR area.2 != ''
  GROUP BY kind, level, region
) AS e
FULL OUTER JOIN {db:Identifier}.quality_count AS c USING (kind, level, region)
WHERE ifNull(c.items, 0) != ifNull(e.items, 0)
LIMIT 10;

-- invariant: the GHOST items hold every payment to a NIK population does not know in each programme's latest month, once
SELECT 'ghost payments differ' AS problem, items.payments, facts.payments FROM (
  SELECT count() AS payments, sum(cityHash64(id)) AS ids FROM {db:Identifier}.quality_item ARRAY JOIN payment_id AS id WHERE kind = 'GHOST'
) AS items
CROSS JOIN (
  SELECT count() AS payments, sum(cityHash64(id)) AS ids FROM {db:Identifier}.disbursement_fact
  WHERE NOT in_population AND (program, period) IN (
    SELECT program, max(period) FROM {db:Identifier}.targeting WHERE level = 'NATIONAL' AND payments > 0 GROUP BY program)
) AS facts
WHERE items.payments != facts.payments OR items.ids != facts.ids;

-- invariant: a PAID_TWICE item holds a unit's every payment of the month, the later ones ranked after the first
SELECT kind, item_key, payment_rank FROM {db:Identifier}.quality_item
WHERE kind = 'PAID_TWICE' AND (length(payment_id) < 2 OR payment_rank != arrayEnumerate(payment_rank))
LIMIT 10;

-- invariant: benefit incidence spreads exactly the money the targeting table counts
SELECT t.program, t.period, t.level, t.region FROM {db:Identifier}.targeting AS t
LEFT JOIN (
  SELECT program, period, level, region, sum(amount) AS amount FROM {db:Identifier}.incidence GROUP BY program, period, level, region
) AS i ON i.program = t.program AND i.period = t.period AND i.level = t.level AND i.region = t.region
WHERE ifNull(i.amount, 0) != t.amount LIMIT 10;
