using Microsoft.EntityFrameworkCore;
using Pathway.Data;
using Pathway.Episodes;

namespace Pathway.Referrals;

/// <summary>
/// A referral is a re-presentation when the person was successfully discharged and is referred again within six
/// months: the same rule as indicators.md's headline measure. Indicators count it at any provider; case work looks
/// only at the episodes the member of staff may see, so a referral never reveals another provider's discharge.
/// </summary>
public static class Representation
{
    /// <summary>indicators.md: the same day number six calendar months later, clamped to the month's end.</summary>
    public static DateOnly SixMonthsAfter(DateOnly day) => day.AddMonths(6);

    public static bool IsRepresentation(DateOnly previousDischargeDate, DischargeReason? previousReason, DateOnly newReferralDate) =>
        previousReason is { } reason && DischargeReasons.IsSuccessfulCompletion(reason)
        && newReferralDate > previousDischargeDate
        && newReferralDate <= SixMonthsAfter(previousDischargeDate);

    /// <summary>The successful discharge that makes this referral a re-presentation, if any.</summary>
    public static async Task<DateOnly?> EarlierCompletionAsync(IQueryable<Episode> visible, int personId, int episodeId, DateOnly referralDate, CancellationToken cancel)
    {
        var earliest = referralDate.AddMonths(-7);
        var candidates = await visible.AsNoTracking()
            .Where(e => e.PersonId == personId && e.Id != episodeId && e.DischargeDate != null && e.DischargeDate >= earliest && e.DischargeDate < referralDate)
            .Select(e => new { Date = e.DischargeDate!.Value, e.DischargeReason })
            .ToListAsync(cancel);
        return candidates.Where(c => IsRepresentation(c.Date, c.DischargeReason, referralDate))
            .Select(c => (DateOnly?)c.Date).DefaultIfEmpty().Max();
    }

    /// <summary>The same rule for many referrals at once (worklists): ids of the episodes that are re-presentations.</summary>
    public static async Task<HashSet<int>> AmongAsync(IQueryable<Episode> visible, IReadOnlyCollection<(int EpisodeId, int PersonId, DateOnly ReferralDate)> referrals, CancellationToken cancel)
    {
        var people = referrals.Select(r => r.PersonId).Distinct().ToList();
        var discharges = await visible.AsNoTracking()
            .Where(e => people.Contains(e.PersonId) && e.DischargeDate != null)
            .Select(e => new { e.PersonId, Date = e.DischargeDate!.Value, e.DischargeReason })
            .ToListAsync(cancel);
        var byPerson = discharges.ToLookup(d => d.PersonId);
        return referrals.Where(r => byPerson[r.PersonId].Any(d => IsRepresentation(d.Date, d.DischargeReason, r.ReferralDate)))
            .Select(r => r.EpisodeId).ToHashSet();
    }
}
