using System.Net;
using Microsoft.EntityFrameworkCore;
using Pathway.Commissioning;
using Pathway.Data;
using Pathway.Demo;
using Pathway.Indicators;
using Pathway.Infrastructure;
using Pathway.Tests.Indicators;
using Pathway.Tests.Infrastructure;
using static Pathway.Episodes.DischargeReason;

namespace Pathway.Tests.Commissioning;

/// <summary>
/// The quarterly executive summary (figures, arrows, targets and money) and the spend form. The quarter is 2025-26 Q1
/// (April to June 2025), the previous quarter January to March 2025 and the year before April to June 2024; as-of 2026-01-01.
/// </summary>
public class QuarterlySummaryTests
{
    private static readonly Quarter Q = new(2025, 1);
    private static readonly DateOnly AsOf = new(2026, 1, 1);
    private const string Stockport = IndicatorFixture.Stockport;

    /// <summary>
    /// A: in treatment from 10 Apr 2024, never discharged (in every quarter). B: from 1 Feb 2025 (previous and this quarter).
    /// C: from 1 May 2025 (this quarter only; its journey starts in it, a new presentation). So adults in treatment are 1 a
    /// year before, 2 the previous quarter and 3 now. The contract is Stockport's with NEWCO: £1,000,000 a year, 10% on
    /// outcomes, replacing one of £1,200,000, with targets in treatment 3.2 (3 is within 10%: amber), new presentations 2
    /// (1 is not met: red) and deaths 0 (0 met: green); £240,000 spent in the quarter.
    /// </summary>
    private static async Task<int> FixtureAsync(PathwayDb db)
    {
        var f = new IndicatorFixture(db);
        f.Episode(f.Client(), "A1", "2024-04-10", "2024-04-10");
        f.Episode(f.Client(), "B1", "2025-02-01", "2025-02-01");
        f.Episode(f.Client(), "C1", "2025-05-01", "2025-05-01");
        var contract = new Contract
        {
            Name = "Stockport adult treatment", LocalAuthorityCode = Stockport, ProviderCode = "NEWCO",
            StartDate = new DateOnly(2024, 4, 1), EndDate = new DateOnly(2029, 3, 31),
            AnnualValue = 1_000_000m, OutcomePaymentPercent = 10m, PreviousAnnualValue = 1_200_000m,
            Targets =
            [
                new() { IndicatorId = "in_treatment.total", Target = 3.2m },
                new() { IndicatorId = "new_presentations.total", Target = 2m },
                new() { IndicatorId = Deaths.Id, Target = 0m },
            ],
            Spend = [new() { FinancialYear = 2025, QuarterNumber = 1, Amount = 240_000m, RecordedBy = "test", RecordedAt = DateTimeOffset.UnixEpoch }],
        };
        db.Contracts.Add(contract);
        await f.SaveAsync();
        return contract.Id;
    }

    private static IndicatorQuery Query => new(Q.From, Q.To, AsOf, Stockport, "NEWCO");

