using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Pathway.Data;
using Pathway.Demo;
using Pathway.Tests.Infrastructure;

namespace Pathway.Tests.Teams;

/// <summary>A team manager's figures add up, and every page that shows one shows the same number.</summary>
public partial class TeamFiguresTests
{
    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tag();
    [GeneratedRegex(@"(\d[\d,]*) open episodes?\b")]
    private static partial Regex OpenEpisodes();
    [GeneratedRegex(@"(\d[\d,]*) without a key worker")]
    private static partial Regex WithoutKeyWorker();
    [GeneratedRegex(@"(\d[\d,]*) clients? in treatment")]
    private static partial Regex ClientsInTreatment();
    [GeneratedRegex("""<tbody[^>]*>(.*?)</tbody>""", RegexOptions.Singleline)]
    private static partial Regex Body();
    [GeneratedRegex("""<table[^>]*id="caseloads".*?</table>""", RegexOptions.Singleline)]
    private static partial Regex CaseloadTable();
    [GeneratedRegex("""<th[^>]*scope="col"[^>]*>(.*?)</th>""", RegexOptions.Singleline)]
    private static partial Regex Header();
    [GeneratedRegex("""<tr[^>]*>(.*?)</tr>""", RegexOptions.Singleline)]
    private static partial Regex Row();
    [GeneratedRegex("""<t[dh][^>]*>(.*?)</t[dh]>""", RegexOptions.Singleline)]
    private static partial Regex Cell();

    private static string Text(string html) => WebUtility.HtmlDecode(Tag().Replace(html, " "));

    private static int Number(Regex pattern, string html, string page)
    {
        var match = pattern.Match(Text(html));
        Assert.True(match.Success, $"{page} shows no figure matching {pattern}");
        return int.Parse(match.Groups[1].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
    }

    /// <summary>The caseload table's body rows, as column heading to cell text.</summary>
    private static List<Dictionary<string, string>> CaseloadRows(string html)
    {
        var table = CaseloadTable().Match(html);
        Assert.True(table.Success, "/team shows no caseload table");
        var headers = Header().Matches(table.Value).Select(m => Text(m.Groups[1].Value).Trim()).ToList();
        return Row().Matches(Body().Match(table.Value).Groups[1].Value)
            .Select(r => Cell().Matches(r.Groups[1].Value).Select(c => Text(c.Groups[1].Value).Trim()).ToList())
            .Select(cells => headers.Zip(cells).ToDictionary(p => p.First, p => p.Second)).ToList();
    }

    private static int Sum(List<Dictionary<string, string>> rows, string column) =>
        rows.Sum(r => int.Parse(r[column], NumberStyles.AllowThousands, CultureInfo.InvariantCulture));

    [Theory, DatabaseData]
    public async Task EveryTeamFigureReconcilesWithTheHomePageCaseloadAndReferralsWaiting(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await database.FillDemoAsync(new DemoOptions(People: 160, Years: 2, Seed: 6), new DateOnly(2026, 11, 23));
        await using var site = await TestSite.StartAsync(database.Target);
        await using var db = database.Open();

        var (anyWaiting, anyUnallocated) = (false, false);
        // The incoming provider allocates a key worker at referral; the outgoing one's open episodes have none.
        foreach (var manager in DemoArea.AllSignIns.Where(s => s.Role == Access.Roles.TeamManager))
        {
            using var client = site.NewClient();
            await TestSite.SignInAsync(client, manager.Email, DemoArea.Password);
            var home = await client.GetStringAsync("/");
            var team = await client.GetStringAsync("/team");
            var caseload = Number(ClientsInTreatment(), await client.GetStringAsync("/caseload"), "/caseload");
            var referrals = await client.GetStringAsync("/referrals");
            var waiting = Regex.Matches(Body().Match(referrals).Groups[1].Value, "href=\"/episodes/").Count;
            var unallocated = await db.Episodes.CountAsync(e => e.ProviderCode == manager.ProviderCode && e.DischargeDate == null && e.KeyWorkerId == null);

            (anyWaiting, anyUnallocated) = (anyWaiting || waiting > 0, anyUnallocated || unallocated > 0);
            var open = Number(OpenEpisodes(), team, "/team");
            Assert.Equal(Number(OpenEpisodes(), home, "the home page"), open);
            Assert.Equal(caseload + waiting, open);
            Assert.Equal(unallocated, Number(WithoutKeyWorker(), team, "/team"));
            var rows = CaseloadRows(team);
            Assert.Equal(caseload, Sum(rows, "In treatment"));
            Assert.Equal(waiting, Sum(rows, "Waiting for triage"));
            var nobody = Assert.Single(rows, r => r["Key worker"] == "No key worker");
            Assert.Equal(unallocated, int.Parse(nobody["In treatment"], CultureInfo.InvariantCulture) + int.Parse(nobody["Waiting for triage"], CultureInfo.InvariantCulture));
        }
        // Without referrals waiting and episodes without a key worker the sums above would prove nothing.
        Assert.True(anyWaiting && anyUnallocated);
    }
}
