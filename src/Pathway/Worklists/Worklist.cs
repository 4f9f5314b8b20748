using Microsoft.EntityFrameworkCore;
using Pathway.Casework;
using Pathway.Data;
using Pathway.Episodes;
using Pathway.Referrals;

namespace Pathway.Worklists;

public sealed record CaseloadRow(int EpisodeId, string Name, string EpisodeRef, DateOnly? LastContact, DateOnly? NextAppointment,
    int? DaysSinceReview, bool ReviewDue, IReadOnlyList<string> RiskFlags, bool ReviewDueSoon = false);

public sealed record WaitingRow(int EpisodeId, string Name, string EpisodeRef, DateOnly ReferralDate, ReferralSource Source, int DaysWaited, bool Representation);

public sealed record MissedRow(int EpisodeId, string Name, string EpisodeRef, DateOnly Missed, ContactChannel Channel, ContactKind Kind);

/// <summary>
/// The worklists of the recovery worker's day. The rules live here once: a review is due when there has been
/// no outcome review for six months; a referral waits until triage, and waiting past 21 days is overdue; a
/// did-not-attend needs following up until a later contact is attended.
/// </summary>
public static class Worklist
{
    public const int WaitingTooLongDays = 21;

    public static bool IsReviewDue(DateOnly? lastReview, DateOnly triage, DateOnly today) =>
        (lastReview ?? triage) <= today.AddMonths(-6);

    /// <summary>How far ahead "Reviews due" looks: a review falling due within this many days is listed before it is late.</summary>
    public const int ReviewSoonDays = 30;

    public static bool IsReviewDueSoon(DateOnly? lastReview, DateOnly triage, DateOnly today) =>
        !IsReviewDue(lastReview, triage, today) && IsReviewDue(lastReview, triage, today.AddDays(ReviewSoonDays));

    /// <summary>The episodes a caseload lists: open and triaged (a referral not yet triaged waits on the referral queue).</summary>
    public static IQueryable<Episode> OnCaseload(this IQueryable<Episode> episodes) =>
        episodes.Where(e => e.DischargeDate == null && e.TriageDate != null);

    /// <summary>Open, triaged episodes: the worker's own, or (keyWorkerId null) everyone's in scope.</summary>
    public static async Task<List<CaseloadRow>> CaseloadAsync(PathwayDb db, Caseworker worker, string? keyWorkerId, DateOnly today, CancellationToken cancel)
    {
        var query = db.Episodes.AsNoTracking().VisibleTo(worker).OnCaseload();
        if (keyWorkerId is not null) query = query.Where(e => e.KeyWorkerId == keyWorkerId);
        var rows = await query.Select(e => new
        {
            e.Id, e.ClientRecord.GivenName, e.ClientRecord.FamilyName, e.EpisodeRef, Triage = e.TriageDate!.Value,
            LastContact = e.Contacts.Where(c => c.Attended).Max(c => (DateOnly?)c.Date),
            LastReview = e.OutcomeReviews.Max(r => (DateOnly?)r.Date),
            Next = db.Appointments.Where(a => a.EpisodeId == e.Id && a.ContactId == null && a.CancelledAt == null && a.Date >= today).Min(a => (DateOnly?)a.Date),
            Risk = db.RiskAssessments.Where(r => r.EpisodeId == e.Id).OrderByDescending(r => r.Id)
                .Select(r => new { r.OverdoseRisk, r.SelfHarmRisk, r.SafeguardingConcern, r.DomesticAbuse }).FirstOrDefault(),
        }).ToListAsync(cancel);
        return rows.Select(r =>
        {
            var flags = new List<string>();
            if (r.Risk is { } k)
            {
                if (k.OverdoseRisk) flags.Add("Overdose");
                if (k.SelfHarmRisk) flags.Add("Self-harm");
                if (k.SafeguardingConcern) flags.Add("Safeguarding");
                if (k.DomesticAbuse) flags.Add("Domestic abuse");
            }
            return new CaseloadRow(r.Id, $"{r.GivenName} {r.FamilyName}", r.EpisodeRef, r.LastContact, r.Next,
                r.LastReview is { } lr ? today.DayNumber - lr.DayNumber : null, IsReviewDue(r.LastReview, r.Triage, today), flags,
                IsReviewDueSoon(r.LastReview, r.Triage, today));
        }).OrderBy(r => r.Name).ToList();
    }

    public static async Task<List<WaitingRow>> WaitingAsync(PathwayDb db, Caseworker worker, DateOnly today, CancellationToken cancel)
    {
        var rows = await db.Episodes.AsNoTracking().VisibleTo(worker).Where(e => e.TriageDate == null && e.DischargeDate == null)
            .OrderBy(e => e.ReferralDate).ThenBy(e => e.EpisodeRef)
            .Select(e => new { e.Id, e.PersonId, e.ClientRecord.GivenName, e.ClientRecord.FamilyName, e.EpisodeRef, e.ReferralDate, e.ReferralSource })
            .ToListAsync(cancel);
        var representations = await Representation.AmongAsync(db.Episodes.VisibleTo(worker), rows.Select(r => (r.Id, r.PersonId, r.ReferralDate)).ToList(), cancel);
        return rows.Select(r => new WaitingRow(r.Id, $"{r.GivenName} {r.FamilyName}", r.EpisodeRef, r.ReferralDate, r.ReferralSource,
            today.DayNumber - r.ReferralDate.DayNumber, representations.Contains(r.Id))).ToList();
    }

    /// <summary>Open episodes whose latest contact was missed.</summary>
    public static async Task<List<MissedRow>> MissedAsync(PathwayDb db, Caseworker worker, string? keyWorkerId, CancellationToken cancel)
    {
        var query = db.Episodes.AsNoTracking().VisibleTo(worker).Where(e => e.DischargeDate == null);
        if (keyWorkerId is not null) query = query.Where(e => e.KeyWorkerId == keyWorkerId);
        var rows = await query
            .Select(e => new { e.Id, e.ClientRecord.GivenName, e.ClientRecord.FamilyName, e.EpisodeRef,
                Last = e.Contacts.OrderByDescending(c => c.Date).ThenByDescending(c => c.Id).Select(c => new { c.Date, c.Attended, c.Channel, c.Kind }).FirstOrDefault() })
            .Where(x => x.Last != null && !x.Last.Attended)
            .ToListAsync(cancel);
        return rows.Select(r => new MissedRow(r.Id, $"{r.GivenName} {r.FamilyName}", r.EpisodeRef, r.Last!.Date, r.Last.Channel, r.Last.Kind))
            .OrderBy(r => r.Missed).ToList();
    }
}
