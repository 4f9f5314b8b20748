using System.Text.Json;
using Pathway.Data;
using Pathway.Episodes;
using Pathway.Infrastructure;
using Pathway.OutcomeReviews;
using Pathway.Tests.Infrastructure;

namespace Pathway.Tests.Indicators;

/// <summary>indicators.md §3–§5 and the report's shape, on hand-built fixtures. Period 2024-04-01 to 2025-03-31.</summary>
public class ActivityIndicatorTests
{
    [Theory, DatabaseData]
    public async Task WaitsRunFromReferralToTheFirstInterventionWhenThatFallsInThePeriod(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await using (var db = database.Open())
        {
            var f = new IndicatorFixture(db);
            var e1 = f.Episode(f.Client(), "W1", "2024-04-01");
            f.Intervention(e1, "2024-06-01");
            f.Intervention(e1, "2024-04-11");                     // first: 10 days
            f.Intervention(f.Episode(f.Client(), "W2", "2024-03-01"), "2024-04-05");   // 35 days, referred before the period
            f.Intervention(f.Episode(f.Client(), "W3", "2024-05-01"), "2024-05-23");   // 22 days: over three weeks
            f.Intervention(f.Episode(f.Client(), "W4", "2024-06-01"), "2024-06-22");   // 21 days: not over
            var e5 = f.Episode(f.Client(), "W5", "2024-02-01");
            f.Intervention(e5, "2024-03-01");                     // first intervention before the period: excluded
            f.Intervention(e5, "2024-05-01");
            f.Intervention(f.Episode(f.Client(), "W6", "2024-04-01", pathway: CarePathway.YoungPeople), "2024-06-01"); // not adult
            await f.SaveAsync();
        }

        var report = await ReportJson.RunAsync(database, "2024-04-01", "2025-03-31", "2026-01-01");

        // Waits 10, 21, 22, 35: median (21 + 22) / 2 = 21.5; over 21 days: 22 and 35, 2 of 4 = 50.0%.
        Assert.Equal(21.5m, report.Figures["waiting.median_days"].GetProperty("value").GetDecimal());
        Assert.False(report.Figures["waiting.median_days"].TryGetProperty("numerator", out _));
        Assert.Equal((2, 4, 50.0m), report.Rate("waiting.over_3_weeks"));

        // As of 20 May 2024 only W1 (10) and W2 (35) have started: median 22.5, 1 of 2 over three weeks.
        var early = await ReportJson.RunAsync(database, "2024-04-01", "2025-03-31", "2024-05-20");
        Assert.Equal(22.5m, early.Figures["waiting.median_days"].GetProperty("value").GetDecimal());
        Assert.Equal((1, 2, 50.0m), early.Rate("waiting.over_3_weeks"));
    }

