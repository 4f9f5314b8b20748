using Pathway.Data;
using Pathway.Episodes;
using Pathway.Infrastructure;

namespace Pathway.Indicators;

/// <summary>
/// indicators.md §2: numbers in treatment and new presentations (version 2: journeys starting in the period), adults and
/// young people; and the query that counts them with completions and the other version 2 figures.
/// </summary>
public static class InTreatment
{
    public static readonly SubstanceGroup[] Groups =
        [SubstanceGroup.Opiate, SubstanceGroup.NonOpiateOnly, SubstanceGroup.NonOpiateAndAlcohol, SubstanceGroup.AlcoholOnly];

    /// <summary>The temporary table <see cref="CountAsync"/> fills from <see cref="PersonPeriod"/>.</summary>
    private const string PeriodPeople = "period_people";

    /// <summary>
    /// CTE <c>person_period</c>: one row per person in treatment in the period (adult episodes of the selection)
    /// with <c>grp</c>, indicators.md "Substance group of a person in a period" (their latest-triaged episode in
    /// treatment; ties: the latest episode_ref, ordinal). Shared by §1 and §2 so both count the same people in the
    /// same groups. (Version 1 also ranked the latest discharge here; version 2 takes completions from journeys.)
    /// </summary>
    public static string PersonPeriod(IndicatorSql sql) => $"""
        ranked AS (
          SELECT a.person, {IndicatorSql.SubstanceGroupOf("a")} AS grp,
                 ROW_NUMBER() OVER (PARTITION BY a.person ORDER BY a.triage DESC, {sql.Ordinal("a.ref")} DESC) AS group_rank
          FROM adult a
          WHERE {IndicatorSql.InTreatmentInPeriod("a")}),
        person_period AS (SELECT person, grp FROM ranked WHERE group_rank = 1)
        """;

