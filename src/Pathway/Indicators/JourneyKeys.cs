using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Pathway.Data;
using Pathway.Episodes;
using Pathway.Infrastructure;

namespace Pathway.Indicators;

/// <summary>
/// Keeps each adult episode's journey (indicators.md version 2 "Journeys") on the episode, as
/// <see cref="Episode.JourneyEpisodeId"/>: the id of the journey's first episode, on the full record. Reports then group
/// episodes by it (<see cref="Journeys.Cte"/>) instead of folding every person's episodes again for each report.
/// </summary>
/// <remarks>
/// Why the full record's journeys are the journeys as of any as-of date A: episodes are taken in the order (referral, ref,
/// src), and "as of A" removes those referred after A, a suffix of that order, so every episode left sees the same earlier
/// episodes. Of those, an episode discharged after A is open as of A. For an episode E referred on or before A: if on the
/// full record E continues because an earlier one is open, it is open as of A too; if it continues because its referral is
/// within 21 days of the latest earlier discharge D, then either D is after A (that episode is open as of A: E continues) or
/// D is on or before A (the same D as of A: E continues). If E starts a new journey on the full record, every earlier
/// discharge is before E's referral minus 21 days, so on or before A, and none is open: E starts one as of A too. So as of A
/// the journeys are the full record's, cut to the episodes referred by A, and each keeps its first episode (its key).
/// What does depend on A (the start, the exit, whether the journey is still open) is computed by the report.
/// <para>Kept current: after every save of episodes through EF Core (<see cref="JourneyKeeping"/>, in the same transaction), after
/// a bundle load (Exchange/BulkLoad.cs), after an erasure (People/Retention.cs), and filled for existing data by the migration
/// that added the column. Anything else that writes episodes by hand must call <see cref="RecomputeAsync"/> for the persons
/// whose episodes it touched, before and after.</para>
/// </remarks>
public static class JourneyKeys
{
    /// <summary>Persons recomputed per statement by <see cref="RecomputeAsync"/>, so the statement stays small.</summary>
    private const int Batch = 500;

    /// <summary>
    /// Two statements that set the journey key of every episode of the persons <paramref name="persons"/> selects (a condition
    /// over the column <c>"PersonId"</c>; null for everyone): the same fold as the report's version 1 of it, the "open until"
    /// running MAX and the running SUM of the starts, then each journey's first episode id; non-adult episodes get none.
    /// Only rows whose key changes are written.
    /// </summary>
    public static string[] Sql(DatabaseKind kind, string? persons)
    {
        var postgres = kind == DatabaseKind.Postgres;
        string Ordinal(string e) => postgres ? $"{e} COLLATE \"C\"" : e;
        var openUntilPlus = postgres ? $"(s.open_until + {Journeys.GapDays})" : $"date(s.open_until, '+{Journeys.GapDays} days')";
        var adult = IndicatorSql.Literal(Codes<CarePathway>.Code(CarePathway.Adult));
        var filter = persons is null ? "" : $" AND {persons.Replace("\"PersonId\"", "e.\"PersonId\"")}";
        var window = $"PARTITION BY e.\"PersonId\" ORDER BY e.\"ReferralDate\", {Ordinal("e.\"EpisodeRef\"")}, {Ordinal("e.\"Source\"")}";
        var keys = $"""
            WITH journey_steps AS (
              SELECT e."Id" AS id, e."PersonId" AS person, e."ReferralDate" AS referral,
                     ROW_NUMBER() OVER ({window}) AS seq,
                     MAX(e."DischargeDate") OVER ({window} ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS open_until,
                     MAX(CASE WHEN e."DischargeDate" IS NULL THEN 1 ELSE 0 END) OVER ({window} ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS any_open
              FROM "Episodes" e
              WHERE e."Pathway" = {adult}{filter}),
            journey_marks AS (
              SELECT s.id, s.person, s.seq,
                     CASE WHEN s.seq = 1 OR (s.any_open = 0 AND s.referral > {openUntilPlus}) THEN 1 ELSE 0 END AS starts
              FROM journey_steps s),
            journey_numbers AS (
              SELECT m.id, m.person, m.starts, SUM(m.starts) OVER (PARTITION BY m.person ORDER BY m.seq ROWS UNBOUNDED PRECEDING) AS journey
              FROM journey_marks m),
            journey_keys AS (
              SELECT n.id, MAX(CASE WHEN n.starts = 1 THEN n.id END) OVER (PARTITION BY n.person, n.journey) AS journey_episode
              FROM journey_numbers n)
            UPDATE "Episodes" SET "JourneyEpisodeId" = k.journey_episode
            FROM journey_keys k
            WHERE "Episodes"."Id" = k.id AND "Episodes"."JourneyEpisodeId" IS DISTINCT FROM k.journey_episode
            """;
        var others = $"""
            UPDATE "Episodes" SET "JourneyEpisodeId" = NULL
            WHERE "Pathway" <> {adult} AND "JourneyEpisodeId" IS NOT NULL{(persons is null ? "" : " AND " + persons)}
            """;
        return [keys, others];
    }

    /// <summary>Recomputes the journeys of these persons through the context's connection and current transaction.</summary>
    public static async Task RecomputeAsync(PathwayDb db, IEnumerable<int> persons, CancellationToken cancel)
    {
        var kind = db.Database.IsNpgsql() ? DatabaseKind.Postgres : DatabaseKind.Sqlite;
        foreach (var batch in persons.Distinct().Order().Chunk(Batch))
            foreach (var statement in Sql(kind, $"\"PersonId\" IN ({string.Join(", ", batch)})"))
                await db.Database.ExecuteSqlRawAsync(statement, cancel);
    }

    /// <summary>The same, synchronously, for a synchronous SaveChanges.</summary>
    public static void Recompute(PathwayDb db, IEnumerable<int> persons)
    {
        var kind = db.Database.IsNpgsql() ? DatabaseKind.Postgres : DatabaseKind.Sqlite;
        foreach (var batch in persons.Distinct().Order().Chunk(Batch))
            foreach (var statement in Sql(kind, $"\"PersonId\" IN ({string.Join(", ", batch)})"))
                db.Database.ExecuteSqlRaw(statement);
    }

    /// <summary>
    /// Recomputes the persons of a hand-written write (a bundle load) on its own connection and transaction: those whose ids
    /// <paramref name="personsQuery"/> selects (one column).
    /// </summary>
    public static async Task RecomputeAsync(DbConnection connection, DbTransaction transaction, DatabaseKind kind, string personsQuery,
        CancellationToken cancel)
    {
        foreach (var statement in Sql(kind, $"\"PersonId\" IN ({personsQuery})"))
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandTimeout = 0;
            command.CommandText = statement;
            await command.ExecuteNonQueryAsync(cancel);
        }
    }
}
