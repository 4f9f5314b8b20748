using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Pathway.Access;
using Pathway.Casework;
using Pathway.Data;

namespace Pathway.PeerMentors;

/// <summary>Who holds the case: the key worker, and a peer mentor if the client wants one.</summary>
public class AllocationModel(PathwayDb db) : CaseFormModel(db)
{
    [BindProperty] public string? KeyWorkerId { get; set; }
    [BindProperty] public string? MentorId { get; set; }
    public List<SelectListItem> Workers { get; private set; } = [];
    public List<SelectListItem> Mentors { get; private set; } = [];

    private async Task ChoicesAsync(CancellationToken cancel)
    {
        async Task<List<SelectListItem>> InRole(string role) =>
            await Db.Users.Where(u => u.ProviderCode == Worker.ProviderCode)
                .Join(Db.UserRoles, u => u.Id, ur => ur.UserId, (u, ur) => new { u, ur.RoleId })
                .Join(Db.Roles.Where(r => r.Name == role), x => x.RoleId, r => r.Id, (x, r) => x.u)
                .OrderBy(u => u.DisplayName).Select(u => new SelectListItem(u.DisplayName, u.Id)).ToListAsync(cancel);
        Workers = await InRole(Roles.RecoveryWorker);
        Mentors = await InRole(Roles.PeerMentor);
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancel)
    {
        if (!await LoadAsync(cancel)) return NotFound();
        await ChoicesAsync(cancel);
        KeyWorkerId = Episode.KeyWorkerId;
        MentorId = await Db.PeerMentorings.Where(m => m.EpisodeId == Id && m.Until == null).Select(m => m.MentorId).FirstOrDefaultAsync(cancel);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancel)
    {
        if (!await LoadAsync(cancel, keepPostedVersion: true)) return NotFound();
        await ChoicesAsync(cancel);
        if (KeyWorkerId is { Length: > 0 } k && Workers.All(w => w.Value != k)) ModelState.AddModelError(nameof(KeyWorkerId), "Choose a recovery worker from the list");
        if (MentorId is { Length: > 0 } m && Mentors.All(w => w.Value != m)) ModelState.AddModelError(nameof(MentorId), "Choose a peer mentor from the list");
        if (!ModelState.IsValid) return Page();

        Episode.KeyWorkerId = string.IsNullOrEmpty(KeyWorkerId) ? null : KeyWorkerId;
        var current = await Db.PeerMentorings.Where(x => x.EpisodeId == Id && x.Until == null).ToListAsync(cancel);
        foreach (var old in current.Where(x => x.MentorId != MentorId)) old.Until = Today;
        if (!string.IsNullOrEmpty(MentorId) && current.All(x => x.MentorId != MentorId))
            Db.PeerMentorings.Add(new PeerMentoring { Episode = Episode, MentorId = MentorId, From = Today });
        return await SaveAsync(cancel, () => ChoicesAsync(cancel));
    }
}
