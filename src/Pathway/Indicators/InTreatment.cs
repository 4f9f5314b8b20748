using Pathway.Data;
using Pathway.Episodes;
using Pathway.Infrastructure;

namespace Pathway.Indicators;

/// <summary>
/// indicators.md §2: numbers in treatment and new presentations (version 2: journeys starting in the period), adults and
/// young people; the query that counts them with completions and retention from journeys, and the one of the figures that
/// need none (young people, deaths, prison continuity).
/// </summary>
public static class InTreatment
{
    public static readonly SubstanceGroup[] Groups =
        [SubstanceGroup.Opiate, SubstanceGroup.NonOpiateOnly, SubstanceGroup.NonOpiateAndAlcohol, SubstanceGroup.AlcoholOnly];

    /// <summary>The temporary table <see cref="CountAsync"/> fills from <see cref="PersonPeriod"/>.</summary>
    private const string PeriodPeople = "period_people";

    /// <summary>
    /// CTE <c>person_period</c>: the persons in treatment in the period (an adult episode of the selection in treatment on
    /// at least one day of it), each once. Their substance group (indicators.md "Substance group of a person in a period")
    /// is taken in the same pass as their journeys (<see cref="Journeys.Cte"/>, <c>group_key</c>), so §1 and §2 count the
    /// same people in the same groups.
    /// </summary>
    public static string PersonPeriod() => $"""
        person_period AS (SELECT DISTINCT a.person FROM adult a WHERE {IndicatorSql.InTreatmentInPeriod("a")})
        """;

    /// <summary>
    /// §1, §2, new presentations and retention in one query, so journeys are built and the period's people ranked once, in one
    /// pass of window functions over their episodes (<see cref="Journeys.Cte"/>); <c>per_person</c> takes each person's
    /// group, latest journey exit and earliest journey start from it without joins: joining per-person sets made
    /// PostgreSQL's planner, which cannot estimate the as-of view's CASE columns, pick nested loops that never finished.
    /// Rows: per group, persons in treatment, completions and provisional, new presentations and retention (one pass over
    /// <c>per_person</c>). The figures that need no journeys are <see cref="SelectionAsync"/>'s.
    /// </summary>
    public static async Task<PeopleInPeriod> CountAsync(IndicatorConnection db, IndicatorSql sql, CancellationToken cancel)
    {
        // Journeys are built for the period's people only when a selection narrows the figures (Journeys.Cte): a report of
        // everything would find nearly everyone with episodes, at the cost of a pass of its own.
        var restricted = sql.Selection("a").Test is not null;
        // On PostgreSQL the period's people first, into a temporary table with statistics: the planner cannot estimate the
        // as-of view's CASE columns, and took a national year's ~300,000 people for ~250, fetching their episodes by one
        // index lookup each rather than one pass. Same connection and same transaction
        // (IndicatorEngine) as the query that reads it. SQLite measured slower with the table (median 14.9 s against 10.2 s
        // at 50,000 people, cause not examined), so it keeps the CTE.
        var table = "pg_temp." + PeriodPeople;
        if (sql.Postgres)
        {
            // For these two queries only: the journeys' sorts of a national year's episodes fit in 64 MB (at the default 4 MB
            // they spill to disk), and both group by sorting rather than hashing. The planner, which cannot estimate the groups,
            // hashed them: at 300,000 people the period's people took 1.1 s hashed and 0.66 s sorted, the journeys 5.9 s and
            // 4.4 s. The report's other queries keep the defaults (the waits took 0.6 s with them and 1.3 s with 64 MB).
            await sql.ExecuteAsync(db, "SET LOCAL work_mem = '64MB'", cancel);
            await sql.ExecuteAsync(db, "SET LOCAL enable_hashagg = off", cancel);
        }
        if (sql.Postgres && restricted)
        {
            await sql.ExecuteAsync(db, $"DROP TABLE IF EXISTS {table}", cancel);
            await sql.ExecuteAsync(db, $"CREATE TEMP TABLE {PeriodPeople} (person integer PRIMARY KEY)", cancel);
            await sql.ExecuteAsync(db, $"""
                {sql.EpisodesAsOf()},
                {PersonPeriod()}
                INSERT INTO {PeriodPeople} (person) SELECT person FROM person_period
                """, cancel);
            await sql.ExecuteAsync(db, $"ANALYZE {table}", cancel);
        }
        var personPeriod = !restricted ? "" : (sql.Postgres ? $"person_period AS NOT MATERIALIZED (SELECT person FROM {PeriodPeople})" : PersonPeriod()) + ",";
        var text = $"""
            {sql.EpisodesAsOf()},
            {personPeriod}
            {Journeys.Cte(sql, restricted)},
            {Journeys.PerPerson(sql)}
            SELECT 'group', p.grp, COUNT(*), {Completion.NumeratorOf(sql, "p")}, {Completion.ProvisionalOf(sql, "p")},
                   {Retention.DenominatorOf("p")}, {Retention.NumeratorOf(sql, "p")}, {Retention.ProvisionalOf(sql, "p")}
            FROM per_person p GROUP BY p.grp
            """;
        var groups = new Dictionary<SubstanceGroup, GroupCounts>();
        long presentations = 0, retained = 0;
        var retainedProvisional = false;
        await sql.ReadAsync(db, text, row =>
        {
            long N(int column) => IndicatorSql.Long(row, column);
            // Every person of per_person has a group, so the groups' new presentations and retention add up to the whole.
            groups[Codes<SubstanceGroup>.Parse(row.GetString(1))] = new GroupCounts(N(2), N(3), N(4) == 1);
            (presentations, retained, retainedProvisional) = (presentations + N(5), retained + N(6), retainedProvisional || N(7) == 1);
        }, cancel);
        if (sql.Postgres && restricted) await sql.ExecuteAsync(db, $"DROP TABLE {table}", cancel);
        if (sql.Postgres)
        {
            await sql.ExecuteAsync(db, "RESET work_mem", cancel);
            await sql.ExecuteAsync(db, "RESET enable_hashagg", cancel);
        }
        return new PeopleInPeriod(groups, presentations, retained, retainedProvisional);
    }

