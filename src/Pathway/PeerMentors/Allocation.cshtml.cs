using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Pathway.Access;
using Pathway.Casework;
using Pathway.Data;
using Pathway.Teams;

namespace Pathway.PeerMentors;

/// <summary>Who holds the case: the key worker, and a peer mentor if the client wants one.</summary>
public class AllocationModel(PathwayDb db, RecordAccess access) : CaseFormModel(db)
{
    [BindProperty] public string? KeyWorkerId { get; set; }
    [BindProperty] public string? MentorId { get; set; }
    public List<SelectListItem> Workers { get; private set; } = [];
    public List<SelectListItem> Mentors { get; private set; } = [];

    /// <summary>
    /// Enabled recovery workers and peer mentors of the provider, by the rule the team's bulk move uses. A current holder
    /// whose account has since been disabled stays shown as the current choice (so saving the mentor alone does not
    /// silently unallocate the case) but is never offered for another case.
    /// </summary>
    private async Task ChoicesAsync(CancellationToken cancel)
    {
        async Task<List<SelectListItem>> Offer(List<(string Id, string Name)> enabled, string? current)
        {
            var items = enabled.Select(s => new SelectListItem(s.Name, s.Id)).ToList();
            if (current is not null && enabled.All(s => s.Id != current))
            {
                var name = await Db.Users.Where(u => u.Id == current).Select(u => u.DisplayName).SingleOrDefaultAsync(cancel) ?? TeamCaseloads.FormerStaff;
                items.Insert(0, new SelectListItem($"{name} (account disabled)", current));
            }
            return items;
        }
        Workers = await Offer(await Reallocation.KeyWorkersAsync(Db, Worker.ProviderCode, cancel), Episode.KeyWorkerId);
        CurrentMentorId = await Db.PeerMentorings.Where(m => m.EpisodeId == Id && m.Until == null).Select(m => m.MentorId).FirstOrDefaultAsync(cancel);
        Mentors = await Offer(await Reallocation.EnabledStaffAsync(Db, Worker.ProviderCode, Roles.PeerMentor, cancel), CurrentMentorId);
    }

    private string? CurrentMentorId { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancel)
    {
        if (!await LoadAsync(cancel)) return NotFound();
        await ChoicesAsync(cancel);
        KeyWorkerId = Episode.KeyWorkerId;
        MentorId = CurrentMentorId;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancel)
    {
        if (!await LoadAsync(cancel, keepPostedVersion: true)) return NotFound();
        return await ActAsync(mode => Allocating.AllocateAsync(Db, access, Worker, Id, Version, new AllocationInput(KeyWorkerId, MentorId), cancel, mode),
            cancel, reloadForPage: () => ChoicesAsync(cancel));
    }
}
