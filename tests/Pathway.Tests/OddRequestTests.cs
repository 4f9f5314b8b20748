using System.Net;
using Microsoft.EntityFrameworkCore;
using Pathway.Access;
using Pathway.Data;
using Pathway.Demo;
using Pathway.Tests.Infrastructure;

namespace Pathway.Tests;

/// <summary>Requests no form sends, typed or replayed by hand, get a plain answer rather than a server error.</summary>
public class OddRequestTests
{
    [Theory, DatabaseData]
    public async Task APostToAPageWithoutAFormAndADiaryDateAtTheEndOfTimeAnswerWithoutAServerError(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await database.FillDemoAsync(new DemoOptions(People: 20, Years: 1, Seed: 3), new DateOnly(2026, 11, 23));
        await using var site = await TestSite.StartAsync(database.Target);
        await using var db = database.Open();
        var worker = DemoArea.SignIns.Single(u => u.Role == Roles.RecoveryWorker);
        using var client = site.NewClient();
        await TestSite.SignInAsync(client, worker.Email, DemoArea.Password);
        var episode = await db.Episodes.Where(e => e.ProviderCode == DemoArea.Incoming.Code).Select(e => e.Id).FirstAsync();

        // The case page has no form of its own: a post to it is not a method it answers.
        var posted = await TestSite.PostFormAsync(client, $"/episodes/{episode}/notes/new", $"/episodes/{episode}", new());
        Assert.Equal(HttpStatusCode.MethodNotAllowed, posted.StatusCode);

        foreach (var address in new[] { "/diary?date=0001-01-01", "/diary?date=9999-12-31&view=week" })
        {
            var response = await client.GetAsync(address);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("My diary", await response.Content.ReadAsStringAsync());
        }
    }
}
