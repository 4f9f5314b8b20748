using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Pathway.Data;
using Pathway.Web;

namespace Pathway.Tests.Infrastructure;

/// <summary>The real web application on a free loopback port, driven over HTTP with cookies, as a browser would.</summary>
public sealed partial class TestSite : IAsyncDisposable
{
    private readonly WebApplication app;

    private TestSite(WebApplication app, Uri address)
    {
        this.app = app;
        Address = address;
    }

    public Uri Address { get; }

    /// <summary>Every endpoint the application maps: pages and programs alike.</summary>
    public IReadOnlyList<RouteEndpoint> Endpoints =>
        app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();

    /// <summary>The application's services, for a test that inspects one (a clock, a counter).</summary>
    public IServiceProvider Services => app.Services;

    /// <param name="services">Registrations made before the application's own, so a test's clock or wrapper wins.</param>
    public static async Task<TestSite> StartAsync(DatabaseTarget target, bool demo = true, Dictionary<string, string?>? configuration = null,
        Action<IServiceCollection>? services = null)
    {
        var app = PathwayWeb.Build(target, new WebSettings("http://127.0.0.1:0", demo, RepositoryRoot.Combine("src", "Pathway")),
            builder =>
            {
                builder.Logging.SetMinimumLevel(LogLevel.Warning);
                if (configuration is not null) builder.Configuration.AddInMemoryCollection(configuration);
                services?.Invoke(builder.Services);
            });
        await app.StartAsync();
        return new TestSite(app, new Uri(app.Urls.First()));
    }

    /// <summary>A client with its own cookie jar that does not follow redirects, so tests see them.</summary>
    public HttpClient NewClient() =>
        new(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = Address };

    public static Task<HttpResponseMessage> SignInAsync(HttpClient client, string email, string password) =>
        PostFormAsync(client, "/sign-in", "/sign-in", new() { ["Email"] = email, ["Password"] = password });

    /// <summary>Posts a form as a browser would: with the antiforgery token of the page it came from.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string page, string action, Dictionary<string, string> fields)
    {
        var html = await client.GetStringAsync(page);
        fields["__RequestVerificationToken"] = AntiforgeryToken().Match(html).Groups[1].Value;
        return await client.PostAsync(action, new FormUrlEncodedContent(fields));
    }

    /// <summary>Posts a case-work form to its own page, with the version of the case the page was filled in from.</summary>
    public static async Task<HttpResponseMessage> PostCaseFormAsync(HttpClient client, string page, Dictionary<string, string> fields)
    {
        var html = await client.GetStringAsync(page);
        fields["__RequestVerificationToken"] = AntiforgeryToken().Match(html).Groups[1].Value;
        fields["Version"] = CaseVersion().Match(html).Groups[1].Value;
        return await client.PostAsync(page, new FormUrlEncodedContent(fields));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
    [GeneratedRegex("name=\"Version\" value=\"(\\d+)\"")]
    private static partial Regex CaseVersion();

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}

public static class RepositoryRoot
{
    public static string Path { get; } = Find();

    public static string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Pathway.sln"))) return dir.FullName;
        throw new InvalidOperationException("Cannot find the repository root (the folder with Pathway.sln).");
    }
}
