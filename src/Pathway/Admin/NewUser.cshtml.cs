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

public sealed record NewAccount(string Name, string Email, string Password);

/// <summary>
/// An administrator adds a member of staff. The initial password is generated here and shown once, for the
/// administrator to hand over; at first sign-in the new member of staff sets up two-factor authentication.
/// </summary>
[Authorize(Policy = Policies.Administration)]
public class NewUserModel(PathwayDb db, UserManager<StaffUser> users, AuditTrail audit) : PageModel
{
    public sealed class StaffInput
    {
        public string? Name { get; set; }
        public string? Email { get; set; }
        public string? Role { get; set; }
        public string? Provider { get; set; }
        public string? LocalAuthority { get; set; }
        public string? Team { get; set; }
    }

    [BindProperty] public StaffInput Input { get; set; } = new();
    /// <summary>Set once the account exists: the only time its password is shown.</summary>
    public NewAccount? Created { get; private set; }
    public List<SelectListItem> RoleChoices { get; } = Roles.All.Select(r => new SelectListItem(Roles.Describe(r), r)).ToList();
    public List<SelectListItem> ProviderChoices { get; private set; } = [];
    public List<SelectListItem> LocalAuthorityChoices { get; private set; } = [];
    public List<SelectListItem> TeamChoices { get; private set; } = [];

    public Task OnGetAsync(CancellationToken cancel) => LoadChoicesAsync(cancel);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancel)
    {
        var password = StaffOnboarding.GeneratePassword();
        var outcome = await StaffOnboarding.AddAsync(db, users,
            new NewStaffMember(Input.Email, Input.Name, Input.Role, Input.Provider, Input.LocalAuthority, Input.Team, password),
            id => audit.Describe(AuditActions.Change, AuditOutcomes.Succeeded, AuditedRecordTypes.StaffUser, id), cancel);
        if (outcome is OnboardingOutcome.Invalid invalid)
            // In the order of the form, whatever order the rules found them in.
            foreach (var message in invalid.Messages.OrderBy(m => FieldOrder.IndexOf(m.Field)))
                ModelState.AddModelError(FieldOrder.Contains(message.Field) ? $"{nameof(Input)}.{message.Field}" : "", message.Message);
        else
        {
            // Shown in this response only: never redirected through TempData, which is a cookie.
            Created = new NewAccount(Input.Name!.Trim(), Input.Email!.Trim(), password);
            ModelState.Clear();
            Input = new();
        }
        await LoadChoicesAsync(cancel);
        return Page();
    }

    private static readonly List<string> FieldOrder =
        [nameof(StaffInput.Name), nameof(StaffInput.Email), nameof(StaffInput.Role), nameof(StaffInput.Provider), nameof(StaffInput.LocalAuthority), nameof(StaffInput.Team)];

    private async Task LoadChoicesAsync(CancellationToken cancel)
    {
        ProviderChoices = (await db.Providers.AsNoTracking().OrderBy(p => p.Name).Select(p => new { p.Code, p.Name }).ToListAsync(cancel))
            .Select(p => new SelectListItem($"{p.Name} ({p.Code})", p.Code)).ToList();
        LocalAuthorityChoices = (await db.LocalAuthorities.AsNoTracking().OrderBy(l => l.Name).Select(l => new { l.Code, l.Name }).ToListAsync(cancel))
            .Select(l => new SelectListItem($"{l.Name} ({l.Code})", l.Code)).ToList();
        TeamChoices = (await db.Teams.AsNoTracking().OrderBy(t => t.ProviderCode).ThenBy(t => t.Name).Select(t => new { t.Name, t.ProviderCode }).ToListAsync(cancel))
            .Select(t => new SelectListItem($"{t.Name} ({t.ProviderCode})", t.Name)).ToList();
    }
}