    [Theory, DatabaseData]
    public async Task TheSummarysFiguresAreTheEnginesForTheQuarterWithArrowsAgainstThePreviousQuarterAndAYearBefore(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await using var db = database.Open();
        await FixtureAsync(db);

        var summary = await SummaryReport.BuildAsync(db, Q, Query, default);

        var now = await IndicatorEngine.ComputeAsync(db, Query);
        var before = await IndicatorEngine.ComputeAsync(db, Query with { From = new DateOnly(2025, 1, 1), To = new DateOnly(2025, 3, 31) });
        var yearAgo = await IndicatorEngine.ComputeAsync(db, Query with { From = new DateOnly(2024, 4, 1), To = new DateOnly(2024, 6, 30) });
        Assert.Equal(SummaryReport.Ids, summary.Lines.Select(l => l.Id));
        foreach (var line in summary.Lines)
        {
            Assert.Equal(now[line.Id], line.Figure);
            Assert.Equal(before[line.Id], line.PreviousQuarter);
            Assert.Equal(yearAgo[line.Id], line.YearBefore);
            Assert.Equal(PlainEnglish.Sentence(now[line.Id]), line.Sentence);
        }
        var inTreatment = summary.Lines.Single(l => l.Id == "in_treatment.total");
        Assert.Equal((3m, 2m, 1m), (inTreatment.Figure.Value, inTreatment.PreviousQuarter.Value, inTreatment.YearBefore.Value));
        Assert.Equal(new Travel(Direction.Up, true, 1m, "2024-25 Q4"), inTreatment.VsPreviousQuarter);
        Assert.Equal(new Travel(Direction.Up, true, 2m, "2024-25 Q1"), inTreatment.VsYearBefore);
        Assert.Equal("Up 1 since 2024-25 Q4 (better)", inTreatment.VsPreviousQuarter.Words(inTreatment.Figure));
        // New presentations: C this quarter (1), B the previous (1), A a year before (1): no change either way.
        var presentations = summary.Lines.Single(l => l.Id == "new_presentations.total");
        Assert.Equal(1m, presentations.Figure.Value);
        Assert.Equal(Direction.Same, presentations.VsPreviousQuarter.Direction);
        Assert.Equal(Direction.Same, presentations.VsYearBefore.Direction);
        // No comparator figures were uploaded.
        Assert.False(summary.HasComparators);
        Assert.Contains("No comparator figures uploaded", SummaryReport.Body(summary));
    }

    [Fact]
    public void ADeathMoreThanBeforeIsWorseAndAnArrowSaysSoInWords()
    {
        var travel = Travel.Between(Deaths.Id, Figure.Count(Deaths.Id, 2), Figure.Count(Deaths.Id, 1), "2024-25 Q4");
        Assert.Equal((Direction.Up, (bool?)false), (travel.Direction, travel.Better));
        Assert.Equal("Up 1 since 2024-25 Q4 (worse)", travel.Words(Figure.Count(Deaths.Id, 2)));
        var rate = Travel.Between("completion.opiate", Figure.Rate("completion.opiate", 1, 10), Figure.Rate("completion.opiate", 3, 20), "2024-25 Q1");
        // 10.0% against 15.0%: down 5.0 points, and completions aim high, so worse.
        Assert.Equal("Down 5.0 points since 2024-25 Q1 (worse)", rate.Words(Figure.Rate("completion.opiate", 1, 10)));
        Assert.Equal(Direction.NotComparable, Travel.Between("completion.opiate", Figure.Rate("completion.opiate", 0, 0), Figure.Rate("completion.opiate", 1, 2), "x").Direction);
    }

