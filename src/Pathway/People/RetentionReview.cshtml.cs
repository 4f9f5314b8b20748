using Pathway.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Pathway.Access;
using Pathway.Access.Audit;
using Pathway.Data;

namespace Pathway.People;

[Authorize(Policy = Policies.DataProtection)]
public class RetentionReviewModel(PathwayDb db, UserManager<StaffUser> users, AuditTrail audit, RecordAccess access, IConfiguration configuration) : PageModel
{
    public int Years => configuration.GetValue(Retention.YearsSetting, Retention.DefaultYears);
    public List<RetentionCandidate> Candidates { get; private set; } = [];
    [TempData] public string? Done { get; set; }

    private DateOnly Today => HttpContext.Today();

    public async Task OnGetAsync(CancellationToken cancel)
    {
        Candidates = await Retention.DueForReviewAsync(db, await ScopeAsync(), Years, Today, cancel);
        await access.ListedAsync("retention-review", Candidates.Count, cancel);
    }

    public async Task<IActionResult> OnPostEraseAsync(int personId, CancellationToken cancel)
    {
        if (!await Retention.EraseAsync(db, audit, await ScopeAsync(), personId, Years, Today, cancel)) return NotFound();
        Done = $"The records of person {personId} were erased.";
        return RedirectToPage();
    }

    private async Task<AccessScope> ScopeAsync() => AccessScope.Of(await users.GetUserAsync(User), User);
}
