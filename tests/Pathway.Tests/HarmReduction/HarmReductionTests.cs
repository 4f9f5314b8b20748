using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Pathway.Access;
using Pathway.Access.Audit;
using Pathway.Admin;
using Pathway.Casework;
using Pathway.Data;
using Pathway.Episodes;
using Pathway.HarmReduction;
using Pathway.Infrastructure;
using Pathway.People;
using Pathway.Referrals;
using Pathway.Safeguarding;
using Pathway.Tests.Infrastructure;
using Pathway.Worklists;

namespace Pathway.Tests.HarmReduction;

/// <summary>Recording harm reduction through its one action, the harm-reduction worklist, and the risk flags' history.</summary>
public class HarmReductionTests
{
    private static readonly Caseworker Newco = new("worker-newco", "Nia Newco", "NEWCO", null, false);
    private static readonly Caseworker Oldco = new("worker-oldco", "Olly Oldco", "OLDCO", null, false);

    private static ReferralRequest Referral(string given, DateOnly date, Substance substance) =>
        new(given, "Example", new DateOnly(1985, 3, 14), Sex.Male, null, "E08000007", "SK1", true, date, ReferralSource.Self, substance, false);

    /// <summary>The scope service as the signed-in worker's request would have it.</summary>
    private static async Task<RecordAccess> AccessAsync(PathwayDb db, Caseworker who)
    {
        if (!await db.Users.AnyAsync(u => u.Id == who.Id))
        {
            db.Users.Add(new StaffUser { Id = who.Id, UserName = who.Id, Email = $"{who.Id}@example.com", DisplayName = who.Name, ProviderCode = who.ProviderCode });
            await db.SaveChangesAsync();
        }
        var user = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, who.Id), new Claim(ClaimTypes.Name, who.Id), new Claim(ClaimTypes.Role, Roles.RecoveryWorker)], "test"));
        var http = new RequestOf(new DefaultHttpContext { User = user });
        return new RecordAccess(db, new AuditTrail(db, http, TimeProvider.System), http);
    }

    /// <summary>One request's context, held plainly (HttpContextAccessor's would not flow out of the async method that set it).</summary>
    private sealed class RequestOf(HttpContext context) : IHttpContextAccessor
    {
        public HttpContext? HttpContext { get => context; set { } }
    }

    private static async Task<Episode> OpiateEpisodeAsync(PathwayDb db, string given, DateOnly referral, InjectingStatus injecting = InjectingStatus.Never)
    {
        var episode = (await ReferralIntake.ReferAsync(db, Referral(given, referral, Substance.Heroin), "NEWCO", Newco, default)).Episode;
        episode.TriageDate = referral;
        episode.InjectingStatus = injecting;
        await db.SaveChangesAsync();
        return episode;
    }

    private static HarmReductionInput Naloxone(DateOnly date, string quantity = "1", NaloxoneRecipient? to = NaloxoneRecipient.FamilyMemberOrCarer) =>
        new() { Kind = HarmReductionKind.NaloxoneKit, Date = date, Quantity = quantity, Recipient = to };

    [Theory, DatabaseData]
    public async Task ANaloxoneKitIsSavedWithItsRecipientAndIsInTheCaseHistory(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await using var db = database.Open();
        var today = db.Time().Today();
        var episode = await OpiateEpisodeAsync(db, "Ana", today.AddDays(-30));
        var access = await AccessAsync(db, Newco);

        var outcome = await HarmReductionRecords.RecordAsync(db, access, Newco, episode.Id, episode.Version, Naloxone(today.AddDays(-1), "2"), default);

        var saved = Assert.IsType<CaseOutcome.Saved>(outcome);
        await using var check = database.Open();
        var kit = await check.HarmReductionEvents.SingleAsync(h => h.Id == saved.Id);
        Assert.Equal((HarmReductionKind.NaloxoneKit, 2, NaloxoneRecipient.FamilyMemberOrCarer, HarmReductionResult.NotApplicable),
            (kit.Kind, kit.Quantity, kit.Recipient, kit.Result));
        var history = await check.ChangeRecords.Where(c => c.EpisodeId == episode.Id && c.Summary == "Harm reduction event added").SingleAsync();
        Assert.Contains("Recipient: Family member or carer", history.Changes);
        Assert.Equal("Nia Newco", history.ByName);
    }

    [Theory, DatabaseData]
    public async Task InvalidInputIsRefusedWithAMessageForEachFieldAndNothingIsSaved(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await using var db = database.Open();
        var today = db.Time().Today();
        var episode = await OpiateEpisodeAsync(db, "Ben", today.AddDays(-30));
        var access = await AccessAsync(db, Newco);

        // A kit with nobody to give it to, tomorrow, 100 of them; then a drug test with no result or substance.
        var kit = await HarmReductionRecords.RecordAsync(db, access, Newco, episode.Id, episode.Version, Naloxone(today.AddDays(1), "100", to: null), default);
        var test = await HarmReductionRecords.RecordAsync(db, access, Newco, episode.Id, episode.Version,
            new HarmReductionInput { Kind = HarmReductionKind.DrugTest, Date = today.AddDays(-31) }, default);

        Assert.Equal(["Date", "Recipient", "Quantity"], Assert.IsType<CaseOutcome.Invalid>(kit).Messages.Select(m => m.Field));
        Assert.Contains(new FieldMessage("Date", "Date must be today or in the past"), ((CaseOutcome.Invalid)kit).Messages);
        Assert.Contains(new FieldMessage("Quantity", "Quantity must be a whole number from 1 to 99"), ((CaseOutcome.Invalid)kit).Messages);
        var testMessages = Assert.IsType<CaseOutcome.Invalid>(test).Messages;
        Assert.Equal([new FieldMessage("Date", "Date must not be before the referral date"), new("Result", "Select the result of the test"),
            new("Substance", "Select the substance tested for")], testMessages);
        await using var check = database.Open();
        Assert.Equal(0, await check.HarmReductionEvents.CountAsync());
    }

    [Theory, DatabaseData]
    public async Task AnotherProvidersWorkerIsRefusedAndTheRefusalIsOnThePersonsTrail(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await using var db = database.Open();
        var today = db.Time().Today();
        var episode = await OpiateEpisodeAsync(db, "Cal", today.AddDays(-30));
        var access = await AccessAsync(db, Oldco);

        var outcome = await HarmReductionRecords.RecordAsync(db, access, Oldco, episode.Id, episode.Version, Naloxone(today), default);

        Assert.IsType<CaseOutcome.NotFound>(outcome);
        await using var check = database.Open();
        Assert.Equal(0, await check.HarmReductionEvents.CountAsync());
        var refusal = await check.AuditEvents.SingleAsync(a => a.Action == AuditActions.Refused);
        Assert.Equal((AuditedRecordTypes.Episode, episode.Id.ToString(), episode.PersonId, "worker-oldco"),
            (refusal.RecordType, refusal.RecordId, refusal.PersonId, refusal.UserId));
    }

    [Theory, DatabaseData]
    public async Task AStaleFormIsRefusedWhole(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await using var db = database.Open();
        var today = db.Time().Today();
        var episode = await OpiateEpisodeAsync(db, "Dee", today.AddDays(-30));
        var access = await AccessAsync(db, Newco);

        var outcome = await HarmReductionRecords.RecordAsync(db, access, Newco, episode.Id, episode.Version - 1, Naloxone(today), default);

        Assert.IsType<CaseOutcome.Stale>(outcome);
        await using var check = database.Open();
        Assert.Equal(0, await check.HarmReductionEvents.CountAsync());
    }

    [Theory, DatabaseData]
    public async Task TheWorklistListsOpiateClientsWithoutNaloxoneAndInjectorsWithoutAHepCTestInTheLastYear(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await using var db = database.Open();
        var today = new DateOnly(2026, 11, 30);
        var referral = today.AddYears(-2);
        var withKit = await OpiateEpisodeAsync(db, "Kit", referral);
        var withoutKit = await OpiateEpisodeAsync(db, "Nokit", referral);
        var tested364 = await OpiateEpisodeAsync(db, "Recent", referral, InjectingStatus.Currently);
        var tested366 = await OpiateEpisodeAsync(db, "Lapsed", referral, InjectingStatus.Currently);
        var declined = await OpiateEpisodeAsync(db, "Declined", referral, InjectingStatus.Currently);
        var formerInjector = await OpiateEpisodeAsync(db, "Former", referral, InjectingStatus.Previously);
        var alcohol = (await ReferralIntake.ReferAsync(db, Referral("Alcohol", referral, Substance.Alcohol), "NEWCO", Newco, default)).Episode;
        alcohol.TriageDate = referral;
        alcohol.InjectingStatus = InjectingStatus.Never;
        HarmReductionEvent Event(Episode e, HarmReductionKind k, DateOnly date, HarmReductionResult result = HarmReductionResult.NotApplicable) =>
            new() { EpisodeId = e.Id, Kind = k, Date = date, Quantity = 1, Result = result };
        db.HarmReductionEvents.AddRange(
            // A kit long ago still counts: naloxone is "ever in the episode".
            Event(withKit, HarmReductionKind.NaloxoneKit, referral),
            Event(tested364, HarmReductionKind.NaloxoneKit, referral), Event(tested366, HarmReductionKind.NaloxoneKit, referral),
            Event(declined, HarmReductionKind.NaloxoneKit, referral), Event(formerInjector, HarmReductionKind.NaloxoneKit, referral),
            Event(tested364, HarmReductionKind.HepCAntibodyTest, today.AddDays(-364), HarmReductionResult.Negative),
            Event(tested366, HarmReductionKind.HepCRnaTest, today.AddDays(-366), HarmReductionResult.Negative),
            Event(declined, HarmReductionKind.HepCAntibodyTest, today.AddDays(-10), HarmReductionResult.Declined));
        await db.SaveChangesAsync();

        var rows = await HarmReductionWorklist.ListAsync(db, Newco, null, today, default);
        var byName = rows.ToDictionary(r => r.Name);

        Assert.Equal(["Declined Example", "Lapsed Example", "Nokit Example"], byName.Keys.Order());
        Assert.Equal((true, false), (byName["Nokit Example"].NoNaloxone, byName["Nokit Example"].NoHepCTest));
        Assert.Equal((false, true, today.AddDays(-366)), (byName["Lapsed Example"].NoNaloxone, byName["Lapsed Example"].NoHepCTest, byName["Lapsed Example"].LastHepCTest));
        Assert.True(byName["Declined Example"].NoHepCTest);
        // Another provider's worker sees none of them.
        Assert.Empty(await HarmReductionWorklist.ListAsync(db, Oldco, null, today, default));
        // A worker's own list holds only their key clients.
        Assert.Empty(await HarmReductionWorklist.ListAsync(db, Newco, Newco.Id, today, default));
    }

    [Theory, DatabaseData]
    public async Task AChangeOfRiskFlagIsInTheCaseHistory(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await using var db = database.Open();
        var today = db.Time().Today();
        var episode = await OpiateEpisodeAsync(db, "Flag", today.AddDays(-30));
        var flags = new RiskFlags { ClientRecordId = episode.ClientRecordId };
        db.RiskFlags.Add(flags);
        RiskFlagRules.Apply(new RiskFlagsInput { DomesticAbuse = false, OverdoseRisk = OverdoseRisk.Low }, flags);
        Assert.True(await db.TrySaveCaseAsync(episode, episode.Version, Newco, default));

        var input = new RiskFlagsInput { DomesticAbuse = false, OverdoseRisk = OverdoseRisk.High, OverdoseRiskReason = "Released from prison" };
        Assert.Empty(RiskFlagRules.Check(input, new DateOnly(1985, 3, 14), today));
        RiskFlagRules.Apply(input, flags);
        Assert.True(await db.TrySaveCaseAsync(episode, episode.Version, Newco, default));

        await using var check = database.Open();
        var change = await check.ChangeRecords.Where(c => c.EpisodeId == episode.Id && c.Summary == "Risk flags changed").SingleAsync();
        Assert.Contains("Overdose risk: Low → High", change.Changes);
        Assert.Contains("Overdose risk reason: (none) → Released from prison", change.Changes);
        Assert.Equal([new FlagTag("Overdose risk: high", "red")], RiskFlagRules.Tags(await check.RiskFlags.SingleAsync()));
    }
}
