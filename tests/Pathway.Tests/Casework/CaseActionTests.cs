using Microsoft.EntityFrameworkCore;
using Pathway.Access;
using Pathway.Access.Audit;
using Pathway.Admin;
using Pathway.Appointments;
using Pathway.Assessments;
using Pathway.CarePlans;
using Pathway.Casework;
using Pathway.Data;
using Pathway.Discharge;
using Pathway.Episodes;
using Pathway.Infrastructure;
using Pathway.OutcomeReviews;
using Pathway.People;
using Pathway.Referrals;
using Pathway.Tests.Infrastructure;

namespace Pathway.Tests.Casework;

/// <summary>
/// The case-work actions called directly, as an API endpoint would call them: each saves through the version check, refuses
/// bad input with a message for its field, refuses a stale form whole, and does not find another provider's episode (with the
/// refusal on the person's trail).
/// </summary>
public class CaseActionTests
{
    private static readonly Caseworker Newco = new("worker-newco", "Nia Newco", "NEWCO", null, false);
    private static readonly Caseworker Oldco = new("worker-oldco", "Olly Oldco", "OLDCO", null, false);

    private static async Task<Episode> EpisodeAsync(PathwayDb db, DateOnly referral)
    {
        var request = new ReferralRequest("Ana", "Example", new DateOnly(1985, 3, 14), Sex.Female, null, "E08000007", "SK1", true, referral,
            ReferralSource.Self, Substance.Alcohol, false);
        var episode = (await ReferralIntake.ReferAsync(db, request, "NEWCO", Newco, default)).Episode;
        episode.TriageDate = referral;
        await db.SaveChangesAsync();
        return episode;
    }

    private static TriageInput Triage(DateOnly date) => new()
    {
        TriageDate = date, Substance1 = Substance.Alcohol, InjectingStatus = InjectingStatus.Never, Housing = HousingSituation.Settled,
        Employment = EmploymentSituation.Unemployed, OverdoseRisk = true, Notes = "  Drinks alone at night  ",
    };

    private static ReviewInput Review(DateOnly date, ReviewStage stage = ReviewStage.Start) => new()
    {
        Date = date, Stage = stage, AlcoholDays = 20, AlcoholUnitsPerDrinkingDay = 14, OpiateDays = 0, CrackDays = 0, CocaineDays = 0,
        AmphetamineDays = 0, CannabisDays = 0, OtherDrugDays = 0, InjectedDays = 0, ShopliftingDays = 0, DrugSellingDays = 0,
        PsychologicalHealth = 9, PhysicalHealth = 11, QualityOfLife = 8, PaidWorkDays = 0, EducationDays = 0,
    };

    /// <summary>Every action the pages call, each with input it saves: the rows of the stale and scope theories.</summary>
    private static readonly Dictionary<string, Func<PathwayDb, RecordAccess, Caseworker, int, int, DateOnly, Task<CaseOutcome>>> Actions = new()
    {
        ["triage"] = (db, access, who, id, version, today) => Assessing.TriageAsync(db, access, who, id, version, Triage(today), default),
        ["screening"] = (db, access, who, id, version, today) =>
            Assessing.ScreenAsync(db, access, who, id, version, new ScreeningInput(ScreeningTool.AuditC, today, [4, 2, 1]), default),
        ["goal"] = (db, access, who, id, version, today) =>
            CarePlanning.SaveGoalAsync(db, access, who, id, version, new GoalInput(null, "Cut down to weekends", GoalStatus.InProgress), default),
        ["intervention"] = (db, access, who, id, version, today) => CarePlanning.SaveInterventionAsync(db, access, who, id, version,
            new InterventionInput(null, InterventionType.Psychosocial, InterventionSetting.Community, today.AddDays(-2), null), default),
        ["booking"] = (db, access, who, id, version, today) => Bookings.BookAsync(db, access, who, id, version,
            new BookingInput(today.AddDays(7), new TimeOnly(10, 30), ContactChannel.FaceToFace, ContactKind.Keywork), default),
        ["contact"] = (db, access, who, id, version, today) => Bookings.RecordContactAsync(db, access, who, id, version,
            new ContactInput(null, today.AddDays(-1), ContactChannel.Phone, ContactKind.Keywork, true), default),
        ["review"] = (db, access, who, id, version, today) => Reviewing.RecordAsync(db, access, who, id, version, Review(today.AddDays(-1)), default),
        ["discharge"] = (db, access, who, id, version, today) => Discharging.DischargeAsync(db, access, who, id, version,
            new DischargeInput(today, DischargeReason.DroppedOut), default),
    };

