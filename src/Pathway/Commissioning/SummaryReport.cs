using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Pathway.Data;
using Pathway.Indicators;

namespace Pathway.Commissioning;

public enum Direction { Up, Down, Same, NotComparable }

/// <summary>How a figure moved against an earlier one: its direction and whether that is better (null when neither).</summary>
public sealed record Travel(Direction Direction, bool? Better, decimal? Change, string Against)
{
    public static Travel Between(string id, Figure now, Figure then, string against)
    {
        if (now.Value is not { } v || then.Value is not { } t) return new(Direction.NotComparable, null, null, against);
        if (v == t) return new(Direction.Same, null, 0, against);
        var up = v > t;
        return new(up ? Direction.Up : Direction.Down, up != Targets.LowerIsBetter(id), v - t, against);
    }

    public string Arrow => Direction switch { Direction.Up => "↑", Direction.Down => "↓", Direction.Same => "→", _ => "–" };

    /// <summary>The words a screen reader says and the printed page shows: never the arrow or a colour alone.</summary>
    public string Words(Figure now) => Direction switch
    {
        Direction.NotComparable => $"Not comparable with {Against}",
        Direction.Same => $"No change since {Against}",
        _ => $"{(Direction == Direction.Up ? "Up" : "Down")} {Amount(now)} since {Against} ({(Better == true ? "better" : "worse")})",
    };

    private string Amount(Figure now) => now.Kind == FigureKind.Rate
        ? Math.Abs(Change!.Value).ToString("0.0", CultureInfo.InvariantCulture) + " points"
        : now.Kind == FigureKind.Median ? Math.Abs(Change!.Value).ToString("0.0", CultureInfo.InvariantCulture) + " days"
        : Math.Abs(Change!.Value).ToString("N0", CultureInfo.InvariantCulture);
}

/// <summary>Where a figure stands among the uploaded comparator figures: the national figure, and its rank among the other areas.</summary>
public sealed record ComparatorPlace(decimal? National, BenchmarkPosition? AmongAreas);

public sealed record SummaryLine(string Id, Figure Figure, Figure PreviousQuarter, Figure YearBefore, Travel VsPreviousQuarter, Travel VsYearBefore,
    TargetRow? Target, ComparatorPlace Place, string Sentence);

/// <summary>
/// The quarterly executive summary: one model (<see cref="SummaryReport.BuildAsync"/>), rendered by the page
/// `/performance/summary` and by `pathway report --format html --summary`, so both say the same.
/// </summary>
public sealed record SummaryModel(Quarter Quarter, IndicatorQuery Query, string AreaName, IReadOnlyList<SummaryLine> Lines,
    bool HasComparators, Contract? Contract, QuarterMoney? Money);

public static class SummaryReport
{
    public static readonly string[] Ids =
    [
        "completion.opiate", "completion.non_opiate", "completion.alcohol", "in_treatment.total", "new_presentations.total",
        Retention.Id, PrisonContinuity.Id, Deaths.Id, "waiting.over_3_weeks", "access.dna_rate",
    ];

    /// <summary>The ONS code of England: a comparator row with it (or named England) is the national figure.</summary>
    public const string EnglandCode = "E92000001";

    public static bool IsNational(BenchmarkFigure f) =>
        f.AreaCode == EnglandCode || string.Equals(f.AreaName, "England", StringComparison.OrdinalIgnoreCase)
        || string.Equals(f.AreaCode, "national", StringComparison.OrdinalIgnoreCase);

