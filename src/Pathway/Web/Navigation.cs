using System.Security.Claims;
using Pathway.Access;

namespace Pathway.Web;

public sealed record NavItem(string Text, string Href);

/// <summary>The header's navigation, by role: each role sees the areas of its work.</summary>
public static class Navigation
{
    private static readonly (string Role, NavItem Item)[] Items =
    [
        (Roles.RecoveryWorker, new("My caseload", "/")),
        (Roles.TeamManager, new("Team", "/")),
        (Roles.PeerMentor, new("My mentees", "/")),
        (Roles.DataOfficer, new("Records in and out", "/records")),
        (Roles.Commissioner, new("Performance", "/")),
        (Roles.Administrator, new("Users", "/")),
    ];

    public static IReadOnlyList<NavItem> For(ClaimsPrincipal user) =>
        Items.Where(i => user.IsInRole(i.Role)).Select(i => i.Item).DistinctBy(i => i.Text).ToList();
}

public sealed record DemoBanner(bool Show);
