using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Pathway.Access.Audit;
using Pathway.Data;
using Pathway.Demo;
using Pathway.Tests.Infrastructure;

namespace Pathway.Tests.Commissioning;

/// <summary>A commissioner manages the comparator figures of their own council; every upload and removal is on the audit trail.</summary>
public partial class BenchmarkScopeTests
{
    private const string Stockport = "chris.commissioner@demo.pathway.example";
    private const string Bury = "dana.commissioner@bury.demo.pathway.example";

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string csv)
    {
        var page = await client.GetStringAsync("/performance/benchmarks");
        using var form = new MultipartFormDataContent { { new StringContent(Token().Match(page).Groups[1].Value), "__RequestVerificationToken" } };
        var file = new StringContent(csv);
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", "figures.csv");
        return await client.PostAsync("/performance/benchmarks", form);
    }

    private const string Header = "area_code,area_name,indicator_id,period_from,period_to,value\n";

    [Theory, DatabaseData]
    public async Task ABuryCommissionerCannotChangeOrRemoveStockportsComparatorFigures(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await database.FillDemoAsync(new DemoOptions(People: 5, Years: 1, Seed: 2), new DateOnly(2026, 11, 23));
        await using var site = await TestSite.StartAsync(database.Target);
        using var stockport = site.NewClient();
        await TestSite.SignInAsync(stockport, Stockport, DemoArea.Password);
        using var bury = site.NewClient();
        await TestSite.SignInAsync(bury, Bury, DemoArea.Password);

        Assert.Equal(HttpStatusCode.OK, (await UploadAsync(stockport, Header + "E08000009,Trafford,completion.opiate,2025-04-01,2026-03-31,5.5\n")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await UploadAsync(bury, Header + "E08000009,Trafford,completion.opiate,2025-04-01,2026-03-31,1.0\n")).StatusCode);
        var removed = await TestSite.PostFormAsync(bury, "/performance/benchmarks", "/performance/benchmarks?handler=Remove", new()
        {
            ["indicatorId"] = "completion.opiate", ["periodFrom"] = "2025-04-01", ["periodTo"] = "2026-03-31",
        });

        Assert.True(removed.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.OK, removed.StatusCode.ToString());
        await using var db = database.Open();
        var held = await db.BenchmarkFigures.AsNoTracking().ToListAsync();
        Assert.Equal(5.5m, Assert.Single(held).Value);
        Assert.Contains("<td>completion.opiate</td>", await stockport.GetStringAsync("/performance/benchmarks"));
        Assert.DoesNotContain("<td>completion.opiate</td>", await bury.GetStringAsync("/performance/benchmarks"));
    }

    [Theory, DatabaseData]
    public async Task EveryUploadAndRemovalOfComparatorFiguresIsAudited(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await database.FillDemoAsync(new DemoOptions(People: 5, Years: 1, Seed: 2), new DateOnly(2026, 11, 23));
        await using var site = await TestSite.StartAsync(database.Target);
        using var stockport = site.NewClient();
        await TestSite.SignInAsync(stockport, Stockport, DemoArea.Password);

        await UploadAsync(stockport, Header + "E08000009,Trafford,completion.opiate,2025-04-01,2026-03-31,5.5\n");
        await TestSite.PostFormAsync(stockport, "/performance/benchmarks", "/performance/benchmarks?handler=Remove", new()
        {
            ["indicatorId"] = "completion.opiate", ["periodFrom"] = "2025-04-01", ["periodTo"] = "2026-03-31",
        });

        await using var db = database.Open();
        Assert.Empty(await db.BenchmarkFigures.ToListAsync());
        var events = await db.AuditEvents.Where(a => a.UserName == Stockport && a.Action == AuditActions.Change).ToListAsync();
        Assert.Equal(2, events.Count(a => a.Outcome == AuditOutcomes.Succeeded && a.RecordType == "BenchmarkFigures"));
    }
}
