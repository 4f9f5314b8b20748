using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Pathway.Access;
using Pathway.Data;

namespace Pathway.Admin;

/// <summary>
/// The account rules, in one place, for the admin pages and the command line alike: what "disabled" means, how
/// sessions are ended, and that a deployment always keeps at least one administrator who can sign in.
/// </summary>
public static class UserAccounts
{
    public static bool IsDisabled(DateTimeOffset? lockoutEnd) => lockoutEnd == DateTimeOffset.MaxValue;

    /// <summary>Open episodes (not discharged) whose key worker is this member of staff: a count only, never whose.</summary>
    public static Task<int> OpenCasesAsync(PathwayDb db, string userId, CancellationToken cancel) =>
        db.Episodes.CountAsync(e => e.KeyWorkerId == userId && e.DischargeDate == null, cancel);

    /// <summary>True when this user is the only enabled administrator: disabling them, or taking the role away, would leave nobody to manage accounts.</summary>
    public static async Task<bool> IsLastAdministratorAsync(PathwayDb db, string userId, CancellationToken cancel)
    {
        var administrators = await db.UserRoles
            .Join(db.Roles.Where(r => r.Name == Roles.Administrator), ur => ur.RoleId, r => r.Id, (ur, _) => ur.UserId)
            .Join(db.Users, id => id, u => u.Id, (_, u) => new { u.Id, u.LockoutEnd })
            .ToListAsync(cancel);
        var enabled = administrators.Where(a => !IsDisabled(a.LockoutEnd)).Select(a => a.Id).ToList();
        return enabled.Contains(userId) && enabled.Count == 1;
    }

    public static string LastAdministratorReason(string name) =>
        $"{name} is the only administrator whose account is enabled: make someone else an administrator first, or nobody could manage accounts";

    /// <summary>Disables the account and ends its sessions at once; refused (with the reason) for the last enabled administrator.</summary>
    public static async Task<string?> DisableAsync(PathwayDb db, UserManager<StaffUser> users, StaffUser user, CancellationToken cancel = default)
    {
        if (await IsLastAdministratorAsync(db, user.Id, cancel)) return LastAdministratorReason(user.DisplayName);
        await users.SetLockoutEnabledAsync(user, true);
        await users.SetLockoutEndDateAsync(user, DateTimeOffset.MaxValue);
        await EndSessionsAsync(db, users, user);
        return null;
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
        // A new security stamp as well: also refuses the half-finished sign-in waiting for an authenticator code,
        // and any password reset link made before now.
        await users.UpdateSecurityStampAsync(user);
    }
}
