using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace Pathway.BrowserTests.Infrastructure;

public sealed record DemoUser(string Email, string Password, string Role);

/// <summary>
/// `pathway serve --demo` as a separate process on a free loopback port with a fresh SQLite file: the
/// browser sees exactly what a new user sees after the README's first command. Or, for a real deployment,
/// `pathway serve` on a database the test has prepared with the `pathway` command itself.
/// </summary>
public sealed partial class PathwayServer : IAsyncDisposable
{
    private readonly Process process;
    private readonly string folder;

    private PathwayServer(Process process, string folder, Uri address, IReadOnlyList<DemoUser> users)
    {
        this.process = process;
        this.folder = folder;
        Address = address;
        Users = users;
    }

    public Uri Address { get; }

    /// <summary>The SQLite file the server writes, so a test can check what a journey saved.</summary>
    public string DatabasePath => Path.Combine(folder, "pathway.db");
    public IReadOnlyList<DemoUser> Users { get; }

    public DemoUser User(string role) => Users.First(u => u.Role == role);

    public static async Task<PathwayServer> StartDemoAsync(params string[] extraArgs)
    {
        var folder = Directory.CreateTempSubdirectory("pathway-browser-").FullName;
        var database = Path.Combine(folder, "pathway.db");
        // `serve --demo` on a copy of one demonstration area filled for this run by `pathway demo`: the same seed on the
        // same day gives the same area, so each class still starts from what a new user sees, without filling it again.
        File.Copy(await DemoAreaTemplateAsync(), database);
        return await StartAsync(folder, ["--demo", .. extraArgs], database, new(), Demo.DemoArea.AllSignIns.Count());
    }

    private static readonly SemaphoreSlim TemplateLock = new(1, 1);
    private static (DateOnly Day, string Path)? template;

    /// <summary>A demonstration area filled by `pathway demo` once a day per test run (a run that crosses midnight fills again).</summary>
    private static async Task<string> DemoAreaTemplateAsync()
    {
        await TemplateLock.WaitAsync();
        try
        {
            var today = DateOnly.FromDateTime(DateTime.Now);
            if (template is { } made && made.Day == today) return made.Path;
            var path = Path.Combine(Path.GetTempPath(), $"pathway-browser-demo-{Environment.ProcessId}-{today:yyyyMMdd}.db");
            foreach (var file in new[] { path, path + "-wal", path + "-shm" }) File.Delete(file);
            var (exitCode, _, error) = await RunAsync(path, null, "demo");
            if (exitCode != 0) throw new InvalidOperationException($"pathway demo failed with {exitCode}: {error}");
            // The verb has closed the database, so it is whole in one file (its write-ahead log checkpointed and removed).
            if (File.Exists(path + "-wal")) throw new InvalidOperationException("pathway demo left a write-ahead log behind.");
            AppDomain.CurrentDomain.ProcessExit += (_, _) => File.Delete(path);
            template = (today, path);
            return path;
        }
        finally
        {
            TemplateLock.Release();
        }
    }

    /// <summary>
    /// `pathway serve` without --demo, as a real deployment runs it, on <paramref name="database"/> (made ready by the
    /// test with `pathway migrate` and `pathway users add`). Over plain http on loopback, so its cookies are not Secure.
    /// </summary>
    public static Task<PathwayServer> StartRealAsync(string database) =>
        StartAsync(Directory.CreateTempSubdirectory("pathway-browser-").FullName, [], database,
            new() { ["Pathway__SecureCookies"] = "false" }, expectedSignIns: 0);

    private static async Task<PathwayServer> StartAsync(string folder, string[] serveArgs, string database, Dictionary<string, string> environment,
        int expectedSignIns)
    {
        var port = FreePort();
        var address = new Uri($"http://127.0.0.1:{port}");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { Paths.PathwayDll, "serve", "--urls", address.ToString().TrimEnd('/') }.Concat(serveArgs))
            start.ArgumentList.Add(arg);
        start.Environment["PATHWAY_DB"] = database;
        // Every browser test posts from the same loopback address: the public forms' per-address limit is for strangers.
        start.Environment["Pathway__PublicFormPostsPerMinute"] = "10000";
        foreach (var (name, value) in environment) start.Environment[name] = value;

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start pathway.");
        var users = new List<DemoUser>();
        var errors = new System.Text.StringBuilder();
        process.ErrorDataReceived += (_, e) => { lock (errors) errors.AppendLine(e.Data); };
        process.BeginErrorReadLine();
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is { } line && SignInLine().Match(line) is { Success: true } m)
                lock (users) users.Add(new DemoUser(m.Groups[1].Value, m.Groups[2].Value, m.Groups[3].Value));
        };
        process.BeginOutputReadLine();

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
                throw new InvalidOperationException($"pathway serve exited with {process.ExitCode}: {errors}");
            try
            {
                // The sign-in lines are printed before the server starts, but this side may read them after /health answers.
                if ((await http.GetAsync(new Uri(address, "/health"))).StatusCode == HttpStatusCode.OK)
                {
                    lock (users)
                        if (users.Count == expectedSignIns) return new PathwayServer(process, folder, address, users.ToList());
                }
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(250);
        }
        process.Kill(entireProcessTree: true);
        throw new TimeoutException($"pathway serve did not answer /health within 3 minutes: {errors}");
    }

    /// <summary>One `pathway` verb run to its end as a script runs it, with <paramref name="stdin"/> piped in.</summary>
    public static async Task<(int ExitCode, string Out, string Error)> RunAsync(string database, string? stdin, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { Paths.PathwayDll }.Concat(args)) start.ArgumentList.Add(arg);
        start.Environment["PATHWAY_DB"] = database;
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start pathway.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (stdin is not null) await process.StandardInput.WriteAsync(stdin);
        process.StandardInput.Close();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await error);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex(@"^demo sign-in: (\S+) (\S+) (\S+)$")]
    private static partial Regex SignInLine();

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited) process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
        process.Dispose();
        try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
    }
}

public static class Paths
{
    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary>The application as the build left it, in the same configuration as these tests.</summary>
    public static string PathwayDll
    {
        get
        {
            var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name; // bin/<Configuration>/net10.0
            var dll = Path.Combine(RepositoryRoot, "src", "Pathway", "bin", configuration, "net10.0", "pathway.dll");
            return File.Exists(dll) ? dll : throw new FileNotFoundException("Build src/Pathway first.", dll);
        }
    }

    public static string Screenshots
    {
        get
        {
            var folder = Path.Combine(RepositoryRoot, "test-output", "screenshots");
            Directory.CreateDirectory(folder);
            return folder;
        }
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Pathway.sln"))) return dir.FullName;
        throw new InvalidOperationException("Cannot find the repository root (the folder with Pathway.sln).");
    }
}
