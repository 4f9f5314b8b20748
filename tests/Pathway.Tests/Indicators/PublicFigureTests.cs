using System.Text.Json;
using Pathway.Commissioning;
using Pathway.Data;
using Pathway.Episodes;
using Pathway.Indicators;
using Pathway.Tests.Infrastructure;
using static Pathway.Episodes.DischargeReason;

namespace Pathway.Tests.Indicators;

/// <summary>indicators.md version 2 "Public figures and small numbers". Period 2024-04-01 to 2025-03-31, as of 2026-01-01.</summary>
public class PublicFigureTests
{
    private const string From = "2024-04-01", To = "2025-03-31", AsOf = "2026-01-01";

    /// <summary>
    /// Six adults drinking alcohol, triaged 1 May 2024 and discharged 1 Aug 2024: A1–A3 self-referred and completed, each
    /// with a first intervention 10 days after referral; A4–A6 referred by their GP and dropped out.
    /// </summary>
    private static async Task<TestDatabase> SixPeopleAsync(DatabaseKind kind)
    {
        var database = await TestDatabase.CreateAsync(kind);
        await using var db = database.Open();
        var f = new IndicatorFixture(db);
        for (var i = 1; i <= 6; i++)
        {
            var completed = i <= 3;
            var episode = f.Episode(f.Client(), $"A{i}", "2024-05-01", "2024-05-01", "2024-08-01", completed ? CompletedAlcoholFree : DroppedOut,
                Substance.Alcohol, source: completed ? ReferralSource.Self : ReferralSource.Gp);
            if (completed) f.Intervention(episode, "2024-05-11");
        }
        await f.SaveAsync();
        return database;
    }

    [Theory, DatabaseData]
    public async Task APublicReportWithholdsCountsAndRatesOfOneToFourAndKeepsZero(DatabaseKind kind)
    {
        await using var database = await SixPeopleAsync(kind);

        // Staff see every figure.
        var staff = await ReportJson.RunAsync(database, From, To, AsOf);
        Assert.Equal(3, staff.Count("referral_source.gp"));
        Assert.Equal((3, 6, 50.0m), staff.Rate("completion.alcohol"));
        Assert.False(staff.Figures["referral_source.gp"].TryGetProperty("suppressed", out _));

        var report = await ReportJson.RunAsync(database, From, To, AsOf, "--public");
        Assert.True(report.Root.GetProperty("public").GetBoolean());
        // A count of 3: "fewer than 5", as "value": null, "suppressed": true.
        Assert.Equal(JsonValueKind.Null, report.Figures["referral_source.gp"].GetProperty("value").ValueKind);
        Assert.True(report.Suppressed("referral_source.gp"));
        Assert.True(report.Suppressed("referral_source.self"));
        // A rate whose numerator is 3 (3 of 6 completed): neither value, numerator nor denominator.
        var alcohol = report.Figures["completion.alcohol"];
        Assert.True(report.Suppressed("completion.alcohol"));
        foreach (var part in new[] { "numerator", "denominator", "value" })
            Assert.Equal(JsonValueKind.Null, alcohol.GetProperty(part).ValueKind);
        // A rate whose denominator is 3 (the waits of A1–A3), and the median made of those same three waits.
        Assert.True(report.Suppressed("waiting.over_3_weeks"));
        Assert.True(report.Suppressed("waiting.median_days"));
        Assert.Equal(JsonValueKind.Null, report.Figures["waiting.median_days"].GetProperty("value").ValueKind);
        // 6 stays, 0 stays 0, a 6 of 6 rate stays (every one of the six was still in treatment after 84 days or completed).
        Assert.Equal(6, report.Count("in_treatment.total"));
        Assert.False(report.Suppressed("in_treatment.total"));
        Assert.Equal(0, report.Count("in_treatment.opiate"));
        Assert.False(report.Suppressed("in_treatment.opiate"));
        Assert.Equal((6, 6, 100.0m), report.Rate("engagement.retained_12_weeks"));
        Assert.False(report.Suppressed("engagement.retained_12_weeks"));
        // No one in the opiate family: no rate, but nothing withheld either.
        Assert.Equal((0, 0, null), report.Rate("completion.opiate"));
        Assert.False(report.Suppressed("completion.opiate"));
    }

    [Theory, DatabaseData]
    public async Task APublicCsvLeavesWithheldFiguresEmptyAndSaysSo(DatabaseKind kind)
    {
        await using var database = await SixPeopleAsync(kind);

        var result = await Cli.RunAsync("report", "--db", database.DbArgument, "--from", From, "--to", To, "--as-of", AsOf, "--format", "csv", "--public");

        Assert.Equal(0, result.ExitCode);
        var lines = result.Out.Split('\n');
        Assert.EndsWith(",suppressed", lines[0]);
        Assert.Contains($"referral_source.gp,,,,,{From},{To},{AsOf},,,Y", lines);
        Assert.Contains($"completion.alcohol,,,,N,{From},{To},{AsOf},,,Y", lines);
        Assert.Contains($"in_treatment.total,,,6,,{From},{To},{AsOf},,,N", lines);
        Assert.Contains($"in_treatment.opiate,,,0,,{From},{To},{AsOf},,,N", lines);
    }

    [Theory, DatabaseData]
    public async Task TheScrutinyReportIsPublicAndSaysFewerThan5WhereTheRecordsHold3(DatabaseKind kind)
    {
        await using var database = await SixPeopleAsync(kind);

        // No --public: the scrutiny report is a public paper whatever is asked.
        var result = await Cli.RunAsync("report", "--db", database.DbArgument, "--from", From, "--to", To, "--as-of", AsOf, "--format", "html");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Referrals from GPs: fewer than 5", result.Out);
        Assert.Contains("Fewer than 5 adults were referred by GPs.", result.Out);
        Assert.Contains("Successful completions: alcohol: not shown", result.Out);
        Assert.DoesNotContain("3 of 6", result.Out);
        Assert.Contains("6 adults were in treatment at some time in the period.", result.Out);
        Assert.Contains("Retained in treatment for 12 weeks", result.Out);
    }

    [Fact]
    public void TheRuleIsOneToFourForCountsAndForEitherPartOfARate()
    {
        var query = new IndicatorQuery(new DateOnly(2024, 4, 1), new DateOnly(2025, 3, 31), new DateOnly(2026, 1, 1));
        var report = PublicFigures.Apply(new IndicatorReport(query,
        [
            Figure.Count("a", 0), Figure.Count("b", 1), Figure.Count("c", 4), Figure.Count("d", 5),
            Figure.Rate("e", 0, 10), Figure.Rate("f", 4, 10), Figure.Rate("g", 5, 10), Figure.Rate("h", 5, 4), Figure.Rate("i", 0, 0),
        ]));

        Assert.Equal(["b", "c", "f", "h"], report.Figures.Where(f => f.Suppressed).Select(f => f.Id));
        Assert.All(report.Figures.Where(f => f.Suppressed), f => Assert.True(f is { Value: null, Numerator: null, Denominator: null }));
        Assert.Equal(0m, report["a"].Value);
        Assert.Equal("fewer than 5", PlainEnglish.Value(report["b"]));
        Assert.Equal("not shown", PlainEnglish.Value(report["f"]));
    }
}
