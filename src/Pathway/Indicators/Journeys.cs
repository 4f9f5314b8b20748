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
    /// selection), <c>exit_date</c>, <c>exit_reason</c>, <c>exit_ref</c> and <c>exit_in_sel</c> (null exit while any
    /// episode is open); and before it <c>journey_marks</c>, one row per episode with its <c>journey</c>, materialised
    /// because <see cref="PerPerson"/>'s medication check reads it again.
    /// Built only for the persons of <c>person_period</c> (<see cref="InTreatment.PersonPeriod"/>, which must come first):
    /// every figure that reads journeys is about them, since a journey starting in the period from an episode of the
    /// selection makes that episode in treatment in the period. A quarter's figures for one council so sort a few
    /// thousand people's episodes rather than the whole country's.
    /// </summary>
    public static string Cte(IndicatorSql sql)
    {
        var (join, test) = sql.Selection("a");
        var inSelection = test is null ? "1" : $"CASE WHEN {test} THEN 1 ELSE 0 END";
        // Journey order: referral date, then episode_ref, then source name, both ordinal.
        var order = $"a.referral, {sql.Ordinal("a.ref")}, {sql.Ordinal("a.src")}";
        var journey = "PARTITION BY m.person, m.journey";
        return $"""
            journey_steps AS (
              SELECT a.id, a.person, a.referral, a.triage, a.discharge, a.reason, a.ref, a.src, {inSelection} AS in_sel,
                     ROW_NUMBER() OVER (PARTITION BY a.person ORDER BY {order}) AS seq,
                     MAX(a.discharge) OVER (PARTITION BY a.person ORDER BY {order} ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS open_until,
                     MAX(CASE WHEN a.discharge IS NULL THEN 1 ELSE 0 END)
                       OVER (PARTITION BY a.person ORDER BY {order} ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS any_open
              FROM asof_episodes a{join}
              WHERE a.pathway = {IndicatorSql.Literal(Codes<CarePathway>.Code(CarePathway.Adult))}
                AND a.person IN (SELECT person FROM person_period)),
            journey_marks AS MATERIALIZED (
              SELECT s.*, SUM(CASE WHEN s.seq = 1 OR (s.any_open = 0 AND s.referral > {sql.AddDays("s.open_until", GapDays)}) THEN 1 ELSE 0 END)
                            OVER (PARTITION BY s.person ORDER BY s.seq ROWS UNBOUNDED PRECEDING) AS journey
              FROM journey_steps s),
            journey_ranked AS (
              SELECT m.*,
                     ROW_NUMBER() OVER ({journey} ORDER BY CASE WHEN m.triage IS NULL THEN 1 ELSE 0 END, m.triage, m.seq) AS start_rank,
                     ROW_NUMBER() OVER ({journey} ORDER BY m.discharge DESC, {sql.Ordinal("m.ref")} DESC, {sql.Ordinal("m.src")} DESC) AS exit_rank,
                     SUM(CASE WHEN m.discharge IS NULL THEN 1 ELSE 0 END) OVER ({journey}) AS open_episodes,
                     MAX(m.discharge) OVER ({journey}) AS last_discharge
              FROM journey_marks m),
            journeys AS (
              SELECT r.person, r.journey,
                     MAX(CASE WHEN r.start_rank = 1 THEN r.triage END) AS start,
                     MAX(CASE WHEN r.start_rank = 1 THEN r.in_sel END) AS start_in_sel,
                     MAX(CASE WHEN r.open_episodes = 0 THEN r.last_discharge END) AS exit_date,
                     MAX(CASE WHEN r.open_episodes = 0 AND r.exit_rank = 1 THEN r.reason END) AS exit_reason,
                     MAX(CASE WHEN r.open_episodes = 0 AND r.exit_rank = 1 THEN r.ref END) AS exit_ref,
                     MAX(CASE WHEN r.open_episodes = 0 AND r.exit_rank = 1 THEN r.in_sel END) AS exit_in_sel
              FROM journey_ranked r
              GROUP BY r.person, r.journey)
            """;
    }

    /// <summary>
    /// A query of the persons (<c>person</c>, each once) of <paramref name="exits"/>, rows (<c>person</c>, <c>id</c> of an
    /// episode, <c>exit_date</c>), one of whose episodes holds substitute medication open on the exit date (started on or
    /// before it, not ended or ended after it): a <c>pharmacological</c> intervention, or a prescription of methadone or
    /// buprenorphine in any form (exchange-format.md version 2). One join over all the exits rather than a lookup per exit.
    /// This is the one place the opiate completion's medication-free rule reads, so every figure follows it.
    /// </summary>
    /// <remarks>
    /// The episodes' own interventions are read through their index; SQLite, left to itself, takes the (Type, StartDate)
    /// index and reads every earlier pharmacological intervention in the database, hence the NoIndex hints.
    /// </remarks>
    public static string MedicatedExits(IndicatorSql sql, string exits) => $"""
        SELECT e.person FROM {exits} e JOIN "Interventions" i ON i."EpisodeId" = e.id
        WHERE {sql.NoIndex("i.\"Type\"")} = {IndicatorSql.Literal(Codes<InterventionType>.Code(InterventionType.Pharmacological))}
          AND {sql.NoIndex("i.\"StartDate\"")} <= e.exit_date AND (i."EndDate" IS NULL OR i."EndDate" > e.exit_date)
        UNION
        SELECT e.person FROM {exits} e JOIN "Prescriptions" p ON p."EpisodeId" = e.id
        WHERE p."Medicine" IN ({SubstituteMedicines})
          AND p."StartDate" <= e.exit_date AND (p."EndDate" IS NULL OR p."EndDate" > e.exit_date)
        """;

    private static readonly string SubstituteMedicines =
        string.Join(", ", Prescribing.Medicines.Substitutes.Select(m => IndicatorSql.Literal(Codes<Prescribing.Medicine>.Code(m))));

    /// <summary>
    /// CTEs after <see cref="Cte"/>: <c>person_exit</c>, each person's latest journey exit within the period among journeys
    /// whose exit episode is in the selection (ties: the latest exit episode_ref, ordinal), for completions;
    /// <c>exit_medicated</c>, the persons whose latest exit is successful with a substitute medication open on its date in
    /// one of the journey's episodes (<see cref="MedicatedExits"/>; the opiate completion rule, which only those exits
    /// decide); and <c>person_start</c>, each person's earliest journey starting in the period from an episode in the
    /// selection, for new presentations and retention.
    /// </summary>
    public static string PerPerson(IndicatorSql sql) => $"""
        person_exit AS (
          SELECT x.person, x.journey, x.exit_date, x.exit_reason FROM (
            SELECT j.person, j.journey, j.exit_date, j.exit_reason,
                   ROW_NUMBER() OVER (PARTITION BY j.person ORDER BY j.exit_date DESC, {sql.Ordinal("j.exit_ref")} DESC) AS exit_order
            FROM journeys j
            WHERE j.exit_date >= @from AND j.exit_date <= @to AND j.exit_in_sel = 1) x
          WHERE x.exit_order = 1),
        successful_exit_episodes AS (
          SELECT x.person, m.id, x.exit_date
          FROM person_exit x JOIN journey_marks m ON m.person = x.person AND m.journey = x.journey
          WHERE x.exit_reason IN {Completion.Successful}),
        exit_medicated AS (
          {MedicatedExits(sql, "successful_exit_episodes")}),
        person_start AS (
          SELECT x.person, x.start, x.exit_date, x.exit_reason FROM (
            SELECT j.person, j.start, j.exit_date, j.exit_reason, ROW_NUMBER() OVER (PARTITION BY j.person ORDER BY j.start) AS start_order
            FROM journeys j
            WHERE j.start >= @from AND j.start <= @to AND j.start_in_sel = 1) x
          WHERE x.start_order = 1)
        """;
}
