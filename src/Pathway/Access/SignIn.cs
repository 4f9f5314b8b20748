using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Pathway.Data;

namespace Pathway.Access;

public static class SignIn
{
    public const string Path = "/sign-in";
    private const string SignedInAt = "pathway-signed-in-at";
    /// <summary>30 minutes without a request ends a session.</summary>
    public static readonly TimeSpan InactivityLimit = TimeSpan.FromMinutes(30);

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
                // Wrong passwords never lock an account (SignInThrottle slows them instead); five wrong authenticator
                // codes still do, and only someone who already has the password can give those.
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                options.User.RequireUniqueEmail = true;
            })
            .AddEntityFrameworkStores<PathwayDb>()
            .AddDefaultTokenProviders()
            .AddPasswordValidator<PasswordRules>();

        // Sessions live in the database (SignInSessions), so signing out, disabling an account or ending its sessions
        // takes effect at the very next request. The security stamp is checked as well, at this interval, for changes
        // made to the account elsewhere (a new authenticator, say).
        var sessionCheck = builder.Configuration.GetValue("Pathway:SessionCheckSeconds", 30);
        builder.Services.Configure<SecurityStampValidatorOptions>(o =>
        {
            o.ValidationInterval = TimeSpan.FromSeconds(sessionCheck);
            // The check rebuilds the session's claims from the database, which does not know how the session signed in.
            o.OnRefreshingPrincipal = refresh =>
            {
                TwoFactor.CarryOver(refresh.CurrentPrincipal, refresh.NewPrincipal);
                return Task.CompletedTask;
            };
        });
        var absoluteHours = builder.Configuration.GetValue("Pathway:SessionAbsoluteHours", 10);
        // Time comes from one clock, which tests move on instead of waiting.
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<SignInSessions>();
        builder.Services.AddScoped<PasswordResetLinks>();
        builder.Services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .Configure<SignInSessions>((cookie, sessions) => cookie.SessionStore = sessions);
        builder.Services.TryAddSingleton<SignInThrottle>();

        builder.Services.ConfigureApplicationCookie(cookie =>
        {
            cookie.LoginPath = Path;
            cookie.LogoutPath = "/sign-out";
            cookie.AccessDeniedPath = "/error";
            cookie.Cookie.Name = CookieName("pathway.session", secure);
            cookie.Cookie.SecurePolicy = securePolicy;
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Strict;
            cookie.ExpireTimeSpan = InactivityLimit;
            cookie.SlidingExpiration = true;
            // Absolute lifetime: however active, a session ends this long after sign-in. The sign-in time is kept
            // in the ticket's properties, which renewals and security-stamp refreshes carry over unchanged.
            cookie.Events.OnSigningIn = context =>
            {
                context.Properties.Items.TryAdd(SignedInAt, Now(context.Options).ToString("O"));
                return Task.CompletedTask;
            };
            cookie.Events.OnValidatePrincipal = async context =>
            {
                if (!context.Properties.Items.TryGetValue(SignedInAt, out var at) || !DateTimeOffset.TryParse(at, out var signedIn)
                    || Now(context.Options) - signedIn > TimeSpan.FromHours(absoluteHours))
                {
                    context.RejectPrincipal();
                    // Rejecting keeps the stored session; sign out to delete it as well.
                    await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
                    return;
                }
                await SecurityStampValidator.ValidatePrincipalAsync(context);
            };
            // Redirects carry a path only, never the request's Host header, which the client chooses.
            cookie.Events.OnRedirectToLogin = context =>
            {
                context.Response.Redirect(WithinSite(context.RedirectUri));
                return Task.CompletedTask;
            };
            // Not through AccessDeniedPath: a path escapes the "?" of "?status=403" and the page would say "Page not found".
            cookie.Events.OnRedirectToAccessDenied = context =>
            {
                context.Response.Redirect("/error?status=403");
                return Task.CompletedTask;
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
        var dataProtection = builder.Services.AddDataProtection().SetApplicationName("Pathway");
        if (KeyEncryption.Certificate(builder.Configuration) is { } certificate) dataProtection.ProtectKeysWithCertificate(certificate);
        builder.Services.AddOptions<KeyManagementOptions>()
            .Configure<DatabaseKeyRing>((options, keyRing) => options.XmlRepository = keyRing);

        // Behind a reverse proxy the client's address and scheme come from X-Forwarded-For and -Proto, believed only
        // from the proxies named in Pathway:KnownProxies; by default from nobody, not even a process on this machine,
        // so a client cannot choose its own address to dodge the rate limit or the sign-in delay.
        var knownProxies = KnownProxies(builder.Configuration);
        builder.Services.Configure<ForwardedHeadersOptions>(o =>
        {
            // With both lists empty the middleware would believe anyone: with no proxy named, it reads no header at all.
            o.ForwardedHeaders = knownProxies.Count == 0 ? ForwardedHeaders.None : ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var proxy in knownProxies) o.KnownProxies.Add(proxy);
        });

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

    /// <summary>The proxies whose X-Forwarded-* headers are believed: <c>Pathway:KnownProxies</c>, addresses separated by commas.</summary>
    public static IReadOnlyList<IPAddress> KnownProxies(IConfiguration configuration) =>
        (configuration["Pathway:KnownProxies"] ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(text => IPAddress.TryParse(text, out var address) ? address
                : throw new InvalidOperationException($"Pathway:KnownProxies: \"{text}\" is not an IP address."))
            .ToList();

    private static DateTimeOffset Now(CookieAuthenticationOptions options) => (options.TimeProvider ?? TimeProvider.System).GetUtcNow();

    private static string WithinSite(string redirectUri) =>
        Uri.TryCreate(redirectUri, UriKind.Absolute, out var absolute) ? absolute.PathAndQuery : redirectUri;
}
