-- The DuckDB reference for `bench/run report`: indicators.md version 2 read again, independently of Pathway's
-- SQL (src/Pathway/Indicators/), for a report with no selection (every provider and local authority).
-- Reads the tables Program.cs loads from the bundle's CSV files as they are (clients, episodes, interventions,
-- prescriptions). $from, $to and $asof are replaced by DATE literals before the query runs.
-- One row per figure: id, numerator, denominator (null for counts), value (the count, or null for rates: Program.cs
-- computes the percentage as the report does), provisional (null where the figure has none).
WITH
-- exchange-format.md "person": the attributor triple initials + date_of_birth + sex; client records with the same
-- triple are the same person. A person is named here by the smallest client_ref that carries the triple.
person_of AS (
  SELECT client_ref, min(client_ref) OVER (PARTITION BY initials, date_of_birth, sex) AS person
  FROM clients),
-- indicators.md "As-of date", field by field: an episode referred after it does not exist; a triage after it leaves
-- the episode untriaged; a discharge after it leaves the episode open (no reason).
episode AS (
  SELECT p.person, e.episode_ref, e.pathway, e.referral_date,
         CASE WHEN e.triage_date <= $asof THEN e.triage_date END AS triage_date,
         CASE WHEN e.discharge_date <= $asof THEN e.discharge_date END AS discharge_date,
         CASE WHEN e.discharge_date <= $asof THEN e.discharge_reason END AS discharge_reason,
         e.substance_1, e.substance_2, e.substance_3
  FROM episodes e JOIN person_of p USING (client_ref)
  WHERE e.referral_date <= $asof),
-- "Adults": every figure here is over adult episodes. "Substance group of an episode", first rule that holds.
adult AS (
  SELECT e.*,
         CASE WHEN e.substance_1 IN ('heroin', 'illicit_methadone', 'illicit_buprenorphine', 'other_opiate')
                OR e.substance_2 IN ('heroin', 'illicit_methadone', 'illicit_buprenorphine', 'other_opiate')
                OR e.substance_3 IN ('heroin', 'illicit_methadone', 'illicit_buprenorphine', 'other_opiate')
                THEN 'opiate'
              WHEN 'alcohol' IN (e.substance_1, e.substance_2, e.substance_3)
                   AND (e.substance_2 IS NOT NULL OR e.substance_3 IS NOT NULL) -- substances are distinct: another one
                THEN 'non_opiate_and_alcohol'
              WHEN 'alcohol' IN (e.substance_1, e.substance_2, e.substance_3) THEN 'alcohol_only'
              ELSE 'non_opiate_only' END AS substance_group
  FROM episode e
  WHERE e.pathway = 'adult'),
-- "Substance group of a person in a period": that of their episode in treatment in the period (triaged on or before
-- its last day, not discharged before its first) with the latest triage date; ties: the latest episode_ref, ordinal.
-- These persons are "in treatment" (§2) and, by their group's family, the completion denominators (§1).
person_group AS (
  SELECT a.person, a.substance_group
  FROM adult a
  WHERE a.triage_date <= $to AND (a.discharge_date IS NULL OR a.discharge_date >= $from)
  QUALIFY row_number() OVER (PARTITION BY a.person ORDER BY a.triage_date DESC, a.episode_ref DESC) = 1),
-- "Journeys": each person's adult episodes in order of referral date (ties: episode_ref; one source here). Before each
-- episode, "open until" is the latest discharge of those taken so far, or open when any of them has none. An episode
-- starts a new journey when it is the first, or when "open until" is a date and its referral is more than 21 days after.
journey_step AS (
  SELECT a.*,
         row_number() OVER w AS seq,
         max(a.discharge_date) OVER before AS open_until,
         bool_or(a.discharge_date IS NULL) OVER before AS any_open
  FROM adult a
  WINDOW w AS (PARTITION BY a.person ORDER BY a.referral_date, a.episode_ref),
         before AS (PARTITION BY a.person ORDER BY a.referral_date, a.episode_ref
                    ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)),
journey_episode AS (
  SELECT s.*,
         sum(CASE WHEN s.seq = 1 OR (NOT s.any_open AND s.referral_date > s.open_until + INTERVAL 21 DAY) THEN 1 ELSE 0 END)
           OVER (PARTITION BY s.person ORDER BY s.seq ROWS UNBOUNDED PRECEDING) AS journey
  FROM journey_step s),
-- A journey starts on the earliest triage date of its episodes (never, with none triaged). It ends when every episode is
-- discharged; its exit is the episode with the latest discharge date (ties: the latest episode_ref), whose discharge date
-- and reason are the journey's exit date and reason.
journey AS (
  SELECT j.person, j.journey,
         min(j.triage_date) AS start_date,
         bool_and(j.discharge_date IS NOT NULL) AS ended,
         max(j.discharge_date) AS last_discharge,
         arg_max(j.discharge_reason, (j.discharge_date, j.episode_ref)) AS last_reason,
         arg_max(j.episode_ref, (j.discharge_date, j.episode_ref)) AS last_ref
  FROM journey_episode j
  GROUP BY j.person, j.journey),