    [Theory, DatabaseData]
    public async Task OutcomesPairTheStartReviewWithTheFirstReviewFrom150To240DaysLater(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await using (var db = database.Open())
        {
            var f = new IndicatorFixture(db);
            // O1 heroin: start 2024-01-01 using 20 days, housing problem, shoplifting, no work. A review at
            // +149 days (2024-05-29) is too early; the one at +150 (2024-05-30) pairs: all four improve.
            var o1 = f.Episode(f.Client(), "O1", "2024-01-01", "2024-01-01");
            var s1 = f.Review(o1, "2024-01-01", ReviewStage.Start);
            s1.OpiateDays = 20; s1.AcuteHousingProblem = true; s1.ShopliftingDays = 3; s1.PaidWorkDays = 0;
            var early = f.Review(o1, "2024-05-29", ReviewStage.Review);
            early.OpiateDays = 20; early.AcuteHousingProblem = true; early.ShopliftingDays = 3;
            var r1 = f.Review(o1, "2024-05-30", ReviewStage.Review);
            r1.OpiateDays = 0; r1.AcuteHousingProblem = false; r1.PaidWorkDays = 5;
            // O2 alcohol: start 2024-03-01 drinking 10 days, working 4 days; review at +240 (2024-10-27): still drinking.
            var o2 = f.Episode(f.Client(), "O2", "2024-03-01", "2024-03-01", s1: Substance.Alcohol);
            f.Review(o2, "2024-03-01", ReviewStage.Start).AlcoholDays = 10;
            o2.OutcomeReviews[0].PaidWorkDays = 4;
            var r2 = f.Review(o2, "2024-10-27", ReviewStage.Review);
            r2.AlcoholDays = 2; r2.PaidWorkDays = 4;
            // O3 cannabis: review at +241 days: no pair.
            var o3 = f.Episode(f.Client(), "O3", "2024-02-01", "2024-02-01", s1: Substance.Cannabis);
            var s3 = f.Review(o3, "2024-02-01", ReviewStage.Start);
            s3.CannabisDays = 5; s3.OtherOffending = true;
            f.Review(o3, "2024-09-29", ReviewStage.Review);
            // O4 crack: pair dated 2023-12-18, before the period.
            var o4 = f.Episode(f.Client(), "O4", "2023-06-01", "2023-06-01", s1: Substance.Crack);
            f.Review(o4, "2023-06-01", ReviewStage.Start).CrackDays = 5;
            f.Review(o4, "2023-12-18", ReviewStage.Review);
            // O5 benzodiazepine (other_drug_days): start 2024-04-01; first review +160 (2024-09-08) pairs, the
            // one at +200 does not. Still using, housing problem not resolved, drug selling stopped, no work.
            var o5 = f.Episode(f.Client(), "O5", "2024-04-01", "2024-04-01", s1: Substance.Benzodiazepine);
            var s5 = f.Review(o5, "2024-04-01", ReviewStage.Start);
            s5.OtherDrugDays = 6; s5.AcuteHousingProblem = true; s5.DrugSellingDays = 2;
            var r5 = f.Review(o5, "2024-09-08", ReviewStage.Review);
            r5.OtherDrugDays = 3; r5.AcuteHousingProblem = true;
            f.Review(o5, "2024-10-18", ReviewStage.Review).OtherDrugDays = 0;
            await f.SaveAsync();
        }

        var report = await ReportJson.RunAsync(database, "2024-04-01", "2025-03-31", "2026-01-01");

        // Pairs in the period: O1, O2, O5.
        Assert.Equal((1, 3, 33.3m), report.Rate("outcomes.abstinent"));          // O1 yes; O2, O5 no
        Assert.Equal((1, 2, 50.0m), report.Rate("outcomes.housing_resolved"));    // O1 yes; O5 no
        Assert.Equal((2, 2, 100.0m), report.Rate("outcomes.offending_stopped"));  // O1, O5
        Assert.Equal((1, 2, 50.0m), report.Rate("outcomes.paid_work"));           // O1 yes; O5 no; O2 worked at start
    }

    [Theory, DatabaseData]
    public async Task AccessCountsContactsChannelsReferralSourcesAndResidentialRehab(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await using (var db = database.Open())
        {
            var f = new IndicatorFixture(db);
            var person = f.Client();
            var a1 = f.Episode(person, "A1", "2024-05-01", source: ReferralSource.OnlineSelf);
            var a2 = f.Episode(person, "A2", "2024-06-01", source: ReferralSource.Gp);
            var a3 = f.Episode(f.Client(), "A3", "2024-03-01", source: ReferralSource.Pharmacy);
            var y1 = f.Episode(f.Client(), "Y1", "2024-05-01", source: ReferralSource.Pharmacy, pathway: CarePathway.YoungPeople);
            f.Contact(a1, "2024-05-02", ContactChannel.FaceToFace);
            f.Contact(a1, "2024-05-03", ContactChannel.Phone);
            f.Contact(a1, "2024-05-04", ContactChannel.Video);
            f.Contact(a1, "2024-05-05", ContactChannel.Online, attended: false);
            f.Contact(a3, "2024-03-30", ContactChannel.Phone);   // before the period
            f.Contact(y1, "2024-05-06", ContactChannel.Phone);   // a young person's
            f.Intervention(a1, "2024-07-01", InterventionType.ResidentialRehab);
            f.Intervention(a2, "2024-08-01", InterventionType.ResidentialRehab);   // the same person again
            f.Intervention(a3, "2024-03-15", InterventionType.ResidentialRehab);   // before the period
            f.Intervention(y1, "2024-07-01", InterventionType.ResidentialRehab);   // a young person's
            await f.SaveAsync();
        }

        var report = await ReportJson.RunAsync(database, "2024-04-01", "2025-03-31", "2026-01-01");

        // Attended adult contacts in the period: face to face, phone, video; 2 of 3 digital. 1 of 4 missed.
        Assert.Equal((2, 3, 66.7m), report.Rate("access.digital_contacts"));
        Assert.Equal((1, 4, 25.0m), report.Rate("access.dna_rate"));
        Assert.Equal(1, report.Count("access.channel.face_to_face"));
        Assert.Equal(1, report.Count("access.channel.phone"));
        Assert.Equal(1, report.Count("access.channel.video"));
        Assert.Equal(0, report.Count("access.channel.online"));
        Assert.Equal(1, report.Count("access.online_self_referrals"));
        Assert.Equal(1, report.Count("referral_source.online_self"));
        Assert.Equal(1, report.Count("referral_source.gp"));
        Assert.Equal(0, report.Count("referral_source.pharmacy"));
        Assert.Equal(1, report.Count("access.residential_rehab"));          // one person, two placements
    }

