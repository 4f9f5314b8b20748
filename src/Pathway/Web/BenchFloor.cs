using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Pathway.Access;
using Pathway.Data;
using Pathway.Worklists;

namespace Pathway.Web;

/// <summary>
/// The floor `bench/run web` measures pages against: a signed-in request (the same cookie, session check and authorisation
/// as the caseload) that runs the caseload's one indexed query, the key worker's open triaged episodes through the
/// (KeyWorkerId, DischargeDate) index, and answers their number, with no page, no other query and no audit event. Mapped only
/// when the configuration asks (<c>Pathway__BenchFloor=true</c>), so no deployment serves it unless its operator does.
/// </summary>
public static class BenchFloor
{
    public const string Setting = "Pathway:BenchFloor";

    public static void MapBenchFloor(this WebApplication app)
    {
        if (!app.Configuration.GetValue<bool>(Setting)) return;
        app.MapGet("/bench/floor", async (ClaimsPrincipal user, PathwayDb db, CancellationToken cancel) =>
        {
            var id = user.FindFirstValue(ClaimTypes.NameIdentifier);
            var open = await db.Episodes.AsNoTracking()
                .OnCaseload().Where(e => e.KeyWorkerId == id)
                .Select(e => e.Id).ToListAsync(cancel);
            return Results.Json(new { open = open.Count });
        }).RequireAuthorization(Policies.CaseWork).WithName("BenchFloor").ExcludeFromDescription();
    }
}
