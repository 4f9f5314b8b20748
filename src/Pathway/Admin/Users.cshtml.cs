using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Pathway.Access;
using Pathway.Access.Audit;
using Pathway.Data;

namespace Pathway.Admin;

public sealed record UserRow(string Id, string Name, string? Email, IReadOnlyList<string> Roles, string? Provider, string? LocalAuthority, bool Disabled);

/// <summary>Administrators manage accounts: each opens its own page (role, team, reset link, disable after a confirmation); sessions end here at once.</summary>
[Authorize(Policy = Policies.Administration)]
public class UsersModel(PathwayDb db, UserManager<StaffUser> users, AuditTrail audit) : PageModel
{
    public List<UserRow> Users { get; private set; } = [];
    [TempData] public string? Done { get; set; }

    public async Task OnGetAsync(CancellationToken cancel)
    {
        var roles = await db.UserRoles.Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name })
            .ToListAsync(cancel);
        var rolesOf = roles.ToLookup(r => r.UserId, r => r.Name!);
        Users = (await db.Users.AsNoTracking().OrderBy(u => u.DisplayName)
                .Select(u => new { u.Id, u.DisplayName, u.Email, u.ProviderCode, u.LocalAuthorityCode, u.LockoutEnd })
                .ToListAsync(cancel))
            .Select(u => new UserRow(u.Id, u.DisplayName, u.Email, rolesOf[u.Id].ToList(), u.ProviderCode, u.LocalAuthorityCode,
                UserAccounts.IsDisabled(u.LockoutEnd)))
            .ToList();
    }

    public Task<IActionResult> OnPostEnableAsync(string id) => Act(id, user => UserAccounts.EnableAsync(users, user), "enabled");
    public Task<IActionResult> OnPostEndSessionsAsync(string id) => Act(id, user => UserAccounts.EndSessionsAsync(db, users, user), "signed out everywhere");

    private async Task<IActionResult> Act(string id, Func<StaffUser, Task> action, string what)
    {
        if (await users.FindByIdAsync(id) is not { } user) return NotFound();
        await action(user);
        await audit.RecordAsync(AuditActions.Change, AuditOutcomes.Succeeded, "StaffUser", user.Id,
            cancel: HttpContext.RequestAborted);
        Done = $"{user.DisplayName} {what}.";
        return RedirectToPage();
    }
}
