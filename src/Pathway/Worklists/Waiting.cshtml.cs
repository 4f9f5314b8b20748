using Pathway.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Pathway.Access;
using Pathway.Casework;
using Pathway.Data;

namespace Pathway.Worklists;

[Authorize(Policy = Policies.CaseWork)]
public class WaitingModel(PathwayDb db, RecordAccess access) : PageModel
{
    public List<WaitingRow> Rows { get; private set; } = [];
    /// <summary>Online self-referrals' safe-contact notes, by episode: read before anyone calls.</summary>
    public Dictionary<int, string> SafeContact { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancel)
    {
        var worker = await Caseworker.CurrentAsync(db, User, cancel);
        Rows = await Worklist.WaitingAsync(db, worker, HttpContext.Today(), cancel);
        await access.ListedAsync("waiting", Rows.Count, cancel);
        SafeContact = await PublicSite.SelfReferral.SelfReferralNotes.SafeContactByEpisodeAsync(db, Rows.Select(r => r.EpisodeId).ToList(), cancel);
    }
}
