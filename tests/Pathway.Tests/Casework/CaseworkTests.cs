using Microsoft.EntityFrameworkCore;
using Pathway.Casework;
using Pathway.Data;
using Pathway.Episodes;
using Pathway.People;
using Pathway.Referrals;
using Pathway.Tests.Infrastructure;

namespace Pathway.Tests.Casework;

public class CaseworkTests
{
    private static readonly Caseworker Worker = new("worker-1", "Test Worker", "NEWCO", null, false);

    private static ReferralRequest Referral(DateOnly date, ReferralSource source = ReferralSource.Self) =>
        new("Jane", "Doe", new DateOnly(1980, 5, 17), Sex.Female, "9434765919", "E08000007", "SK1", true, date, source, Substance.Alcohol, false);

    [Theory]
    [InlineData("2026-01-10", "completed_drug_free", "2026-07-10", true)]
    [InlineData("2026-01-10", "completed_drug_free", "2026-07-11", false)]
    [InlineData("2026-01-10", "completed_drug_free", "2026-01-10", false)]
    [InlineData("2026-01-10", "dropped_out", "2026-02-01", false)]
    [InlineData("2025-08-31", "completed_alcohol_free", "2026-02-28", true)]
    [InlineData("2025-08-31", "completed_alcohol_free", "2026-03-01", false)]
    public void ARepresentationIsAReferralWithinSixMonthsOfASuccessfulDischarge(string discharge, string reason, string referral, bool expected) =>
        Assert.Equal(expected, Representation.IsRepresentation(DateOnly.Parse(discharge), Pathway.Infrastructure.Codes<DischargeReason>.Parse(reason), DateOnly.Parse(referral)));

    [Theory]
    [InlineData(17, false, CarePathway.YoungPeople)]
    [InlineData(18, false, CarePathway.Adult)]
    [InlineData(24, true, CarePathway.YoungPeople)]
    [InlineData(25, true, CarePathway.Adult)]
    public void UnderEighteensGoToTheYoungPeoplesPathwayAndEighteenToTwentyFourMayChoose(int age, bool chooses, CarePathway pathway) =>
        Assert.Equal(pathway, ReferralIntake.PathwayFor(age, chooses));

    [Theory, DatabaseData]
    public async Task ASecondReferralFindsThePersonAndIsFlaggedAsARepresentation(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await using (var db = database.Open())
        {
            var first = await ReferralIntake.ReferAsync(db, Referral(new DateOnly(2026, 1, 5)), "NEWCO", Worker, default);
            Assert.True(first.NewPerson);
            Assert.Equal("NEWCO-E000001", first.Episode.EpisodeRef);
            first.Episode.TriageDate = new DateOnly(2026, 1, 6);
            first.Episode.DischargeDate = new DateOnly(2026, 4, 1);
            first.Episode.DischargeReason = DischargeReason.CompletedAlcoholFree;
            await db.SaveChangesAsync();
        }
        await using (var db = database.Open())
        {
            var second = await ReferralIntake.ReferAsync(db, Referral(new DateOnly(2026, 6, 1), ReferralSource.Gp), "NEWCO", Worker, default);
            Assert.False(second.NewPerson);
            Assert.Equal(new DateOnly(2026, 4, 1), second.RepresentationAfter);
            Assert.Equal("NEWCO-E000002", second.Episode.EpisodeRef);
        }
        await using (var db = database.Open())
        {
            Assert.Equal(1, await db.People.CountAsync());
            Assert.Equal(1, await db.ClientRecords.CountAsync());
            Assert.Equal("NEWCO-C000001", await db.ClientRecords.Select(c => c.ClientRef).SingleAsync());
            Assert.True(await db.ChangeRecords.CountAsync() >= 4);
        }
    }

    [Theory, DatabaseData]
    public async Task SecondSaveOfTheSameCaseIsRefusedAndTheFirstIsKept(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        int id;
        await using (var db = database.Open())
            id = (await ReferralIntake.ReferAsync(db, Referral(new DateOnly(2026, 1, 5)), "NEWCO", Worker, default)).Episode.Id;

        await using var first = database.Open();
        await using var second = database.Open();
        var a = await first.Episodes.Include(e => e.Person).SingleAsync(e => e.Id == id);
        var b = await second.Episodes.Include(e => e.Person).SingleAsync(e => e.Id == id);
        var version = a.Version;

        a.TriageDate = new DateOnly(2026, 1, 6);
        Assert.True(await first.TrySaveCaseAsync(a, version, Worker, default));
        b.TriageDate = new DateOnly(2026, 1, 9);
        b.Contacts.Add(new Contact { Date = new DateOnly(2026, 1, 9), Channel = ContactChannel.Phone, Attended = true, Kind = ContactKind.Assessment });
        Assert.False(await second.TrySaveCaseAsync(b, version, Worker, default));

        await using var check = database.Open();
        var saved = await check.Episodes.Include(e => e.Contacts).SingleAsync(e => e.Id == id);
        Assert.Equal(new DateOnly(2026, 1, 6), saved.TriageDate);
        Assert.Empty(saved.Contacts);
        Assert.Equal(version + 1, saved.Version);
        var history = await check.ChangeRecords.Where(c => c.EpisodeId == id).OrderBy(c => c.Id).ToListAsync();
        Assert.Contains(history, h => h.Changes.Contains("Triage date: (none) → 6 January 2026") && h.ByName == "Test Worker");
    }
}
