using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;
using Pathway.Data;
using Pathway.Tests.Infrastructure;

namespace Pathway.Tests.Api;

public sealed record RegisteredClient(string Id, string Secret);

/// <summary>A real deployment's site with API clients registered by the verb, and a program's view of it: tokens and calls over HTTP.</summary>
public static partial class ApiSession
{
    [GeneratedRegex(@"^client_id: (\S+)\r?\nclient_secret: (\S+)\r?\n$")]
    private static partial Regex Printed();

    public static Task<TestSite> StartAsync(TestDatabase database, int requestsPerMinute = 1000) =>
        TestSite.StartAsync(database.Target, demo: false, new()
        {
            ["Pathway:SecureCookies"] = "false",
            ["Pathway:Api:RequestsPerMinute"] = requestsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });

    /// <summary>`pathway api-clients add`; the printed id and secret.</summary>
    public static async Task<RegisteredClient> AddAsync(TestDatabase database, string scopes, string? provider = null, string? localAuthority = null,
        string name = "Analysts' tool")
    {
        var args = new List<string> { "api-clients", "add", "--name", name, "--scopes", scopes, "--db", database.DbArgument };
        if (provider is not null) args.AddRange(["--provider", provider]);
        if (localAuthority is not null) args.AddRange(["--local-authority", localAuthority]);
        var result = await Cli.RunAsync([.. args]);
        Assert.True(result.ExitCode == 0, result.Error);
        var printed = Printed().Match(result.Out);
        Assert.True(printed.Success, result.Out);
        return new RegisteredClient(printed.Groups[1].Value, printed.Groups[2].Value);
    }

    public static Task<HttpResponseMessage> AskForTokenAsync(HttpClient http, string clientId, string secret, string? scope = null)
    {
        var form = new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["client_id"] = clientId, ["client_secret"] = secret };
        if (scope is not null) form["scope"] = scope;
        return http.PostAsync("/connect/token", new FormUrlEncodedContent(form));
    }

    public static async Task<string> TokenAsync(HttpClient http, RegisteredClient client)
    {
        var response = await AskForTokenAsync(http, client.Id, client.Secret);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("access_token").GetString()!;
    }

    /// <summary>A program's HTTP client holding a bearer token for this client.</summary>
    public static async Task<HttpClient> ProgramAsync(TestSite site, RegisteredClient client)
    {
        var http = site.NewClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(http, client));
        return http;
    }

    public static async Task<JsonElement> ProblemAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }
}
