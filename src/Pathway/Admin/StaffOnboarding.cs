using System.Net.Mail;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Pathway.Access;
using Pathway.Access.Audit;
using Pathway.Data;

namespace Pathway.Admin;

/// <summary>A new member of staff as an administrator (or a script) describes them. Codes and names, as typed.</summary>
public sealed record NewStaffMember(string? Email, string? Name, string? Role, string? Provider = null, string? LocalAuthority = null,
    string? Team = null, string? Password = null);

/// <summary>A member of staff's new role and place of work, as an administrator chooses them.</summary>
public sealed record StaffPlacement(string? Role, string? Provider = null, string? LocalAuthority = null, string? Team = null);

/// <summary>A rule a field broke; <c>Field</c> is a property name of <see cref="NewStaffMember"/>.</summary>
public sealed record FieldMessage(string Field, string Message);

public abstract record OnboardingOutcome
{
    public sealed record Created(string Id) : OnboardingOutcome;
    public sealed record Changed(string Id) : OnboardingOutcome;
    public sealed record Invalid(IReadOnlyList<FieldMessage> Messages) : OnboardingOutcome;
}

/// <summary>
/// Adding a member of staff: the one place that decides who may be created and creates them, for the admin page
/// and `pathway users add` alike. The account, its role and its audit event are saved together or not at all.
/// </summary>
public static class StaffOnboarding
{
    /// <summary>Roles whose work is a provider's clients: their scope is the provider, so they must name one.</summary>
    public static readonly IReadOnlyList<string> ProviderRoles = [Roles.RecoveryWorker, Roles.TeamManager, Roles.PeerMentor, Roles.DataOfficer, Roles.Prescriber];

    public static bool NeedsProvider(string? role) => role is not null && ProviderRoles.Contains(role);
    public static bool NeedsLocalAuthority(string? role) => role == Roles.Commissioner;

    public static async Task<OnboardingOutcome> AddAsync(PathwayDb db, UserManager<StaffUser> users, NewStaffMember input,
        Func<string, AuditEvent> auditEvent, CancellationToken cancel)
    {
        var messages = new List<FieldMessage>();
        void Invalid(string field, string message) => messages.Add(new(field, message));

        var name = input.Name?.Trim();
        if (string.IsNullOrEmpty(name)) Invalid(nameof(input.Name), "Enter the person's name");
        else if (name.Length > 200) Invalid(nameof(input.Name), "Name must be 200 characters or fewer");

        var email = input.Email?.Trim();
        if (string.IsNullOrEmpty(email)) Invalid(nameof(input.Email), "Enter the person's work email address");
        else if (email.Length > 256 || email.Any(char.IsWhiteSpace) || !MailAddress.TryCreate(email, out var address) || address.Address != email)
            Invalid(nameof(input.Email), "Enter an email address in the correct format, like name@example.org");
        else if (await users.FindByEmailAsync(email) is not null)
            Invalid(nameof(input.Email), "Someone already signs in with this email address");

        var (role, provider, localAuthority, teamId) = await PlacementAsync(db, input.Role, input.Provider, input.LocalAuthority, input.Team, Invalid, cancel);

        var user = new StaffUser
        {
            UserName = email, Email = email, EmailConfirmed = true, DisplayName = name ?? "",
            ProviderCode = provider, LocalAuthorityCode = localAuthority,
            TeamId = teamId, LockoutEnabled = true,
        };
        // The same rules as every password on the site (Access/PasswordRules.cs and the length set with Identity).
        if (string.IsNullOrEmpty(input.Password)) Invalid(nameof(input.Password), "Enter a password");
        else
            foreach (var validator in users.PasswordValidators)
                if (await validator.ValidateAsync(users, user, input.Password) is { Succeeded: false } result)
                    foreach (var error in result.Errors) Invalid(nameof(input.Password), PasswordRules.Message(error));
        if (messages.Count > 0) return new OnboardingOutcome.Invalid(messages);

        await using var transaction = await db.Database.BeginTransactionAsync(cancel);
        await EnsureRoleAsync(db, users, role!, cancel);
        var created = await users.CreateAsync(user, input.Password!);
        if (!created.Succeeded)
            // Only a race with another administrator adding the same person gets here: the checks above passed.
            return new OnboardingOutcome.Invalid(created.Errors.Select(e => new FieldMessage(nameof(input.Email), e.Description.TrimEnd('.'))).ToList());
        await users.AddToRoleAsync(user, role!);
        db.AuditEvents.Add(auditEvent(user.Id));
        await db.SaveChangesAsync(cancel);
        await transaction.CommitAsync(cancel);
        return new OnboardingOutcome.Created(user.Id);
    }

