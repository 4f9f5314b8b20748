using Microsoft.Extensions.DependencyInjection;
using Pathway.Access;
using Pathway.Data;
using Pathway.Demo;
using Pathway.Tests.Infrastructure;

namespace Pathway.Tests;

public partial class ClockTests
{
    [System.Text.RegularExpressions.GeneratedRegex(@"\bDateTime(Offset)?\.(Now|UtcNow|Today)\b")]
    private static partial System.Text.RegularExpressions.Regex WallClock();

    /// <summary>
    /// The application reads the time only through the registered <see cref="TimeProvider"/> (Infrastructure/Clock.cs):
    /// a page, rule or verb that read the wall clock itself would disagree with the rest on a pinned or English day.
    /// </summary>
    [Fact]
    public void NoCodeOfTheApplicationReadsTheWallClockItself()
    {
        var source = RepositoryRoot.Combine("src", "Pathway");
        var readers = Directory.EnumerateFiles(source, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}Migrations{Path.DirectorySeparatorChar}")
                        && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}")
                        && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"))
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (File: Path.GetRelativePath(source, f), Line: i + 1, Text: line)))
            .Where(l => WallClock().IsMatch(l.Text))
            .Select(l => $"{l.File}:{l.Line}: {l.Text.Trim()}")
            .ToList();
        Assert.True(Directory.Exists(source), source);
        Assert.Empty(readers);
    }

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
