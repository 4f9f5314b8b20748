using Bogus;
using Microsoft.EntityFrameworkCore;
using Pathway.Data;
using Pathway.Episodes;
using Pathway.Safeguarding;

namespace Pathway.Demo;

/// <summary>
/// Risk and safeguarding flags for about a third of the demo clients: overdose risk for opiate clients (high after a recent
/// overdose or release), domestic abuse with a MARAC referral for some, children in the household. Drawn from a generator of
/// its own, so adding them does not move any other part of the demo area.
/// </summary>
internal static class DemoRiskFlags
{
    private static readonly string[] OverdoseReasons =
        ["Overdose in the last 3 months", "Released from prison this month: tolerance lost", "Using alone; mixes with alcohol and benzodiazepines"];

    public static async Task AddAsync(PathwayDb db, int seed, DateOnly today, CancellationToken cancel)
    {
        var random = new Randomizer(seed + 13);
        var clients = await db.ClientRecords.AsNoTracking().OrderBy(c => c.Id)
            .Select(c => new
            {
                c.Id, c.Person.DateOfBirth,
                Latest = c.Episodes.OrderByDescending(e => e.ReferralDate).Select(e => new { e.Substance1, e.Substance2, e.Substance3, e.ReferralDate }).FirstOrDefault(),
            }).ToListAsync(cancel);
        foreach (var c in clients)
        {
            if (c.Latest is null || !random.Bool(0.35f)) continue;
            var opiate = Substances.GroupOf(c.Latest.Substance1, c.Latest.Substance2, c.Latest.Substance3) == SubstanceGroup.Opiate;
            var risk = opiate ? random.WeightedRandom([OverdoseRisk.Low, OverdoseRisk.Medium, OverdoseRisk.High], [0.3f, 0.4f, 0.3f])
                : random.Bool(0.2f) ? OverdoseRisk.Low : (OverdoseRisk?)null;
            var abuse = random.Bool(0.2f);
            var children = random.WeightedRandom([true, false], [0.35f, 0.65f]);
            var marac = abuse && random.Bool(0.5f) ? c.Latest.ReferralDate.AddDays(random.Int(0, 60)) : (DateOnly?)null;
            db.RiskFlags.Add(new RiskFlags
            {
                ClientRecordId = c.Id,
                ChildrenInHousehold = children,
                ChildrenCount = children ? random.Int(1, 3) : null,
                DomesticAbuse = abuse,
                MaracReferralDate = marac is { } m && m <= today && m >= c.DateOfBirth ? m : null,
                OverdoseRisk = risk,
                OverdoseRiskReason = risk is OverdoseRisk.Medium or OverdoseRisk.High ? random.ArrayElement(OverdoseReasons) : null,
            });
        }
        await db.SaveChangesAsync(cancel);
        db.ChangeTracker.Clear();
    }
}
