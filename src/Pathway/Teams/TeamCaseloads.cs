using Microsoft.EntityFrameworkCore;
using Pathway.Access;
using Pathway.Casework;
using Pathway.Data;
using Pathway.Worklists;

namespace Pathway.Teams;

/// <summary>One key worker's share of the open episodes (or, with no name, the share nobody holds).</summary>
public sealed record KeyWorkerLoad(string Name, Employment? Employment, int InTreatment, int Waiting, int ReviewsDue)
{
    public int Open => InTreatment + Waiting;
}

/// <summary>
/// A provider's open episodes, counted once for every page that shows them (the team manager's home page and /team).
/// An open episode is either in treatment (triaged: the caseload) or waiting for triage (the referrals waiting), the
/// same split <see cref="Worklist"/> lists, and is held by a key worker or by nobody. "Without a key worker" counts both
/// kinds, so an unallocated referral is never hidden behind a fully allocated caseload.
/// </summary>
public sealed record TeamCaseloads(IReadOnlyList<KeyWorkerLoad> KeyWorkers, KeyWorkerLoad WithoutKeyWorker)
{
    public const string NoKeyWorker = "No key worker";

    private IEnumerable<KeyWorkerLoad> Everyone => KeyWorkers.Append(WithoutKeyWorker);
    public int InTreatment => Everyone.Sum(k => k.InTreatment);
    public int Waiting => Everyone.Sum(k => k.Waiting);
    public int ReviewsDue => Everyone.Sum(k => k.ReviewsDue);
    public int Open => InTreatment + Waiting;

    public static async Task<TeamCaseloads> OfAsync(PathwayDb db, Caseworker manager, DateOnly today, CancellationToken cancel)
    {
        var open = await db.Episodes.AsNoTracking().VisibleTo(manager).Where(e => e.DischargeDate == null)
            .Select(e => new { e.KeyWorkerId, e.TriageDate, LastReview = e.OutcomeReviews.Max(r => (DateOnly?)r.Date) })
            .ToListAsync(cancel);
        // Every recovery worker of the provider is listed, with nothing or not; so is anyone else holding a case.
        var holders = open.Where(e => e.KeyWorkerId is not null).Select(e => e.KeyWorkerId!).Distinct().ToList();
        var staff = await db.Users.AsNoTracking()
            .Where(u => holders.Contains(u.Id) || (u.ProviderCode == manager.ProviderCode
                && db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == Roles.RecoveryWorker))))
            .Select(u => new { u.Id, u.DisplayName, u.Employment }).ToListAsync(cancel);
        var names = staff.ToDictionary(s => s.Id);

        KeyWorkerLoad Load(string name, Employment? employment, string? keyWorkerId)
        {
            var held = open.Where(e => e.KeyWorkerId == keyWorkerId).ToList();
            return new KeyWorkerLoad(name, employment, held.Count(e => e.TriageDate is not null), held.Count(e => e.TriageDate is null),
                held.Count(e => e.TriageDate is { } triage && Worklist.IsReviewDue(e.LastReview, triage, today)));
        }

        var workers = staff.Select(s => s.Id).Union(holders)
            .Select(id => names.TryGetValue(id, out var s) ? Load(s.DisplayName, s.Employment, id) : Load("Former member of staff", null, id))
            .OrderByDescending(w => w.Open).ThenBy(w => w.Name).ToList();
        return new TeamCaseloads(workers, Load(NoKeyWorker, null, null));
    }
}
