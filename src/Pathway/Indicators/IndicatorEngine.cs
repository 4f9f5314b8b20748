using Pathway.Data;

namespace Pathway.Indicators;

/// <summary>Every indicator of indicators.md for one query: what the CLI, the pages and the tests all call.</summary>
public static class IndicatorEngine
{
    public static async Task<IndicatorReport> ComputeAsync(PathwayDb db, IndicatorQuery query, CancellationToken cancel = default)
    {
        var sql = new IndicatorSql(db.Database.ProviderName?.Contains("Npgsql") == true ? DatabaseKind.Postgres : DatabaseKind.Sqlite, query);
        var figures = new List<Figure>();
        var people = await InTreatment.CountAsync(db, sql, cancel);
        figures.AddRange(Completion.Figures(people));
        figures.AddRange(InTreatment.Figures(people));
        figures.AddRange(await WaitingTimes.ComputeAsync(db, sql, cancel));
        figures.AddRange(await Outcomes.ComputeAsync(db, sql, cancel));
        figures.AddRange(await Access.ComputeAsync(db, sql, cancel));
        return new IndicatorReport(query, figures);
    }

    /// <summary>The headline figures only (completions and numbers in treatment), for trends over many periods.</summary>
    public static async Task<IndicatorReport> HeadlinesAsync(PathwayDb db, IndicatorQuery query, CancellationToken cancel = default)
    {
        var sql = new IndicatorSql(db.Database.ProviderName?.Contains("Npgsql") == true ? DatabaseKind.Postgres : DatabaseKind.Sqlite, query);
        var figures = new List<Figure>();
        var people = await InTreatment.CountAsync(db, sql, cancel);
        figures.AddRange(Completion.Figures(people));
        figures.AddRange(InTreatment.Figures(people));
        figures.AddRange(await WaitingTimes.ComputeAsync(db, sql, cancel));
        return new IndicatorReport(query, figures);
    }
}