    [Theory, DatabaseData]
    public async Task TheSummarysStatusesAreTheTargetsAndItsMoneyIsTheQuartersSpendDividedByTheQuartersFigures(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await using (var db = database.Open())
        {
            await FixtureAsync(db);
            var summary = await SummaryReport.BuildAsync(db, Q, Query, default);

            Rag? Status(string id) => summary.Lines.Single(l => l.Id == id).Target?.Status;
            Assert.Equal(Rag.Amber, Status("in_treatment.total"));      // 3 against 3.2: 3 >= 2.88
            Assert.Equal(Rag.Red, Status("new_presentations.total"));   // 1 against 2: 1 < 1.8
            Assert.Equal(Rag.Green, Status(Deaths.Id));                 // 0 against 0 or less
            Assert.Null(summary.Lines.Single(l => l.Id == "completion.opiate").Target);

            var m = summary.Money!;
            Assert.Equal(250_000m, m.QuarterValue);               // 1,000,000 / 4
            Assert.Equal(25_000m, m.OutcomePot);                  // 10% of 250,000
            Assert.Equal((3, 1), (m.Targets, m.TargetsMet));      // only deaths is met; amber earns nothing
            Assert.Equal(8_333.33m, m.OutcomeEarned);             // 25,000 / 3 targets × 1 met = 8,333.333… to the penny
            Assert.Equal(240_000m, m.Spend);
            Assert.Equal(80_000m, m.PerAdultInTreatment);         // 240,000 / 3 adults
            Assert.Equal(240_000m, m.PerNewPresentation);         // 240,000 / 1 new presentation
            Assert.Null(m.PerSuccessfulCompletion);               // no completion: no division by zero
            Assert.Equal(200_000m, m.AnnualSaving);               // 1,200,000 − 1,000,000
            Assert.Equal(50_000m, m.QuarterSaving);               // 200,000 / 4
        }

        // The command line writes the same summary: one model, two renderings.
        var cli = await Cli.RunAsync(["report", "--db", database.DbArgument, "--from", "2025-04-01", "--to", "2025-06-30", "--as-of", "2026-01-01",
            "--local-authority", Stockport, "--provider", "NEWCO", "--format", "html", "--summary"]);
        Assert.True(cli.ExitCode == 0, cli.Error);
        await using (var db = database.Open())
            Assert.Contains(SummaryReport.Body(await SummaryReport.BuildAsync(db, Q, Query, default)), cli.Out);
        Assert.Contains("£8,333.33 of £25,000.00 (1 of 3 targets met)", WebUtility.HtmlDecode(cli.Out));
        Assert.Contains("@media print", cli.Out);

        var json = await Cli.RunAsync(["report", "--db", database.DbArgument, "--from", "2025-04-01", "--to", "2025-06-30", "--summary"]);
        Assert.Equal(2, json.ExitCode);
    }

    [Fact]
    public void MoneyRoundsToThePennyAndEarnsEachMetTargetsEqualShare()
    {
        // £2,345,678 a year: a quarter is 586,419.50; 7.5% of it is 43,981.4625 → 43,981.46; two of four targets met
        // earn half: 21,990.73. Spend 600,001 over 7 adults is 85,714.428… → 85,714.43.
        var contract = new Contract
        {
            Id = 9, Name = "x", LocalAuthorityCode = Stockport, ProviderCode = "NEWCO", AnnualValue = 2_345_678m, OutcomePaymentPercent = 7.5m,
            Targets = [new() { IndicatorId = "a" }, new() { IndicatorId = "b" }, new() { IndicatorId = "c" }, new() { IndicatorId = "d" }],
        };
        var figure = Figure.Count("in_treatment.total", 7);
        TargetRow Row(Rag status) => new(contract, "a", 1, figure, status);
        var figures = new IndicatorReport(Query,
        [
            figure, Figure.Count("new_presentations.total", 0),
            Figure.Rate("completion.opiate", 1, 4), Figure.Rate("completion.non_opiate", 0, 3), Figure.Rate("completion.alcohol", 2, 5),
        ]);
        var m = ContractMoney.For(contract, [Row(Rag.Green), Row(Rag.Green), Row(Rag.Amber), Row(Rag.Red)], 600_001m, figures);
        Assert.Equal(586_419.50m, m.QuarterValue);
        Assert.Equal(43_981.46m, m.OutcomePot);
        Assert.Equal(21_990.73m, m.OutcomeEarned);
        Assert.Equal(85_714.43m, m.PerAdultInTreatment);
        Assert.Equal(200_000.33m, m.PerSuccessfulCompletion);   // 600,001 / (1 + 0 + 2) completions
        Assert.Null(m.PerNewPresentation);                        // none: not a division by zero
        Assert.Null(m.AnnualSaving);                              // no previous contract recorded
    }

    [Theory]
    [InlineData("", "Enter the amount spent in the quarter, in pounds")]
    [InlineData("lots", "Amount spent must be a number of pounds, like 125000 or 125,000.50")]
    [InlineData("-5", "Amount spent must be 0 or more")]
    [InlineData("12.345", "Amount spent must have no more than 2 decimal places (pence)")]
    [InlineData("1000000000000", "Amount spent must be less than £1,000,000,000,000")]
    public void ASpendThatIsNotPoundsAndPenceIsRefusedWithAMessage(string typed, string message) =>
        Assert.Equal((null, message), ContractMoney.ReadSpend(typed));

