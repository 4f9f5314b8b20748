using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Pathway.Data;
using Pathway.Demo;
using Pathway.Episodes;
using Pathway.Tests.Infrastructure;

namespace Pathway.Tests;

public class DemoTests
{
    private static readonly DateOnly Today = new(2026, 11, 23);
    private static readonly CliConsole Quiet = new(TextWriter.Null, TextWriter.Null);

    private static async Task<string> FingerprintAsync(PathwayDb db)
    {
        var episodes = await db.Episodes.AsNoTracking()
            .OrderBy(e => e.Source).ThenBy(e => e.EpisodeRef)
            .Select(e => new
            {
                e.Source, e.EpisodeRef, e.ClientRecord.ClientRef, e.Person.Initials, e.Person.DateOfBirth, e.Person.Sex,
                e.ReferralDate, e.ReferralSource, e.TriageDate, e.Substance1, e.Substance2, e.DischargeDate, e.DischargeReason,
                Interventions = e.Interventions.Count, Contacts = e.Contacts.Count, Reviews = e.OutcomeReviews.Count,
            })
            .ToListAsync();
        var text = string.Join('\n', episodes.Select(e => e.ToString()));
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    [Theory, DatabaseData]
    public async Task TheSameSeedGivesTheSameArea(DatabaseKind kind)
    {
        await using var first = await TestDatabase.CreateAsync(kind);
        await using var second = await TestDatabase.CreateAsync(kind);
        await using var third = await TestDatabase.CreateAsync(kind);
        await using var a = first.Open();
        await using var b = second.Open();
        await using var c = third.Open();

        await DemoArea.FillAsync(a, new DemoOptions(People: 60, Years: 3, Seed: 7), Today, Quiet, default);
        await DemoArea.FillAsync(b, new DemoOptions(People: 60, Years: 3, Seed: 7), Today, Quiet, default);
        await DemoArea.FillAsync(c, new DemoOptions(People: 60, Years: 3, Seed: 8), Today, Quiet, default);

        Assert.Equal(60, await a.People.CountAsync());
        Assert.Equal(await FingerprintAsync(a), await FingerprintAsync(b));
        Assert.NotEqual(await FingerprintAsync(a), await FingerprintAsync(c));
    }

    [Theory, DatabaseData]
    public async Task DemoJourneysKeepTheExchangeFormatRules(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await using var db = database.Open();
        await DemoArea.FillAsync(db, new DemoOptions(People: 400, Years: 4, Seed: 3), Today, Quiet, default);

        var episodes = await db.Episodes.AsNoTracking().Include(e => e.Person)
            .Include(e => e.Interventions).Include(e => e.Contacts).Include(e => e.OutcomeReviews).ToListAsync();

        Assert.NotEmpty(episodes);
        foreach (var e in episodes)
        {
            var age = e.Person.AgeOn(e.ReferralDate);
            Assert.InRange(age, 10, 110);
            if (e.Pathway == CarePathway.Adult) Assert.True(age >= 18, $"{e.EpisodeRef}: adult aged {age}");
            else Assert.True(age < 25, $"{e.EpisodeRef}: young person aged {age}");
            Assert.True(e.ReferralDate <= Today);
            if (e.TriageDate is { } triage) Assert.True(triage >= e.ReferralDate && triage <= Today, e.EpisodeRef);
            Assert.Equal(e.DischargeDate is null, e.DischargeReason is null);
            if (e.DischargeDate is { } discharge) Assert.True(discharge >= (e.TriageDate ?? e.ReferralDate) && discharge <= Today, e.EpisodeRef);
            var substances = new[] { (Substance?)e.Substance1, e.Substance2, e.Substance3 }.Where(s => s is not null).ToList();
            Assert.Equal(substances.Count, substances.Distinct().Count());
            Assert.All(e.Interventions, i =>
            {
                Assert.True(i.StartDate >= e.ReferralDate && i.StartDate <= Today, e.EpisodeRef);
                if (i.EndDate is { } end) Assert.True(end >= i.StartDate, e.EpisodeRef);
            });
            Assert.All(e.Contacts, c => Assert.True(c.Date <= Today));
            Assert.True(e.OutcomeReviews.Count(r => r.Stage == OutcomeReviews.ReviewStage.Start) <= 1, e.EpisodeRef);
        }
        // The area is meant to show everything: every substance group, both pathways, both providers,
        // and the transition's handovers.
        Assert.Equal(4, episodes.Select(e => e.SubstanceGroup).Distinct().Count());
        Assert.Equal(2, episodes.Select(e => e.Pathway).Distinct().Count());
        Assert.Equal(["NEWCO", "OLDCO"], episodes.Select(e => e.ProviderCode).Distinct().Order());
        Assert.Contains(episodes, e => e.ReferralSource == ReferralSource.OnlineSelf);
        Assert.Contains(episodes, e => e.DischargeReason == DischargeReason.TransferredCommunity && e.ProviderCode == "OLDCO");
        Assert.True(episodes.Select(e => e.ReferralSource).Distinct().Count() >= 12);
    }

    [Theory, DatabaseData]
    public async Task DemoGroupRegistersArePastGroupContactsAndTheWorkerHasAMentorsOpenConcern(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await using var db = database.Open();
        await DemoArea.FillAsync(db, new DemoOptions(People: 150, Years: 1, Seed: 5), Today, Quiet, default);

        var sessions = await db.GroupSessions.AsNoTracking().Include(g => g.Register).ThenInclude(a => a.Contact)
            .Include(g => g.Register).ThenInclude(a => a.Episode).ToListAsync();
        Assert.True(sessions.Count(s => s.Register.Count >= 2) >= 2, "past sessions have registers");
        Assert.Contains(sessions, s => s.Date > Today);
        Assert.All(sessions, s =>
        {
            Assert.Equal(DemoArea.Incoming.Code, s.ProviderCode);
            if (s.Date > Today) Assert.Empty(s.Register);
            Assert.All(s.Register, a =>
            {
                // One group contact on the same episode, on the session's day, marked as the register is.
                Assert.Equal((a.EpisodeId, s.Date, ContactKind.Group, a.Attended), (a.Contact.EpisodeId, a.Contact.Date, a.Contact.Kind, a.Contact.Attended));
                Assert.Null(a.Episode.DischargeDate);
                Assert.True(a.Episode.TriageDate <= s.Date && a.Episode.ReferralDate <= s.Date);
            });
            Assert.Equal(s.Register.Count, s.Register.Select(a => a.EpisodeId).Distinct().Count());
        });

        var worker = await db.Users.SingleAsync(u => u.Email == "alex.worker@demo.pathway.example");
        var mentor = await db.Users.SingleAsync(u => u.Email == "jo.mentor@demo.pathway.example");
        var concern = await db.PeerConcerns.AsNoTracking().Include(c => c.Episode).SingleAsync();
        Assert.Null(concern.SeenAt);
        Assert.Equal((worker.Id, mentor.Id, mentor.DisplayName), (concern.Episode.KeyWorkerId, concern.RaisedById, concern.RaisedByName));
        Assert.True(await db.PeerMentorings.AnyAsync(m => m.EpisodeId == concern.EpisodeId && m.MentorId == mentor.Id && m.Until == null));
        var contacts = await db.PeerSupportContacts.AsNoTracking().ToListAsync();
        Assert.NotEmpty(contacts);
        foreach (var c in contacts)
        {
            var from = await db.PeerMentorings.Where(m => m.EpisodeId == c.EpisodeId && m.MentorId == c.MentorId).MinAsync(m => m.From);
            Assert.InRange(c.Date, from, Today);
        }
    }

    [Theory, DatabaseData]
    public async Task DemoRefusesADatabaseThatAlreadyHoldsRecords(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);

        var first = await Cli.RunAsync("demo", "--db", database.DbArgument, "--people", "20", "--years", "1");
        var second = await Cli.RunAsync("demo", "--db", database.DbArgument, "--people", "20");

        Assert.Equal(0, first.ExitCode);
        Assert.Equal(DemoArea.AllSignIns.Count(), first.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Count(l => l.StartsWith("demo sign-in: ")));
        Assert.Equal(1, second.ExitCode);
        Assert.Contains("already holds records", second.Error);
        await using var db = database.Open();
        Assert.Equal(20, await db.People.CountAsync());
    }
}
