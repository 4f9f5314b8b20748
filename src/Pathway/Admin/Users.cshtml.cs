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

/// <summary>Administrators manage accounts: they can disable one, or end its sessions, with immediate effect.</summary>
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
        var now = DateTimeOffset.UtcNow;
        Users = (await db.Users.AsNoTracking().OrderBy(u => u.DisplayName)
                .Select(u => new { u.Id, u.DisplayName, u.Email, u.ProviderCode, u.LocalAuthorityCode, u.LockoutEnd })
                .ToListAsync(cancel))
            .Select(u => new UserRow(u.Id, u.DisplayName, u.Email, rolesOf[u.Id].ToList(), u.ProviderCode, u.LocalAuthorityCode,
                UserAccounts.IsDisabled(u.LockoutEnd)))
            .ToList();
    }

    public Task<IActionResult> OnPostDisableAsync(string id) => Act(id, user => UserAccounts.DisableAsync(db, users, user), "disabled; their sessions have ended");
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

/// <summary>The account rules, in one place: what "disabled" means and how sessions are ended.</summary>
public static class UserAccounts
{
    public static bool IsDisabled(DateTimeOffset? lockoutEnd) => lockoutEnd == DateTimeOffset.MaxValue;

    public static async Task DisableAsync(PathwayDb db, UserManager<StaffUser> users, StaffUser user)
    {
        await users.SetLockoutEnabledAsync(user, true);
        await users.SetLockoutEndDateAsync(user, DateTimeOffset.MaxValue);
        await EndSessionsAsync(db, users, user);
    }

    public static async Task EnableAsync(UserManager<StaffUser> users, StaffUser user)
    {
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
    }

    /// <summary>Deletes every session of the user, so the very next request with any of their cookies is refused.</summary>
    public static async Task EndSessionsAsync(PathwayDb db, UserManager<StaffUser> users, StaffUser user)
    {
        await SignInSessions.EndAllAsync(db, user.Id);
        // A new security stamp as well: also refuses the half-finished sign-in waiting for an authenticator code.
        await users.UpdateSecurityStampAsync(user);
    }
}
