using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Pathway.Access;
using Pathway.Access.Audit;
using Pathway.Data;

namespace Pathway.Admin;

/// <summary>
/// Disabling an account, confirmed first: with the number of open cases the person holds as key worker, a warning when
/// administrators disable themselves, and a refusal for the last enabled administrator (<see cref="UserAccounts"/>).
/// </summary>
[Authorize(Policy = Policies.Administration)]
public class DisableUserModel(PathwayDb db, UserManager<StaffUser> users, AuditTrail audit) : PageModel
{
    public StaffUser Account { get; private set; } = null!;
    public int OpenCases { get; private set; }
    public bool IsSelf { get; private set; }
    public bool AlreadyDisabled { get; private set; }
    /// <summary>Why the account cannot be disabled; the page then offers no button.</summary>
    public string? Refusal { get; private set; }
    [TempData] public string? Done { get; set; }

    public async Task<IActionResult> OnGetAsync(string userId, CancellationToken cancel) =>
        await LoadAsync(userId, cancel) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(string userId, CancellationToken cancel)
    {
        if (!await LoadAsync(userId, cancel)) return NotFound();
        if (AlreadyDisabled) return Redirect($"/admin/users/{userId}");
        if (await UserAccounts.DisableAsync(db, users, Account, cancel) is { } refused)
        {
            Refusal = refused;
            await audit.RecordAsync(AuditActions.Change, AuditOutcomes.Refused, AuditedRecordTypes.StaffUser, Account.Id, cancel: cancel);
            return Page();
        }
        await audit.RecordAsync(AuditActions.Change, AuditOutcomes.Succeeded, AuditedRecordTypes.StaffUser, Account.Id, cancel: cancel);
        // Their own sessions have just ended: the next page they can see is the sign-in page.
        if (IsSelf) return Redirect(Access.SignIn.Path);
        Done = $"{Account.DisplayName}'s account is disabled and their sessions have ended.";
        return Redirect("/admin/users");
    }

    private async Task<bool> LoadAsync(string userId, CancellationToken cancel)
    {
        if (await users.FindByIdAsync(userId) is not { } account) return false;
        Account = account;
        AlreadyDisabled = UserAccounts.IsDisabled(account.LockoutEnd);
        OpenCases = await UserAccounts.OpenCasesAsync(db, account.Id, cancel);
        IsSelf = account.Id == User.FindFirstValue(ClaimTypes.NameIdentifier);
        if (!AlreadyDisabled && await UserAccounts.IsLastAdministratorAsync(db, account.Id, cancel))
            Refusal = UserAccounts.LastAdministratorReason(account.DisplayName);
        return true;
    }
}
