using System.Data;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Pathway.Data;

namespace Pathway.Indicators;

/// <summary>Every indicator of indicators.md for one query: what the CLI, the pages and the tests all call.</summary>
public static class IndicatorEngine
{
    public static Task<IndicatorReport> ComputeAsync(PathwayDb db, IndicatorQuery query, CancellationToken cancel = default) =>
        OnContextAsync(db, (connection, transaction, kind) => ComputeAsync(connection, transaction, kind, query, cancel), cancel);

    /// <summary>
    /// On one open connection (a context's), in <paramref name="transaction"/> when one is in force on it.
    /// </summary>
    private static Task<IndicatorReport> ComputeAsync(DbConnection connection, DbTransaction? transaction, DatabaseKind kind, IndicatorQuery query,
        CancellationToken cancel = default) =>
        InOneTransactionAsync(connection, transaction, kind, query, async (db, sql) =>
        {
            var people = await InTreatment.CountAsync(db, sql, cancel);
            var (selection, more) = await BesideJourneysAsync(db, sql, cancel);
            return new IndicatorReport(query, [.. HeadlineFigures(people, selection), .. more]);
        }, cancel);

    /// <summary>
    /// For a caller that can open connections of its own (the CLI report): the same figures, with the journeys query (most of
    /// a report's work) on one connection and the rest in turn on a second, at the same time, so a
    /// machine's second core is not idle while the journeys are built. On PostgreSQL the second connection's transaction
    /// imports the first's snapshot (<c>pg_export_snapshot</c>), so both read the database as of the same moment, as one
    /// transaction would; SQLite's queries take no transaction on either path (<see cref="InOneTransactionAsync"/>).
    /// </summary>
    public static async Task<IndicatorReport> ComputeAsync(DatabaseTarget target, IndicatorQuery query, CancellationToken cancel = default)
    {
        var sql = new IndicatorSql(target.Kind, query);
        await using var first = await target.OpenConnectionAsync(cancel);
        await using var second = await target.OpenConnectionAsync(cancel);
        await using var firstTransaction = sql.Postgres ? await first.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancel) : null;
        await using var secondTransaction = sql.Postgres ? await second.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancel) : null;
        var people = new IndicatorConnection(first, firstTransaction);
        var others = new IndicatorConnection(second, secondTransaction);
        if (sql.Postgres)
        {
            string? snapshot = null;
            await sql.ReadAsync(people, "SELECT pg_export_snapshot()", row => snapshot = row.GetString(0), cancel);
            // The snapshot's name comes from the server (digits and hyphens), not from any input.
            await sql.ExecuteAsync(others, $"SET TRANSACTION SNAPSHOT {IndicatorSql.Literal(snapshot!)}", cancel);
            await WithoutJitAsync(people, sql, cancel);
            await WithoutJitAsync(others, sql, cancel);
        }
        // Each lane on a thread of its own: Microsoft.Data.Sqlite's async calls run synchronously, so a lane merely awaited
        // would finish before the other started.
        var counting = Task.Run(() => InTreatment.CountAsync(people, sql, cancel), cancel);
        var rest = Task.Run(() => BesideJourneysAsync(others, sql, cancel), cancel);
        await Task.WhenAll(counting, rest);   // both awaited, so a failure of either is reported and neither left running
        var (selected, more) = rest.Result;
        return new IndicatorReport(query, [.. HeadlineFigures(counting.Result, selected), .. more]);
    }

    /// <summary>The headline figures only (completions and numbers in treatment), for trends over many periods.</summary>
    public static Task<IndicatorReport> HeadlinesAsync(PathwayDb db, IndicatorQuery query, CancellationToken cancel = default) =>
        OnContextAsync(db, (connection, transaction, kind) => InOneTransactionAsync(connection, transaction, kind, query,
            async (indicators, sql) => new IndicatorReport(query, await HeadlineFiguresAsync(indicators, sql, cancel)), cancel), cancel);

    /// <summary>Completions, numbers in treatment (one ranking pass serves both) and waits: the start of every report.</summary>
    private static async Task<List<Figure>> HeadlineFiguresAsync(IndicatorConnection db, IndicatorSql sql, CancellationToken cancel)
    {
        var figures = HeadlineFigures(await InTreatment.CountAsync(db, sql, cancel), await InTreatment.SelectionAsync(db, sql, cancel));
        figures.AddRange(await WaitingTimes.ComputeAsync(db, sql, cancel));
        return figures;
    }

    private static List<Figure> HeadlineFigures(PeopleInPeriod people, SelectionCounts selection) =>
        [.. Completion.Figures(people), .. InTreatment.Figures(people, selection)];

    /// <summary>
    /// Every query of a report but the journeys' (<see cref="InTreatment.CountAsync"/>), in turn on one connection: the
    /// selection's counts, then the figures that follow the headline ones, in the report's order (waits, outcomes, access).
    /// </summary>
    private static async Task<(SelectionCounts Selection, List<Figure> Figures)> BesideJourneysAsync(IndicatorConnection db, IndicatorSql sql,
        CancellationToken cancel)
    {
        var selection = await InTreatment.SelectionAsync(db, sql, cancel);
        List<Figure> figures =
            [.. await WaitingTimes.ComputeAsync(db, sql, cancel), .. await Outcomes.ComputeAsync(db, sql, cancel), .. await Access.ComputeAsync(db, sql, cancel)];
        return (selection, figures);
    }

    /// <summary>
    /// PostgreSQL compiles a query to machine code when its estimated cost is high, as a national year's is: seconds of
    /// compiling for a query that runs once (seen at 3.3 s on one draft of the journeys query), never paid back here. For the
    /// transaction in force on <paramref name="db"/>.
    /// </summary>
    private static Task WithoutJitAsync(IndicatorConnection db, IndicatorSql sql, CancellationToken cancel) =>
        sql.ExecuteAsync(db, "SET LOCAL jit = off", cancel);

    /// <summary>
    /// A context's connection, opened through EF Core (which then keeps it open for the context's life, as the temporary
    /// table needs) and its transaction, if any.
    /// </summary>
    private static async Task<IndicatorReport> OnContextAsync(PathwayDb db,
        Func<DbConnection, DbTransaction?, DatabaseKind, Task<IndicatorReport>> compute, CancellationToken cancel)
    {
        await db.Database.OpenConnectionAsync(cancel);
        return await compute(db.Database.GetDbConnection(), db.Database.CurrentTransaction?.GetDbTransaction(), db.Kind);
    }

    /// <summary>
    /// Runs one report's queries on one connection, and on PostgreSQL in one transaction (nothing is written but a temporary
    /// table, dropped at its end) without JIT compilation (the journeys query sets its own memory and grouping,
    /// <see cref="InTreatment.CountAsync"/>). SQLite takes no transaction: Microsoft.Data.Sqlite's would take the
    /// write lock for the report's whole length, and its temporary tables are the connection's own anyway.
    /// </summary>
    private static async Task<IndicatorReport> InOneTransactionAsync(DbConnection connection, DbTransaction? transaction, DatabaseKind kind,
        IndicatorQuery query, Func<IndicatorConnection, IndicatorSql, Task<IndicatorReport>> compute, CancellationToken cancel)
    {
        var sql = new IndicatorSql(kind, query);
        if (!sql.Postgres || transaction is not null) return await compute(new IndicatorConnection(connection, transaction), sql);
        await using var own = await connection.BeginTransactionAsync(cancel);
        var db = new IndicatorConnection(connection, own);
        await WithoutJitAsync(db, sql, cancel);
        var report = await compute(db, sql);
        // Read-only work: a rollback ends it as well as a commit would, and drops the temporary table with it.
        await own.RollbackAsync(cancel);
        return report;
    }
}
