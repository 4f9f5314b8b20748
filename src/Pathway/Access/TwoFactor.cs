using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Pathway.Demo;

namespace Pathway.Access;

/// <summary>
/// Staff must have signed in with a second factor (an authenticator app) unless the site is a demonstration.
/// Part of the fallback policy, so every page requires it except the few that let someone set it up.
/// </summary>
public sealed class TwoFactorRequirement : IAuthorizationRequirement;

public sealed class TwoFactorHandler(DemoMode demo) : AuthorizationHandler<TwoFactorRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, TwoFactorRequirement requirement)
    {
        if (demo.IsOn || TwoFactor.WasUsed(context.User)) context.Succeed(requirement);
        return Task.CompletedTask;
    }
}

public static class TwoFactor
{
    /// <summary>Pages a signed-in user may reach before setting up two-factor authentication.</summary>
    public const string SignedInOnly = nameof(SignedInOnly);
    public const string SetupPath = "/account/two-factor";

    // ASP.NET Core Identity marks a sign-in completed with a second factor with amr=mfa.
    public static bool WasUsed(ClaimsPrincipal user) => user.HasClaim("amr", "mfa");

    /// <summary>Keeps the marker when a session's claims are rebuilt from the database (the periodic security-stamp check).</summary>
    public static void CarryOver(ClaimsPrincipal? from, ClaimsPrincipal? to)
    {
        if (from is not null && WasUsed(from) && to?.Identity is ClaimsIdentity identity && !WasUsed(to))
            identity.AddClaim(new Claim("amr", "mfa"));
    }
}
