using System.Net;
using Pathway.Access;
using Pathway.Data;
using Pathway.Demo;
using Pathway.Tests.Infrastructure;

namespace Pathway.Tests;

public class ScopeTests
{
    private static async Task<TestSite> DemoSiteAsync(TestDatabase database)
    {
        await database.FillDemoAsync(new DemoOptions(People: 40, Years: 2, Seed: 6), new DateOnly(2026, 11, 23));
        return await TestSite.StartAsync(database.Target);
    }

    [Theory, DatabaseData]
    public async Task ACommissionerSeesOnlyTheirOwnCouncilWhateverTheyAskFor(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await using var site = await DemoSiteAsync(database);
        using var client = site.NewClient();
        var commissioner = DemoArea.SignIns.Single(u => u.Role == Roles.Commissioner);
        await TestSite.SignInAsync(client, commissioner.Email, DemoArea.Password);

        foreach (var page in new[] { "/performance?la=E08000002", "/performance?la=", "/performance/scrutiny?la=E08000002" })
        {
            var response = await client.GetAsync(page);
            var html = await response.Content.ReadAsStringAsync();

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("Stockport", html);
            Assert.DoesNotContain("value=\"E08000002\"", html);
            Assert.DoesNotContain("Bury", html);
        }
    }

    [Theory, DatabaseData]
    public async Task ATeamManagerSeesOnlyTheirOwnProvidersFigures(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await using var site = await DemoSiteAsync(database);
        using var client = site.NewClient();
        var manager = DemoArea.SignIns.Single(u => u.Role == Roles.TeamManager);
        await TestSite.SignInAsync(client, manager.Email, DemoArea.Password);

        var html = await client.GetStringAsync("/performance?provider=OLDCO");

        Assert.DoesNotContain("value=\"OLDCO\"", html);
        Assert.Contains(DemoArea.Incoming.Name, html);
    }

    [Theory, DatabaseData]
    public async Task NobodyIsOfferedASelectionTheirScopeWouldNotShow(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await using var site = await DemoSiteAsync(database);

        foreach (var user in DemoArea.AllSignIns.Where(u => u.Role is Roles.Commissioner or Roles.TeamManager))
        {
            using var client = site.NewClient();
            await TestSite.SignInAsync(client, user.Email, DemoArea.Password);
            foreach (var page in new[] { "/performance", "/performance?la=&provider=" })
            {
                var html = await client.GetStringAsync(page);

                // "All" that silently shows only their own would be a wrong answer: it is not offered at all.
                if (user.Role == Roles.Commissioner)
                {
                    Assert.DoesNotContain("All local authorities</option>", html);
                    Assert.Contains($"<option value=\"{user.LocalAuthorityCode}\" selected=\"selected\">", html);
                }
                else
                {
                    Assert.DoesNotContain("All providers</option>", html);
                    Assert.Contains($"<option value=\"{user.ProviderCode}\" selected=\"selected\">", html);
                }
            }
        }
    }

    [Fact]
    public void ScopesNarrowEveryRequestToTheUsersOwnOrganisation()
    {
        var commissioner = new AccessScope(null, "E08000007");
        var worker = new AccessScope("NEWCO", null);

        Assert.Equal(("E08000007", (string?)"OLDCO"), commissioner.Narrow("E08000002", "OLDCO"));
        Assert.Equal(((string?)"E08000002", "NEWCO"), worker.Narrow("E08000002", "OLDCO"));
        Assert.Equal(("E08000007", (string?)null), commissioner.Narrow(null, null));
    }
}
