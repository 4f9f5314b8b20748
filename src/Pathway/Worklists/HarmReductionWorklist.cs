using Microsoft.EntityFrameworkCore;
using Pathway.Casework;
using Pathway.Data;
using Pathway.Episodes;
using Pathway.HarmReduction;

namespace Pathway.Worklists;

/// <param name="NoNaloxone">An opiate client with no naloxone kit handed out (to them or their family or carer) in this episode.</param>
/// <param name="LastHepCTest">An injector's latest hepatitis C test with a result, if any; set only when the injector is listed for it.</param>
public sealed record HarmReductionRow(int EpisodeId, string Name, string EpisodeRef, bool NoNaloxone, bool NoHepCTest, DateOnly? LastHepCTest);

/// <summary>
/// Who is missing harm reduction, among open episodes in the worker's caseload (a manager's: the service's). Two rules, here once:
/// an opiate client (the substance group of indicators.md, <see cref="Substances.IsOpiate"/>) with no naloxone kit in the
/// episode; a current injector with no hepatitis C test (antibody or RNA, positive or negative: a declined test is offered
/// again) on or after the same day a year ago.
/// </summary>
public static class HarmReductionWorklist
{
    private static readonly Substance[] Opiates = Enum.GetValues<Substance>().Where(Substances.IsOpiate).ToArray();
    private static readonly HarmReductionKind[] HepCTests = [HarmReductionKind.HepCAntibodyTest, HarmReductionKind.HepCRnaTest];
    private static readonly HarmReductionResult[] Results = [HarmReductionResult.Positive, HarmReductionResult.Negative];

    /// <summary>The first day a hepatitis C test still counts as "in the last year".</summary>
    public static DateOnly HepCTestSince(DateOnly today) => today.AddYears(-1);

    public static async Task<List<HarmReductionRow>> ListAsync(PathwayDb db, Caseworker worker, string? keyWorkerId, DateOnly today, CancellationToken cancel)
    {
        var since = HepCTestSince(today);
        var query = db.Episodes.AsNoTracking().VisibleTo(worker).Where(e => e.DischargeDate == null && e.TriageDate != null);
        if (keyWorkerId is not null) query = query.Where(e => e.KeyWorkerId == keyWorkerId);
        var rows = await query
            .Select(e => new
            {
                e.Id, e.ClientRecord.GivenName, e.ClientRecord.FamilyName, e.EpisodeRef,
                Opiate = Opiates.Contains(e.Substance1) || (e.Substance2 != null && Opiates.Contains(e.Substance2.Value))
                         || (e.Substance3 != null && Opiates.Contains(e.Substance3.Value)),
                Injecting = e.InjectingStatus == InjectingStatus.Currently,
                Naloxone = e.HarmReductionEvents.Any(h => h.Kind == HarmReductionKind.NaloxoneKit),
                LastHepC = e.HarmReductionEvents.Where(h => HepCTests.Contains(h.Kind) && Results.Contains(h.Result)).Max(h => (DateOnly?)h.Date),
            })
            .Where(e => (e.Opiate && !e.Naloxone) || e.Injecting)
            .ToListAsync(cancel);
        return rows
            .Select(r => new HarmReductionRow(r.Id, $"{r.GivenName} {r.FamilyName}".Trim(), r.EpisodeRef, r.Opiate && !r.Naloxone,
                r.Injecting && !(r.LastHepC >= since), r.Injecting ? r.LastHepC : null))
            .Where(r => r.NoNaloxone || r.NoHepCTest)
            .OrderBy(r => r.Name, StringComparer.Ordinal).ThenBy(r => r.EpisodeRef, StringComparer.Ordinal)
            .ToList();
    }
}
