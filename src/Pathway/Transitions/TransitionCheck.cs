using System.Globalization;
using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Pathway.Episodes;
using Pathway.Data;

namespace Pathway.Transitions;

public enum TransitionOutcome { Unaccounted, Discharged, Continued }

/// <param name="DaysAfterDischarge">For a continued client: days from the outgoing discharge to the incoming referral (0 when the
/// outgoing episode was still open); null otherwise.</param>
/// <param name="SameJourney">For a continued client: whether the incoming episode continues the journey (indicators.md's
/// journey rule, <see cref="Indicators.Journeys.Continues"/>), so it is not a new presentation.</param>
public sealed record TransitionLine(TransitionOutcome Outcome, int PersonId, string ClientRef, string EpisodeRefs, string Detail,
    int? DaysAfterDischarge = null, bool SameJourney = false);

/// <summary>How many continued clients started at the incoming provider within a band of days after their outgoing discharge.</summary>
public sealed record ContinuationBand(string Label, int Count, bool SameJourney);

public sealed record TransitionReport(string FromSource, string ToSource, DateOnly Date, IReadOnlyList<TransitionLine> Lines)
{
    public int Count(TransitionOutcome outcome) => Lines.Count(l => l.Outcome == outcome);

    /// <summary>Continued clients whose journey went on: carried over, not new presentations.</summary>
    public int JourneysContinued => Lines.Count(l => l.Outcome == TransitionOutcome.Continued && l.SameJourney);

    /// <summary>Continued clients by days after the outgoing discharge; the last band starts a new journey (a new presentation).</summary>
    public IReadOnlyList<ContinuationBand> Continuation
    {
        get
        {
            var continued = Lines.Where(l => l.Outcome == TransitionOutcome.Continued).ToList();
            return
            [
                new("Same day, or before the outgoing episode closed", continued.Count(l => l.DaysAfterDischarge == 0), true),
                new("1 to 7 days after", continued.Count(l => l.DaysAfterDischarge is >= 1 and <= 7), true),
                new($"8 to {Indicators.Journeys.GapDays} days after", continued.Count(l => l.DaysAfterDischarge >= 8 && l.SameJourney), true),
                new($"More than {Indicators.Journeys.GapDays} days after (a new journey)", continued.Count(l => !l.SameJourney), false),
            ];
        }
    }
    /// <summary>The continuation bands in one line, for the command line; null when nobody continued.</summary>
    public string? ContinuationLine => Count(TransitionOutcome.Continued) == 0 ? null
        : $"journeys continued {JourneysContinued} of {Count(TransitionOutcome.Continued)} continued: "
          + string.Join("; ", Continuation.Select(b => $"{char.ToLowerInvariant(b.Label[0])}{b.Label[1..]} {b.Count}"));

    public bool AnyUnaccounted => Lines.Any(l => l.Outcome == TransitionOutcome.Unaccounted);
    public string Totals => $"continued {Count(TransitionOutcome.Continued)}, discharged {Count(TransitionOutcome.Discharged)}, " +
                            $"unaccounted {Count(TransitionOutcome.Unaccounted)}, total {Lines.Count}";

    /// <summary>
    /// Said instead of "no client unaccounted" when the cohort is empty: a wrong date or source finds nobody, and finding
    /// nobody is not the same as losing nobody.
    /// </summary>
    public string? Nobody => Lines.Count > 0 ? null
        : $"Nobody was open at {FromSource} on {Date.ToString("d MMMM yyyy", CultureInfo.InvariantCulture)}.";
}

/// <summary>
/// "Were any clients lost?" at a provider transition. Everyone with an episode open at the outgoing source
/// on the transition date (or closed in the 28 days before it) is either continued (an episode at the incoming source referred within 28 days
/// from the date), discharged (every such outgoing episode closed with a reason on or before the date), or
/// unaccounted. People are matched across sources by their attributors, so continuation is found whatever
/// client_ref the incoming provider gave them.
/// </summary>
public static class TransitionCheck
{
    public const int ContinuationDays = 28;

    /// <summary>The sources a check may name: those holding one of these episodes, in order.</summary>
    public static async Task<List<string>> SourcesAsync(IQueryable<Episode> episodes, CancellationToken cancel) =>
        (await episodes.Select(e => e.Source).Distinct().ToListAsync(cancel)).Order(StringComparer.Ordinal).ToList();

    /// <summary>
    /// Why a source may not be checked, or null when it may. Sources are compared exactly, as the loader stores them: an
    /// unknown, misspelt or lower-case name would otherwise find nobody and report "no client unaccounted".
    /// </summary>
    /// <param name="which">"outgoing" or "incoming".</param>
    /// <param name="known">The sources that may be named; <paramref name="knownAre"/> says whose they are.</param>
    public static string? RefuseSource(string which, string source, IReadOnlyList<string> known, string knownAre)
    {
        if (known.Contains(source, StringComparer.Ordinal)) return null;
        var alike = known.FirstOrDefault(k => string.Equals(k, source.Trim(), StringComparison.OrdinalIgnoreCase));
        return $"The {which} source {source} is not one of {knownAre}: {ListOf(known)}" + (alike is null ? "." : $" (did you mean {alike}?).");
    }

