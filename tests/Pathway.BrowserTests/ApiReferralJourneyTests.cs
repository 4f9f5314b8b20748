using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Pathway.BrowserTests.Infrastructure;

namespace Pathway.BrowserTests;

/// <summary>
/// Another system's view of Pathway, end to end over real HTTP against `pathway serve --demo`: the administrator registers
/// a client with the verb, the program fetches a token, pulls the year's indicators and posts a FHIR referral; then the
/// recovery worker finds that referral in the queue in the browser.
/// </summary>
public partial class ApiReferralJourneyTests(DemoSiteFixture site) : IClassFixture<DemoSiteFixture>
{
    [GeneratedRegex(@"client_id: (\S+)\r?\nclient_secret: (\S+)")]
    private static partial Regex Printed();

    [Fact]
    public async Task AHospitalSystemSendsAReferralThatTheRecoveryWorkerFindsInTheQueue()
    {
        // The administrator registers the hospital's system for the incoming provider, as the README shows.
        var added = await PathwayServer.RunAsync(site.Server.DatabasePath, null,
            "api-clients", "add", "--name", "Hospital alcohol care team", "--scopes", "indicators:read referrals:write", "--provider", "NEWCO");
        Assert.True(added.ExitCode == 0, added.Error);
        var printed = Printed().Match(added.Out);
        Assert.True(printed.Success, added.Out);

        using var http = new HttpClient { BaseAddress = site.Server.Address };
        var token = await http.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = printed.Groups[1].Value, ["client_secret"] = printed.Groups[2].Value,
        }));
        var tokenBody = await token.Content.ReadAsStringAsync();
        Assert.True(token.IsSuccessStatusCode, tokenBody);
        http.DefaultRequestHeaders.Authorization =
            new AuthenticationHeaderValue("Bearer", JsonDocument.Parse(tokenBody).RootElement.GetProperty("access_token").GetString());

        // The year's indicators, as report --format json has them.
        var today = DateOnly.FromDateTime(DateTime.Now);
        var indicators = await http.GetAsync($"/api/v1/indicators?from={today.AddYears(-1).AddDays(1):yyyy-MM-dd}&to={today:yyyy-MM-dd}");
        var report = await indicators.Content.ReadAsStringAsync();
        Assert.True(indicators.StatusCode == HttpStatusCode.OK, report);
        using (var json = JsonDocument.Parse(report))
            Assert.Equal(2, json.RootElement.GetProperty("specVersion").GetInt32());

        // A referral from the hospital, as a FHIR transaction of a ServiceRequest and its Patient.
        var family = "Quillfeather";
        var referral = await http.PostAsync("/fhir", new StringContent(ReferralBundle(family, today), Encoding.UTF8,
            new MediaTypeHeaderValue("application/fhir+json")));
        var answer = await referral.Content.ReadAsStringAsync();
        Assert.True(referral.StatusCode == HttpStatusCode.OK, answer);
        using (var json = JsonDocument.Parse(answer))
        {
            Assert.Equal("transaction-response", json.RootElement.GetProperty("type").GetString());
            Assert.Contains(json.RootElement.GetProperty("entry").EnumerateArray(),
                e => e.GetProperty("response").GetProperty("location").GetString()!.StartsWith("EpisodeOfCare/", StringComparison.Ordinal));
        }

        // The recovery worker finds it in the single point of entry's queue.
        var page = await site.Browser.NewPageAsync(site.Server);
        await Browser.SignInAsync(page, site.Server.User("RecoveryWorker"));
        await page.GotoAsync("/referrals");
        var row = page.Locator("main table tbody tr").Filter(new() { HasText = family });
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await Accessibility.AssertNoViolationsAsync(page);
        await row.ScrollIntoViewIfNeededAsync();
        await Browser.ScreenshotAsync(page, "api-fhir-referral-in-the-queue");
        await page.Context.CloseAsync();
    }

    /// <summary>A BaRS-shaped transaction as another system would write it: plain JSON, no Pathway code.</summary>
    private static string ReferralBundle(string family, DateOnly today) => $$"""
        {
          "resourceType": "Bundle",
          "type": "transaction",
          "entry": [
            {
              "fullUrl": "urn:uuid:3b6f0a52-2f7e-4c59-9a55-2d1f4a0e8c11",
              "resource": {
                "resourceType": "ServiceRequest",
                "status": "active",
                "intent": "order",
                "category": [{ "coding": [{ "system": "https://pathway.example/fhir/CodeSystem/referral-source", "code": "hospital" }] }],
                "code": { "text": "Community drug and alcohol treatment" },
                "subject": { "reference": "urn:uuid:8d1e7c40-5a0b-4d8e-b3f2-6c9a1e2d7f05" },
                "authoredOn": "{{today:yyyy-MM-dd}}",
                "requester": { "display": "Alcohol care team, Stepping Hill Hospital" },
                "performer": [{ "identifier": { "system": "https://fhir.nhs.uk/Id/ods-organization-code", "value": "NEWCO" } }],
                "reasonCode": [{ "coding": [{ "system": "https://pathway.example/fhir/CodeSystem/substance", "code": "alcohol" }], "text": "Alcohol dependence, seen in A&E" }],
                "note": [{ "text": "Prefers calls after 2pm." }]
              },
              "request": { "method": "POST", "url": "ServiceRequest" }
            },
            {
              "fullUrl": "urn:uuid:8d1e7c40-5a0b-4d8e-b3f2-6c9a1e2d7f05",
              "resource": {
                "resourceType": "Patient",
                "name": [{ "use": "official", "family": "{{family}}", "given": ["Orla"] }],
                "gender": "female",
                "birthDate": "1984-03-17",
                "address": [{ "line": ["2 Mill Lane"], "district": "Stockport" }],
                "telecom": [{ "system": "phone", "value": "07700900456" }]
              },
              "request": { "method": "POST", "url": "Patient" }
            }
          ]
        }
        """;
}
