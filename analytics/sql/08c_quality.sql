-- Data-quality queues (issue 18): where the sources disagree, one row per item for an operator
-- or an auditor to resolve, with the evidence, and how many items each region has.
-- quality_item: one row per kind and key (09 holds it to that):
--   DECEASED_ACTIVE  nik                       population has a death_date, DTKS says ACTIVE
--   STALE_KK         nik                       in both, and DTKS's kk is not population's (DATA.md: DTKS's may be stale)
--   GHOST            nik, district             paid, and population does not know the NIK (METRICS.md's GHOST);
--                                              one item per district it was paid in, each in that district's queue
--   CIVIL_SERVANT    nik                       in population, and serving (ASN, TNI, POLRI) today while ACTIVE in
--                                              DTKS, or paid while serving on the day of payment
--   PAID_TWICE       programme, month, unit    a unit (METRICS.md) paid more than once in a month, whatever
--                                              category its later payments got in 06
-- Payments are those of each programme's latest month in the build, what its next payment run can
-- still correct: a payment once made stays in aid/disbursements.csv (imports upsert, never delete),
-- so an item kept for every month could never leave the queue. Earlier months are the leakage
-- figures' and flaggedDisbursements'.
-- region: the person's village in population; for GHOST the district paid in; for PAID_TWICE the
-- unit's region (06: its own or its head's village, else the district of its first payment of
-- the month). kk: population's kk of the item's person, else the kk of the first payment.
-- Today is the build's day in Asia/Jakarta, where the dates of service are.
-- Evidence: the person's population and DTKS facts, for CIVIL_SERVANT the periods of service
-- covering today or a day of payment, and the payments (parallel arrays by disbursed_on, then id).
-- Inputs: person, dtks_member, personnel, disbursement_fact, targeting.
-- Grain: kind, region, item_key.
CREATE TABLE {db:Identifier}.quality_item
ENGINE = MergeTree ORDER BY (kind, region, item_key) SETTINGS max_bytes_to_merge_at_max_space_in_pool = 1 AS
-- service is only the periods as tuples, before they are split into columns.
SELECT * EXCEPT (service) FROM (
WITH
  toDate(now('Asia/Jakarta')) AS today,
  in_service_today AS (
    SELECT DISTINCT nik FROM {db:Identifier}.personnel WHERE start_date <= today AND ifNull(end_date >= today, 1)
  ),
  latest AS (
    SELECT id, program, period, unit_kind, unit, region, subject_nik, nik, kk, amount, disbursed_on, district_code,
           in_population, serving_corps, payment_rank
    FROM {db:Identifier}.disbursement_fact
    WHERE (program, period) IN (
      SELECT program, max(period) FROM {db:Identifier}.targeting WHERE level = 'NATIONAL' AND payments > 0 GROUP BY program)
  ),
  recent AS (
    SELECT *, (program, period, unit) IN (SELECT program, period, unit FROM latest WHERE payment_rank > 1) AS paid_twice
    FROM latest
  ),
  -- Each payment under every item it is evidence of.
  payment_item AS (
    SELECT
      k.1 AS kind,
      k.2 AS item_key,
      -- Who a unit paid twice stands for: the payee of a PERSON programme, a family's head, else its first collector.
      if(kind = 'PAID_TWICE', if(r.unit_kind = 'PERSON', r.unit, ifNull(r.subject_nik, r.nik)), r.nik) AS item_nik,
      if(kind = 'GHOST', toString(r.district_code), toString(r.region)) AS place,
      r.*
    FROM recent AS r
    ARRAY JOIN arrayFilter(k -> k.2 != '', [
      ('GHOST', if(NOT r.in_population, concat(toString(r.nik), ' ', toString(r.district_code)), '')),
      ('CIVIL_SERVANT', if(r.in_population AND notEmpty(r.serving_corps), toString(r.nik), '')),
      ('PAID_TWICE', if(r.paid_twice, concat(toString(r.program), ' ', toString(r.period), ' ', toString(r.unit)), ''))
    ]) AS k
  ),
  payment_set AS (
    SELECT
      pi.kind AS kind,
      pi.item_key AS item_key,
      argMin(pi.item_nik, (pi.disbursed_on, pi.id)) AS set_nik,
      any(pi.place) AS set_place,
      argMin(pi.kk, (pi.disbursed_on, pi.id)) AS first_kk,
      arraySort(groupArray((pi.disbursed_on, pi.id, toString(pi.program), toString(pi.period), pi.nik, pi.kk, pi.amount,
                            toString(pi.district_code), pi.payment_rank))) AS payments
    FROM payment_item AS pi
    GROUP BY kind, item_key
  ),
  person_kind AS (
    SELECT k AS kind, toString(nik) AS item_key, nik, '' AS place
    FROM (
      SELECT p.nik AS nik, [
        if(p.death_date IS NOT NULL AND d.status = 'ACTIVE', 'DECEASED_ACTIVE', ''),
        if(d.kk != p.kk, 'STALE_KK', ''),
        if(d.status = 'ACTIVE' AND p.nik IN (SELECT nik FROM in_service_today), 'CIVIL_SERVANT', '')
      ] AS kinds
      FROM {db:Identifier}.person AS p
      INNER JOIN {db:Identifier}.dtks_member AS d ON d.nik = p.nik
    )
    ARRAY JOIN arrayFilter(k -> k != '', kinds) AS k
  ),
  -- A civil servant can be both ACTIVE in DTKS and paid: one item.
  item AS (
    SELECT kind, item_key, any(nik) AS nik, max(place) AS place
    FROM (
      SELECT kind, item_key, nik, place FROM person_kind
      UNION ALL
      SELECT kind, item_key, set_nik, set_place FROM payment_set
    )
    GROUP BY kind, item_key
  )
SELECT
  toLowCardinality(i.kind) AS kind,
  i.item_key AS item_key,
  i.nik AS nik,
  ifNull(p.kk, s.first_kk) AS kk,
  toLowCardinality(if(i.kind IN ('GHOST', 'PAID_TWICE'), i.place, ifNull(toString(p.village_code), ''))) AS region,
  p.nik IS NOT NULL AS in_population,
  p.death_date AS death_date,
  p.kk AS population_kk,
  d.status AS dtks_status,
  d.status_reason AS dtks_status_reason,
  d.kk AS dtks_kk,
  -- Serving today: what makes an ACTIVE DTKS record a civil servant's.
  arrayExists(t -> t.3 <= today AND ifNull(t.4 >= today, 1), v.periods) AS serving_today,
  arrayFilter(t -> i.kind = 'CIVIL_SERVANT' AND (
      (t.3 <= today AND ifNull(t.4 >= today, 1))
      OR arrayExists(day -> t.3 <= day AND ifNull(t.4 >= day, 1), arrayMap(x -> x.1, s.payments))),
    v.periods) AS service,
  arrayMap(t -> t.1, service) AS service_corps,
  arrayMap(t -> t.2, service) AS service_agency,
  arrayMap(t -> t.3, service) AS service_start,
  arrayMap(t -> t.4, service) AS service_end,
  arrayMap(x -> x.2, s.payments) AS payment_id,
  arrayMap(x -> x.3, s.payments) AS payment_program,
  arrayMap(x -> x.4, s.payments) AS payment_period,
  arrayMap(x -> x.5, s.payments) AS payment_nik,
  arrayMap(x -> x.6, s.payments) AS payment_kk,
  arrayMap(x -> x.7, s.payments) AS payment_amount,
  arrayMap(x -> x.1, s.payments) AS payment_disbursed_on,
  arrayMap(x -> x.8, s.payments) AS payment_district,
  arrayMap(x -> x.9, s.payments) AS payment_rank
FROM item AS i
LEFT JOIN {db:Identifier}.person AS p ON p.nik = i.nik
LEFT JOIN {db:Identifier}.dtks_member AS d ON d.nik = i.nik
LEFT JOIN (
  -- As tuples: groupArray skips a NULL, and an open period's end is one.
  SELECT nik, arraySort(t -> t.3, groupArray((toString(corps), agency, start_date, end_date))) AS periods
  FROM {db:Identifier}.personnel GROUP BY nik
) AS v ON v.nik = i.nik
LEFT JOIN payment_set AS s ON s.kind = i.kind AND s.item_key = i.item_key
);

-- quality_count: one row per kind, level (NATIONAL, PROVINCE, REGENCY, DISTRICT, VILLAGE) and
-- region at that level with any item: how many items. Each item counts in every region its
-- region code starts with; an item placed in a district (GHOST, and PAID_TWICE for a unit
-- population does not know) has no village. As in 07, each place is counted once and the
-- levels above add places up. Inputs: quality_item.
-- Grain: level, region, kind.
CREATE TABLE {db:Identifier}.quality_count
ENGINE = MergeTree ORDER BY (level, region, kind) SETTINGS max_bytes_to_merge_at_max_space_in_pool = 1 AS
SELECT
  toLowCardinality(q.kind) AS kind,
  area.1 AS level,
  area.2 AS region,
  toUInt64(sum(q.items)) AS items
FROM (
  SELECT kind, toString(region) AS place, count() AS items FROM {db:Identifier}.quality_item GROUP BY kind, place
) AS q
ARRAY JOIN arrayConcat(
  [('NATIONAL', ''), ('PROVINCE', substring(q.place, 1, 2)), ('REGENCY', substring(q.place, 1, 5)), ('DISTRICT', substring(q.place, 1, 8))],
  if(length(q.place) > 8, [('VILLAGE', q.place)], [])
) AS area
GROUP BY kind, level, region;
