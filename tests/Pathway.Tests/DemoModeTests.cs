using System.Net;
using Microsoft.EntityFrameworkCore;
using Pathway.Data;
using Pathway.Demo;
using Pathway.Tests.Exchange;
using Pathway.Tests.Infrastructure;
using Pathway.Web;

namespace Pathway.Tests;

/// <summary>Demo mode comes from `--demo` alone, never from what the database holds; real records never join demo data.</summary>
public class DemoModeTests
{
    private static Task FillDemoAsync(TestDatabase database) =>
        database.FillDemoAsync(new DemoOptions(People: 5, Years: 1, Seed: 7), new DateOnly(2026, 11, 23));

    [Theory, DatabaseData]
    public async Task ServeWithoutDemoOnADatabaseHoldingDemoDataStillRequiresTwoFactor(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await FillDemoAsync(database);

        var settings = await ServeVerb.PrepareAsync(database.Target, urls: null, demo: false,
            new CliConsole(TextWriter.Null, TextWriter.Null), CancellationToken.None);
        // Plain http in the test, where Secure cookies would not come back; SecurityTests checks them.
        await using var site = await TestSite.StartAsync(database.Target, settings.Demo, new() { ["Pathway:SecureCookies"] = "false" });
        using var client = site.NewClient();
        var signIn = await TestSite.SignInAsync(client, DemoArea.SignIns[0].Email, DemoArea.Password);
        var home = await client.GetAsync("/");

        Assert.False(settings.Demo);
        Assert.Equal(TwoFactorSetupPath, signIn.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        Assert.Contains("status=403", home.Headers.Location!.ToString());
    }

    private const string TwoFactorSetupPath = "/account/two-factor";

    [Theory, DatabaseData]
    public async Task LoadIntoADatabaseHoldingDemoDataIsRefusedInOneSentenceAndLoadsNothing(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await FillDemoAsync(database);
        using var bundle = new TestBundle();

        var result = await Cli.RunAsync("load", bundle.Write(), "--source", "REAL", "--db", database.DbArgument);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("", result.Out);
        Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("demonstration data", result.Error);
        await using var db = database.Open();
        Assert.False(await db.ClientRecords.AnyAsync(c => c.Source == "REAL"));
        Assert.False(await db.Episodes.AnyAsync(e => e.Source == "REAL"));
    }
}
