using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Pathway.Access;
using Pathway.Access.Audit;
using Pathway.Casework;
using Pathway.Data;
using Pathway.Episodes;
using Pathway.History;

namespace Pathway.Teams;

/// <summary>A case as ticked on /team: its episode and the version the manager saw, so a case changed since is not moved blind.</summary>
public sealed record TickedCase(int EpisodeId, int Version);

/// <summary>What a bulk move came to: the cases moved, or why nothing was.</summary>
public abstract record ReallocationOutcome
{
    public sealed record Moved(int Count, string To) : ReallocationOutcome;
    public sealed record Refused(string Field, string Message) : ReallocationOutcome;
}

/// <summary>
/// Moving several cases to another key worker at once, as a team manager does when a worker leaves or caseloads are
/// balanced. The rules live here once: the new key worker is an enabled recovery worker of the manager's provider; every
/// case is an open episode inside the manager's scope (the scope is in each update's predicate, so a case outside it is
/// simply not found); every case moves or none does, in one transaction, with one history entry and one audit event each.
/// </summary>
public static class Reallocation
{
    public const string NothingTicked = "Select at least one case to move";
    public const string NoWorker = "Select the key worker to move the cases to";
    public const string NotAWorker = "Select a key worker from the list: they must be a recovery worker of your service whose account is enabled";
    public const string OutsideScope = "One or more of the cases you selected is not an open case of your service. Nothing has been moved: select the cases again";
    public const string Stale = "One or more of the cases you selected has changed since you chose it. Nothing has been moved: check the cases and select them again";

    /// <summary>
    /// Who may hold cases: enabled recovery workers of the provider, by name. The one rule for every page that offers a
    /// key worker (this bulk move, and the case's own allocation page).
    /// </summary>
    public static Task<List<(string Id, string Name)>> KeyWorkersAsync(PathwayDb db, string? providerCode, CancellationToken cancel) =>
        EnabledStaffAsync(db, providerCode, Roles.RecoveryWorker, cancel);

    /// <summary>Enabled staff of the provider in the role, by name: a disabled account is never offered a case.</summary>
    public static async Task<List<(string Id, string Name)>> EnabledStaffAsync(PathwayDb db, string? providerCode, string role, CancellationToken cancel) =>
        (await db.Users.AsNoTracking()
            .Where(u => providerCode != null && u.ProviderCode == providerCode && (u.LockoutEnd == null || u.LockoutEnd != DateTimeOffset.MaxValue)
                && db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == role)))
            .Select(u => new { u.Id, u.DisplayName }).ToListAsync(cancel))
        .OrderBy(u => u.DisplayName, StringComparer.OrdinalIgnoreCase).Select(u => (u.Id, u.DisplayName)).ToList();

    /// <summary>Why this choice cannot be moved, or null: the checks the page makes before showing its confirmation.</summary>
    public static string? Refuse(IReadOnlyCollection<int> ticked, string? toWorkerId, IReadOnlyList<(string Id, string Name)> keyWorkers, out string field)
    {
        field = "EpisodeIds";
        if (ticked.Count == 0) return NothingTicked;
        field = "ToWorkerId";
        if (string.IsNullOrEmpty(toWorkerId)) return NoWorker;
        if (keyWorkers.All(k => k.Id != toWorkerId)) return NotAWorker;
        return null;
    }

    /// <summary>"3 cases from Alex Morgan (2) and No key worker (1) to Lee Brennan": what the confirmation says.</summary>
    public static string Describe(IReadOnlyList<TeamCase> cases, string to)
    {
        var from = cases.GroupBy(c => c.KeyWorker).OrderByDescending(g => g.Count()).ThenBy(g => g.Key)
            .Select(g => cases.Count == g.Count() ? g.Key : string.Create(CultureInfo.InvariantCulture, $"{g.Key} ({g.Count()})")).ToList();
        var list = from.Count == 1 ? from[0] : string.Join(", ", from[..^1]) + " and " + from[^1];
        return string.Create(CultureInfo.InvariantCulture, $"{cases.Count} {(cases.Count == 1 ? "case" : "cases")} from {list} to {to}");
    }

    public static async Task<ReallocationOutcome> MoveAsync(PathwayDb db, IQueryable<Episode> scope, AuditTrail audit, Caseworker manager,
        IReadOnlyList<TickedCase> ticked, string? toWorkerId, DateTimeOffset now, CancellationToken cancel)
    {
        var keyWorkers = await KeyWorkersAsync(db, manager.ProviderCode, cancel);
        var ids = ticked.Select(t => t.EpisodeId).Distinct().ToList();
        if (Refuse(ids, toWorkerId, keyWorkers, out var field) is { } why) return new ReallocationOutcome.Refused(field, why);
        var to = keyWorkers.Single(k => k.Id == toWorkerId);

        await using var transaction = await db.Database.BeginTransactionAsync(cancel);
        var before = await scope.AsNoTracking().Where(e => ids.Contains(e.Id) && e.DischargeDate == null)
            .Select(e => new { e.Id, e.PersonId, e.KeyWorkerId }).ToListAsync(cancel);
        if (before.Count != ids.Count) return new ReallocationOutcome.Refused("", OutsideScope);
        var holderIds = before.Where(b => b.KeyWorkerId is not null).Select(b => b.KeyWorkerId!).Distinct().ToList();
        var holderNames = await db.Users.AsNoTracking().Where(u => holderIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancel);

        foreach (var (id, version) in ticked.DistinctBy(t => t.EpisodeId).Select(t => (t.EpisodeId, t.Version)))
        {
            // The scope and the version are in the predicate: a case outside the scope, discharged or changed since is not found.
            var updated = await scope.Where(e => e.Id == id && e.Version == version && e.DischargeDate == null)
                .ExecuteUpdateAsync(s => s.SetProperty(e => e.KeyWorkerId, to.Id).SetProperty(e => e.Version, e => e.Version + 1), cancel);
            if (updated != 1)
            {
                await transaction.RollbackAsync(cancel);
                return new ReallocationOutcome.Refused("", Stale);
            }
            var was = before.Single(b => b.Id == id);
            var wasName = was.KeyWorkerId is null ? "not allocated" : holderNames.GetValueOrDefault(was.KeyWorkerId, TeamCaseloads.FormerStaff);
            db.ChangeRecords.Add(new ChangeRecord
            {
                PersonId = was.PersonId, EpisodeId = id, At = now, ByUserId = manager.Id, ByName = manager.Name,
                Summary = "Key worker changed",
                Changes = string.Create(CultureInfo.InvariantCulture, $"Key worker: {wasName} → {to.Name} (moved with {ids.Count} {(ids.Count == 1 ? "case" : "cases")} by the team manager)"),
            });
            audit.Add(AuditActions.Change, AuditOutcomes.Succeeded, AuditedRecordTypes.Episode, id.ToString(CultureInfo.InvariantCulture), was.PersonId);
        }
        Indicators.KeptFigures.Changed(db, null); // the raw updates above, recorded in their transaction
        await db.SaveChangesAsync(cancel);
        await transaction.CommitAsync(cancel);
        return new ReallocationOutcome.Moved(ids.Count, to.Name);
    }
}
