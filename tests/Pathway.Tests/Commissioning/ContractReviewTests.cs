using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Pathway.Commissioning;
using Pathway.Data;
using Pathway.Demo;
using Pathway.Indicators;
using Pathway.Infrastructure;
using Pathway.Tests.Infrastructure;

namespace Pathway.Tests.Commissioning;

/// <summary>A contract is always scored on its own council's and provider's figures, whatever the page's selection.</summary>
public partial class ContractReviewTests
{
    private const string Manager = "sam.manager@demo.pathway.example";
    private const string StockportCommissioner = "chris.commissioner@demo.pathway.example";

    private sealed record ReviewRow(string Contract, string Indicator, string Actual, string NumeratorDenominator, string Status);

    [GeneratedRegex("""<table[^>]*id="contract-review".*?<tbody>(.*?)</tbody>""", RegexOptions.Singleline)]
    private static partial Regex ReviewTable();
    [GeneratedRegex("""<tr>\s*<td>([^<]+)<br>.*?</td>\s*<td>([^<]*)</td>\s*<td>[^<]*</td>\s*<td>([^<]*)</td>\s*<td>([^<]*)</td>\s*<td><strong[^>]*>([^<]*)</strong></td>""", RegexOptions.Singleline)]
    private static partial Regex ReviewRowPattern();

    private static List<ReviewRow> Rows(string html) =>
        ReviewRowPattern().Matches(ReviewTable().Match(html).Groups[1].Value)
            .Select(m => new ReviewRow(WebUtility.HtmlDecode(m.Groups[1].Value.Trim()), WebUtility.HtmlDecode(m.Groups[2].Value),
                WebUtility.HtmlDecode(m.Groups[3].Value), m.Groups[4].Value, m.Groups[5].Value))
            .ToList();

    [Theory, DatabaseData]
    public async Task EachContractIsScoredOnItsOwnCouncilsAndProvidersFiguresWhateverTheSelection(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await database.FillDemoAsync(new DemoOptions(People: 240, Years: 2, Seed: 6), new DateOnly(2026, 11, 23));
        await using var site = await TestSite.StartAsync(database.Target);
        var period = ReportPeriod.Default(TimeProvider.System.Today());
        using var manager = site.NewClient();
        await TestSite.SignInAsync(manager, Manager, DemoArea.Password);
        using var commissioner = site.NewClient();
        await TestSite.SignInAsync(commissioner, StockportCommissioner, DemoArea.Password);

        // Every local authority of the incoming provider (both contracts on one page), Stockport alone, and Stockport's commissioner (every provider).
        var pages = new Dictionary<string, List<ReviewRow>>
        {
            ["all councils"] = Rows(await manager.GetStringAsync($"/performance?period={period.Key}&la=&provider=NEWCO")),
            ["Stockport"] = Rows(await manager.GetStringAsync($"/performance?period={period.Key}&la=E08000007&provider=NEWCO")),
            ["Stockport's commissioner"] = Rows(await commissioner.GetStringAsync($"/performance?period={period.Key}")),
        };

        await using var db = database.Open();
        var contracts = await db.Contracts.AsNoTracking().Include(c => c.Targets).OrderBy(c => c.Id).ToListAsync();
        var combined = await IndicatorEngine.ComputeAsync(db, new IndicatorQuery(period.From, period.To, TimeProvider.System.Today(), null, "NEWCO"));
        var differsFromCombined = false;
        foreach (var contract in contracts)
        {
            var own = await IndicatorEngine.ComputeAsync(db,
                new IndicatorQuery(period.From, period.To, TimeProvider.System.Today(), contract.LocalAuthorityCode, contract.ProviderCode));
            foreach (var target in contract.Targets)
            {
                var figure = own[target.IndicatorId];
                var expected = new ReviewRow(contract.Name, PlainEnglish.Title(target.IndicatorId), PlainEnglish.Value(figure),
                    figure.Kind == FigureKind.Rate ? $"{figure.Numerator} / {figure.Denominator}" : "",
                    Targets.Words(Targets.StatusOf(target.IndicatorId, figure.Value, target.Target)));
                differsFromCombined |= figure != combined[target.IndicatorId];
                foreach (var (page, rows) in pages)
                    if (page == "all councils" || contract.LocalAuthorityCode == "E08000007")
                        Assert.True(rows.Contains(expected), $"{page}: expected {expected}, shown {string.Join("; ", rows.Where(r => r.Contract == contract.Name && r.Indicator == expected.Indicator))}");
            }
        }
        // The demonstration must be big enough for a council's own figures to differ from the combined ones, or this proves nothing.
        Assert.True(differsFromCombined);
        Assert.Equal(contracts.Sum(c => c.Targets.Count), pages["all councils"].Count);
    }
}
