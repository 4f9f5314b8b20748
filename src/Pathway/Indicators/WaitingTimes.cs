using Pathway.Data;

namespace Pathway.Indicators;

/// <summary>indicators.md §3: waits from referral to first intervention, for first interventions in the period.</summary>
public static class WaitingTimes
{
    public const int ThreeWeeks = 21;

    public static async Task<IReadOnlyList<Figure>> ComputeAsync(IndicatorConnection db, IndicatorSql sql, CancellationToken cancel)
    {
        // The database returns how many episodes waited each number of days (a few hundred rows at most),
        // so the median is exact without fetching one row per episode.
        // An episode's first intervention (as of the as-of date) falls in the period exactly when it has one
        // starting in the period and none before it: so the period's interventions are read, not every episode's, and
        // grouped by episode before anything else is looked up, once per episode rather than once per intervention (at
        // 300,000 people 0.75 s against 1.8 s on SQLite; on PostgreSQL, which merged the period's interventions with the
        // episodes either way, 0.65 s against 0.5 s).
        var text = $"""
            {sql.EpisodesAsOf()},
            firsts AS (
              SELECT a.referral, f.first_start
              FROM (SELECT i."EpisodeId" AS episode, MIN(i."StartDate") AS first_start
                    FROM "Interventions" i WHERE i."StartDate" >= @from AND i."StartDate" <= @to AND i."StartDate" <= @asof
                    GROUP BY i."EpisodeId") f
              JOIN adult a ON a.id = f.episode
              WHERE a.referral <= @to
                AND NOT EXISTS (SELECT 1 FROM "Interventions" b WHERE b."EpisodeId" = f.episode AND b."StartDate" < @from))
            SELECT {sql.DaysBetween("first_start", "referral")} AS wait, COUNT(*)
            FROM firsts GROUP BY {sql.DaysBetween("first_start", "referral")}
            """;
        var waits = new SortedDictionary<long, long>();
        await sql.ReadAsync(db, text, row => waits[IndicatorSql.Long(row, 0)] = IndicatorSql.Long(row, 1), cancel);

        var total = waits.Values.Sum();
        var over = waits.Where(w => w.Key > ThreeWeeks).Sum(w => w.Value);
        return [Figure.Median("waiting.median_days", Median(waits, total)), Figure.Rate("waiting.over_3_weeks", over, total)];
    }

    /// <summary>The middle value of the sorted waits; for an even count, the mean of the two middle values.</summary>
    public static decimal? Median(SortedDictionary<long, long> counts, long total)
    {
        if (total == 0) return null;
        long? Nth(long n) // 0-based position in the sorted list
        {
            long seen = 0;
            foreach (var (wait, count) in counts)
            {
                seen += count;
                if (n < seen) return wait;
            }
            return null;
        }
        return total % 2 == 1 ? Nth(total / 2) : (Nth(total / 2 - 1)!.Value + Nth(total / 2)!.Value) / 2m;
    }
}
