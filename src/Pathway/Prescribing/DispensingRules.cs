namespace Pathway.Prescribing;

/// <summary>One day at the pharmacy: whether a dose is handed out, supervised or taken home, and how many days it covers.</summary>
public sealed record DoseDay(bool Supervised, int DaysCovered);

/// <summary>
/// The dispensing rules, once, for the pharmacy's dose list, the case page's alert and the caseload's: when a dose is handed
/// out, and when missed doses stop the next one.
/// </summary>
public static class DispensingRules
{
    /// <summary>Three consecutive missed doses stop the next dose until a prescriber reviews.</summary>
    public const int MissesToStop = 3;
    public const string DoNotDispense = "Do not dispense – contact the service";

    /// <summary>
    /// Whether dispensing is stopped: the latest doses recorded since the last review, by date, are at least three misses in
    /// a row. A collection between misses breaks the run; a review forgives every miss recorded before it.
    /// </summary>
    public static bool IsStopped(IEnumerable<(DateOnly Date, DoseOutcome Outcome, DateTimeOffset RecordedAt)> doses, DateTimeOffset? lastReview)
    {
        var run = 0;
        foreach (var dose in doses.Where(d => lastReview is null || d.RecordedAt > lastReview).OrderByDescending(d => d.Date))
        {
            if (dose.Outcome != DoseOutcome.Missed) break;
            if (++run >= MissesToStop) return true;
        }
        return false;
    }

    /// <summary>
    /// The pharmacy's day under a daily prescription: it opens the first <paramref name="instalmentDays"/> days of the week
    /// (Monday first), and the last of them carries the take-home doses of the days it does not; the first
    /// <paramref name="supervisedDays"/> days are supervised. Null on a day with nothing handed out.
    /// </summary>
    public static DoseDay? On(DateOnly day, int instalmentDays, int supervisedDays)
    {
        var index = ((int)day.DayOfWeek + 6) % 7;
        if (index >= instalmentDays) return null;
        var covered = index == instalmentDays - 1 ? 7 - index : 1;
        return new DoseDay(index < supervisedDays, covered);
    }
}
