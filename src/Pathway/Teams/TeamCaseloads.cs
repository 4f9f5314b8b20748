using Microsoft.EntityFrameworkCore;
using Pathway.Access;
using Pathway.Casework;
using Pathway.Data;
using Pathway.Episodes;
using Pathway.Worklists;

namespace Pathway.Teams;

/// <summary>One key worker's share of the open episodes (or, with no name, the share nobody holds).</summary>
public sealed record KeyWorkerLoad(string? Id, string Name, Employment? Employment, int InTreatment, int Waiting, int ReviewsDue)
{
    public int Open => InTreatment + Waiting;
}

/// <summary>One open episode as the team manager sees it: who it is, who holds it, since when and the last contact.</summary>
public sealed record TeamCase(int EpisodeId, string Client, string EpisodeRef, string? KeyWorkerId, string KeyWorker, bool InTreatment,
    DateOnly Start, DateOnly? LastContact, bool ReviewDue, int Version);

/// <summary>
/// A provider's open episodes, counted once for every page that shows them (the team manager's home page and /team).
/// An open episode is either in treatment (triaged: the caseload) or waiting for triage (the referrals waiting), the
/// same split <see cref="Worklist"/> lists, and is held by a key worker or by nobody. "Without a key worker" counts both
/// kinds, so an unallocated referral is never hidden behind a fully allocated caseload. The figures are counted from
/// <see cref="Cases"/>, the rows /team lists, so the table of cases and the figures cannot disagree.
/// </summary>
public sealed record TeamCaseloads(IReadOnlyList<KeyWorkerLoad> KeyWorkers, KeyWorkerLoad WithoutKeyWorker, IReadOnlyList<TeamCase> Cases)
{
    public const string NoKeyWorker = "No key worker";

    private IEnumerable<KeyWorkerLoad> Everyone => KeyWorkers.Append(WithoutKeyWorker);
    public int InTreatment => Everyone.Sum(k => k.InTreatment);
    public int Waiting => Everyone.Sum(k => k.Waiting);
    public int ReviewsDue => Everyone.Sum(k => k.ReviewsDue);
    public int Open => InTreatment + Waiting;

    /// <summary>The open cases nobody holds: referrals waiting and clients in treatment alike.</summary>
    public IEnumerable<TeamCase> Unallocated => Cases.Where(c => c.KeyWorkerId is null);

    public static Task<TeamCaseloads> OfAsync(PathwayDb db, Caseworker manager, DateOnly today, CancellationToken cancel) =>
        OfAsync(db, db.Episodes.VisibleTo(manager), manager.ProviderCode, today, cancel);

    /// <param name="visible">The episodes the user may see (<see cref="RecordAccess.EpisodesAsync"/>).</param>
    public static async Task<TeamCaseloads> OfAsync(PathwayDb db, IQueryable<Episode> visible, string? providerCode, DateOnly today, CancellationToken cancel)
    {
        var open = await visible.AsNoTracking().Where(e => e.DischargeDate == null)
            .Select(e => new
            {
                e.Id, e.KeyWorkerId, e.TriageDate, e.ReferralDate, e.EpisodeRef, e.Version, e.ClientRecord.GivenName, e.ClientRecord.FamilyName,
                LastReview = e.OutcomeReviews.Max(r => (DateOnly?)r.Date),
                LastContact = e.Contacts.Where(c => c.Attended).Max(c => (DateOnly?)c.Date),
            })
            .ToListAsync(cancel);
        // Every recovery worker of the provider is listed, with nothing or not; so is anyone else holding a case.
        var holders = open.Where(e => e.KeyWorkerId is not null).Select(e => e.KeyWorkerId!).Distinct().ToList();
        var staff = await db.Users.AsNoTracking()
            .Where(u => holders.Contains(u.Id) || (u.ProviderCode == providerCode
                && db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == Roles.RecoveryWorker))))
            .Select(u => new { u.Id, u.DisplayName, u.Employment }).ToListAsync(cancel);
        var names = staff.ToDictionary(s => s.Id);
        string NameOf(string? id) => id is null ? NoKeyWorker : names.TryGetValue(id, out var s) ? s.DisplayName : FormerStaff;

        var cases = open.Select(e => new TeamCase(e.Id, $"{e.GivenName} {e.FamilyName}".Trim(), e.EpisodeRef, e.KeyWorkerId, NameOf(e.KeyWorkerId),
                e.TriageDate is not null, e.ReferralDate, e.LastContact,
                e.TriageDate is { } triage && Worklist.IsReviewDue(e.LastReview, triage, today), e.Version))
            .OrderBy(c => c.Client, StringComparer.OrdinalIgnoreCase).ThenBy(c => c.EpisodeRef, StringComparer.Ordinal).ToList();

        KeyWorkerLoad Load(string name, Employment? employment, string? keyWorkerId)
        {
            var held = cases.Where(e => e.KeyWorkerId == keyWorkerId).ToList();
            return new KeyWorkerLoad(keyWorkerId, name, employment, held.Count(e => e.InTreatment), held.Count(e => !e.InTreatment), held.Count(e => e.ReviewDue));
        }

        var workers = staff.Select(s => s.Id).Union(holders)
            .Select(id => names.TryGetValue(id, out var s) ? Load(s.DisplayName, s.Employment, id) : Load(FormerStaff, null, id))
            .OrderByDescending(w => w.Open).ThenBy(w => w.Name).ToList();
        return new TeamCaseloads(workers, Load(NoKeyWorker, null, null), cases);
    }

    public const string FormerStaff = "Former member of staff";
}
