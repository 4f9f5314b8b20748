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
        var provider = (await access.ScopeAsync(cancel)).ProviderCode;
        Title = Title?.Trim();
        Facilitator = Facilitator?.Trim();
        if (Type is null) ModelState.AddModelError(nameof(Type), "Select the type of group");
        if (string.IsNullOrEmpty(Title)) ModelState.AddModelError(nameof(Title), "Enter the group's title");
        else if (GroupRules.Length(Title, GroupRules.TitleLength) is { } t) ModelState.AddModelError(nameof(Title), RecordRules.Phrase("Title", t));
        if (Date is null && !ModelState.ContainsKey(nameof(Date))) ModelState.AddModelError(nameof(Date), "Enter the date of the session");
        if (string.IsNullOrEmpty(Facilitator)) ModelState.AddModelError(nameof(Facilitator), "Enter who facilitates the session");
        else if (GroupRules.Length(Facilitator, GroupRules.FacilitatorLength) is { } f) ModelState.AddModelError(nameof(Facilitator), RecordRules.Phrase("Facilitator", f));
        if (string.IsNullOrEmpty(provider)) ModelState.AddModelError("", "Your account names no service, so you cannot add a group session; ask an administrator");
        if (!ModelState.IsValid)
        {
            await ListAsync(cancel);
            return Page();
        }
        var session = db.GroupSessions.Add(new GroupSession
        {
            ProviderCode = provider!, Type = Type!.Value, Title = Title!, Date = Date!.Value, Time = Time, Facilitator = Facilitator!,
        }).Entity;
        await db.SaveChangesAsync(cancel);
        return Redirect($"/groups/{session.Id}");
    }
}