    public static TheoryData<DatabaseKind, string> EveryAction()
    {
        var data = new TheoryData<DatabaseKind, string>();
        foreach (var kind in new[] { DatabaseKind.Sqlite, DatabaseKind.Postgres })
            foreach (var action in Actions.Keys) data.Add(kind, action);
        return data;
    }

    [Theory, MemberData(nameof(EveryAction))]
    public async Task EveryActionSavesThroughTheVersionCheckAndRefusesAStaleFormWhole(DatabaseKind kind, string action)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await using var db = database.Open();
        var today = db.Time().Today();
        var episode = await EpisodeAsync(db, today.AddDays(-30));
        var access = await ActionUser.AccessAsync(db, Newco);
        var version = episode.Version;
        var history = await db.ChangeRecords.CountAsync(c => c.EpisodeId == episode.Id);

        var stale = await Actions[action](db, access, Newco, episode.Id, version - 1, today);
        Assert.IsType<CaseOutcome.Stale>(stale);
        await using (var check = database.Open())
        {
            Assert.Equal(version, (await check.Episodes.SingleAsync(e => e.Id == episode.Id)).Version);
            Assert.Equal(history, await check.ChangeRecords.CountAsync(c => c.EpisodeId == episode.Id));
        }

        var saved = await Actions[action](db, access, Newco, episode.Id, version, today);
        Assert.IsType<CaseOutcome.Saved>(saved);
        await using (var check = database.Open())
        {
            Assert.Equal(version + 1, (await check.Episodes.SingleAsync(e => e.Id == episode.Id)).Version);
            Assert.True(await check.ChangeRecords.CountAsync(c => c.EpisodeId == episode.Id) > history, "the save wrote no change history");
        }
    }

    [Theory, MemberData(nameof(EveryAction))]
    public async Task EveryActionDoesNotFindAnotherProvidersEpisodeAndTheRefusalIsOnThePersonsTrail(DatabaseKind kind, string action)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await using var db = database.Open();
        var today = db.Time().Today();
        var episode = await EpisodeAsync(db, today.AddDays(-30));
        var access = await ActionUser.AccessAsync(db, Oldco);

        var outcome = await Actions[action](db, access, Oldco, episode.Id, episode.Version, today);

        Assert.IsType<CaseOutcome.NotFound>(outcome);
        await using var check = database.Open();
        Assert.Equal(episode.Version, (await check.Episodes.SingleAsync(e => e.Id == episode.Id)).Version);
        var refusal = await check.AuditEvents.SingleAsync(a => a.Action == AuditActions.Refused);
        Assert.Equal((AuditedRecordTypes.Episode, episode.Id.ToString(), episode.PersonId, Oldco.Id),
            (refusal.RecordType, refusal.RecordId, refusal.PersonId, refusal.UserId));
    }

    [Theory, DatabaseData]
    public async Task TriageIsSavedWithItsRiskAssessmentAndAFutureDateOrAMissingAnswerIsRefusedWithItsMessage(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await using var db = database.Open();
        var today = db.Time().Today();
        var episode = await EpisodeAsync(db, today.AddDays(-30));
        var access = await ActionUser.AccessAsync(db, Newco);

        var future = Triage(today.AddDays(1));
        future.Housing = null;
        future.Notes = new string('x', 4001);
        var refused = Assert.IsType<CaseOutcome.Invalid>(await Assessing.TriageAsync(db, access, Newco, episode.Id, episode.Version, future, default));
        Assert.Equal([new FieldMessage("Housing", "Select housing"), new("Notes", "Risk notes must be 4000 characters or fewer"),
            new("TriageDate", "Triage date must be today or in the past")], refused.Messages.OrderBy(m => m.Field));

        Assert.IsType<CaseOutcome.Saved>(await Assessing.TriageAsync(db, access, Newco, episode.Id, episode.Version, Triage(today.AddDays(-29)), default));
        await using var check = database.Open();
        var risk = await check.RiskAssessments.SingleAsync(r => r.EpisodeId == episode.Id);
        Assert.Equal((today.AddDays(-29), HousingSituation.Settled, true, "Drinks alone at night"), (risk.Date, risk.Housing, risk.OverdoseRisk, risk.Notes));
        Assert.Equal(today.AddDays(-29), (await check.Episodes.SingleAsync(e => e.Id == episode.Id)).TriageDate);
    }

    [Theory, DatabaseData]
    public async Task AGoalNeedsItsWordsWithinFiveHundredCharactersAndAChangeKeepsItsId(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await using var db = database.Open();
        var today = db.Time().Today();
        var episode = await EpisodeAsync(db, today.AddDays(-30));
        var access = await ActionUser.AccessAsync(db, Newco);

        var blank = Assert.IsType<CaseOutcome.Invalid>(await CarePlanning.SaveGoalAsync(db, access, Newco, episode.Id, episode.Version,
            new GoalInput(null, "   ", null), default));
        Assert.Equal([new FieldMessage("Description", "Enter the goal"), new("Status", "Select the goal's status")], blank.Messages);
        var tooLong = Assert.IsType<CaseOutcome.Invalid>(await CarePlanning.SaveGoalAsync(db, access, Newco, episode.Id, episode.Version,
            new GoalInput(null, new string('a', 501), GoalStatus.NotStarted), default));
        Assert.Equal([new FieldMessage("Description", "The goal must be 500 characters or fewer")], tooLong.Messages);

        var added = Assert.IsType<CaseOutcome.Saved>(await CarePlanning.SaveGoalAsync(db, access, Newco, episode.Id, episode.Version,
            new GoalInput(null, " Walk to the allotment ", GoalStatus.NotStarted), default));
        var version = (await db.Episodes.AsNoTracking().SingleAsync(e => e.Id == episode.Id)).Version;
        var changed = Assert.IsType<CaseOutcome.Saved>(await CarePlanning.SaveGoalAsync(db, access, Newco, episode.Id, version,
            new GoalInput(added.Id, "Walk to the allotment daily", GoalStatus.Achieved), default));
        Assert.Equal(added.Id, changed.Id);
        Assert.IsType<CaseOutcome.NotFound>(await CarePlanning.SaveGoalAsync(db, access, Newco, episode.Id, version + 1,
            new GoalInput(added.Id + 1000, "Not this episode's", GoalStatus.Achieved), default));
        await using var check = database.Open();
        var goal = await check.RecoveryGoals.SingleAsync(g => g.EpisodeId == episode.Id);
        Assert.Equal(("Walk to the allotment daily", GoalStatus.Achieved, today), (goal.Description, goal.Status, goal.SetOn));
    }

    [Theory, DatabaseData]
    public async Task ABookingIsForTodayOrLaterAndItsContactClosesItOnce(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await using var db = database.Open();
        var today = db.Time().Today();
        var episode = await EpisodeAsync(db, today.AddDays(-30));
        var access = await ActionUser.AccessAsync(db, Newco);
        // The tracked episode's version moves on with each save; the forms below were filled in from these.
        var version = episode.Version;

        var past = Assert.IsType<CaseOutcome.Invalid>(await Bookings.BookAsync(db, access, Newco, episode.Id, episode.Version,
            new BookingInput(today.AddDays(-1), null, ContactChannel.Phone, null), default));
        Assert.Equal([new FieldMessage("Kind", "Select what the appointment is for"),
            new("Date", "Date of appointment must be today or in the future: record past ones as contacts")], past.Messages);

        var booked = Assert.IsType<CaseOutcome.Saved>(await Bookings.BookAsync(db, access, Newco, episode.Id, episode.Version,
            new BookingInput(today, new TimeOnly(9, 0), ContactChannel.Phone, ContactKind.Keywork), default));
        var contact = new ContactInput(booked.Id, today, ContactChannel.Phone, ContactKind.Keywork, false);
        var recorded = Assert.IsType<CaseOutcome.Saved>(await Bookings.RecordContactAsync(db, access, Newco, episode.Id, version + 1, contact, default));
        var again = Assert.IsType<CaseOutcome.Invalid>(await Bookings.RecordContactAsync(db, access, Newco, episode.Id, version + 2, contact, default));
        Assert.Equal([new FieldMessage("Appointment", Bookings.AlreadyRecorded)], again.Messages);

        await using var check = database.Open();
        var booking = await check.Appointments.SingleAsync(a => a.Id == booked.Id);
        Assert.Equal((recorded.Id, Newco.Id), (booking.ContactId, booking.WorkerId));
        Assert.False((await check.Contacts.SingleAsync(c => c.Id == recorded.Id)).Attended);
    }

    [Theory, DatabaseData]
    public async Task AReviewNamesEveryMissingOrOutOfRangeFieldAndOnlyACheckSavesNothing(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await using var db = database.Open();
        var today = db.Time().Today();
        var episode = await EpisodeAsync(db, today.AddDays(-30));
        var access = await ActionUser.AccessAsync(db, Newco);

        var bad = Review(today.AddDays(-31));
        (bad.CrackDays, bad.PhysicalHealth, bad.InjectedDays) = (29, 21, null);
        var refused = Assert.IsType<CaseOutcome.Invalid>(await Reviewing.RecordAsync(db, access, Newco, episode.Id, episode.Version, bad, default));
        Assert.Equal(["CrackDays", "Date", "InjectedDays", "PhysicalHealth"], refused.Messages.Select(m => m.Field).Order());
        Assert.Contains(new FieldMessage("CrackDays", "Days of crack use must be a whole number from 0 to 28"), refused.Messages);
        Assert.Contains(new FieldMessage("InjectedDays", "Enter the number of days injected"), refused.Messages);
        Assert.Equal("Days of crack use must be a whole number from 0 to 28", Reviewing.NotAWholeNumber("CrackDays"));

        var checkedOnly = Assert.IsType<CaseOutcome.Invalid>(await Reviewing.RecordAsync(db, access, Newco, episode.Id, episode.Version,
            Review(today), default, CaseActionMode.CheckOnly));
        Assert.Empty(checkedOnly.Messages);
        Assert.Equal(0, await db.OutcomeReviews.CountAsync());

        var saved = Assert.IsType<CaseOutcome.Saved>(await Reviewing.RecordAsync(db, access, Newco, episode.Id, episode.Version, Review(today), default));
        await using var check = database.Open();
        var review = await check.OutcomeReviews.SingleAsync(r => r.Id == saved.Id);
        Assert.Equal((ReviewStage.Start, 20, 11), (review.Stage, review.AlcoholDays, review.PhysicalHealth));
    }

    [Theory, DatabaseData]
    public async Task DischargeClosesTheEpisodeWithWhatClosesWithItAndASuccessfulCompletionNeedsAnExitReviewOrAReason(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await using var db = database.Open();
        var today = db.Time().Today();
        var episode = await EpisodeAsync(db, today.AddDays(-30));
        var access = await ActionUser.AccessAsync(db, Newco);
        var version = episode.Version;
        db.Interventions.Add(new Intervention { EpisodeId = episode.Id, Type = InterventionType.Psychosocial, Setting = InterventionSetting.Community, StartDate = today.AddDays(-20) });
        db.Appointments.Add(new Appointment { EpisodeId = episode.Id, Date = today.AddDays(3), Channel = ContactChannel.Phone, Kind = ContactKind.Keywork });
        await db.SaveChangesAsync();

        var completed = new DischargeInput(today, DischargeReason.CompletedAlcoholFree);
        var refused = Assert.IsType<CaseOutcome.Invalid>(await Discharging.DischargeAsync(db, access, Newco, episode.Id, episode.Version, completed, default));
        Assert.Equal([new FieldMessage("NoExitReviewReason", Discharging.NoExitReview)], refused.Messages);
        var future = Assert.IsType<CaseOutcome.Invalid>(await Discharging.DischargeAsync(db, access, Newco, episode.Id, episode.Version,
            new DischargeInput(today.AddDays(1), null, Notes: new string('n', 2001)), default));
        Assert.Equal([new FieldMessage("Reason", "Select the reason for discharge"), new("Notes", "Aftercare notes must be 2000 characters or fewer"),
            new("DischargeDate", "Discharge date must be today or in the past")], future.Messages);

        Assert.IsType<CaseOutcome.Saved>(await Discharging.DischargeAsync(db, access, Newco, episode.Id, episode.Version,
            completed with { NoExitReviewReason = " Moved away ", MutualAid = true }, default));
        await using var check = database.Open();
        var closed = await check.Episodes.Include(e => e.Interventions).SingleAsync(e => e.Id == episode.Id);
        Assert.Equal((today, DischargeReason.CompletedAlcoholFree), (closed.DischargeDate, closed.DischargeReason));
        Assert.Equal(today, closed.Interventions.Single().EndDate);
        Assert.Equal(Bookings.Discharged, (await check.Appointments.SingleAsync(a => a.EpisodeId == episode.Id)).CancelReason);
        var plan = await check.AftercarePlans.SingleAsync(p => p.EpisodeId == episode.Id);
        Assert.Equal(("Moved away", true), (plan.NoExitReviewReason, plan.MutualAid));

        var twice = Assert.IsType<CaseOutcome.Invalid>(await Discharging.DischargeAsync(db, access, Newco, episode.Id, version + 1,
            new DischargeInput(today, DischargeReason.DroppedOut), default));
        Assert.Equal([new FieldMessage("DischargeDate", "This episode has already been discharged")], twice.Messages);
    }
}
