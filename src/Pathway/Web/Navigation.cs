using System.Security.Claims;
using Pathway.Access;

namespace Pathway.Web;

public sealed record NavItem(string Text, string Href);

/// <summary>The header's navigation, by role: each role sees the areas of its work.</summary>
public static class Navigation
{
    /// <summary>Each role's items, in order; an item shared by roles is listed once per role.</summary>
    internal static readonly IReadOnlyList<(string Role, NavItem Item)> Items =
    [
        (Roles.RecoveryWorker, new("My caseload", "/caseload")),
        (Roles.RecoveryWorker, new("Diary", "/diary")),
        (Roles.RecoveryWorker, new("Find a client", "/clients/find")),
        (Roles.TeamManager, new("Find a client", "/clients/find")),
        (Roles.RecoveryWorker, new("Referrals", "/referrals")),
        (Roles.RecoveryWorker, new("Did not attend", "/did-not-attend")),
        (Roles.RecoveryWorker, new("Groups", "/groups")),
        (Roles.RecoveryWorker, new("Harm reduction", "/harm-reduction")),
        (Roles.TeamManager, new("Team", "/team")),
        (Roles.TeamManager, new("Diary", "/diary")),
        (Roles.TeamManager, new("Referrals", "/referrals")),
        (Roles.TeamManager, new("Carers' group", "/carers-group")),
        (Roles.TeamManager, new("Groups", "/groups")),
        (Roles.TeamManager, new("Performance", "/performance")),
        // After Performance: a manager's header overflows into "More", and the worklist is more a worker's tool than theirs.
        (Roles.TeamManager, new("Harm reduction", "/harm-reduction")),
        (Roles.PeerMentor, new("My mentees", "/mentees")),
        (Roles.DataOfficer, new("Records in and out", "/records")),
        (Roles.DataOfficer, new("Provider transition", "/transition")),
        (Roles.Commissioner, new("Performance", "/performance")),
        (Roles.Administrator, new("Users", "/admin/users")),
        (Roles.Administrator, new("API clients", "/admin/api-clients")),
        (Roles.Prescriber, new("My caseload", "/caseload")),
        (Roles.Prescriber, new("Find a client", "/clients/find")),
        (Roles.Pharmacist, new("Dose list", "/pharmacy")),
        (Roles.TeamManager, new("Audit", "/audit")),
        (Roles.TeamManager, new("Service places", "/services/manage")),
        (Roles.TeamManager, new("Retention", "/retention")),
        (Roles.Administrator, new("Audit", "/audit")),
    ];

    /// <summary>What a member of the public, not signed in, can reach.</summary>
    private static readonly NavItem[] Public =
    [
        new("Get help", "/help"),
        new("Refer yourself", "/self-referral"),
        new("Check your drinking", "/alcohol-check"),
        new("Family and carers", "/carers"),
        new("Where to get help", "/services"),
    ];

    public static IReadOnlyList<NavItem> For(ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true
            ? Items.Where(i => user.IsInRole(i.Role)).Select(i => i.Item).DistinctBy(i => i.Text).ToList()
            : Public;
}