    [Fact]
    public void ASpendWithAPoundSignAndCommasIsRead() =>
        Assert.Equal((125_000.5m, (string?)null), ContractMoney.ReadSpend(" £125,000.50 "));

    [Theory, DatabaseData]
    public async Task ACommissionerRecordsTheQuartersSpendOnlyForTheirCouncilsContractAndBadInputKeepsWhatWasTyped(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await database.FillDemoAsync(new DemoOptions(People: 60, Years: 2, Seed: 3), new DateOnly(2026, 11, 23));
        await using var site = await TestSite.StartAsync(database.Target);
        using var commissioner = site.NewClient();
        await TestSite.SignInAsync(commissioner, "chris.commissioner@demo.pathway.example", DemoArea.Password);
        int own, other;
        await using (var db = database.Open())
        {
            own = await db.Contracts.Where(c => c.LocalAuthorityCode == Stockport).Select(c => c.Id).SingleAsync();
            other = await db.Contracts.Where(c => c.LocalAuthorityCode != Stockport).Select(c => c.Id).FirstAsync();
        }
        var quarter = Quarter.Containing(TimeProvider.System.Today()).Previous();
        var page = $"/performance/spend?contractId={own}&quarter={quarter.Key}";

        var bad = await TestSite.PostFormAsync(commissioner, page, page, new() { ["ContractId"] = $"{own}", ["Quarter"] = quarter.Key, ["Amount"] = "12.345" });
        var html = await bad.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        Assert.Contains("<title>Error: ", html);
        Assert.Contains("Amount spent must have no more than 2 decimal places (pence)", WebUtility.HtmlDecode(html));
        Assert.Contains("value=\"12.345\"", html);

        var future = Quarter.Containing(TimeProvider.System.Today());
        future = new Quarter(future.FinancialYear + 1, future.Number);
        html = await (await TestSite.PostFormAsync(commissioner, page, page, new() { ["ContractId"] = $"{own}", ["Quarter"] = future.Key, ["Amount"] = "100" }))
            .Content.ReadAsStringAsync();
        Assert.Contains("Choose a quarter the contract covers, up to the current one", WebUtility.HtmlDecode(html));

        var good = await TestSite.PostFormAsync(commissioner, page, page, new() { ["ContractId"] = $"{own}", ["Quarter"] = quarter.Key, ["Amount"] = "£612,345.67" });
        Assert.Contains("Spend of £612,345.67 saved", WebUtility.HtmlDecode(await good.Content.ReadAsStringAsync()));
        await using (var db = database.Open())
            Assert.Equal(612_345.67m, await db.ContractSpends.Where(s => s.ContractId == own && s.FinancialYear == quarter.FinancialYear && s.QuarterNumber == quarter.Number)
                .Select(s => s.Amount).SingleAsync());

        // Another council's contract is not found; a team manager keeps no council's spend.
        Assert.Equal(HttpStatusCode.NotFound, (await commissioner.GetAsync($"/performance/spend?contractId={other}")).StatusCode);
        using var manager = site.NewClient();
        await TestSite.SignInAsync(manager, "sam.manager@demo.pathway.example", DemoArea.Password);
        Assert.True((await manager.GetAsync(page)).StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Redirect);

        // The summary shows it, for the commissioner's own council's contract.
        var summary = WebUtility.HtmlDecode(await commissioner.GetStringAsync($"/performance/summary?quarter={quarter.FinancialYear}-Q{quarter.Number}"));
        Assert.Contains("£612,345.67", summary);
        Assert.Contains("Quarterly executive summary: " + quarter.Name, summary);
    }
}
