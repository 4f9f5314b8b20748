using System.Text;
using System.Text.RegularExpressions;
using Pathway.Data;
using Pathway.Exchange;
using Pathway.Tests.Infrastructure;

namespace Pathway.Tests.Exchange;

/// <summary>
/// The loader meets bundles mangled at random (the same mangling for the same seed): every one is answered with
/// problems in the report's shape or loaded whole, never an exception, and a refused load changes nothing.
/// </summary>
public partial class BundleFuzzTests
{
    private static readonly DateOnly Today = new(2026, 11, 23);

    private static readonly string[] Hostile =
        ["\"", ",", "\n", "\r", "\0", "\"\"\"", "<script>alert(1)</script>", "'; DROP TABLE \"Episodes\"; --", "\u202E", "\uFEFF", "🙂", "é"];

    [GeneratedRegex(@"^(clients|episodes|interventions|contacts|reviews)\.csv:\d+: .+: .+$")]
    private static partial Regex ProblemShape();

    /// <summary>One random change to the bytes of one file of the bundle.</summary>
    private static void Mangle(string folder, Random random)
    {
        var files = Directory.GetFiles(folder).Order(StringComparer.Ordinal).ToArray();
        var path = files[random.Next(files.Length)];
        var bytes = File.ReadAllBytes(path).ToList();
        var at = random.Next(bytes.Count + 1);
        switch (random.Next(6))
        {
            case 0 when bytes.Count > 0: bytes[Math.Min(at, bytes.Count - 1)] = (byte)random.Next(256); break;
            case 1: bytes.RemoveRange(at, random.Next(Math.Min(40, bytes.Count - at) + 1)); break;
            case 2: bytes.RemoveRange(at, bytes.Count - at); break; // cut short
            case 3: bytes.InsertRange(at, Encoding.UTF8.GetBytes(Hostile[random.Next(Hostile.Length)])); break;
            case 4:
                var line = Encoding.UTF8.GetString([.. bytes]).Split('\n');
                bytes = [.. Encoding.UTF8.GetBytes(string.Join('\n', line.Append(line[random.Next(line.Length)])))];
                break;
            default: bytes.InsertRange(at, Enumerable.Range(0, random.Next(1, 8)).Select(_ => (byte)random.Next(256))); break;
        }
        File.WriteAllBytes(path, [.. bytes]);
    }

    /// <summary>The test bundle with one to three random changes, the same for the same seed; its folder is returned.</summary>
    private static string Mangled(TestBundle bundle, int seed)
    {
        var folder = bundle.Write();
        var random = new Random(seed);
        for (var changes = random.Next(1, 4); changes > 0; changes--) Mangle(folder, random);
        return folder;
    }

    [Fact]
    public void EveryMangledBundleGetsAReportInTheRightShape()
    {
        var refused = 0;
        for (var seed = 0; seed < 300; seed++)
        {
            using var bundle = new TestBundle();
            using var opened = Bundle.Open(Mangled(bundle, seed));
            var report = BundleRules.Check(opened, Today).Report;

            Assert.All(report.Sorted(), p => Assert.Matches(ProblemShape(), p.ToString()));
            Assert.Equal(report.Count, report.Sorted().Count);
            if (!report.IsValid) refused++;
        }
        // Most mangling breaks a rule; the rest (a changed digit in a date, say) still makes a valid bundle.
        Assert.InRange(refused, 150, 300);
    }

    [Theory, DatabaseData]
    public async Task AMangledBundleIsLoadedWholeOrChangesNothing(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        using var original = new TestBundle();
        Assert.Equal(0, (await Cli.RunAsync("load", original.Write(), "--source", "FUZZ", "--db", database.DbArgument)).ExitCode);
        var exports = Path.Combine(Path.GetTempPath(), $"pathway-fuzz-{Guid.NewGuid():N}");
        try
        {
            async Task<Dictionary<string, string>> ExportAsync(string name)
            {
                var folder = Path.Combine(exports, name);
                Assert.Equal(0, (await Cli.RunAsync("export", folder, "--db", database.DbArgument)).ExitCode);
                return Directory.GetFiles(folder, "*.csv", SearchOption.AllDirectories)
                    .ToDictionary(f => Path.GetRelativePath(folder, f), File.ReadAllText);
            }
            var before = await ExportAsync("before");
            var refused = 0;
            for (var seed = 1000; seed < 1025; seed++)
            {
                using var bundle = new TestBundle();
                var result = await Cli.RunAsync("load", Mangled(bundle, seed), "--source", "FUZZ", "--db", database.DbArgument);

                Assert.DoesNotContain("   at ", result.Error);
                Assert.Contains(result.ExitCode, new[] { 0, 1 });
                if (result.ExitCode == 1)
                {
                    refused++;
                    Assert.Contains("nothing was changed", result.Error);
                    Assert.Equal(before, await ExportAsync($"after-{seed}"));
                }
                else
                {
                    // A mangled bundle that is still valid was loaded: what the database holds now is the next round's "before".
                    before = await ExportAsync($"loaded-{seed}");
                }
            }
            Assert.True(refused >= 10, $"only {refused} of 25 mangled bundles were refused");
        }
        finally
        {
            if (Directory.Exists(exports)) Directory.Delete(exports, true);
        }
    }
}
