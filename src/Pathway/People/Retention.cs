using Microsoft.EntityFrameworkCore;
using Pathway.Access;
using Pathway.Access.Audit;
using Pathway.Data;

namespace Pathway.People;

public sealed record RetentionCandidate(int PersonId, string Initials, DateOnly LastActivity);

/// <summary>
/// The retention rule: a person with no open episode and no activity (referral, contact, intervention,
/// review or discharge) for the configured number of years is listed for review, and may be erased.
/// Erasure removes their records within the user's scope; the audit trail keeps the fact that it happened.
/// </summary>
public static class Retention
{
    public const string YearsSetting = "Pathway:RetentionYears";
    public const int DefaultYears = 8;

    public static async Task<List<RetentionCandidate>> DueForReviewAsync(PathwayDb db, AccessScope scope, int years, DateOnly today,
        CancellationToken cancel)
    {
        var cutoff = today.AddYears(-years);
        var episodes = scope.Episodes(db.Episodes.AsNoTracking());
        // Latest activity per person, over every dated thing of their episodes in scope.
        var dates = episodes.Select(e => new { e.PersonId, Date = e.DischargeDate ?? e.TriageDate ?? e.ReferralDate })
            .Concat(episodes.SelectMany(e => e.Contacts).Select(c => new { c.Episode.PersonId, c.Date }))
            .Concat(episodes.SelectMany(e => e.OutcomeReviews).Select(r => new { r.Episode.PersonId, r.Date }))
            .Concat(episodes.SelectMany(e => e.Interventions).Select(i => new { i.Episode.PersonId, Date = i.EndDate ?? i.StartDate }));
        var open = episodes.Where(e => e.DischargeDate == null).Select(e => e.PersonId);
        var latest = await dates.GroupBy(d => d.PersonId).Select(g => new { PersonId = g.Key, Last = g.Max(d => d.Date) })
            .Where(p => p.Last < cutoff && !open.Contains(p.PersonId))
            .ToListAsync(cancel);
        var initials = await db.People.AsNoTracking().Where(p => latest.Select(l => l.PersonId).Contains(p.Id))
            .ToDictionaryAsync(p => p.Id, p => p.Initials, cancel);
        return latest.Select(l => new RetentionCandidate(l.PersonId, initials[l.PersonId], l.Last)).OrderBy(c => c.LastActivity).ToList();
    }

    /// <summary>Erases a due person's records in scope, in one transaction with its audit entry. False when not due.</summary>
    public static async Task<bool> EraseAsync(PathwayDb db, AuditTrail audit, AccessScope scope, int personId, int years, DateOnly today,
        CancellationToken cancel)
    {
        if ((await DueForReviewAsync(db, scope, years, today, cancel)).All(c => c.PersonId != personId)) return false;
        await using var transaction = await db.Database.BeginTransactionAsync(cancel);
        var clientIds = await scope.Episodes(db.Episodes).Where(e => e.PersonId == personId).Select(e => e.ClientRecordId).Distinct().ToListAsync(cancel);
        // Client records cascade to their episodes and everything recorded in them.
        await db.ClientRecords.Where(c => clientIds.Contains(c.Id)).ExecuteDeleteAsync(cancel);
        if (!await db.ClientRecords.AnyAsync(c => c.PersonId == personId, cancel))
            await db.People.Where(p => p.Id == personId).ExecuteDeleteAsync(cancel);
        Indicators.KeptFigures.Changed(db, null); // the raw deletes above can move any figure
        audit.Add("erase", AuditOutcomes.Succeeded, AuditedRecordTypes.Person, personId.ToString(), personId);
        await db.SaveChangesAsync(cancel);
        await transaction.CommitAsync(cancel);
        return true;
    }
}
