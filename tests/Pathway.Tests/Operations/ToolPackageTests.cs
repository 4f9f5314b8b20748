using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Pathway.Data;

namespace Pathway.Tests.Operations;

/// <summary>
/// The README's install: `dotnet pack src/Pathway` gives a .NET tool that installs, migrates a database and serves
/// the NHS.UK stylesheet from its own folder. Packs the build the tests run against (--no-build), so it takes seconds.
/// </summary>
public class ToolPackageTests
{
#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            if (File.Exists(Path.Combine(folder.FullName, "Pathway.sln"))) return folder.FullName;
        throw new InvalidOperationException($"No Pathway.sln above {AppContext.BaseDirectory}.");
    }

    private sealed record Run(int ExitCode, string Out, string Error);

    private static async Task<Run> RunAsync(string program, string workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        Quiet(start);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        // A guard against a hang, not a measure of speed.
        using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        await process.WaitForExitAsync(guard.Token);
        return new Run(process.ExitCode, await stdout, await stderr);
    }

    private static void Quiet(ProcessStartInfo start)
    {
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment.Remove(DatabaseTarget.EnvironmentVariable);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [Fact]
    public async Task ThePackedToolInstallsRunsMigrateAndServesItsStylesheet()
    {
        var root = RepositoryRoot();
        var work = Path.Combine(Path.GetTempPath(), $"pathway-tool-{Guid.NewGuid():N}");
        var feed = Path.Combine(work, "feed");
        var tools = Path.Combine(work, "tools");
        Directory.CreateDirectory(work);
        Process? serve = null;
        try
        {
            var pack = await RunAsync("dotnet", root, "pack", "src/Pathway", "-c", Configuration, "--no-build", "-o", feed, "-nologo");
            Assert.True(pack.ExitCode == 0, pack.Out + pack.Error);
            var package = Assert.Single(Directory.GetFiles(feed, "Pathway.*.nupkg"));
            var version = Path.GetFileNameWithoutExtension(package)["Pathway.".Length..];

            // From outside the repository, as an operator would: nothing may come from the source tree.
            var install = await RunAsync("dotnet", work, "tool", "install", "--tool-path", tools, "--add-source", feed, "Pathway", "--version", version);
            Assert.True(install.ExitCode == 0, install.Out + install.Error);
            var pathway = Path.Combine(tools, "pathway");

            var shown = await RunAsync(pathway, work, "--version");
            Assert.Equal(0, shown.ExitCode);
            Assert.StartsWith(version, shown.Out.Trim());

            var db = Path.Combine(work, "x.db");
            var migrate = await RunAsync(pathway, work, "migrate", "--db", db);
            Assert.True(migrate.ExitCode == 0, migrate.Error);
            await using (var created = DatabaseTarget.Parse(db).CreateDb())
            {
                var status = await SchemaStatus.ReadAsync(created);
                Assert.True(status.IsCurrent, $"pending: {string.Join(", ", status.Pending)}");
                Assert.NotNull(status.Version);
            }
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();

            var url = $"http://127.0.0.1:{FreePort()}";
            var start = new ProcessStartInfo(pathway) { WorkingDirectory = work, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var arg in new[] { "serve", "--urls", url, "--db", db }) start.ArgumentList.Add(arg);
            Quiet(start);
            // A trial on plain HTTP: the one setting `serve` asks for when it is not behind TLS.
            start.Environment["Pathway__SecureCookies"] = "false";
            serve = Process.Start(start)!;
            var served = new System.Text.StringBuilder();
            serve.OutputDataReceived += (_, e) => { lock (served) served.AppendLine(e.Data); };
            serve.ErrorDataReceived += (_, e) => { lock (served) served.AppendLine(e.Data); };
            serve.BeginOutputReadLine();
            serve.BeginErrorReadLine();

            using var client = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(60) };
            HttpResponseMessage? health = null;
            for (var attempt = 0; attempt < 240 && health is null && !serve.HasExited; attempt++)
            {
                // Not listening yet, or (on a busy machine) still starting up when the first request timed out: ask again.
                try { health = await client.GetAsync("/health"); }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException) { await Task.Delay(500); }
            }
            Assert.True(health is not null, $"serve never answered: {served}");
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);

            var stylesheet = await client.GetAsync("/lib/nhsuk/nhsuk-frontend.min.css");
            Assert.Equal(HttpStatusCode.OK, stylesheet.StatusCode);
            Assert.Equal("text/css", stylesheet.Content.Headers.ContentType?.MediaType);
            var css = await stylesheet.Content.ReadAsStringAsync();
            Assert.Contains(".nhsuk-header", css);
            var ownCss = await client.GetAsync("/css/pathway.css");
            Assert.Equal(HttpStatusCode.OK, ownCss.StatusCode);
        }
        finally
        {
            if (serve is { HasExited: false }) serve.Kill(entireProcessTree: true);
            serve?.Dispose();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (Directory.Exists(work)) Directory.Delete(work, true);
        }
    }
}
