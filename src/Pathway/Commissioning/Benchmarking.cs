using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Pathway.Access.Audit;
using Pathway.Data;

namespace Pathway.Commissioning;

/// <summary>Where this area sits among comparators on one indicator: 1 is best, quartile 1 the best quarter.</summary>
public sealed record BenchmarkPosition(string IndicatorId, decimal Value, int Rank, int Of, int Quartile, IReadOnlyList<(string Area, decimal Value)> Comparators);

/// <summary>Published figures of other areas: loading them from CSV, and ranking this area among them.</summary>
public static class Benchmarking
{
    public static readonly string[] Columns = ["area_code", "area_name", "indicator_id", "period_from", "period_to", "value"];

    /// <summary>
    /// Loads a CSV of published figures into one council's comparator set, all or nothing. A figure already held in that
    /// set for the same area, indicator and period is replaced; other councils' sets are never touched. The upload's audit
    /// event is saved with the figures. Returns the number loaded and every problem as "line N: ...".
    /// </summary>
    public static async Task<(int Loaded, List<string> Problems)> LoadAsync(PathwayDb db, AuditTrail audit, string owner, TextReader csv,
        CancellationToken cancel)
    {
        var problems = new List<string>();
        var figures = new List<BenchmarkFigure>();
        var rows = await Csv.ReadAllAsync(csv, cancel);
        if (rows.Count == 0)
            return (0, ["The file is empty: it needs a header row " + string.Join(",", Columns) + "."]);
        var header = rows[0].Select(h => h.Trim().ToLowerInvariant()).ToArray();
        var missing = Columns.Except(header).ToList();
        if (missing.Count > 0) return (0, [$"line 1: the header lacks {string.Join(", ", missing)}."]);

        for (var i = 1; i < rows.Count; i++)
        {
            var line = i + 1;
            var row = rows[i];
            if (row.All(string.IsNullOrWhiteSpace)) continue;
            string Field(string name) => Array.IndexOf(header, name) is var at && at < row.Count ? row[at].Trim() : "";
            var from = Date(Field("period_from"));
            var to = Date(Field("period_to"));
            var value = decimal.TryParse(Field("value"), NumberStyles.Number, CultureInfo.InvariantCulture, out var v) ? v : (decimal?)null;
            var before = problems.Count;
            if (Field("area_code").Length is 0 or > 20) problems.Add($"line {line}: area_code must be 1 to 20 characters.");
            if (Field("indicator_id").Length is 0 or > 80) problems.Add($"line {line}: indicator_id is required.");
            if (from is null) problems.Add($"line {line}: period_from must be a date written YYYY-MM-DD.");
            if (to is null) problems.Add($"line {line}: period_to must be a date written YYYY-MM-DD.");
            if (from > to) problems.Add($"line {line}: period_from is after period_to.");
            if (value is null) problems.Add($"line {line}: value must be a number.");
            if (problems.Count > before) continue;
            figures.Add(new BenchmarkFigure
            {
                OwnerLocalAuthorityCode = owner, AreaCode = Field("area_code"), AreaName = Field("area_name") is { Length: > 0 } n ? n[..Math.Min(n.Length, 200)] : Field("area_code"),
                IndicatorId = Field("indicator_id"), PeriodFrom = from!.Value, PeriodTo = to!.Value, Value = value!.Value,
            });
        }
        if (problems.Count > 0) return (0, problems);

        var unique = figures.GroupBy(f => (f.AreaCode, f.IndicatorId, f.PeriodFrom, f.PeriodTo)).Select(g => g.Last()).ToList();
        await using var transaction = await db.Database.BeginTransactionAsync(cancel);
        foreach (var f in unique)
            await db.BenchmarkFigures.Where(b => b.OwnerLocalAuthorityCode == owner && b.AreaCode == f.AreaCode && b.IndicatorId == f.IndicatorId && b.PeriodFrom == f.PeriodFrom && b.PeriodTo == f.PeriodTo)
                .ExecuteDeleteAsync(cancel);
        db.BenchmarkFigures.AddRange(unique);
        audit.Add(AuditActions.Change, AuditOutcomes.Succeeded, AuditedRecordTypes.BenchmarkFigures, $"{owner}:{unique.Count}");
        await db.SaveChangesAsync(cancel);
        await transaction.CommitAsync(cancel);
        return (unique.Count, problems);
    }

    private static DateOnly? Date(string text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    /// <summary>
    /// This area's value ranked among the comparators published for exactly the same period. Ties share the
    /// better rank; the quartile is that of the rank among all (comparators plus this area).
    /// </summary>
    public static BenchmarkPosition? Position(string indicatorId, decimal? value, IReadOnlyList<BenchmarkFigure> comparators)
    {
        if (value is not { } v || comparators.Count == 0) return null;
        var lower = Targets.LowerIsBetter(indicatorId);
        var better = comparators.Count(c => lower ? c.Value < v : c.Value > v);
        var of = comparators.Count + 1;
        var rank = better + 1;
        var quartile = Math.Min(4, (int)Math.Ceiling(4m * rank / of));
        return new BenchmarkPosition(indicatorId, v, rank, of, quartile,
            comparators.OrderBy(c => c.AreaName, StringComparer.Ordinal).Select(c => (c.AreaName, c.Value)).ToList());
    }

    /// <summary>The comparators a council chose for a period; none when no single council is selected.</summary>
    public static async Task<List<BenchmarkFigure>> ForPeriodAsync(PathwayDb db, string? council, DateOnly from, DateOnly to, CancellationToken cancel) =>
        council is null ? []
        : await db.BenchmarkFigures.AsNoTracking().Where(b => b.OwnerLocalAuthorityCode == council && b.PeriodFrom == from && b.PeriodTo == to)
            .ToListAsync(cancel);
}

/// <summary>Just enough CSV (RFC 4180: commas, quoted fields with doubled quotes, CRLF or LF) for published figures.</summary>
internal static class Csv
{
    public static async Task<List<List<string>>> ReadAllAsync(TextReader reader, CancellationToken cancel)
    {
        var text = await reader.ReadToEndAsync(cancel);
        var rows = new List<List<string>>();
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else field.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { row.Add(field.ToString()); field.Clear(); }
            else if (c is '\n' or '\r')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n') i++;
                row.Add(field.ToString()); field.Clear();
                rows.Add(row); row = [];
            }
            else if (c != '\uFEFF') field.Append(c);
        }
        if (field.Length > 0 || row.Count > 0) { row.Add(field.ToString()); rows.Add(row); }
        return rows;
    }
}
