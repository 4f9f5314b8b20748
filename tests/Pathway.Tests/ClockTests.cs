using Microsoft.Extensions.DependencyInjection;
using Pathway.Access;
using Pathway.Data;
using Pathway.Demo;
using Pathway.Tests.Infrastructure;

namespace Pathway.Tests;

public class ClockTests
{
    /// <summary>A clock fixed on one instant, for pages whose answer depends on the day.</summary>
    private sealed class FixedClock(DateTimeOffset at) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => at;
    }

    [Theory, DatabaseData]
    public async Task PagesTakeTodayFromTheApplicationsClockInEnglandsTimeZone(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await database.FillDemoAsync(new DemoOptions(People: 10, Years: 1, Seed: 4), new DateOnly(2026, 11, 23));
        // 23:30 UTC on 30 June is already 1 July in England (British Summer Time).
        var clock = new FixedClock(new DateTimeOffset(2026, 6, 30, 23, 30, 0, TimeSpan.Zero));
        await using var site = await TestSite.StartAsync(database.Target, services: s => s.AddSingleton<TimeProvider>(clock));
        using var worker = site.NewClient();
        await TestSite.SignInAsync(worker, DemoArea.SignIns.Single(u => u.Role == Roles.RecoveryWorker).Email, DemoArea.Password);

        var form = await worker.GetStringAsync("/referrals/new");

        // The referral date's three boxes (day, month, year) start at England's today.
        foreach (var (part, value) in new[] { ("Day", "1"), ("Month", "7"), ("Year", "2026") })
            Assert.Matches($"name=\"Input.ReferralDate.{part}\"[^>]*value=\"{value}\"", form);
        Assert.Equal(new DateOnly(2026, 7, 1), Pathway.Infrastructure.Clock.Today(clock));
    }
}
