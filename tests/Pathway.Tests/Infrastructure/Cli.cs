namespace Pathway.Tests.Infrastructure;

public sealed record CliResult(int ExitCode, string Out, string Error);

/// <summary>Runs the `pathway` command in-process, as a script would, capturing both streams.</summary>
public static class Cli
{
    public static Task<CliResult> RunAsync(params string[] args) => RunAsync(args, CancellationToken.None);

    /// <summary>As a script that pipes <paramref name="stdin"/> in, e.g. `echo "$PW" | pathway users add …`.</summary>
    public static Task<CliResult> RunWithInputAsync(string stdin, params string[] args) => RunAsync(args, CancellationToken.None, stdin);

    public static async Task<CliResult> RunAsync(string[] args, CancellationToken cancel, string? stdin = null)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        // Never the test runner's own standard input: a verb that reads it would wait for ever.
        var code = await PathwayCommand.RunAsync(args, stdout, stderr, cancel, new StringReader(stdin ?? ""));
        return new CliResult(code, stdout.ToString(), stderr.ToString());
    }
}
