using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Pathway.Access.Audit;
using Pathway.Data;
using Pathway.Demo;
using Pathway.Tests.Infrastructure;

namespace Pathway.Tests;

/// <summary>
/// Every form of the application, found from the route table and the pages themselves, is posted hostile input by
/// every role that can open it. Each answer must be a clean page or refusal (never a 5xx or a stack trace), and
/// whatever was stored must come back escaped.
/// </summary>
public partial class HostileInputTests
{
    private const string Script = "<script>alert('pathway')</script>";

    private static readonly string[] Payloads =
    [
        Script + "\"><img src=x onerror=alert(1)>",
        "'; DROP TABLE \"Episodes\"; -- ' OR '1'='1",
        "\u202Egnp.exe\u0000\u200B\uFEFF Zoë 🙂 \r\n\t%00%0d%0a {{7*7}} ${7*7}",
        new string('9', 20_000),
    ];

    [GeneratedRegex("""<form\b([^>]*)>(.*?)</form>""", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex Form();

    [GeneratedRegex("""<(input|textarea|select)\b([^>]*)>""", RegexOptions.IgnoreCase)]
    private static partial Regex Field();

    [GeneratedRegex(@"\b(name|type|value|action|method|enctype)=""([^""]*)""", RegexOptions.IgnoreCase)]
    private static partial Regex Attribute();

    private static Dictionary<string, string> Attributes(string tag) =>
        Attribute().Matches(tag).GroupBy(m => m.Groups[1].Value.ToLowerInvariant())
            .ToDictionary(g => g.Key, g => WebUtility.HtmlDecode(g.First().Groups[2].Value));

    /// <summary>Where a form posts, what it sends as it stands, and which of its fields a person types or picks.</summary>
    internal sealed record PostForm(string Action, bool Multipart, List<(string Name, string Value, bool Hidden, bool File)> Fields);

    internal static IEnumerable<PostForm> PostForms(string page, string html)
    {
        foreach (Match form in Form().Matches(html))
        {
            var attributes = Attributes(form.Groups[1].Value);
            if (!attributes.TryGetValue("method", out var method) || !method.Equals("post", StringComparison.OrdinalIgnoreCase)) continue;
            var fields = new List<(string, string, bool, bool)>();
            foreach (Match field in Field().Matches(form.Groups[2].Value))
            {
                var a = Attributes(field.Groups[2].Value);
                if (!a.TryGetValue("name", out var name)) continue;
                var type = a.GetValueOrDefault("type", "text").ToLowerInvariant();
                if (type is "submit" or "button") continue;
                fields.Add((name, a.GetValueOrDefault("value", ""), type == "hidden", type == "file"));
            }
            var action = attributes.GetValueOrDefault("action", page);
            yield return new PostForm(action.Length == 0 ? page : action,
                attributes.GetValueOrDefault("enctype", "").Contains("multipart", StringComparison.OrdinalIgnoreCase), fields);
        }
    }

    private static HttpContent Body(PostForm form, string payload)
    {
        // The antiforgery token stays as the page gave it, so the post reaches the handler; every other field is hostile.
        var values = form.Fields.Select(f => (f.Name, Value: f.Name == "__RequestVerificationToken" ? f.Value : payload, f.File)).ToList();
        if (!form.Multipart)
            return new FormUrlEncodedContent(values.Where(v => !v.File).Select(v => KeyValuePair.Create(v.Name, v.Value)));
        var multipart = new MultipartFormDataContent();
        foreach (var (name, value, file) in values)
        {
            if (file) multipart.Add(new ByteArrayContent(Encoding.UTF8.GetBytes(value)), name, "upload.zip");
            else multipart.Add(new StringContent(value), name);
        }
        return multipart;
    }

    [Theory, DatabaseData]
    public async Task EveryFormAnswersHostileInputCleanlyAndShowsWhatItStoredEscaped(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await database.FillDemoAsync(new DemoOptions(People: 30, Years: 2, Seed: 3), new DateOnly(2026, 11, 23));
        await using var site = await TestSite.StartAsync(database.Target, configuration: new() { ["Pathway:PublicFormPostsPerMinute"] = "100000" });
        await using var db = database.Open();
        var own = await db.Episodes.Where(e => e.ProviderCode == DemoArea.Incoming.Code)
            .OrderBy(e => e.Id).Select(e => new { e.Id, e.PersonId, e.ClientRecordId }).FirstAsync();
        var pages = site.Endpoints
            .Where(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Mvc.RazorPages.PageActionDescriptor>() is not null)
            .Select(e => AccessRules.Address(AccessRules.Route(e), AccessRules.RecordType(e) switch
            {
                AuditedRecordTypes.Person => own.PersonId,
                AuditedRecordTypes.ClientRecord => own.ClientRecordId,
                _ => own.Id,
            }))
            .Select(p => p.Length == 0 ? "/" : p)
            // The self-referral's steps open once its start form has been posted (pages go in order).
            .Concat(new[] { "about-you", "help", "contact", "consent", "check" }.Select(step => $"/self-referral/{step}"))
            // Signing out ends the session the rest of the run needs; the error page answers any post by design.
            .Where(p => p is not "/sign-out" and not "/error")
            .Distinct().Order().ToList();

        var problems = new List<string>();
        var posted = 0;
        var reached = new SortedSet<string>();
        void Check(string who, string what, HttpResponseMessage response, string body)
        {
            if ((int)response.StatusCode >= 500) problems.Add($"{who} {what}: {(int)response.StatusCode} {body[..Math.Min(body.Length, 3000)]}");
            if (body.Contains("   at ", StringComparison.Ordinal) || body.Contains("Exception", StringComparison.Ordinal))
                problems.Add($"{who} {what}: shows a stack trace or exception");
            if (body.Contains(Script, StringComparison.Ordinal)) problems.Add($"{who} {what}: shows the script unescaped");
        }

        var users = DemoArea.SignIns.Select(u => (Who: u.Role, Email: (string?)u.Email)).Prepend(("anonymous", null)).ToList();
        foreach (var (who, email) in users)
        {
            using var client = site.NewClient();
            if (email is not null) await TestSite.SignInAsync(client, email, DemoArea.Password);
            foreach (var page in pages)
            {
                var opened = await client.GetAsync(page);
                if (opened.StatusCode != HttpStatusCode.OK) continue;
                var html = await opened.Content.ReadAsStringAsync();
                foreach (var form in PostForms(page, html).ToList())
                {
                    // Signing out (every page's header has the button) would end the run's session.
                    if (form.Action.StartsWith("/sign-out", StringComparison.Ordinal)) continue;
                    if (email is not null && form.Action.StartsWith("/sign-in", StringComparison.Ordinal)) continue;
                    foreach (var payload in Payloads)
                    {
                        var response = await client.PostAsync(form.Action, Body(form, payload));
                        posted++;
                        reached.Add($"{who} {form.Action}");
                        Check(who, $"POST {form.Action} ({payload[..Math.Min(12, payload.Length)]}…)", response, await response.Content.ReadAsStringAsync());
                    }
                }
            }
            // Whatever the posts stored is shown escaped on every page this user can open.
            foreach (var page in pages)
            {
                var response = await client.GetAsync(page);
                Check(who, $"GET {page} afterwards", response, await response.Content.ReadAsStringAsync());
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
        // The run really reached the forms: case work, records, benchmarks, the public front door.
        Assert.True(posted > 300, $"only {posted} posts: {string.Join(", ", reached)} of pages {string.Join(", ", pages)}");
        Assert.True(await db.AuditEvents.CountAsync(a => a.Action == AuditActions.Change && a.Outcome == AuditOutcomes.Failed) > 0);
    }
}
