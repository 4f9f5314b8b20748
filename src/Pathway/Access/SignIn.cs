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

    public static void AddPathwaySignIn(this WebApplicationBuilder builder)
    {
        builder.Services
            .AddIdentity<StaffUser, IdentityRole>(options =>
            {
                // NIST SP 800-63B / ASVS V6: length, not composition rules.
                options.Password.RequiredLength = 12;
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
            .AddDefaultTokenProviders();

        builder.Services.ConfigureApplicationCookie(cookie =>
        {
            cookie.LoginPath = Path;
            cookie.LogoutPath = "/sign-out";
            cookie.AccessDeniedPath = "/error?status=403";
            cookie.Cookie.Name = "pathway.session";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Strict;
            cookie.ExpireTimeSpan = TimeSpan.FromMinutes(30);
            cookie.SlidingExpiration = true;
        });

        builder.Services.AddSingleton<DatabaseKeyRing>();
        builder.Services.AddDataProtection().SetApplicationName("Pathway");
        builder.Services.AddOptions<KeyManagementOptions>()
            .Configure<DatabaseKeyRing>((options, keyRing) => options.XmlRepository = keyRing);

        // Behind a reverse proxy the client's address comes from X-Forwarded-For; only loopback proxies are
        // trusted unless configured, so a client cannot choose its own address to dodge the rate limit.
        builder.Services.Configure<ForwardedHeadersOptions>(o => o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto);

        var attemptsPerMinute = builder.Configuration.GetValue("Pathway:SignInAttemptsPerMinute", 20);
        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                HttpMethods.IsPost(context.Request.Method) && context.Request.Path.StartsWithSegments(Path)
                    ? RateLimitPartition.GetFixedWindowLimiter(context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                        _ => new FixedWindowRateLimiterOptions { PermitLimit = attemptsPerMinute, Window = TimeSpan.FromMinutes(1) })
                    : RateLimitPartition.GetNoLimiter("unlimited"));
        });

        // Everything needs a signed-in user unless it says otherwise (the sign-in page, /health, assets).
        builder.Services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPathwayPolicies();
    }
}
