using System.Net;
using System.Text;
using Pathway.Data;
using Pathway.Indicators;

namespace Pathway.Commissioning;

/// <summary>
/// The page a commissioner takes to a scrutiny committee: headline figures, trends, housing, offending,
/// online access, residential rehab and referral sources, each with a sentence. One rendering, used by the
/// web page and by `report --format html`, so both say the same.
/// </summary>
public sealed record ScrutinyModel(IndicatorReport Report, IReadOnlyList<(Quarter Quarter, IndicatorReport Report)> Trend, string AreaName);

public static class ScrutinyReport
{
    public static readonly string[] Headlines = ["completion.opiate", "completion.non_opiate", "completion.alcohol", "in_treatment.total", "waiting.over_3_weeks"];

    private static readonly (string Heading, string[] Ids)[] Sections =
    [
        ("Successful completion without re-presentation", ["completion.opiate", "completion.non_opiate", "completion.alcohol"]),
        ("Numbers in treatment", ["in_treatment.total", "new_presentations.total", "young_people.in_treatment", "young_people.new_presentations"]),
        ("Staying in treatment", [Retention.Id, PrisonContinuity.Id, Deaths.Id]),
        ("Waiting times", ["waiting.median_days", "waiting.over_3_weeks"]),
        ("Housing, offending and work", ["outcomes.housing_resolved", "outcomes.offending_stopped", "outcomes.paid_work", "outcomes.abstinent"]),
        ("Online and digital access", ["access.online_self_referrals", "access.digital_contacts", "access.dna_rate"]),
        ("Residential rehabilitation", ["access.residential_rehab"]),
        ("Referral sources: GP and pharmacy involvement", ["referral_source.gp", "referral_source.pharmacy", "referral_source.self", "referral_source.online_self", "referral_source.criminal_justice", "referral_source.hospital"]),
    ];

    /// <summary>
    /// The report and its trends with the small-number rule applied (indicators.md version 2): a scrutiny report is a
    /// public paper, on the page as much as on paper.
    /// </summary>
    public static async Task<ScrutinyModel> BuildAsync(PathwayDb db, IndicatorQuery query, CancellationToken cancel)
    {
        var report = PublicFigures.Apply(await KeptFigures.ComputeAsync(db, query, KeptKind.Full, cancel));
        var trend = new List<(Quarter, IndicatorReport)>();
        foreach (var quarter in Quarter.Containing(query.To).LastQuarters(8))
        {
            if (quarter.From > query.AsOf) continue;
            trend.Add((quarter, PublicFigures.Apply(await KeptFigures.ComputeAsync(db, query with { From = quarter.From, To = quarter.To }, KeptKind.Headlines, cancel))));
        }
        return new ScrutinyModel(report, trend, await AreaNames.DescribeAsync(db, query, cancel));
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);

    /// <summary>The report itself, without page chrome: the web page places it in the layout.</summary>
    public static string Body(ScrutinyModel model)
    {
        var q = model.Report.Query;
        var html = new StringBuilder();
        html.Append($"""
            <article class="pathway-scrutiny" aria-labelledby="scrutiny-title">
            <h1 id="scrutiny-title">Drug and alcohol treatment: report to scrutiny committee</h1>
            <p class="nhsuk-lede-text">{E(model.AreaName)}, {q.From:d MMMM yyyy} to {q.To:d MMMM yyyy}. Figures use the records held on {q.AsOf:d MMMM yyyy}.</p>
            <p class="nhsuk-body-s">Counts of people, never individuals. Definitions: Pathway indicators (indicators.md, version {IndicatorReport.SpecVersion}); each rate shows what it is made of.
            So that no one can be recognised, a count from 1 to 4 is shown as "{PublicFigures.FewerThan}", and a rate made of such a count is not shown.</p>
            """);
        foreach (var (heading, ids) in Sections)
        {
            html.Append($"<section class=\"pathway-scrutiny__section\"><h2>{E(heading)}</h2><ul class=\"pathway-scrutiny__figures\">");
            foreach (var id in ids)
            {
                var f = model.Report[id];
                html.Append($"<li><strong>{E(PlainEnglish.Title(id))}: {E(PlainEnglish.Value(f))}</strong> {E(PlainEnglish.Sentence(f))}</li>");
            }
            html.Append("</ul></section>");
        }

        html.Append("<section class=\"pathway-scrutiny__section\"><h2>Trends over the last eight quarters</h2>");
        html.Append("<table class=\"nhsuk-table\"><caption class=\"nhsuk-table__caption\">Headline figures by quarter</caption><thead><tr><th scope=\"col\">Quarter</th>");
        foreach (var id in Headlines) html.Append($"<th scope=\"col\">{E(PlainEnglish.Title(id))}</th>");
        html.Append("</tr></thead><tbody>");
        foreach (var (quarter, report) in model.Trend)
        {
            html.Append($"<tr><th scope=\"row\">{E(quarter.Name)}</th>");
            foreach (var id in Headlines)
            {
                var f = report[id];
                var detail = f.Kind == FigureKind.Rate && !f.Suppressed ? $" <span class=\"pathway-muted\">({f.Numerator}/{f.Denominator})</span>" : "";
                html.Append($"<td>{E(PlainEnglish.Value(f))}{detail}</td>");
            }
            html.Append("</tr>");
        }
        html.Append("</tbody></table>");
        foreach (var id in Headlines.Take(3)) html.Append(Sparkline.Svg(PlainEnglish.Title(id), model.Trend.Select(t => (t.Quarter.Name, t.Report[id].Value)).ToList()));
        html.Append("</section></article>");
        return html.ToString();
    }

    /// <summary>A whole printable document for `report --format html`, with the print stylesheet inside it.</summary>
    public static string Document(ScrutinyModel model)
    {
        var css = StyleSheet();
        return $"""
            <!DOCTYPE html>
            <html lang="en-GB">
            <head>
            <meta charset="utf-8">
            <title>Scrutiny report – Pathway</title>
            <style>
            {css}
            </style>
            </head>
            <body>
            {Body(model)}
            </body>
            </html>

            """;
    }

    /// <summary>The report's own styles, shared by the page (/css/scrutiny.css) and the standalone document.</summary>
    public static string StyleSheet()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "wwwroot", "css", "scrutiny.css");
        return File.Exists(path) ? File.ReadAllText(path) : "";
    }
}
