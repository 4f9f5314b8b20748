using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Pathway.Access;
using Pathway.Data;
using Pathway.Episodes;

namespace Pathway.Casework;

/// <summary>The member of staff doing case work: who they are and what they may see.</summary>
public sealed record Caseworker(string Id, string Name, string? ProviderCode, int? TeamId, bool IsManager)
{
    public static async Task<Caseworker> CurrentAsync(PathwayDb db, ClaimsPrincipal user, CancellationToken cancel)
    {
        var id = user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("Not signed in.");
        var staff = await db.Users.AsNoTracking().Where(u => u.Id == id)
            .Select(u => new { u.DisplayName, u.ProviderCode, u.TeamId }).SingleAsync(cancel);
        return new Caseworker(id, staff.DisplayName, staff.ProviderCode, staff.TeamId, user.IsInRole(Roles.TeamManager));
    }
}

/// <summary>Which episodes a caseworker may see: the access scope's rule (Access/AccessScope.cs), applied to case work.</summary>
public static class CaseworkScope
{
    public static IQueryable<Episode> VisibleTo(this IQueryable<Episode> episodes, Caseworker worker) =>
        new AccessScope(worker.ProviderCode ?? "", null).Episodes(episodes);
}
