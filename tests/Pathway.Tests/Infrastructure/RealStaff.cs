using System.Net;
using System.Text.RegularExpressions;
using Pathway.Organisations;

namespace Pathway.Tests.Infrastructure;

/// <summary>
/// Staff of a real deployment, not the demonstration: providers and councils as rows, accounts made by
/// `pathway users add`, and sign-in with an authenticator code, as everywhere outside a demo.
/// </summary>
public static partial class RealStaff
{
    public const string Password = "a long test passphrase for pathway";

    public static async Task AddProviderAsync(TestDatabase database, string code, string name)
    {
        await using var db = database.Open();
        db.Providers.Add(new Provider { Code = code, Name = name });
        await db.SaveChangesAsync();
    }

    public static async Task AddLocalAuthorityAsync(TestDatabase database, string code, string name)
    {
        await using var db = database.Open();
        db.LocalAuthorities.Add(new LocalAuthority { Code = code, Name = name });
        await db.SaveChangesAsync();
    }

    /// <summary>`echo PASSWORD | pathway users add …`; the new user's id.</summary>
    public static async Task<string> AddAsync(TestDatabase database, string email, string role, string? provider = null, string? localAuthority = null)
    {
        var args = new List<string> { "users", "add", "--email", email, "--name", "Test " + role, "--role", role, "--db", database.DbArgument };
        if (provider is not null) args.AddRange(["--provider", provider]);
        if (localAuthority is not null) args.AddRange(["--local-authority", localAuthority]);
        var result = await Cli.RunWithInputAsync(Password + "\n", [.. args]);
        Assert.True(result.ExitCode == 0, result.Error);
        return result.Out.Trim();
    }

    /// <summary>A site as `pathway serve` without --demo runs it, over plain http (SecurityTests checks the Secure cookies).</summary>
    public static Task<TestSite> StartSiteAsync(TestDatabase database) =>
        TestSite.StartAsync(database.Target, demo: false, new() { ["Pathway:SecureCookies"] = "false" });

    /// <summary>Signs in with the password, sets up an authenticator as the site insists, and returns the signed-in client.</summary>
    public static async Task<HttpClient> SignInAsync(TestSite site, string email)
    {
        var client = site.NewClient();
        var signIn = await TestSite.SignInAsync(client, email, Password);
        Assert.Equal("/account/two-factor", signIn.Headers.Location?.OriginalString);
        // Opening the set-up page changes nothing; starting set-up makes the key.
        var started = await TestSite.PostFormAsync(client, "/account/two-factor", "/account/two-factor?handler=Start", []);
        Assert.True(started.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.OK);
        var key = KeyOnPage().Match(await client.GetStringAsync("/account/two-factor")).Groups[1].Value;
        var enable = await TestSite.PostFormAsync(client, "/account/two-factor", "/account/two-factor?handler=Enable", new() { ["Code"] = Totp.Code(key) });
        Assert.Equal(HttpStatusCode.Redirect, enable.StatusCode);
        return client;
    }

    [GeneratedRegex("<code class=\"pathway-key\">([a-z0-9 ]+)</code>")]
    private static partial Regex KeyOnPage();
}
