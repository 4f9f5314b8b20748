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
    /// <summary>Data protection duties: subject access requests and the retention review (erasure).</summary>
    public const string DataProtection = nameof(DataProtection);
    /// <summary>What the public sees: service places, opening times, drop-ins.</summary>
    public const string PublicInformation = nameof(PublicInformation);
    /// <summary>Writing prescriptions and issuing prescription forms; reviewing a missed-dose stop.</summary>
    public const string Prescribing = nameof(Prescribing);
    /// <summary>A pharmacy's dose list and the record of each dose collected or missed.</summary>
    public const string Dispensing = nameof(Dispensing);
    /// <summary>Users, roles and sessions.</summary>
    public const string Administration = nameof(Administration);

    public static AuthorizationBuilder AddPathwayPolicies(this AuthorizationBuilder auth) => auth
        .AddPolicy(CaseWork, p => Staff(p).RequireRole(Roles.RecoveryWorker, Roles.TeamManager, Roles.Prescriber))
        .AddPolicy(Records, p => Staff(p).RequireRole(Roles.DataOfficer))
        .AddPolicy(Performance, p => Staff(p).RequireRole(Roles.Commissioner, Roles.TeamManager))
        .AddPolicy(Mentoring, p => Staff(p).RequireRole(Roles.PeerMentor))
        .AddPolicy(Audit, p => Staff(p).RequireRole(Roles.TeamManager, Roles.Administrator))
        .AddPolicy(DataProtection, p => Staff(p).RequireRole(Roles.TeamManager))
        .AddPolicy(PublicInformation, p => Staff(p).RequireRole(Roles.TeamManager, Roles.Administrator))
        .AddPolicy(Prescribing, p => Staff(p).RequireRole(Roles.Prescriber))
        .AddPolicy(Dispensing, p => Staff(p).RequireRole(Roles.Pharmacist))
        .AddPolicy(Administration, p => Staff(p).RequireRole(Roles.Administrator));

    // Every area policy also demands what the fallback policy demands: a signed-in user with a second factor.
    private static AuthorizationPolicyBuilder Staff(AuthorizationPolicyBuilder policy) =>
        policy.RequireAuthenticatedUser().AddRequirements(new TwoFactorRequirement());
}
