using Pathway.Episodes;
using Pathway.Infrastructure;

namespace Pathway.Indicators;

/// <summary>
/// indicators.md version 2 "Journeys", the one place they are built: a person's adult episodes (as of the as-of date,
/// at every provider, whatever the selection) joined while the next is referred no more than 21 days after the latest
/// discharge so far, or while any is still open. Set-based: the "open until" fold is a running MAX over the preceding
/// episodes and journey numbers a running SUM of the starts, so nothing is folded row by row outside the database.
/// </summary>
public static class Journeys
{
    /// <summary>A referral more than this many days after "open until" starts a new journey.</summary>
    public const int GapDays = 21;

    /// <summary>
    /// The step of <see cref="Cte"/>'s fold for one referral, for pages that follow a handful of people (the transition
    /// check): it continues the journey while an earlier episode is open, or when it is no more than <see cref="GapDays"/>
    /// days after the latest discharge so far.
    /// </summary>
    public static bool Continues(bool anyOpen, DateOnly? openUntil, DateOnly referral) =>
        anyOpen || openUntil is { } until && referral <= until.AddDays(GapDays);

    /// <summary>
    /// CTEs after <see cref="IndicatorSql.EpisodesAsOf"/>, ending in <c>journeys</c>: one row per (person, journey) with
    /// <c>start</c> (earliest triage; null when never started), <c>start_in_sel</c> (its starting episode is in the
    /// selection; only for journeys starting in the period, the only ones it decides), <c>exit_date</c>, <c>exit_reason</c>,
    /// <c>exit_ref</c>, <c>exit_in_sel</c> (null exit while any episode is open) and <c>medicated</c> (1 when a substitute
    /// medication was open on a successful exit's date within the period, for the opiate completion rule; computed only for
    /// those exits, the only ones it decides).
    /// Built only for the persons of <c>person_period</c> (<see cref="InTreatment.PersonPeriod"/>, which must come first):
    /// every figure that reads journeys is about them, since a journey starting in the period from an episode of the
    /// selection makes that episode in treatment in the period.
    /// </summary>
    /// <remarks>
    /// Which journey an episode belongs to is kept on it (<c>journey</c>, <see cref="JourneyKeys"/>, which says why the full
    /// record's journeys are the journeys as of any as-of date), so nothing here sorts: <c>journey_totals</c> aggregates each
    /// journey's as-of episodes (earliest triage, latest discharge, how many are open), and the starting and exit episodes
    /// are the episodes on that triage or discharge date with no earlier (later) one in journey order on the same date.
    /// </remarks>
    public static string Cte(IndicatorSql sql)
    {
        var (join, test) = sql.Selection("a");
        var inSelection = test is null ? "1" : $"CASE WHEN {test} THEN 1 ELSE 0 END";
        string C(string e) => sql.Ordinal(e);
        return $"""
            journey_episodes AS (
              SELECT a.id, a.person, a.journey, a.referral, a.triage, a.discharge, a.reason, a.ref, a.src, {inSelection} AS in_sel
              FROM asof_episodes a{join}
              WHERE a.pathway = {IndicatorSql.Literal(Codes<CarePathway>.Code(CarePathway.Adult))}
                AND a.person IN (SELECT person FROM person_period)),
            journey_totals AS (
              SELECT j.journey, MIN(j.person) AS person, MIN(j.triage) AS start, MAX(j.discharge) AS last_discharge,
                     SUM(CASE WHEN j.discharge IS NULL THEN 1 ELSE 0 END) AS open_episodes
              FROM journey_episodes j
              GROUP BY j.journey),
            journey_start AS (
              SELECT x.journey, x.in_sel
              FROM journey_totals t JOIN journey_episodes x ON x.journey = t.journey AND x.triage = t.start
              WHERE t.start >= @from AND t.start <= @to
                AND NOT EXISTS (
                  SELECT 1 FROM journey_episodes y
                  WHERE y.journey = x.journey AND y.triage = x.triage
                    AND (y.referral < x.referral OR y.referral = x.referral
                         AND ({C("y.ref")} < {C("x.ref")} OR y.ref = x.ref AND {C("y.src")} < {C("x.src")})))),
            journey_exit AS (
              SELECT x.journey, x.discharge, x.reason, x.ref, x.in_sel
              FROM journey_totals t JOIN journey_episodes x ON x.journey = t.journey AND x.discharge = t.last_discharge
              WHERE t.open_episodes = 0 AND (t.last_discharge >= @from AND t.last_discharge <= @to OR t.start >= @from AND t.start <= @to)
                AND NOT EXISTS (
                  SELECT 1 FROM journey_episodes y
                  WHERE y.journey = x.journey AND y.discharge = x.discharge
                    AND ({C("y.ref")} > {C("x.ref")} OR y.ref = x.ref AND {C("y.src")} > {C("x.src")}))),
            journeys AS (
              SELECT t.person, t.journey, t.start, s.in_sel AS start_in_sel, x.discharge AS exit_date, x.reason AS exit_reason,
                     x.ref AS exit_ref, x.in_sel AS exit_in_sel,
                     -- The medication is looked up only for successful exits in the period: the only ones it decides.
                     CASE WHEN x.discharge >= @from AND x.discharge <= @to AND x.reason IN {Completion.Successful}
                          THEN CASE WHEN EXISTS (
                            SELECT 1 FROM "Episodes" m
                            WHERE m."JourneyEpisodeId" = t.journey AND m."ReferralDate" <= @asof
                              AND EXISTS ({MedicationOpenOn(sql, "m.\"Id\"", "x.discharge")})) THEN 1 ELSE 0 END
                          ELSE 0 END AS medicated
              FROM journey_totals t
              LEFT JOIN journey_start s ON s.journey = t.journey
              LEFT JOIN journey_exit x ON x.journey = t.journey)
            """;
    }

