using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Pathway.Access;
using Pathway.Casework;
using Pathway.Data;
using Pathway.Infrastructure;

namespace Pathway.Groups;

public sealed record GroupSessionRow(int Id, GroupType Type, string Title, DateOnly Date, TimeOnly? Time, string Facilitator, int Attended, int DidNotAttend);

/// <summary>A provider's client group sessions, newest first, and adding one. Staff see their own provider's sessions only.</summary>
[Authorize(Policy = Policies.CaseWork)]
public class GroupSessionsModel(PathwayDb db, RecordAccess access) : PageModel
{
    [BindProperty] public GroupType? Type { get; set; }
    [BindProperty] public string? Title { get; set; }
    [BindProperty] public DateOnly? Date { get; set; }
    [BindProperty] public TimeOnly? Time { get; set; }
    [BindProperty] public string? Facilitator { get; set; }
    public List<GroupSessionRow> Sessions { get; private set; } = [];

    private async Task ListAsync(CancellationToken cancel)
    {
        var provider = (await access.ScopeAsync(cancel)).ProviderCode;
        Sessions = (await db.GroupSessions.AsNoTracking().Where(g => provider != null && g.ProviderCode == provider)
            .OrderByDescending(g => g.Date).ThenByDescending(g => g.Id).Take(200)
            .Select(g => new { g.Id, g.Type, g.Title, g.Date, g.Time, g.Facilitator,
                Attended = g.Register.Count(a => a.Attended), Missed = g.Register.Count(a => !a.Attended) })
            .ToListAsync(cancel))
            .Select(g => new GroupSessionRow(g.Id, g.Type, g.Title, g.Date, g.Time, g.Facilitator, g.Attended, g.Missed)).ToList();
    }

    public async Task OnGetAsync(CancellationToken cancel)
    {
        Date = HttpContext.Today();
        await ListAsync(cancel);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancel)
    {
        var mode = ModelState.IsValid ? CaseActionMode.Save : CaseActionMode.CheckOnly;
        switch (await GroupRecords.AddSessionAsync(db, access, new GroupSessionInput(Type, Title, Date, Time, Facilitator), mode, cancel))
        {
            case CaseOutcome.Saved saved:
                return Redirect($"/groups/{saved.Id}");
            case CaseOutcome.Invalid invalid:
                ModelState.Show(invalid);
                await ListAsync(cancel);
                return Page();
            default:
                return NotFound();
        }
    }
}