    [Theory, DatabaseData]
    public async Task TheJsonReportHasExactlyTheShapeOfTheSpecification(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);

        var result = await Cli.RunAsync("report", "--db", database.DbArgument, "--from", "2024-04-01", "--to", "2025-03-31", "--as-of", "2026-01-01");

        Assert.Equal(0, result.ExitCode);
        var root = JsonDocument.Parse(result.Out).RootElement;   // stdout is the JSON and nothing else
        // Version 2 of indicators.md: "Reports say \"specVersion\": 2", so it leads the object cli.md shows.
        Assert.Equal(["specVersion", "period", "selection", "indicators"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(2, root.GetProperty("specVersion").GetInt32());
        Assert.Equal("2024-04-01", root.GetProperty("period").GetProperty("from").GetString());
        Assert.Equal("2025-03-31", root.GetProperty("period").GetProperty("to").GetString());
        Assert.Equal("2026-01-01", root.GetProperty("period").GetProperty("asOf").GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("selection").GetProperty("localAuthority").ValueKind);
        var ids = root.GetProperty("indicators").EnumerateArray().Select(f => f.GetProperty("id").GetString()!).ToList();
        string[] expected =
        [
            "completion.opiate", "completion.non_opiate", "completion.alcohol",
            "in_treatment.total", "in_treatment.opiate", "in_treatment.non_opiate_only", "in_treatment.non_opiate_and_alcohol", "in_treatment.alcohol_only",
            "new_presentations.total", "young_people.in_treatment", "young_people.new_presentations",
            // Version 2's new figures.
            "deaths.in_treatment", "engagement.retained_12_weeks", "continuity.prison_3_weeks",
            "waiting.median_days", "waiting.over_3_weeks",
            "outcomes.abstinent", "outcomes.housing_resolved", "outcomes.offending_stopped", "outcomes.paid_work",
            "access.digital_contacts", "access.online_self_referrals", "access.dna_rate", "access.residential_rehab",
            .. Codes<ContactChannel>.All.Select(c => $"access.channel.{c}"),
            .. Enum.GetValues<ReferralSource>().Select(s => $"referral_source.{Codes<ReferralSource>.Code(s)}"),
        ];
        Assert.Equal(expected.Order(), ids.Order());
        var opiate = root.GetProperty("indicators")[0];
        Assert.Equal(["id", "numerator", "denominator", "value", "provisional"], opiate.EnumerateObject().Select(p => p.Name));
        Assert.Equal(JsonValueKind.Null, opiate.GetProperty("value").ValueKind);
        var count = root.GetProperty("indicators")[3];
        Assert.Equal(["id", "value"], count.EnumerateObject().Select(p => p.Name));
    }

    [Theory]
    [InlineData("--from", "2025-04-01", "--to", "2025-03-31", "--from must not be after --to.")]
    [InlineData("--from", "2025-02-30", "--to", "2025-03-31", "--from must be a date written YYYY-MM-DD")]
    [InlineData("--from", "2025-01-01", "--to", "2025-03-31", "--as-of must not be before --from")]
    public async Task ABadPeriodIsAUsageErrorInOneSentence(string a, string b, string c, string d, string message)
    {
        var result = await Cli.RunAsync("report", a, b, c, d, "--as-of", "2024-12-31", "--db", Path.Combine(Path.GetTempPath(), "never-created.db"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Error);
        Assert.Equal("", result.Out);
        Assert.DoesNotContain("   at ", result.Error);
    }
}
