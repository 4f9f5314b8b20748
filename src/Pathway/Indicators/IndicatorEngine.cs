using Pathway.Data;

namespace Pathway.Indicators;

/// <summary>Every indicator of indicators.md for one query: what the CLI, the pages and the tests all call.</summary>
public static class IndicatorEngine
{
    public static async Task<IndicatorReport> ComputeAsync(PathwayDb db, IndicatorQuery query, CancellationToken cancel = default)
    {
        var (sql, figures) = await HeadlineFiguresAsync(db, query, cancel);
        figures.AddRange(await Outcomes.ComputeAsync(db, sql, cancel));
        figures.AddRange(await Access.ComputeAsync(db, sql, cancel));
        return new IndicatorReport(query, figures);
    }

    /// <summary>The headline figures only (completions and numbers in treatment), for trends over many periods.</summary>
    public static async Task<IndicatorReport> HeadlinesAsync(PathwayDb db, IndicatorQuery query, CancellationToken cancel = default) =>
        new(query, (await HeadlineFiguresAsync(db, query, cancel)).Figures);

    /// <summary>Completions, numbers in treatment (one ranking pass serves both) and waits: the start of every report.</summary>
    private static async Task<(IndicatorSql Sql, List<Figure> Figures)> HeadlineFiguresAsync(PathwayDb db, IndicatorQuery query, CancellationToken cancel)
    {
        var sql = new IndicatorSql(db.Database.ProviderName?.Contains("Npgsql") == true ? DatabaseKind.Postgres : DatabaseKind.Sqlite, query);
        var people = await InTreatment.CountAsync(db, sql, cancel);
        var figures = new List<Figure>();
        figures.AddRange(Completion.Figures(people));
        figures.AddRange(InTreatment.Figures(people));
        figures.AddRange(await WaitingTimes.ComputeAsync(db, sql, cancel));
        return (sql, figures);
    }
}
