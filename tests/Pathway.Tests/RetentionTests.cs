using System.Net;
using Microsoft.EntityFrameworkCore;
using Pathway.Access;
using Pathway.Data;
using Pathway.Demo;
using Pathway.People;
using Pathway.Tests.Infrastructure;

namespace Pathway.Tests;

public class RetentionTests
{
    [Theory, DatabaseData]
    public async Task PeopleInactiveForTheRetentionPeriodAreListedAndCanBeErasedWithTheAuditKept(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await database.FillDemoAsync(new DemoOptions(People: 80, Years: 4, Seed: 31), DateOnly.FromDateTime(DateTime.Today));
        // A one-year retention period, so the demo's early leavers are due.
        await using var site = await TestSite.StartAsync(database.Target, configuration: new() { [Retention.YearsSetting] = "1" });
        using var manager = site.NewClient();
        await TestSite.SignInAsync(manager, DemoArea.SignIns.Single(u => u.Role == Roles.TeamManager).Email, DemoArea.Password);
        await using var db = database.Open();
        var cutoff = DateOnly.FromDateTime(DateTime.Today).AddYears(-1);
        var due = await Retention.DueForReviewAsync(db, new AccessScope(DemoArea.Incoming.Code, null), 1, DateOnly.FromDateTime(DateTime.Today), default);

        Assert.NotEmpty(due);
        Assert.All(due, c => Assert.True(c.LastActivity < cutoff));
        var person = due[0].PersonId;
        Assert.False(await db.Episodes.AnyAsync(e => e.PersonId == person && e.ProviderCode == DemoArea.Incoming.Code
            && (e.DischargeDate == null || e.Contacts.Any(c => c.Date >= cutoff))));
        Assert.Contains($"<td class=\"nhsuk-table__cell\">{person}</td>", await manager.GetStringAsync("/retention"));

        var erase = await TestSite.PostFormAsync(manager, "/retention", "/retention?handler=Erase", new() { ["personId"] = person.ToString() });

        Assert.Equal(HttpStatusCode.Redirect, erase.StatusCode);
        Assert.False(await db.Episodes.AnyAsync(e => e.PersonId == person && e.ProviderCode == DemoArea.Incoming.Code));
        Assert.True(await db.AuditEvents.AnyAsync(e => e.Action == "erase" && e.PersonId == person));
        // Someone still in treatment is never erased.
        var active = await db.Episodes.Where(e => e.ProviderCode == DemoArea.Incoming.Code && e.DischargeDate == null).Select(e => e.PersonId).FirstAsync();
        var refused = await TestSite.PostFormAsync(manager, "/retention", "/retention?handler=Erase", new() { ["personId"] = active.ToString() });
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.True(await db.People.AnyAsync(p => p.Id == active));
    }
}
