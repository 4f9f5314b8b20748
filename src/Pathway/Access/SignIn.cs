using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Identity;
using Pathway.Data;

namespace Pathway.Access;

public static class SignIn
{
    public const string Path = "/sign-in";
    private const string SignedInAt = "pathway-signed-in-at";

    /// <summary>
    /// Outside demo mode every cookie is Secure and carries the <c>__Host-</c> prefix, so a browser keeps it only from
    /// HTTPS, for this host and the whole site (ASVS V3.3). The demonstration runs on plain http://localhost, where
    /// those cookies would be refused; <c>Pathway:SecureCookies</c> overrides either way.
    /// </summary>
    public static bool SecureCookies(IConfiguration configuration, bool demo) => configuration.GetValue("Pathway:SecureCookies", !demo);

    public static string CookieName(string name, bool secure) => secure ? "__Host-" + name : name;

    public static void AddPathwaySignIn(this WebApplicationBuilder builder, bool demo)
    {
        var secure = SecureCookies(builder.Configuration, demo);
        var securePolicy = secure ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
        builder.Services
            .AddIdentity<StaffUser, IdentityRole>(options =>
            {
                // NIST SP 800-63B / ASVS V6: length, not composition rules.
                options.Password.RequiredLength = PasswordRules.MinimumLength;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequiredUniqueChars = 1;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                options.User.RequireUniqueEmail = true;
            })
            .AddEntityFrameworkStores<PathwayDb>()
            .AddDefaultTokenProviders()
            .AddPasswordValidator<PasswordRules>();

        // A disabled account or ended session is noticed at the next request after this interval (ASVS V7).
        var sessionCheck = builder.Configuration.GetValue("Pathway:SessionCheckSeconds", 30);
        builder.Services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromSeconds(sessionCheck));
        var absoluteHours = builder.Configuration.GetValue("Pathway:SessionAbsoluteHours", 10);

        builder.Services.ConfigureApplicationCookie(cookie =>
        {
            cookie.LoginPath = Path;
            cookie.LogoutPath = "/sign-out";
            cookie.AccessDeniedPath = "/error?status=403";
            cookie.Cookie.Name = CookieName("pathway.session", secure);
            cookie.Cookie.SecurePolicy = securePolicy;
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Strict;
            // Inactivity timeout: 30 minutes without a request ends the session.
            cookie.ExpireTimeSpan = TimeSpan.FromMinutes(30);
            cookie.SlidingExpiration = true;
            // Absolute lifetime: however active, a session ends this long after sign-in. The sign-in time is kept
            // in the ticket's properties, which renewals and security-stamp refreshes carry over unchanged.
            cookie.Events.OnSigningIn = context =>
            {
                context.Properties.Items.TryAdd(SignedInAt, DateTimeOffset.UtcNow.ToString("O"));
                return Task.CompletedTask;
            };
            cookie.Events.OnValidatePrincipal = async context =>
            {
                if (!context.Properties.Items.TryGetValue(SignedInAt, out var at) || !DateTimeOffset.TryParse(at, out var signedIn)
                    || DateTimeOffset.UtcNow - signedIn > TimeSpan.FromHours(absoluteHours))
                {
                    context.RejectPrincipal();
                    return;
                }
                await SecurityStampValidator.ValidatePrincipalAsync(context);
            };
        });

        // The cookie that carries a sign-in between password and authenticator code, and the antiforgery cookie.
        builder.Services.Configure<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>(IdentityConstants.TwoFactorUserIdScheme, cookie =>
        {
            cookie.Cookie.Name = CookieName("pathway.two-factor", secure);
            cookie.Cookie.SecurePolicy = securePolicy;
            cookie.Cookie.SameSite = SameSiteMode.Strict;
        });
        builder.Services.AddAntiforgery(antiforgery =>
        {
            antiforgery.Cookie.Name = CookieName("pathway.antiforgery", secure);
            antiforgery.Cookie.SecurePolicy = securePolicy;
            antiforgery.Cookie.SameSite = SameSiteMode.Strict;
        });

        builder.Services.AddSingleton<DatabaseKeyRing>();
        builder.Services.AddDataProtection().SetApplicationName("Pathway");
        builder.Services.AddOptions<KeyManagementOptions>()
            .Configure<DatabaseKeyRing>((options, keyRing) => options.XmlRepository = keyRing);

        // Behind a reverse proxy the client's address comes from X-Forwarded-For; only loopback proxies are
        // trusted unless configured, so a client cannot choose its own address to dodge the rate limit.
        builder.Services.Configure<ForwardedHeadersOptions>(o => o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto);

        var attemptsPerMinute = builder.Configuration.GetValue("Pathway:SignInAttemptsPerMinute", 20);
        // The public forms (self-referral, alcohol check, carers) share one budget per address: a referral takes
        // about six posts, so an honest person never meets it.
        var publicPostsPerMinute = builder.Configuration.GetValue("Pathway:PublicFormPostsPerMinute", 30);
        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            {
                var address = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
                if (HttpMethods.IsPost(context.Request.Method) && context.Request.Path.StartsWithSegments(Path))
                    return RateLimitPartition.GetFixedWindowLimiter("sign-in " + address,
                        _ => new FixedWindowRateLimiterOptions { PermitLimit = attemptsPerMinute, Window = TimeSpan.FromMinutes(1) });
                if (PublicSite.PublicForms.IsPublicFormPost(context.Request))
                    return RateLimitPartition.GetFixedWindowLimiter("public " + address,
                        _ => new FixedWindowRateLimiterOptions { PermitLimit = publicPostsPerMinute, Window = TimeSpan.FromMinutes(1) });
                return RateLimitPartition.GetNoLimiter("unlimited");
            });
        });

        // Everything needs a signed-in user unless it says otherwise (the sign-in page, /health, assets).
        builder.Services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().AddRequirements(new TwoFactorRequirement()).Build())
            .AddPolicy(TwoFactor.SignedInOnly, p => p.RequireAuthenticatedUser())
            .AddPathwayPolicies();
        builder.Services.AddSingleton<IAuthorizationHandler, TwoFactorHandler>();
    }
}
