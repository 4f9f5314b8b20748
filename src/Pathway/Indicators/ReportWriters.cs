using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Pathway.Indicators;

/// <summary>The machine-readable shapes of a report: JSON exactly as cli.md shows it, and CSV.</summary>
public static class ReportWriters
{
    public static string Date(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Json(IndicatorReport report)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteNumber("specVersion", IndicatorReport.SpecVersion);
            if (report.Public) json.WriteBoolean("public", true);
            json.WriteStartObject("period");
            json.WriteString("from", Date(report.Query.From));
            json.WriteString("to", Date(report.Query.To));
            json.WriteString("asOf", Date(report.Query.AsOf));
            json.WriteEndObject();
            json.WriteStartObject("selection");
            WriteStringOrNull(json, "localAuthority", report.Query.LocalAuthority);
            WriteStringOrNull(json, "provider", report.Query.Provider);
            json.WriteEndObject();
            json.WriteStartArray("indicators");
            foreach (var figure in report.Figures)
            {
                json.WriteStartObject();
                json.WriteString("id", figure.Id);
                if (figure.Kind == FigureKind.Rate)
                {
                    WriteNumberOrNull(json, "numerator", figure.Numerator);
                    WriteNumberOrNull(json, "denominator", figure.Denominator);
                }
                if (figure.Value is not { } value) json.WriteNull("value");
                else if (figure.Kind == FigureKind.Count) json.WriteNumber("value", (long)value);
                else json.WriteNumber("value", value);
                if (figure.Provisional is { } provisional) json.WriteBoolean("provisional", provisional);
                // A public report says of every figure whether it was withheld, so a reader can tell "fewer than 5" from "no data".
                if (report.Public) json.WriteBoolean("suppressed", figure.Suppressed);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static void WriteNumberOrNull(Utf8JsonWriter json, string name, long? value)
    {
        if (value is { } n) json.WriteNumber(name, n);
        else json.WriteNull(name);
    }

    private static void WriteStringOrNull(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null) json.WriteNull(name);
        else json.WriteString(name, value);
    }

    /// <summary>
    /// One row per indicator; every row repeats the period and selection so a row read alone still says what it counts.
    /// A public report adds a last column, <c>suppressed</c> (Y/N): a withheld figure has empty numbers.
    /// </summary>
    public static string Csv(IndicatorReport report)
    {
        var q = report.Query;
        var csv = new StringBuilder("indicator_id,numerator,denominator,value,provisional,period_from,period_to,as_of,local_authority,provider"
            + (report.Public ? ",suppressed\n" : "\n"));
        foreach (var f in report.Figures)
        {
            csv.Append(string.Join(',',
                f.Id,
                f.Numerator?.ToString(CultureInfo.InvariantCulture) ?? "",
                f.Denominator?.ToString(CultureInfo.InvariantCulture) ?? "",
                f.Value is not { } v ? "" : f.Kind == FigureKind.Count ? ((long)v).ToString(CultureInfo.InvariantCulture) : v.ToString(CultureInfo.InvariantCulture),
                f.Provisional is { } p ? (p ? "Y" : "N") : "",
                Date(q.From), Date(q.To), Date(q.AsOf), q.LocalAuthority ?? "", q.Provider ?? ""));
            if (report.Public) csv.Append(f.Suppressed ? ",Y" : ",N");
            csv.Append('\n');
        }
        return csv.ToString();
    }
}
