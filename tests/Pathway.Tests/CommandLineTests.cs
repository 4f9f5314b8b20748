using Pathway.Tests.Infrastructure;

namespace Pathway.Tests;

public class CommandLineTests
{
    private static void AssertOneSentence(CliResult result)
    {
        Assert.Equal(1, result.ExitCode);
        var lines = result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.DoesNotContain("   at ", result.Error);
        Assert.DoesNotContain("Exception", result.Error);
        Assert.Equal("", result.Out);
    }

    [Fact]
    public async Task AnUnreachablePostgresServerGivesOneClearSentence()
    {
        var result = await Cli.RunAsync("migrate", "--db", "Host=127.0.0.1;Port=1;Database=nothing;Username=nobody;Timeout=3");

        AssertOneSentence(result);
        Assert.StartsWith("Cannot reach the database (PostgreSQL 127.0.0.1:1/nothing)", result.Error);
    }

    [Fact]
    public async Task ASqlitePathInAMissingFolderGivesOneClearSentence()
    {
        var path = Path.Combine(Path.GetTempPath(), $"missing-{Guid.NewGuid():N}", "pathway.db");

        var result = await Cli.RunAsync("serve", "--db", path);

        AssertOneSentence(result);
        Assert.Contains("does not exist", result.Error);
        Assert.False(File.Exists(path));
    }

    [Fact]
    public async Task AFileThatIsNotASqliteDatabaseGivesOneClearSentenceAndIsLeftAlone()
    {
        var path = Path.Combine(Path.GetTempPath(), $"not-a-database-{Guid.NewGuid():N}.db");
        var text = string.Concat(Enumerable.Repeat("These are somebody's notes, not a database. ", 20));
        await File.WriteAllTextAsync(path, text);
        try
        {
            var result = await Cli.RunAsync("report", "--db", path, "--from", "2025-04-01", "--to", "2026-03-31");

            AssertOneSentence(result);
            Assert.Equal($"Cannot use the SQLite database {path}: the file is not an SQLite database.", result.Error.Trim());
            Assert.Equal(text, await File.ReadAllTextAsync(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task ASqlitePathThatIsAFolderGivesOneClearSentence()
    {
        var result = await Cli.RunAsync("demo", "--db", Path.GetTempPath());

        AssertOneSentence(result);
        Assert.Contains("is a folder", result.Error);
    }

    [Fact]
    public async Task PathwayDbEnvironmentVariableIsTheDefaultDatabase()
    {
        var path = Path.Combine(Path.GetTempPath(), $"missing-{Guid.NewGuid():N}", "from-env.db");
        Environment.SetEnvironmentVariable("PATHWAY_DB", path);
        try
        {
            var result = await Cli.RunAsync("migrate");

            AssertOneSentence(result);
            Assert.Contains("from-env.db", result.Error);
        }
        finally
        {
            Environment.SetEnvironmentVariable("PATHWAY_DB", null);
        }
    }

    [Theory]
    [InlineData("frobnicate")]
    [InlineData("demo", "--people", "many")]
    [InlineData("demo", "--people", "0")]
    [InlineData("load")]
    public async Task UsageErrorsExitWithTwo(params string[] args)
    {
        var result = await Cli.RunAsync(args);

        Assert.Equal(2, result.ExitCode);
        Assert.NotEqual("", result.Error.Trim());
        Assert.DoesNotContain("   at ", result.Error);
    }
}
