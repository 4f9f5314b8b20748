using System.Net;
using Microsoft.EntityFrameworkCore;
using Pathway.Access;
using Pathway.Access.Audit;
using Pathway.Data;
using Pathway.Demo;
using Pathway.People;
using Pathway.Tests.Infrastructure;

namespace Pathway.Tests;

public class FindAClientTests
{
    [Theory]
    [InlineData("943 476 5919", null, null, "9434765919", null)]
    [InlineData("9434765919", null, null, "9434765919", null)]
    [InlineData("17/05/1980", null, "1980-05-17", null, null)]
    [InlineData("17 May 1980", null, "1980-05-17", null, null)]
    [InlineData("1980-05-17", null, "1980-05-17", null, null)]
    [InlineData("newco-c000001", null, null, null, "NEWCO-C000001")]
    [InlineData("Jane Doe", "Jane Doe", null, null, null)]
    [InlineData("Jane Doe 17/5/1980", "Jane Doe", "1980-05-17", null, null)]
    public void OneSearchBoxIsReadAsNameDateOfBirthNhsNumberOrClientReference(string text, string? name, string? born, string? nhs, string? clientRef) =>
        Assert.Equal(new PersonQuery(name, born is null ? null : DateOnly.Parse(born), nhs, clientRef), PersonQuery.Parse(text));

    [Theory, DatabaseData]
    public async Task AClientIsFoundByNameDateOfBirthNhsNumberOrReferenceWithinTheProviderAndEverySearchIsAudited(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await database.FillDemoAsync(new DemoOptions(People: 40, Years: 2, Seed: 5), new DateOnly(2026, 11, 23));
        await using var site = await TestSite.StartAsync(database.Target);
        await using var db = database.Open();
        var worker = DemoArea.SignIns.Single(u => u.Role == Roles.RecoveryWorker);
        using var client = site.NewClient();
        await TestSite.SignInAsync(client, worker.Email, DemoArea.Password);

        var ours = await db.Episodes.Where(e => e.ProviderCode == DemoArea.Incoming.Code && e.ClientRecord.GivenName != null && e.ClientRecord.NhsNumber != null)
            .OrderByDescending(e => e.ReferralDate).Select(e => new
            {
                e.PersonId, e.ClientRecord.GivenName, e.ClientRecord.FamilyName, e.Person.DateOfBirth, e.ClientRecord.NhsNumber, e.ClientRecord.ClientRef,
            }).FirstAsync();
        var latest = await db.Episodes.Where(e => e.ProviderCode == DemoArea.Incoming.Code && e.PersonId == ours.PersonId)
            .OrderByDescending(e => e.ReferralDate).ThenByDescending(e => e.Id).Select(e => e.Id).FirstAsync();
        var theirs = await db.Episodes.Where(e => e.ProviderCode == DemoArea.Outgoing.Code && e.ClientRecord.GivenName != null)
            .Where(e => !db.Episodes.Any(n => n.PersonId == e.PersonId && n.ProviderCode == DemoArea.Incoming.Code))
            .Select(e => new { e.PersonId, e.ClientRecord.GivenName, e.ClientRecord.FamilyName, e.ClientRecord.ClientRef }).FirstAsync();

        var page = await client.GetStringAsync("/clients/find");
        Assert.DoesNotContain("method=\"get\"", page);
        async Task<string> Find(string text)
        {
            var response = await TestSite.PostFormAsync(client, "/clients/find", "/clients/find", new() { ["Search"] = text });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return await response.Content.ReadAsStringAsync();
        }

        foreach (var text in new[] { $"{ours.GivenName} {ours.FamilyName}", ours.DateOfBirth.ToString("dd/MM/yyyy"), ours.NhsNumber!, ours.ClientRef.ToLowerInvariant() })
        {
            var html = await Find(text);
            Assert.Contains(ours.ClientRef, html);
            // The result leads to the case page of their latest episode here.
            Assert.Contains($"href=\"/episodes/{latest}\"", html);
        }
        // Another provider's client is not found, by name or by reference.
        Assert.DoesNotContain(theirs.ClientRef, await Find($"{theirs.GivenName} {theirs.FamilyName}"));
        Assert.Contains("Nobody found", await Find(theirs.ClientRef));

        // Every search is on the record, with each person it found on their own trail: one event a search, none for the other provider's.
        Assert.Equal(6, await db.AuditEvents.CountAsync(a => a.Action == AuditActions.Search && a.RecordType == AuditedRecordTypes.List
                                                            && a.UserName == worker.Email && a.RecordId!.StartsWith("find-a-client:")));
        Assert.Equal(4, await db.AuditEvents.CountAsync(a => a.Action == AuditActions.Search && a.PersonId == ours.PersonId));
        Assert.False(await db.AuditEvents.AnyAsync(a => a.Action == AuditActions.Search && a.PersonId == theirs.PersonId));

        // An empty search asks for something to search by, in the NHS.UK error summary.
        var empty = await Find("   ");
        Assert.Contains("<title>Error: Find a client", empty);
        Assert.Contains($"<a href=\"#Search\">{FindClientModel.EmptyMessage}</a>", empty);
    }
}
