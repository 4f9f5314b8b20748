using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Pathway.Access;
using Pathway.Appointments;
using Pathway.Casework;
using Pathway.Data;
using Pathway.Episodes;

namespace Pathway.Diary;

public sealed record DiaryRow(int AppointmentId, int EpisodeId, string Name, DateOnly Date, TimeOnly? Time, ContactChannel Channel, ContactKind Kind,
    bool Recorded, string? CancelReason);

/// <summary>
/// A worker's appointments by day or by week: their own, or for a team manager any worker of their team. Only episodes
/// inside the worker's scope are listed, and the list is audited as a list.
/// </summary>
[Authorize(Policy = Policies.CaseWork)]
public class DiaryPageModel(PathwayDb db, RecordAccess access, TimeProvider time) : PageModel
{
    public DateOnly From { get; private set; }
    public DateOnly To { get; private set; }
    public DateOnly Today { get; private set; }
    public bool Week { get; private set; }
    public string WorkerId { get; private set; } = "";
    public string WorkerName { get; private set; } = "";
    public bool Own { get; private set; }
    public List<(string Id, string Name)> Team { get; private set; } = [];
    public List<DiaryRow> Rows { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(DateOnly? date, string? view, string? workerId, CancellationToken cancel)
    {
        var me = await Caseworker.CurrentAsync(db, User, cancel);
        Today = London.Today(time);
        Week = view == "week";
        // A diary a century either side of today holds nothing; a date beyond that (typed into the address) shows today.
        var day = date is { } asked && Math.Abs(asked.DayNumber - Today.DayNumber) <= 36525 ? asked : Today;
        // Weeks run Monday to Sunday, as the service works them.
        From = Week ? day.AddDays(-(((int)day.DayOfWeek + 6) % 7)) : day;
        To = Week ? From.AddDays(6) : day;

        if (me.IsManager && me.TeamId is { } team)
            Team = (await db.Users.AsNoTracking().Where(u => u.TeamId == team && u.ProviderCode == me.ProviderCode)
                .OrderBy(u => u.DisplayName).Select(u => new { u.Id, u.DisplayName }).ToListAsync(cancel))
                .Select(u => (u.Id, u.DisplayName)).ToList();
        WorkerId = string.IsNullOrEmpty(workerId) ? me.Id : workerId;
        Own = WorkerId == me.Id;
        if (Own) WorkerName = me.Name;
        else if (Team.FirstOrDefault(t => t.Id == WorkerId) is { Id: not null } chosen) WorkerName = chosen.Name;
        else
        {
            // Only a manager, and only for their own team: anyone else's diary is not found.
            await access.RefusedAsync(null, null, cancel);
            return NotFound();
        }

        var episodes = db.Episodes.VisibleTo(me).Select(e => e.Id);
        var rows = await db.Appointments.AsNoTracking().With(WorkerId)
            .Where(a => a.Date >= From && a.Date <= To && episodes.Contains(a.EpisodeId))
            .OrderBy(a => a.Date).ThenBy(a => a.Time).ThenBy(a => a.Id)
            .Select(a => new { a.Id, a.EpisodeId, a.Episode.ClientRecord.GivenName, a.Episode.ClientRecord.FamilyName, a.Date, a.Time, a.Channel, a.Kind,
                Recorded = a.ContactId != null, a.CancelReason, a.CancelledAt })
            .ToListAsync(cancel);
        Rows = rows.Select(a => new DiaryRow(a.Id, a.EpisodeId, $"{a.GivenName} {a.FamilyName}".Trim(), a.Date, a.Time, a.Channel, a.Kind, a.Recorded,
            a.CancelledAt is null ? null : a.CancelReason ?? "")).ToList();
        await access.ListedAsync(Week ? "diary-week" : "diary-day", Rows.Count, cancel);
        return Page();
    }

    public string Link(DateOnly day, bool week) =>
        $"/diary?date={day:yyyy-MM-dd}{(week ? "&view=week" : "")}{(Own ? "" : "&workerId=" + Uri.EscapeDataString(WorkerId))}";
}
