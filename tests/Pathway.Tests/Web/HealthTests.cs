using System.Net;
using Microsoft.EntityFrameworkCore;
using Pathway.Data;
using Pathway.Tests.Infrastructure;

namespace Pathway.Tests.Web;

public class HealthTests
{
    [Theory, DatabaseData]
    public async Task LiveAndReadyAnswerWithoutSigningInWhenTheSchemaIsCurrent(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await using var site = await TestSite.StartAsync(database.Target, demo: false);
        using var http = site.NewClient();

        var live = await http.GetAsync("/health/live");
        var ready = await http.GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal("Healthy", await live.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Healthy", await ready.Content.ReadAsStringAsync());
    }

    [Theory, DatabaseData]
    public async Task ReadyIsUnavailableWhileTheSchemaIsBehindButLiveStaysUp(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await using (var db = database.Open())
        {
            // Forget the last migration: the schema is now one behind this build, as before `pathway migrate`.
            var last = (await db.Database.GetAppliedMigrationsAsync()).Order(StringComparer.Ordinal).Last();
            await db.Database.ExecuteSqlAsync($"DELETE FROM __ef_migrations_history WHERE \"MigrationId\" = {last}");
        }
        await using var site = await TestSite.StartAsync(database.Target, demo: false);
        using var http = site.NewClient();

        var live = await http.GetAsync("/health/live");
        var ready = await http.GetAsync("/health/ready");
        var health = await http.GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal("Unhealthy", await ready.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        Assert.Contains("\"schemaCurrent\":false", await health.Content.ReadAsStringAsync());
    }
}
