using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Pathway.Access;
using Pathway.Access.Audit;
using Pathway.Data;

namespace Pathway.Admin;

/// <summary>
/// One member of staff's account: an administrator changes their role and where they work, enables the account, or makes
/// a password reset link to hand over. Disabling has its own confirmation page (<see cref="DisableUserModel"/>).
/// </summary>
[Authorize(Policy = Policies.Administration)]
public class UserModel(PathwayDb db, UserManager<StaffUser> users, AuditTrail audit, PasswordResetLinks resetLinks) : PageModel
{
    public sealed class PlacementInput
    {
        public string? Role { get; set; }
        public string? Provider { get; set; }
        public string? LocalAuthority { get; set; }
        public string? Team { get; set; }
    }

    [BindProperty] public PlacementInput Input { get; set; } = new();
    [TempData] public string? Done { get; set; }
    public StaffUser Account { get; private set; } = null!;
    public bool Disabled { get; private set; }
    public int OpenCases { get; private set; }
    /// <summary>The reset link, in this response only: never redirected through TempData, which is a cookie.</summary>
    public string? ResetLink { get; private set; }
    public string? Refusal { get; private set; }
    public List<SelectListItem> RoleChoices { get; } = Roles.All.Select(r => new SelectListItem(Roles.Describe(r), r)).ToList();
    public List<SelectListItem> ProviderChoices { get; private set; } = [];
    public List<SelectListItem> LocalAuthorityChoices { get; private set; } = [];
    public List<SelectListItem> TeamChoices { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string userId, CancellationToken cancel)
    {
        if (!await LoadAsync(userId, cancel)) return NotFound();
        await FillAsync(cancel);
        return Page();
    }

    /// <summary>The form as the account stands now.</summary>
    private async Task FillAsync(CancellationToken cancel)
    {
        var role = (await users.GetRolesAsync(Account)).FirstOrDefault();
        var team = Account.TeamId is { } teamId ? await db.Teams.AsNoTracking().Where(t => t.Id == teamId).Select(t => t.Name).FirstOrDefaultAsync(cancel) : null;
        Input = new PlacementInput { Role = role, Provider = Account.ProviderCode, LocalAuthority = Account.LocalAuthorityCode, Team = team };
        // Fields of this form were not posted by another button: show the account's values, not empty ones.
        foreach (var key in ModelState.Keys.Where(k => k.StartsWith(nameof(Input) + ".", StringComparison.Ordinal)).ToList()) ModelState.Remove(key);
    }

    public async Task<IActionResult> OnPostSaveAsync(string userId, CancellationToken cancel)
    {
        if (!await LoadAsync(userId, cancel)) return NotFound();
        var outcome = await StaffOnboarding.ChangeAsync(db, users, Account, new StaffPlacement(Input.Role, Input.Provider, Input.LocalAuthority, Input.Team),
            id => audit.Describe(AuditActions.Change, AuditOutcomes.Succeeded, AuditedRecordTypes.StaffUser, id), cancel);
        if (outcome is OnboardingOutcome.Invalid invalid)
        {
            foreach (var message in invalid.Messages.OrderBy(m => FieldOrder.IndexOf(m.Field)))
                ModelState.AddModelError(FieldOrder.Contains(message.Field) ? $"{nameof(Input)}.{message.Field}" : "", message.Message);
            return Page();
        }
        Done = $"{Account.DisplayName}'s role and team are saved. Their sessions have ended: the change applies when they next sign in.";
        return RedirectToPage(new { userId });
    }

    public async Task<IActionResult> OnPostEnableAsync(string userId, CancellationToken cancel)
    {
        if (!await LoadAsync(userId, cancel)) return NotFound();
        await UserAccounts.EnableAsync(users, Account);
        await audit.RecordAsync(AuditActions.Change, AuditOutcomes.Succeeded, AuditedRecordTypes.StaffUser, Account.Id, cancel: cancel);
        Done = $"{Account.DisplayName}'s account is enabled.";
        return RedirectToPage(new { userId });
    }

    public async Task<IActionResult> OnPostResetLinkAsync(string userId, CancellationToken cancel)
    {
        if (!await LoadAsync(userId, cancel)) return NotFound();
        await FillAsync(cancel);
        if (Disabled)
        {
            Refusal = $"{Account.DisplayName}'s account is disabled: enable it before making a password reset link";
            return Page();
        }
        var token = await resetLinks.CreateAsync(Account);
        await audit.RecordAsync(AuditActions.ResetLinkMade, AuditOutcomes.Succeeded, AuditedRecordTypes.StaffUser, Account.Id, cancel: cancel);
        ResetLink = $"{Request.Scheme}://{Request.Host}{PasswordResetLinks.Path}/{token}";
        return Page();
    }

    private static readonly List<string> FieldOrder =
        [nameof(PlacementInput.Role), nameof(PlacementInput.Provider), nameof(PlacementInput.LocalAuthority), nameof(PlacementInput.Team)];

    private async Task<bool> LoadAsync(string userId, CancellationToken cancel)
    {
        if (await users.FindByIdAsync(userId) is not { } account) return false;
        Account = account;
        Disabled = UserAccounts.IsDisabled(account.LockoutEnd);
        OpenCases = await UserAccounts.OpenCasesAsync(db, account.Id, cancel);
        ProviderChoices = (await db.Providers.AsNoTracking().OrderBy(p => p.Name).Select(p => new { p.Code, p.Name }).ToListAsync(cancel))
            .Select(p => new SelectListItem($"{p.Name} ({p.Code})", p.Code)).ToList();
        LocalAuthorityChoices = (await db.LocalAuthorities.AsNoTracking().OrderBy(l => l.Name).Select(l => new { l.Code, l.Name }).ToListAsync(cancel))
            .Select(l => new SelectListItem($"{l.Name} ({l.Code})", l.Code)).ToList();
        TeamChoices = (await db.Teams.AsNoTracking().OrderBy(t => t.ProviderCode).ThenBy(t => t.Name).Select(t => new { t.Name, t.ProviderCode }).ToListAsync(cancel))
            .Select(t => new SelectListItem($"{t.Name} ({t.ProviderCode})", t.Name)).ToList();
        return true;
    }
}