    /// <summary>
    /// The figures of a period that need no journeys, from one scan of the selection: the young people's counts (§2), deaths
    /// in treatment and prison continuity. A query of its own, so the CLI report runs it beside the journeys
    /// (<see cref="IndicatorEngine"/>).
    /// </summary>
    public static async Task<SelectionCounts> SelectionAsync(IndicatorConnection db, IndicatorSql sql, CancellationToken cancel)
    {
        var young = IndicatorSql.Literal(Codes<CarePathway>.Code(CarePathway.YoungPeople));
        var text = $"""
            {sql.EpisodesAsOf()}
            SELECT COUNT(DISTINCT CASE WHEN s.pathway = {young} AND {IndicatorSql.InTreatmentInPeriod("s")} THEN s.person END),
                   COUNT(DISTINCT CASE WHEN s.pathway = {young} AND s.triage >= @from AND s.triage <= @to THEN s.person END),
                   {Deaths.CountOf("s")},
                   {PrisonContinuity.NumeratorOf(sql, "s")},
                   {PrisonContinuity.DenominatorOf("s")}
            FROM selected s
            """;
        SelectionCounts? counts = null;
        await sql.ReadAsync(db, text, row =>
        {
            long N(int column) => IndicatorSql.Long(row, column);
            counts = new SelectionCounts(N(0), N(1), N(2), N(3), N(4));
        }, cancel);
        return counts!;
    }

    public static IReadOnlyList<Figure> Figures(PeopleInPeriod people, SelectionCounts selection) =>
    [
        Figure.Count("in_treatment.total", people.Groups.Values.Sum(g => g.InTreatment)),
        .. Groups.Select(g => Figure.Count($"in_treatment.{Codes<SubstanceGroup>.Code(g)}", people.Groups.GetValueOrDefault(g)?.InTreatment ?? 0)),
        Figure.Count("new_presentations.total", people.NewPresentations),
        Figure.Count("young_people.in_treatment", selection.YoungInTreatment),
        Figure.Count("young_people.new_presentations", selection.YoungNewPresentations),
        Figure.Count(Deaths.Id, selection.Deaths),
        Figure.Rate(Retention.Id, people.Retained, people.NewPresentations, people.RetainedProvisional),
        Figure.Rate(PrisonContinuity.Id, selection.PrisonTriaged, selection.PrisonReferrals),
    ];
}

/// <summary>One substance group's people in a period: in treatment (§2), and of them completions without re-presentation (§1).</summary>
public sealed record GroupCounts(long InTreatment, long Completions, bool Provisional);

/// <summary>
/// A period's people: per group (§1, §2); new presentations, version 2's count of journeys starting in the period; and of
/// those, the ones retained (version 2 retention, whose denominator they are).
/// </summary>
public sealed record PeopleInPeriod(IReadOnlyDictionary<SubstanceGroup, GroupCounts> Groups, long NewPresentations, long Retained,
    bool RetainedProvisional);

/// <summary>A period's figures that need no journeys: the young people's counts, deaths in treatment, prison continuity.</summary>
public sealed record SelectionCounts(long YoungInTreatment, long YoungNewPresentations, long Deaths, long PrisonTriaged, long PrisonReferrals);
