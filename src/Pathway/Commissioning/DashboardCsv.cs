using System.Globalization;
using CsvHelper;
using Pathway.Indicators;

namespace Pathway.Commissioning;

/// <summary>
/// The dashboard as CSV, one row per figure the page shows: the indicators table (with targets), the eight quarters' trends,
/// the contract review and the benchmarks. Values are written as the page shows them (<see cref="PlainEnglish.Value"/>), beside
/// the numerator and denominator, so a figure in the file reads exactly as on the page.
/// </summary>
public static class DashboardCsv
{
    public static readonly string[] Header =
        ["section", "period", "indicator_id", "indicator", "value", "numerator", "denominator", "target", "status", "contract", "quarter", "rank"];

    public static string Write(DashboardModel page)
    {
        var period = page.Selection.Period.Label;
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = CsvWriter.Create(text, new CsvWriterOptions(), leaveOpen: true))
        {
            csv.WriteHeader(Header);
            string N(long? n) => n?.ToString(CultureInfo.InvariantCulture) ?? "";
            string Rate(Figure f, long? n) => f.Kind == FigureKind.Rate ? N(n) : "";
            foreach (var id in DashboardModel.TableIds)
            {
                var f = page.Report[id];
                page.TargetsById.TryGetValue(id, out var t);
                csv.WriteRecord(["indicators", period, id, PlainEnglish.Title(id), PlainEnglish.Value(f), Rate(f, f.Numerator), Rate(f, f.Denominator),
                    t is null ? "" : t.Target.ToString("0.#", CultureInfo.InvariantCulture), t is null ? "" : Targets.Words(t.Status), "", "", ""]);
            }
            foreach (var id in ScrutinyReport.Headlines)
            foreach (var (quarter, report) in page.Trend)
            {
                var f = report[id];
                csv.WriteRecord(["trend", period, id, PlainEnglish.Title(id), PlainEnglish.Value(f), Rate(f, f.Numerator), Rate(f, f.Denominator), "", "", "", quarter.Name, ""]);
            }
            foreach (var t in page.TargetRows)
                csv.WriteRecord(["contract_review", period, t.IndicatorId, PlainEnglish.Title(t.IndicatorId), PlainEnglish.Value(t.Figure),
                    Rate(t.Figure, t.Figure.Numerator), Rate(t.Figure, t.Figure.Denominator), t.Target.ToString("0.#", CultureInfo.InvariantCulture),
                    Targets.Words(t.Status), t.Contract.Name, "", ""]);
            foreach (var b in page.Benchmarks)
                csv.WriteRecord(["benchmarks", period, b.IndicatorId, PlainEnglish.Title(b.IndicatorId), b.Value.ToString("0.0", CultureInfo.InvariantCulture),
                    "", "", "", "", "", "", $"{b.Rank} of {b.Of}"]);
        }
        return text.ToString();
    }
}