    /// <summary>
    /// §1, §2 and the version 2 figures in one query, so journeys are built and the period's people ranked once.
    /// <c>per_person</c> gathers each person's group, latest journey exit and earliest journey start by UNION ALL and
    /// GROUP BY rather than by joins: joining per-person sets made PostgreSQL's planner, which cannot estimate the
    /// as-of view's CASE columns, pick nested loops that never finished. Rows: per group, persons in treatment,
    /// completions and provisional; then new presentations and retention; then one scan of the selection for the
    /// young people's counts, deaths and prison continuity.
    /// </summary>
    public static async Task<PeopleInPeriod> CountAsync(PathwayDb db, IndicatorSql sql, CancellationToken cancel)
    {
        var young = IndicatorSql.Literal(Codes<CarePathway>.Code(CarePathway.YoungPeople));
        // On PostgreSQL the period's people first, into a temporary table with statistics: the planner cannot estimate the
        // as-of view's CASE columns, and took a national year's ~300,000 people for ~250, fetching their episodes by one
        // index lookup each rather than one pass. Same connection (IndicatorSql keeps EF Core's open) and same transaction
        // (IndicatorEngine) as the query that reads it. SQLite measured slower with the table (median 14.9 s against 10.2 s
        // at 50,000 people, cause not examined), so it keeps the CTE.
        var table = "pg_temp." + PeriodPeople;
        if (sql.Postgres)
        {
            await sql.ExecuteAsync(db, $"DROP TABLE IF EXISTS {table}", cancel);
            await sql.ExecuteAsync(db, $"CREATE TEMP TABLE {PeriodPeople} (person integer PRIMARY KEY, grp text NOT NULL)", cancel);
            await sql.ExecuteAsync(db, $"""
                {sql.EpisodesAsOf()},
                {PersonPeriod(sql)}
                INSERT INTO {PeriodPeople} (person, grp) SELECT person, grp FROM person_period
                """, cancel);
            await sql.ExecuteAsync(db, $"ANALYZE {table}", cancel);
        }
        var personPeriod = sql.Postgres ? $"person_period AS NOT MATERIALIZED (SELECT person, grp FROM {PeriodPeople})" : PersonPeriod(sql);
        var text = $"""
            {sql.EpisodesAsOf()},
            {personPeriod},
            {Journeys.Cte(sql)},
            {Journeys.PerPerson(sql)},
            per_person AS (
              SELECT u.person, MAX(u.grp) AS grp, MAX(u.exit_date) AS exit_date, MAX(u.exit_reason) AS exit_reason,
                     MAX(u.medicated) AS medicated, MAX(u.start) AS start, MAX(u.start_exit_date) AS start_exit_date,
                     MAX(u.start_exit_reason) AS start_exit_reason
              FROM (
                SELECT person, grp, {sql.NullDate} AS exit_date, NULL AS exit_reason, NULL AS medicated, {sql.NullDate} AS start,
                       {sql.NullDate} AS start_exit_date, NULL AS start_exit_reason FROM person_period
                UNION ALL
                SELECT person, NULL, exit_date, exit_reason, 0, NULL, NULL, NULL FROM person_exit
                UNION ALL
                SELECT person, NULL, NULL, NULL, 1, NULL, NULL, NULL FROM exit_medicated
                UNION ALL
                SELECT person, NULL, NULL, NULL, NULL, start, exit_date, exit_reason FROM person_start) u
              GROUP BY u.person)
            SELECT 'group', p.grp, COUNT(*), {Completion.NumeratorOf(sql, "p")}, {Completion.ProvisionalOf(sql, "p")}, 0, 0
            FROM per_person p WHERE p.grp IS NOT NULL GROUP BY p.grp
            UNION ALL
            SELECT 'journeys', NULL, {Retention.DenominatorOf("p")}, {Retention.NumeratorOf(sql, "p")}, {Retention.ProvisionalOf(sql, "p")}, 0, 0
            FROM per_person p
            UNION ALL
            SELECT 'selected', NULL,
                   COUNT(DISTINCT CASE WHEN s.pathway = {young} AND {IndicatorSql.InTreatmentInPeriod("s")} THEN s.person END),
                   COUNT(DISTINCT CASE WHEN s.pathway = {young} AND s.triage >= @from AND s.triage <= @to THEN s.person END),
                   {Deaths.CountOf("s")},
                   {PrisonContinuity.DenominatorOf("s")},
                   {PrisonContinuity.NumeratorOf(sql, "s")}
            FROM selected s
            """;
        var groups = new Dictionary<SubstanceGroup, GroupCounts>();
        long presentations = 0, retained = 0, youngInTreatment = 0, youngPresentations = 0, deaths = 0, prison = 0, prisonTriaged = 0;
        var retainedProvisional = false;
        await sql.ReadAsync(db, text, row =>
        {
            long N(int column) => IndicatorSql.Long(row, column);
            switch (row.GetString(0))
            {
                case "group":
                    groups[Codes<SubstanceGroup>.Parse(row.GetString(1))] = new GroupCounts(N(2), N(3), N(4) == 1);
                    break;
                case "journeys":
                    (presentations, retained, retainedProvisional) = (N(2), N(3), N(4) == 1);
                    break;
                case "selected":
                    (youngInTreatment, youngPresentations, deaths, prison, prisonTriaged) = (N(2), N(3), N(4), N(5), N(6));
                    break;
            }
        }, cancel);
        if (sql.Postgres) await sql.ExecuteAsync(db, $"DROP TABLE {table}", cancel);
        return new PeopleInPeriod(groups, presentations, youngInTreatment, youngPresentations,
            new JourneyFigures(retained, retainedProvisional, deaths, prisonTriaged, prison));
    }

    public static IReadOnlyList<Figure> Figures(PeopleInPeriod people) =>
    [
        Figure.Count("in_treatment.total", people.Groups.Values.Sum(g => g.InTreatment)),
        .. Groups.Select(g => Figure.Count($"in_treatment.{Codes<SubstanceGroup>.Code(g)}", people.Groups.GetValueOrDefault(g)?.InTreatment ?? 0)),
        Figure.Count("new_presentations.total", people.NewPresentations),
        Figure.Count("young_people.in_treatment", people.YoungInTreatment),
        Figure.Count("young_people.new_presentations", people.YoungNewPresentations),
        Figure.Count(Deaths.Id, people.More.Deaths),
        Figure.Rate(Retention.Id, people.More.Retained, people.NewPresentations, people.More.RetainedProvisional),
        Figure.Rate(PrisonContinuity.Id, people.More.PrisonTriaged, people.More.PrisonReferrals),
    ];
}

/// <summary>One substance group's people in a period: in treatment (§2), and of them completions without re-presentation (§1).</summary>
public sealed record GroupCounts(long InTreatment, long Completions, bool Provisional);

/// <summary>
/// A period's people: per group (§1, §2); new presentations, version 2's count of journeys starting in the period; the
/// young people's counts; and the other version 2 figures.
/// </summary>
public sealed record PeopleInPeriod(IReadOnlyDictionary<SubstanceGroup, GroupCounts> Groups, long NewPresentations, long YoungInTreatment,
    long YoungNewPresentations, JourneyFigures More);

/// <summary>Version 2's new figures: retention (its denominator is the new presentations), deaths, prison continuity.</summary>
public sealed record JourneyFigures(long Retained, bool RetainedProvisional, long Deaths, long PrisonTriaged, long PrisonReferrals);