-- §2 version 2 "New presentations": distinct persons with an adult journey that starts in the period.
new_presentation AS (
  SELECT DISTINCT person FROM journey WHERE start_date BETWEEN $from AND $to),
-- §1 version 2: each person's latest journey exit within the period (ties: the latest exit episode_ref).
latest_exit AS (
  SELECT j.person, j.journey, j.last_discharge AS exit_date, j.last_reason AS exit_reason
  FROM journey j
  WHERE j.ended AND j.last_discharge BETWEEN $from AND $to
  QUALIFY row_number() OVER (PARTITION BY j.person ORDER BY j.last_discharge DESC, j.last_ref DESC) = 1),
-- Substitute medication open on the exit date in one of that journey's episodes: a pharmacological intervention, or a
-- prescription of methadone or buprenorphine in any form, started on or before the date and not ended or ended after it.
-- (Interventions and prescriptions starting after the as-of date do not exist.)
medicated AS (
  SELECT DISTINCT x.person
  FROM latest_exit x
  JOIN journey_episode je ON je.person = x.person AND je.journey = x.journey
  JOIN interventions i ON i.episode_ref = je.episode_ref
  WHERE i.type = 'pharmacological' AND i.start_date <= $asof
    AND i.start_date <= x.exit_date AND (i.end_date IS NULL OR i.end_date > x.exit_date)
  UNION
  SELECT DISTINCT x.person
  FROM latest_exit x
  JOIN journey_episode je ON je.person = x.person AND je.journey = x.journey
  JOIN prescriptions r ON r.episode_ref = je.episode_ref
  WHERE r.medicine IN ('methadone_oral_solution', 'buprenorphine_sublingual', 'buprenorphine_oral_lyophilisate',
                       'buprenorphine_prolonged_release_injection')
    AND r.start_date <= $asof
    AND r.start_date <= x.exit_date AND (r.end_date IS NULL OR r.end_date > x.exit_date)),
-- Re-presentation: an episode of the person (any pathway, any provider, existing on the as-of date) referred in
-- (exit date, six months after exit date]. DuckDB's month arithmetic keeps the day number and clamps it to the
-- month's end, as "six months after" asks.
represented AS (
  SELECT DISTINCT x.person
  FROM latest_exit x JOIN episode e ON e.person = x.person
  WHERE e.referral_date > x.exit_date AND e.referral_date <= CAST(x.exit_date + INTERVAL 6 MONTH AS DATE)),
-- Per person of the denominators: their family, and whether their latest exit counts but for re-presentation
-- (a successful completion and, for the opiate family only, no substitute medication open on the exit date).
person_completion AS (
  SELECT g.person,
         CASE g.substance_group WHEN 'opiate' THEN 'opiate' WHEN 'alcohol_only' THEN 'alcohol' ELSE 'non_opiate' END AS family,
         x.exit_date IS NOT NULL
           AND x.exit_reason IN ('completed_drug_free', 'completed_alcohol_free', 'completed_occasional_user')
           AND (g.substance_group <> 'opiate' OR NOT EXISTS (SELECT 1 FROM medicated m WHERE m.person = g.person)) AS candidate,
         EXISTS (SELECT 1 FROM represented r WHERE r.person = g.person) AS re_presented,
         CAST(x.exit_date + INTERVAL 6 MONTH AS DATE) > $asof AS window_unobserved
  FROM person_group g LEFT JOIN latest_exit x ON x.person = g.person),
families AS (
  SELECT * FROM (VALUES ('opiate', 1), ('non_opiate', 2), ('alcohol', 3)) f(family, n)),
groups AS (
  SELECT * FROM (VALUES ('opiate', 1), ('non_opiate_only', 2), ('non_opiate_and_alcohol', 3), ('alcohol_only', 4)) g(grp, n))
SELECT 'completion.' || f.family AS id,
       count(*) FILTER (WHERE c.candidate AND NOT c.re_presented) AS numerator,
       count(c.person) AS denominator,
       NULL::BIGINT AS value,
       coalesce(bool_or(c.candidate AND c.window_unobserved), false) AS provisional,
       f.n AS ord
FROM families f LEFT JOIN person_completion c ON c.family = f.family
GROUP BY f.family, f.n
UNION ALL
SELECT 'in_treatment.total', NULL, NULL, (SELECT count(*) FROM person_group), NULL, 10
UNION ALL
SELECT 'in_treatment.' || g.grp, NULL, NULL, count(p.person), NULL, 10 + g.n
FROM groups g LEFT JOIN person_group p ON p.substance_group = g.grp
GROUP BY g.grp, g.n
UNION ALL
SELECT 'new_presentations.total', NULL, NULL, (SELECT count(*) FROM new_presentation), NULL, 20
ORDER BY ord