    /// <param name="query">The selection; its period is replaced by the quarter's.</param>
    public static async Task<SummaryModel> BuildAsync(PathwayDb db, Quarter quarter, IndicatorQuery query, CancellationToken cancel)
    {
        query = query with { From = quarter.From, To = quarter.To };
        var previous = quarter.Previous();
        var yearBefore = quarter with { FinancialYear = quarter.FinancialYear - 1 };
        var report = await KeptFigures.ComputeAsync(db, query, KeptKind.Full, cancel);
        var before = await KeptFigures.ComputeAsync(db, query with { From = previous.From, To = previous.To }, KeptKind.Full, cancel);
        var yearAgo = await KeptFigures.ComputeAsync(db, query with { From = yearBefore.From, To = yearBefore.To }, KeptKind.Full, cancel);

        // Targets stand beside the figures only when the figures are exactly one contract's (as on the dashboard).
        var rows = await ContractReview.ScoreAsync(db, report, Ids, cancel);
        var exact = rows.Where(r => ContractReview.IsExactly(query, r.Contract)).ToList();
        var contract = query.LocalAuthority is null || query.Provider is null ? null
            : await db.Contracts.AsNoTracking().Include(c => c.Targets)
                .Where(c => c.LocalAuthorityCode == query.LocalAuthority && c.ProviderCode == query.Provider && c.StartDate <= quarter.To && c.EndDate >= quarter.From)
                .OrderByDescending(c => c.StartDate).FirstOrDefaultAsync(cancel);
        QuarterMoney? money = null;
        if (contract is not null)
        {
            var spend = await db.ContractSpends.AsNoTracking()
                .Where(s => s.ContractId == contract.Id && s.FinancialYear == quarter.FinancialYear && s.QuarterNumber == quarter.Number)
                .Select(s => (decimal?)s.Amount).FirstOrDefaultAsync(cancel);
            money = ContractMoney.For(contract, exact, spend, report);
        }

        var published = await Benchmarking.ForPeriodAsync(db, query.LocalAuthority, quarter.From, quarter.To, cancel);
        var lines = new List<SummaryLine>();
        foreach (var id in Ids)
        {
            var f = report[id];
            var comparators = published.Where(b => b.IndicatorId == id).ToList();
            var place = new ComparatorPlace(
                comparators.FirstOrDefault(IsNational)?.Value,
                Benchmarking.Position(id, f.Value, comparators.Where(c => !IsNational(c)).ToList()));
            lines.Add(new SummaryLine(id, f, before[id], yearAgo[id],
                Travel.Between(id, f, before[id], previous.Name), Travel.Between(id, f, yearAgo[id], yearBefore.Name),
                exact.FirstOrDefault(r => r.IndicatorId == id && (contract is null || r.Contract.Id == contract.Id)), place, PlainEnglish.Sentence(f)));
        }
        return new SummaryModel(quarter, query, await AreaNames.DescribeAsync(db, query, cancel), lines, published.Count > 0, contract, money);
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private static string Numbers(Figure f) => f.Kind == FigureKind.Rate
        ? $"{f.Numerator?.ToString("N0", CultureInfo.InvariantCulture)} of {f.Denominator?.ToString("N0", CultureInfo.InvariantCulture)}" : "count";

    private static string TravelCell(Travel t, Figure now)
    {
        var css = t.Better switch { true => "pathway-travel pathway-travel--better", false => "pathway-travel pathway-travel--worse", _ => "pathway-travel" };
        return $"<span class=\"{css}\"><span class=\"pathway-travel__arrow\" aria-hidden=\"true\">{t.Arrow}</span> {E(t.Words(now))}</span>";
    }

    private static string Place(SummaryLine line, bool any)
    {
        if (!any) return "No comparator figures uploaded";
        var parts = new List<string>();
        if (line.Place.National is { } n) parts.Add($"England {n.ToString("0.0", CultureInfo.InvariantCulture)}");
        if (line.Place.AmongAreas is { } p) parts.Add($"{p.Rank} of {p.Of} areas ({(p.Quartile switch { 1 => "top quartile", 4 => "bottom quartile", var q => $"quartile {q}" })})");
        return parts.Count == 0 ? "No comparator figures for this indicator" : string.Join("; ", parts);
    }

    /// <summary>The summary itself, without page chrome: the page places it in the layout, the CLI in <see cref="Document"/>.</summary>
    public static string Body(SummaryModel model)
    {
        var q = model.Query;
        var html = new StringBuilder();
        html.Append($"""
            <article class="pathway-summary" aria-labelledby="summary-title">
            <h1 id="summary-title">Quarterly executive summary: {E(model.Quarter.Name)}</h1>
            <p class="nhsuk-lede-text">{E(model.AreaName)}, {q.From:d MMMM yyyy} to {q.To:d MMMM yyyy}. Figures use the records held on {q.AsOf:d MMMM yyyy}.</p>
            <p class="nhsuk-body-s">Counts of people, never individuals (indicators.md, version {IndicatorReport.SpecVersion}). Arrows compare with the previous quarter ({E(model.Quarter.Previous().Name)})
            and the same quarter a year before; "better" follows the direction each figure aims for. Status is against the contract's target: met, within 10%, or not met.</p>
            """);
        if (model.Contract is { } c)
            html.Append($"<p class=\"nhsuk-body-s\">Contract: {E(c.Name)}, {c.StartDate:d MMM yyyy} to {c.EndDate:d MMM yyyy}.</p>");
        else
            html.Append("<p class=\"nhsuk-body-s\">No single contract covers this selection, so no targets or money are shown. Choose a council and a provider.</p>");

        html.Append("""
            <div class="nhsuk-table-container" tabindex="0" role="region" aria-label="Headline figures for the quarter">
            <table class="nhsuk-table pathway-summary__table" id="summary-figures">
            <caption class="nhsuk-table__caption nhsuk-table__caption--s">Headline figures for the quarter</caption>
            <thead><tr><th scope="col">Indicator</th><th scope="col">This quarter</th><th scope="col">Numerator / denominator</th><th scope="col">Target and status</th>
            <th scope="col">Against previous quarter</th><th scope="col">Against a year before</th><th scope="col">Among comparators</th></tr></thead><tbody>
            """);
        foreach (var line in model.Lines)
        {
            var f = line.Figure;
            var target = line.Target is { } t
                ? $"{t.Target.ToString("0.#", CultureInfo.InvariantCulture)}{(Targets.LowerIsBetter(t.IndicatorId) ? " or less" : " or more")} <strong class=\"{Targets.TagClass(t.Status)}\">{Targets.Words(t.Status)}</strong>"
                : "No target";
            html.Append($"<tr><th scope=\"row\">{E(PlainEnglish.Title(line.Id))}</th><td>{E(PlainEnglish.Value(f))}</td><td>{E(Numbers(f))}</td><td>{target}</td>");
            html.Append($"<td>{TravelCell(line.VsPreviousQuarter, f)}</td><td>{TravelCell(line.VsYearBefore, f)}</td><td>{E(Place(line, model.HasComparators))}</td></tr>");
        }
        html.Append("</tbody></table></div>");

        html.Append("<section class=\"pathway-summary__section\"><h2>In plain English</h2><ul class=\"pathway-summary__sentences\">");
        foreach (var line in model.Lines) html.Append($"<li>{E(line.Sentence)}</li>");
        html.Append("</ul></section>");

        html.Append("<section class=\"pathway-summary__section\" id=\"summary-money\"><h2>Money and value for money</h2>");
        if (model.Money is not { } m)
            html.Append("<p>No contract covers exactly this selection, so there is no money to show.</p>");
        else
        {
            var rows = new (string Label, string Value)[]
            {
                ("Contract value this quarter", ContractMoney.Pounds(m.QuarterValue)),
                ("Spend recorded for the quarter", m.Spend is null ? "Not recorded yet" : ContractMoney.Pounds(m.Spend)),
                ("Cost per adult in treatment", ContractMoney.Pounds(m.PerAdultInTreatment)),
                ("Cost per successful completion", ContractMoney.Pounds(m.PerSuccessfulCompletion)),
                ("Cost per new presentation", ContractMoney.Pounds(m.PerNewPresentation)),
                ("Outcome payment earned", $"{ContractMoney.Pounds(m.OutcomeEarned)} of {ContractMoney.Pounds(m.OutcomePot)} ({m.TargetsMet} of {m.Targets} targets met)"),
                ("Saving against the previous contract", m.AnnualSaving is null ? "No previous contract recorded"
                    : $"{ContractMoney.Pounds(m.QuarterSaving)} this quarter ({ContractMoney.Pounds(m.AnnualSaving)} a year)"),
            };
            html.Append("<dl class=\"nhsuk-summary-list\">");
            foreach (var (label, value) in rows)
                html.Append($"<div class=\"nhsuk-summary-list__row\"><dt class=\"nhsuk-summary-list__key\">{E(label)}</dt><dd class=\"nhsuk-summary-list__value\">{E(value)}</dd></div>");
            html.Append("</dl><p class=\"nhsuk-body-s\">Costs divide the quarter's recorded spend by the quarter's figures. The outcome payment shares the quarter's outcome element equally among the contract's targets; a target's share is earned when it is met.</p>");
        }
        html.Append("</section></article>");
        return html.ToString();
    }

    /// <summary>A whole printable document for `report --format html --summary`, with the summary's stylesheet inside it.</summary>
    public static string Document(SummaryModel model)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "wwwroot", "css", "summary.css");
        var css = File.Exists(path) ? File.ReadAllText(path) : "";
        return $"""
            <!DOCTYPE html>
            <html lang="en-GB">
            <head>
            <meta charset="utf-8">
            <title>Quarterly executive summary – Pathway</title>
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
}
