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
                    json.WriteNumber("numerator", figure.Numerator!.Value);
                    json.WriteNumber("denominator", figure.Denominator!.Value);
                }
                if (figure.Kind == FigureKind.Count) json.WriteNumber("value", (long)figure.Value!.Value);
                else if (figure.Value is { } value) json.WriteNumber("value", value);
                else json.WriteNull("value");
                if (figure.Provisional is { } provisional) json.WriteBoolean("provisional", provisional);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static void WriteStringOrNull(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null) json.WriteNull(name);
        else json.WriteString(name, value);
    }

    /// <summary>One row per indicator; every row repeats the period and selection so a row read alone still says what it counts.</summary>
    public static string Csv(IndicatorReport report)
    {
        var q = report.Query;
        var csv = new StringBuilder("indicator_id,numerator,denominator,value,provisional,period_from,period_to,as_of,local_authority,provider\n");
        foreach (var f in report.Figures)
        {
            csv.Append(string.Join(',',
                f.Id,
                f.Numerator?.ToString(CultureInfo.InvariantCulture) ?? "",
                f.Denominator?.ToString(CultureInfo.InvariantCulture) ?? "",
                f.Kind == FigureKind.Count ? ((long)f.Value!.Value).ToString(CultureInfo.InvariantCulture) : f.Value?.ToString(CultureInfo.InvariantCulture) ?? "",
                f.Provisional is { } p ? (p ? "Y" : "N") : "",
                Date(q.From), Date(q.To), Date(q.AsOf), q.LocalAuthority ?? "", q.Provider ?? ""));
            csv.Append('\n');
        }
        return csv.ToString();
    }
}