    /// <summary>
    /// Changes a member of staff's role, provider, council and team, with the same rules as adding them; never takes the
    /// role from the last enabled administrator. Their sessions end, so the new scope applies from their next sign-in.
    /// </summary>
    public static async Task<OnboardingOutcome> ChangeAsync(PathwayDb db, UserManager<StaffUser> users, StaffUser user, StaffPlacement input,
        Func<string, AuditEvent> auditEvent, CancellationToken cancel)
    {
        var messages = new List<FieldMessage>();
        void Invalid(string field, string message) => messages.Add(new(field, message));
        var (role, provider, localAuthority, teamId) = await PlacementAsync(db, input.Role, input.Provider, input.LocalAuthority, input.Team, Invalid, cancel);
        if (role is not null && role != Roles.Administrator && await UserAccounts.IsLastAdministratorAsync(db, user.Id, cancel))
            Invalid(nameof(NewStaffMember.Role), UserAccounts.LastAdministratorReason(user.DisplayName));
        if (messages.Count > 0) return new OnboardingOutcome.Invalid(messages);

        await using var transaction = await db.Database.BeginTransactionAsync(cancel);
        await EnsureRoleAsync(db, users, role!, cancel);
        var current = await users.GetRolesAsync(user);
        if (current.Where(r => r != role).ToList() is { Count: > 0 } dropped) await users.RemoveFromRolesAsync(user, dropped);
        if (!current.Contains(role!)) await users.AddToRoleAsync(user, role!);
        user.ProviderCode = provider;
        user.LocalAuthorityCode = localAuthority;
        user.TeamId = teamId;
        await users.UpdateAsync(user);
        await UserAccounts.EndSessionsAsync(db, users, user);
        db.AuditEvents.Add(auditEvent(user.Id));
        await db.SaveChangesAsync(cancel);
        await transaction.CommitAsync(cancel);
        return new OnboardingOutcome.Changed(user.Id);
    }

    // A new deployment has no roles until its first member of staff needs one.
    private static async Task EnsureRoleAsync(PathwayDb db, UserManager<StaffUser> users, string role, CancellationToken cancel)
    {
        if (!await db.Roles.AnyAsync(r => r.Name == role, cancel))
        {
            db.Roles.Add(new IdentityRole(role) { NormalizedName = users.NormalizeName(role), ConcurrencyStamp = Guid.NewGuid().ToString() });
            await db.SaveChangesAsync(cancel);
        }
    }

