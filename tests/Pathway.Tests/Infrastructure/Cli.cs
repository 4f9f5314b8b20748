namespace Pathway.Tests.Infrastructure;

public sealed record CliResult(int ExitCode, string Out, string Error);

/// <summary>Runs the `pathway` command in-process, as a script would, capturing both streams.</summary>
public static class Cli
{
    public static Task<CliResult> RunAsync(params string[] args) => RunAsync(args, CancellationToken.None);

    public static async Task<CliResult> RunAsync(string[] args, CancellationToken cancel)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await PathwayCommand.RunAsync(args, stdout, stderr, cancel);
        return new CliResult(code, stdout.ToString(), stderr.ToString());
    }
}
