-- Case figures (issue 17, item 6): the applications, community reports, complaints and
-- usul-sanggah (proposals and objections, issue 18) filed through intake per district and month, with their outcomes and the time to a decision or
-- resolution, "how a ministry sees whether desks answer". Three tables: the statuses of each
-- kind of case, one fact row per case, and the figures a dashboard reads.
-- Inputs: intake_case; {as_of:Date}, the build's day in Asia/Jakarta (refresh.ts), on which
-- overdue complaints are counted.

-- One row per status a case of a kind can have (API.md, Workflows; intake's CaseStatus), in
-- workflow order, and whether it is final. A case reaches a final status once and never
-- leaves it, and intake stamps `closed_at` at that moment; the invariants hold every case to
-- this table, so a status intake adds fails the build rather than going uncounted.
-- Grain: kind, status.
CREATE TABLE {db:Identifier}.case_status
ENGINE = MergeTree ORDER BY (kind, position) SETTINGS max_bytes_to_merge_at_max_space_in_pool = 1 AS
SELECT kind, status, position, final
FROM values('kind String, status String, position UInt8, final UInt8',
  ('APPLICATION', 'PENDING', 1, 0), ('APPLICATION', 'ACCEPTED', 2, 1), ('APPLICATION', 'REJECTED', 3, 1),
  ('REPORT', 'QUEUED', 1, 0), ('REPORT', 'VERIFIED', 2, 1), ('REPORT', 'DISMISSED', 3, 1), ('REPORT', 'REJECTED', 4, 1),
  ('COMPLAINT', 'OPEN', 1, 0), ('COMPLAINT', 'IN_PROGRESS', 2, 0), ('COMPLAINT', 'RESOLVED', 3, 1), ('COMPLAINT', 'CLOSED', 4, 1),
  ('PROPOSAL', 'QUEUED', 1, 0), ('PROPOSAL', 'ACCEPTED', 2, 1), ('PROPOSAL', 'REJECTED', 3, 1),
  ('OBJECTION', 'QUEUED', 1, 0), ('OBJECTION', 'UPHELD', 2, 1), ('OBJECTION', 'DISMISSED', 3, 1), ('OBJECTION', 'EXPIRED', 4, 1));

-- One row per case: the month it was filed, YYYY-MM in Asia/Jakarta (dates are Jakarta's,
-- STYLE.md: a case filed at 23:30 WIB on the last of the month belongs to that month, though
-- UTC has moved on); its district, '' when population did not know the person; whether it is
-- in a final status; whether it is overdue on the build's day (still open after its due day,
-- as intake's `Case.overdue` says: complaints and objections have one); and the hours from
-- filing to its final status, NULL while it has none (an objection nobody decided counts
-- until intake expired it: the time a desk let pass).
-- Grain: id.
CREATE TABLE {db:Identifier}.case_fact
ENGINE = MergeTree ORDER BY (kind, period, district) SETTINGS max_bytes_to_merge_at_max_space_in_pool = 1 AS
SELECT
  c.id AS id,
  c.kind AS kind,
  c.status AS status,
  c.program AS program,
  formatDateTime(toTimeZone(c.filed_at, 'Asia/Jakarta'), '%Y-%m') AS period,
  c.district_code AS district,
  c.closed_at IS NOT NULL AS is_final,
  c.closed_at IS NULL AND ifNull(c.due_on < {as_of:Date}, false) AS is_overdue,
  dateDiff('millisecond', c.filed_at, c.closed_at) / 3600000 AS hours_to_final
FROM {db:Identifier}.intake_case AS c;

-- One row per kind of case, programme, month filed, region level (NATIONAL, PROVINCE,
-- REGENCY, DISTRICT) and region at that level: the cases filed, how many are still open,
-- how many reached a final status, how many are overdue, how many are in each status (the
-- kind's own; the others are 0), and the median and 90th percentile of the hours from filing
-- to the final status over the cases that reached one (NULL when none has).
-- `program` is a programme's code, or '' for every case of the kind whatever its programme
-- (as region '' is the nation): reports, proposals and objections name no programme, so
-- they have '' rows only.
-- A case whose person population did not know has no district: it counts in the national
-- figures only, so the districts of a month add up to the nation less those cases.
-- Percentiles do not add up, so, unlike targeting, every case is taken to each of its areas
-- and programme rows first and each row is computed from its own cases. They interpolate
-- between the two nearest cases (quantileExactInclusive, as R's and numpy's default: the
-- p-quantile of n sorted values is at position p (n - 1) from 0, so of 0, 1, 2 and 10 hours the
-- median is 1.5 and the 90th percentile, at 2.7, is 2 + 0.7 (10 - 2) = 7.6).
-- Grain: period, level, region, program, kind.
CREATE TABLE {db:Identifier}.case_figures
ENGINE = MergeTree ORDER BY (period, level, region, program, kind) SETTINGS max_bytes_to_merge_at_max_space_in_pool = 1 AS
SELECT
  kind,
  scope AS program,
  period,
  level,
  region,
  filed,
  still_open,
  concluded,
  overdue,
  status_pending,
  status_accepted,
  status_rejected,
  status_queued,
  status_verified,
  status_dismissed,
  status_open,
  status_in_progress,
  status_resolved,
  status_closed,
  status_upheld,
  status_expired,
  if(concluded = 0, NULL, hours[1]) AS median_hours,
  if(concluded = 0, NULL, hours[2]) AS p90_hours
FROM (
  SELECT
    f.kind AS kind,
    scope,
    f.period AS period,
    area.1 AS level,
    area.2 AS region,
    count() AS filed,
    countIf(NOT f.is_final) AS still_open,
    countIf(f.is_final) AS concluded,
    countIf(f.is_overdue) AS overdue,
    countIf(f.status = 'PENDING') AS status_pending,
    countIf(f.status = 'ACCEPTED') AS status_accepted,
    countIf(f.status = 'REJECTED') AS status_rejected,
    countIf(f.status = 'QUEUED') AS status_queued,
    countIf(f.status = 'VERIFIED') AS status_verified,
    countIf(f.status = 'DISMISSED') AS status_dismissed,
    countIf(f.status = 'OPEN') AS status_open,
    countIf(f.status = 'IN_PROGRESS') AS status_in_progress,
    countIf(f.status = 'RESOLVED') AS status_resolved,
    countIf(f.status = 'CLOSED') AS status_closed,
    countIf(f.status = 'UPHELD') AS status_upheld,
    countIf(f.status = 'EXPIRED') AS status_expired,
    -- NULL hours (cases still open) are skipped.
    quantilesExactInclusive(0.5, 0.9)(f.hours_to_final) AS hours
  FROM {db:Identifier}.case_fact AS f
  ARRAY JOIN if(f.district = '',
    [('NATIONAL', '')],
    [('NATIONAL', ''), ('PROVINCE', substring(f.district, 1, 2)), ('REGENCY', substring(f.district, 1, 5)), ('DISTRICT', f.district)]
  ) AS area
  ARRAY JOIN if(f.program = '', [''], [f.program, '']) AS scope
  GROUP BY kind, scope, period, level, region
);