    /// <summary>
    /// A subquery with a row when episode <paramref name="episode"/> holds substitute medication open on <paramref name="date"/>
    /// (started on or before it, not ended or ended after it): a <c>pharmacological</c> intervention, or a prescription of
    /// methadone or buprenorphine in any form (exchange-format.md version 2). This is the one place the opiate completion's
    /// medication-free rule reads, so every figure follows it.
    /// </summary>
    /// <remarks>
    /// The episode's own interventions are read through its index; SQLite, left to itself, takes the (Type, StartDate)
    /// index and reads every earlier pharmacological intervention in the database for each exit, hence the NoIndex hints.
    /// </remarks>
    public static string MedicationOpenOn(IndicatorSql sql, string episode, string date) => $"""
        SELECT 1 FROM "Interventions" i
        WHERE i."EpisodeId" = {episode} AND {sql.NoIndex("i.\"Type\"")} = {IndicatorSql.Literal(Codes<InterventionType>.Code(InterventionType.Pharmacological))}
          AND {sql.NoIndex("i.\"StartDate\"")} <= {date} AND (i."EndDate" IS NULL OR i."EndDate" > {date})
        UNION ALL
        SELECT 1 FROM "Prescriptions" p
        WHERE p."EpisodeId" = {episode} AND p."Medicine" IN ({SubstituteMedicines})
          AND p."StartDate" <= {date} AND (p."EndDate" IS NULL OR p."EndDate" > {date})
        """;

    private static readonly string SubstituteMedicines =
        string.Join(", ", Prescribing.Medicines.Substitutes.Select(m => IndicatorSql.Literal(Codes<Prescribing.Medicine>.Code(m))));

    /// <summary>
    /// CTEs after <see cref="Cte"/>: <c>person_exit</c>, each person's latest journey exit within the period among journeys
    /// whose exit episode is in the selection (ties: the latest exit episode_ref, ordinal), for completions; and
    /// <c>person_start</c>, each person's earliest journey starting in the period from an episode in the selection, for new
    /// presentations and retention.
    /// </summary>
    public static string PerPerson(IndicatorSql sql) => $"""
        person_exit AS (
          SELECT x.person, x.exit_date, x.exit_reason, x.medicated FROM (
            SELECT j.person, j.exit_date, j.exit_reason, j.medicated,
                   ROW_NUMBER() OVER (PARTITION BY j.person ORDER BY j.exit_date DESC, {sql.Ordinal("j.exit_ref")} DESC) AS exit_order
            FROM journeys j
            WHERE j.exit_date >= @from AND j.exit_date <= @to AND j.exit_in_sel = 1) x
          WHERE x.exit_order = 1),
        person_start AS (
          SELECT x.person, x.start, x.exit_date, x.exit_reason FROM (
            SELECT j.person, j.start, j.exit_date, j.exit_reason, ROW_NUMBER() OVER (PARTITION BY j.person ORDER BY j.start) AS start_order
            FROM journeys j
            WHERE j.start >= @from AND j.start <= @to AND j.start_in_sel = 1) x
          WHERE x.start_order = 1)
        """;
}
