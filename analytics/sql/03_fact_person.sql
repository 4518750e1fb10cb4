-- One row per person in population, with every fact the checks of RULES.md read, reduced
-- so a check on any date is a comparison: the first dose, the first payment of each
-- programme, the periods of service as arrays, the DTKS record, and the days the members
-- of the person's family card (population's kk) were paid, with the programme that paid,
-- for FAMILY_NOT_RECEIVING. Programmes are kept beside the payments because a question is
-- asked in a programme's context, whose own payments do not count (RULES.md, Programme
-- context); they are carried as their 1-based position among the programmes ordered by
-- code (the order of eligibility_axis in 04), two bytes instead of a code on every day.
-- paid_on: one row per NIK and programme ever paying it, with its first day paid and
-- every day paid, so the payments are read once for both facts and a family's days are
-- gathered from its NIKs, not from its payments. Inputs: person, vaccination_dose,
-- disbursement, program, personnel, dtks_member.
-- Grain: nik, program_id.
CREATE TABLE {db:Identifier}.paid_on
ENGINE = MergeTree ORDER BY nik SETTINGS max_bytes_to_merge_at_max_space_in_pool = 1 AS
WITH (SELECT groupArray(code) FROM (SELECT code FROM {db:Identifier}.program ORDER BY code)) AS programs
SELECT nik, toUInt16(indexOf(programs, toString(program_code))) AS program_id,
       min(disbursed_on) AS first_aid, groupUniqArray(disbursed_on) AS dates
FROM {db:Identifier}.disbursement
GROUP BY nik, program_id;

-- Grain: nik.
CREATE TABLE {db:Identifier}.person_fact
ENGINE = MergeTree ORDER BY nik SETTINGS max_bytes_to_merge_at_max_space_in_pool = 1 AS
SELECT
  p.nik AS nik,
  p.kk AS kk,
  p.relationship AS relationship,
  p.village_code AS village_code,
  p.death_date AS death_date,
  v.first_dose AS first_dose,
  -- The first day each programme paid this NIK: aid_first_by_program[i] by aid_program_ids[i].
  a.program_ids AS aid_program_ids,
  a.firsts AS aid_first_by_program,
  s.service_corps AS service_corps,
  s.service_agency AS service_agency,
  s.service_start AS service_start,
  -- Still serving: the last day a Date holds, so "serves on D" is start <= D <= end.
  s.service_end AS service_end,
  d.status AS dtks_status,
  d.decile AS decile,
  -- Distinct (day, programme) pairs of the family's payments, as two arrays.
  arrayMap(t -> t.1, fa.aid) AS family_aid_dates,
  arrayMap(t -> t.2, fa.aid) AS family_aid_program_ids
FROM {db:Identifier}.person AS p
LEFT JOIN (
  SELECT nik, min(administered_on) AS first_dose FROM {db:Identifier}.vaccination_dose GROUP BY nik
) AS v ON v.nik = p.nik
LEFT JOIN (
  SELECT nik, groupArray(program_id) AS program_ids, groupArray(first_aid) AS firsts FROM {db:Identifier}.paid_on GROUP BY nik
) AS a ON a.nik = p.nik
LEFT JOIN (
  SELECT
    nik,
    groupArray(toString(corps)) AS service_corps,
    groupArray(agency) AS service_agency,
    groupArray(start_date) AS service_start,
    groupArray(ifNull(end_date, toDate('2149-06-06'))) AS service_end
  FROM {db:Identifier}.personnel
  GROUP BY nik
) AS s ON s.nik = p.nik
LEFT JOIN {db:Identifier}.dtks_member AS d ON d.nik = p.nik
LEFT JOIN (
  SELECT p.kk AS kk, arrayDistinct(arrayFlatten(groupArray(arrayMap(day -> (day, d.program_id), d.dates)))) AS aid
  FROM {db:Identifier}.paid_on AS d
  INNER JOIN {db:Identifier}.person AS p ON p.nik = d.nik
  GROUP BY p.kk
) AS fa ON fa.kk = p.kk;
