using Microsoft.EntityFrameworkCore;
using Pathway.Access;
using Pathway.Appointments;
using Pathway.Casework;
using Pathway.Data;
using Pathway.Episodes;
using Pathway.Infrastructure;
using Pathway.OutcomeReviews;
using Pathway.PeerMentors;

namespace Pathway.Discharge;

/// <summary>A discharge as the worker gives it: date and reason from the exchange format's list, with the aftercare plan.</summary>
public sealed record DischargeInput(DateOnly? DischargeDate, DischargeReason? Reason, string? NoExitReviewReason = null,
    bool RecoveryHub = false, bool MutualAid = false, bool EmploymentAndSkills = false, string? Notes = null);

/// <summary>What a discharge on a day closes: open interventions end on it, bookings after it are cancelled, peer mentoring ends.</summary>
public sealed record DischargePlan(List<Intervention> Ending, List<Appointment> Cancelling, List<PeerMentoring> Mentoring);

/// <summary>
/// Discharging an episode, for the page and the API alike: every rule of the date and reason, the exit review a successful
/// completion needs (or the reason none could be done), then the episode closed with everything that closes with it, in one
/// save through <see cref="CaseSave"/>.
/// </summary>
public static class Discharging
{
    public const string NoExitReview =
        "Record an exit outcome review on or before the discharge date, or give the reason none could be done, for a successful completion";

    /// <summary>A successful completion is evidenced by an exit review, or the worker says why there could be none.</summary>
    public static string? ExitReviewRule(DischargeReason reason, bool hasExitReview, string? noExitReviewReason) =>
        DischargeReasons.IsSuccessfulCompletion(reason) && !hasExitReview && string.IsNullOrWhiteSpace(noExitReviewReason) ? NoExitReview : null;

    public static Task<bool> HasExitReviewAsync(PathwayDb db, int episodeId, DateOnly onOrBefore, CancellationToken cancel) =>
        db.OutcomeReviews.AnyAsync(r => r.EpisodeId == episodeId && r.Stage == ReviewStage.Exit && r.Date <= onOrBefore, cancel);

    public static async Task<DischargePlan> PlanAsync(PathwayDb db, int episodeId, DateOnly on, CancellationToken cancel) => new(
        await db.Interventions.Where(i => i.EpisodeId == episodeId && (i.EndDate == null || i.EndDate > on)).OrderBy(i => i.StartDate).ToListAsync(cancel),
        await Bookings.AfterDischargeAsync(db, episodeId, on, cancel),
        await db.PeerMentorings.Where(m => m.EpisodeId == episodeId && m.Until == null).ToListAsync(cancel));

    public static async Task<CaseOutcome> DischargeAsync(PathwayDb db, RecordAccess access, Caseworker who, int episodeId, int version,
        DischargeInput input, CancellationToken cancel, CaseActionMode mode = CaseActionMode.Save)
    {
        if (await CaseAction.EpisodeAsync(access, episodeId, cancel) is not { } episode) return new CaseOutcome.NotFound();
        var today = db.Time().Today();
        var hasExitReview = await HasExitReviewAsync(db, episode.Id, input.DischargeDate ?? today, cancel);
        var messages = new FieldMessages();
        messages.Required(nameof(input.DischargeDate), input.DischargeDate, "Enter the discharge date");
        messages.Required(nameof(input.Reason), input.Reason, "Select the reason for discharge");
        messages.MaxLength(nameof(input.NoExitReviewReason), input.NoExitReviewReason, 500, "The reason no exit review was done must be 500 characters or fewer");
        messages.MaxLength(nameof(input.Notes), input.Notes, 2000, "Aftercare notes must be 2000 characters or fewer");
        if (episode.DischargeDate is not null) messages.Add(nameof(input.DischargeDate), "This episode has already been discharged");
        if (input.DischargeDate is { } date)
            messages.Rule(nameof(input.DischargeDate), "Discharge date", RecordRules.NotFuture(date, today)
                ?? EpisodeRules.DischargeDate(date, episode.ReferralDate, episode.TriageDate));
        if (input.Reason is { } reason)
        {
            messages.Rule(nameof(input.Reason), "Reason for discharge", EpisodeRules.DischargeReason(reason, episode.Substance1, episode.Substance2, episode.Substance3));
            if (ExitReviewRule(reason, hasExitReview, input.NoExitReviewReason) is { } why) messages.Add(nameof(input.NoExitReviewReason), why);
        }
        // Open interventions end on the day of discharge, and an intervention must not end before it starts.
        var interventions = await db.Interventions.Where(i => i.EpisodeId == episode.Id).ToListAsync(cancel);
        if (input.DischargeDate is { } day && interventions.Any(i => InterventionRules.EndDate(day, i.StartDate) is not null))
            messages.Add(nameof(input.DischargeDate), "An intervention starts after this date: change it before discharging");
        if (messages.Any || mode == CaseActionMode.CheckOnly) return messages.Invalid();

        var on = input.DischargeDate!.Value;
        var plan = await PlanAsync(db, episode.Id, on, cancel);
        episode.DischargeDate = on;
        episode.DischargeReason = input.Reason;
        foreach (var i in plan.Ending) i.EndDate = on;
        var now = db.Time().GetUtcNow();
        foreach (var booking in plan.Cancelling) Bookings.Cancel(booking, Bookings.Discharged, now);
        foreach (var m in plan.Mentoring) m.Until = m.From > on ? m.From : on;
        db.AftercarePlans.Add(new AftercarePlan
        {
            Episode = episode, RecoveryHub = input.RecoveryHub, MutualAid = input.MutualAid, EmploymentAndSkills = input.EmploymentAndSkills,
            Notes = string.IsNullOrWhiteSpace(input.Notes) ? null : input.Notes.Trim(),
            NoExitReviewReason = hasExitReview || string.IsNullOrWhiteSpace(input.NoExitReviewReason) ? null : input.NoExitReviewReason.Trim(),
        });
        return await CaseAction.SaveAsync(db, episode, version, who, () => episode.Id, cancel);
    }
}
