using Microsoft.AspNetCore.Authorization;

namespace Pathway.Access;

/// <summary>
/// Who may use which area, by role. Pages and endpoints name a policy, never a list of roles, so the rule
/// for an area lives here once. (Scopes by provider and local authority come with the access issue.)
/// </summary>
public static class Policies
{
    /// <summary>Named client records and their care: recovery workers and their managers.</summary>
    public const string CaseWork = nameof(CaseWork);
    /// <summary>Loading and exporting bundles, provider transitions.</summary>
    public const string Records = nameof(Records);
    /// <summary>Indicators, dashboards and reports: counts only.</summary>
    public const string Performance = nameof(Performance);
    /// <summary>A peer mentor's own mentees.</summary>
    public const string Mentoring = nameof(Mentoring);
    /// <summary>Who looked at which record: managers and administrators.</summary>
    public const string Audit = nameof(Audit);
    /// <summary>Users, roles and sessions.</summary>
    public const string Administration = nameof(Administration);

    public static AuthorizationBuilder AddPathwayPolicies(this AuthorizationBuilder auth) => auth
        .AddPolicy(CaseWork, p => p.RequireRole(Roles.RecoveryWorker, Roles.TeamManager))
        .AddPolicy(Records, p => p.RequireRole(Roles.DataOfficer))
        .AddPolicy(Performance, p => p.RequireRole(Roles.Commissioner, Roles.TeamManager))
        .AddPolicy(Mentoring, p => p.RequireRole(Roles.PeerMentor))
        .AddPolicy(Audit, p => p.RequireRole(Roles.TeamManager, Roles.Administrator))
        .AddPolicy(Administration, p => p.RequireRole(Roles.Administrator));
}