    /// <summary>Where a member of staff works: a known role, and the provider, council and team that role needs (and no other).</summary>
    private static async Task<(string? Role, string? Provider, string? LocalAuthority, int? TeamId)> PlacementAsync(PathwayDb db, string? roleIn,
        string? providerIn, string? localAuthorityIn, string? teamIn, Action<string, string> Invalid, CancellationToken cancel)
    {
        var role = Roles.All.FirstOrDefault(r => string.Equals(r, roleIn?.Trim(), StringComparison.OrdinalIgnoreCase));
        if (role is null) Invalid(nameof(NewStaffMember.Role), $"Choose a role: one of {string.Join(", ", Roles.All)}");

        var provider = Blank(providerIn)?.ToUpperInvariant();
        var localAuthority = Blank(localAuthorityIn)?.ToUpperInvariant();
        var teamName = Blank(teamIn);
        int? teamId = null;
        if (NeedsProvider(role))
        {
            var known = await db.Providers.AsNoTracking().OrderBy(p => p.Code).Select(p => p.Code).ToListAsync(cancel);
            if (known.Count == 0)
                Invalid(nameof(NewStaffMember.Provider), $"{Someone(role!)} works for a provider, and there are no providers yet: add providers before their staff");
            else if (provider is null)
                Invalid(nameof(NewStaffMember.Provider), $"Choose the provider {Someone(role!).ToLowerInvariant()} works for: one of {string.Join(", ", known)}");
            else if (!known.Contains(provider))
                Invalid(nameof(NewStaffMember.Provider), $"There is no provider {provider}: choose one of {string.Join(", ", known)}");
            else if (teamName is not null)
            {
                var teams = await db.Teams.AsNoTracking().Where(t => t.ProviderCode == provider).OrderBy(t => t.Name)
                    .Select(t => new { t.Id, t.Name }).ToListAsync(cancel);
                teamId = teams.FirstOrDefault(t => string.Equals(t.Name, teamName, StringComparison.OrdinalIgnoreCase))?.Id;
                if (teamId is null)
                    Invalid(nameof(NewStaffMember.Team), teams.Count == 0
                        ? $"Provider {provider} has no teams yet: leave the team out"
                        : $"Provider {provider} has no team called {teamName}: choose one of {string.Join(", ", teams.Select(t => t.Name))}");
            }
            if (localAuthority is not null)
                Invalid(nameof(NewStaffMember.LocalAuthority), "Staff of a provider work for no council: leave the council out");
        }
        else if (role is not null)
        {
            if (provider is not null) Invalid(nameof(NewStaffMember.Provider), $"{Someone(role)} works for no provider: leave the provider out");
            if (teamName is not null) Invalid(nameof(NewStaffMember.Team), "Only staff of a provider belong to a team: leave the team out");
        }
        if (NeedsLocalAuthority(role))
        {
            var known = await db.LocalAuthorities.AsNoTracking().OrderBy(l => l.Code).Select(l => l.Code).ToListAsync(cancel);
            if (known.Count == 0)
                Invalid(nameof(NewStaffMember.LocalAuthority), "A commissioner works for a council, and there are no councils yet: add councils before their commissioners");
            else if (localAuthority is null)
                Invalid(nameof(NewStaffMember.LocalAuthority), $"Choose the council a commissioner works for: one of {string.Join(", ", known)}");
            else if (!known.Contains(localAuthority))
                Invalid(nameof(NewStaffMember.LocalAuthority), $"There is no council {localAuthority}: choose one of {string.Join(", ", known)}");
        }
        else if (role == Roles.Administrator && localAuthority is not null)
            Invalid(nameof(NewStaffMember.LocalAuthority), "An administrator works for no council: leave the council out");
        return (role, NeedsProvider(role) ? provider : null, NeedsLocalAuthority(role) ? localAuthority : null, NeedsProvider(role) ? teamId : null);
    }

    /// <summary>
    /// An initial password for an administrator to hand over: 20 random letters and digits (about 100 bits), in
    /// groups of four so it can be read out; without look-alike characters (0/o, 1/l/i).
    /// </summary>
    public static string GeneratePassword()
    {
        const string alphabet = "abcdefghjkmnpqrstuvwxyz23456789";
        return string.Join('-', RandomNumberGenerator.GetString(alphabet, 20).Chunk(4).Select(c => new string(c)));
    }

    /// <summary>"A recovery worker", "An administrator": the role as a sentence begins with it.</summary>
    private static string Someone(string role)
    {
        var described = Roles.Describe(role).ToLowerInvariant();
        return ("aeiou".Contains(described[0]) ? "An " : "A ") + described;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
