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

-- invariant: benefit incidence spreads exactly the money the targeting table counts
SELECT t.program, t.period, t.level, t.region FROM {db:Identifier}.targeting AS t
LEFT JOIN (
  SELECT program, period, level, region, sum(amount) AS amount FROM {db:Identifier}.incidence GROUP BY program, period, level, region
) AS i ON i.program = t.program AND i.period = t.period AND i.level = t.level AND i.region = t.region
WHERE ifNull(i.amount, 0) != t.amount LIMIT 10;

-- invariant: every case is in the case facts exactly once
-- Ids are intake's key: the same count and sum of id hashes mean the same cases.
SELECT 'case facts differ from the staged cases' AS problem, staged.rows, facts.rows
FROM (SELECT count() AS rows, sum(cityHash64(id)) AS ids FROM {db:Identifier}.intake_case) AS staged
CROSS JOIN (SELECT count() AS rows, sum(cityHash64(id)) AS ids FROM {db:Identifier}.case_fact) AS facts
WHERE staged.rows != facts.rows OR staged.ids != facts.ids;

-- invariant: every case is in a status its kind has, final exactly when it has reached its final status
SELECT f.id, f.kind, f.status, f.is_final FROM {db:Identifier}.case_fact AS f
LEFT JOIN {db:Identifier}.case_status AS s ON s.kind = f.kind AND s.status = f.status
WHERE s.final IS NULL OR s.final != f.is_final LIMIT 10;

-- invariant: no case reached its final status before it was filed
SELECT id, hours_to_final FROM {db:Identifier}.case_fact WHERE hours_to_final < 0 LIMIT 10;

-- invariant: the national figures of every programme together count every case once
SELECT kind, period, facts.cases, figures.filed FROM (
  SELECT kind, period, count() AS cases FROM {db:Identifier}.case_fact GROUP BY kind, period
) AS facts
FULL OUTER JOIN (
  SELECT kind, period, filed FROM {db:Identifier}.case_figures WHERE level = 'NATIONAL' AND program = ''
) AS figures USING (kind, period)
WHERE facts.cases IS NULL OR figures.filed IS NULL OR facts.cases != figures.filed LIMIT 10;

-- invariant: each level below the nation counts every case with a district once, and those without none
SELECT n.kind, n.program, n.period, l.level FROM (
  SELECT kind, program, period, level, sum(filed) AS filed FROM {db:Identifier}.case_figures
  WHERE level != 'NATIONAL' GROUP BY kind, program, period, level
) AS l
INNER JOIN (SELECT kind, program, period, filed FROM {db:Identifier}.case_figures WHERE level = 'NATIONAL') AS n
  USING (kind, program, period)
LEFT JOIN (
  SELECT kind, period, count() AS cases FROM {db:Identifier}.case_fact WHERE district = '' GROUP BY kind, period
) AS unplaced USING (kind, period)
WHERE l.filed > n.filed OR (n.program = '' AND l.filed != n.filed - ifNull(unplaced.cases, 0)) LIMIT 10;

-- invariant: a programme's cases are among those of every programme together
SELECT p.kind, p.period, p.level, p.region FROM (
  SELECT kind, period, level, region, sum(filed) AS filed FROM {db:Identifier}.case_figures
  WHERE program != '' GROUP BY kind, period, level, region
) AS p
LEFT JOIN (SELECT kind, period, level, region, filed FROM {db:Identifier}.case_figures WHERE program = '') AS a
  USING (kind, period, level, region)
WHERE a.filed IS NULL OR p.filed > a.filed LIMIT 10;

-- invariant: the cases of a figure are open or final, each in one status, no more concluded than filed nor overdue than open
SELECT kind, program, period, level, region FROM {db:Identifier}.case_figures
WHERE still_open + concluded != filed OR concluded > filed OR overdue > still_open
   OR status_pending + status_accepted + status_rejected + status_queued + status_verified + status_dismissed
      + status_open + status_in_progress + status_resolved + status_closed + status_upheld + status_expired != filed
LIMIT 10;

-- invariant: hours to a final status are given exactly when a case has one, and the median is no more than the 90th percentile
SELECT kind, program, period, level, region FROM {db:Identifier}.case_figures
WHERE (concluded = 0) != (median_hours IS NULL) OR (concluded = 0) != (p90_hours IS NULL)
   OR median_hours < 0 OR median_hours > p90_hours
LIMIT 10;