    private static string ListOf(IReadOnlyList<string> items) =>
        items.Count <= 1 ? string.Concat(items) : $"{string.Join(", ", items.Take(items.Count - 1))} and {items[^1]}";

    /// <summary>
    /// The transition cohort: episodes referred on or before the date and open on it. Outgoing providers close cases in the
    /// run-up to the date, so an episode closed in the 28 days before it still counts as part of the caseload handed over.
    /// </summary>
    public static Expression<Func<Episode, bool>> Cohort(DateOnly date)
    {
        var handoverStart = date.AddDays(-ContinuationDays);
        return e => e.ReferralDate <= date && (e.DischargeDate == null || e.DischargeDate >= handoverStart);
    }

    /// <param name="outgoingProviders">Whose episodes at the outgoing source may be listed; null for everyone's (the command line).</param>
    /// <param name="incomingProviders">Whose episodes at the incoming source may show a continuation; null for everyone's.</param>
    public static async Task<TransitionReport> RunAsync(PathwayDb db, string fromSource, string toSource, DateOnly date, CancellationToken cancel,
        IReadOnlyList<string>? outgoingProviders = null, IReadOnlyList<string>? incomingProviders = null)
    {
        var outgoing = db.Episodes.AsNoTracking().Where(e => e.Source == fromSource).Where(Cohort(date));
        if (outgoingProviders is not null) outgoing = outgoing.Where(e => outgoingProviders.Contains(e.ProviderCode));
        var incoming = db.Episodes.AsNoTracking().Where(e => e.Source == toSource);
        if (incomingProviders is not null) incoming = incoming.Where(e => incomingProviders.Contains(e.ProviderCode));
        var open = await outgoing
            .Select(e => new { e.PersonId, e.ClientRecord.ClientRef, e.EpisodeRef, e.DischargeDate, e.DischargeReason })
            .ToListAsync(cancel);
        var people = open.Select(e => e.PersonId).Distinct().ToList();
        var last = date.AddDays(ContinuationDays);
        var continued = (await incoming
                .Where(e => e.ReferralDate >= date && e.ReferralDate <= last && people.Contains(e.PersonId))
                .Select(e => new { e.PersonId, e.EpisodeRef, e.ReferralDate })
                .ToListAsync(cancel))
            .GroupBy(e => e.PersonId)
            .ToDictionary(g => g.Key, g => g.OrderBy(e => e.ReferralDate).ThenBy(e => e.EpisodeRef, StringComparer.Ordinal).First());

        var lines = new List<TransitionLine>();
        foreach (var person in open.GroupBy(e => e.PersonId))
        {
            var episodes = person.OrderBy(e => e.EpisodeRef, StringComparer.Ordinal).ToList();
            var clientRef = episodes.Select(e => e.ClientRef).Order(StringComparer.Ordinal).First();
            var refs = string.Join(" ", episodes.Select(e => e.EpisodeRef));
            if (continued.TryGetValue(person.Key, out var next))
            {
                // Open at the incoming referral: an outgoing episode not yet discharged then.
                var anyOpen = episodes.Any(e => e.DischargeDate is null || e.DischargeDate >= next.ReferralDate);
                var openUntil = episodes.Max(e => e.DischargeDate);
                var days = anyOpen || openUntil is null ? 0 : next.ReferralDate.DayNumber - openUntil.Value.DayNumber;
                var same = Indicators.Journeys.Continues(anyOpen, openUntil, next.ReferralDate);
                lines.Add(new(TransitionOutcome.Continued, person.Key, clientRef, refs,
                    $"{toSource} episode {next.EpisodeRef} referred {next.ReferralDate:yyyy-MM-dd}" + (same ? "" : $", {days} days after discharge: a new journey"),
                    days, same));
            }
            else if (episodes.All(e => e.DischargeDate <= date && e.DischargeReason is not null))
                lines.Add(new(TransitionOutcome.Discharged, person.Key, clientRef, refs, $"discharged {episodes.Max(e => e.DischargeDate):yyyy-MM-dd}"));
            else
            {
                var late = episodes.Where(e => e.DischargeDate > date).Select(e => e.DischargeDate).Max();
                lines.Add(new(TransitionOutcome.Unaccounted, person.Key, clientRef, refs, late is { } d
                    ? $"closed after the transition date ({d:yyyy-MM-dd}) and not continued at {toSource}"
                    : $"still open at {fromSource} and not continued at {toSource} within {ContinuationDays} days"));
            }
        }
        // What needs chasing first.
        lines = lines.OrderBy(l => l.Outcome).ThenBy(l => l.ClientRef, StringComparer.Ordinal).ToList();
        return new TransitionReport(fromSource, toSource, date, lines);
    }
}
