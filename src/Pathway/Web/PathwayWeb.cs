using Pathway.Prescribing;
using Microsoft.Extensions.Logging.Console;
using Pathway.Access;
using Pathway.Access.Audit;
using Pathway.Api;
using Pathway.Data;
using Pathway.Demo;
using Pathway.Infrastructure;
using Pathway.PublicSite;

namespace Pathway.Web;

public sealed record WebSettings(string? Urls = null, bool Demo = false, string? ContentRoot = null);

/// <summary>The web application: a table of contents, one line per area.</summary>
public static class PathwayWeb
{
    public static WebApplication Build(DatabaseTarget database, WebSettings settings, Action<WebApplicationBuilder>? adjust = null) =>
        Build(CreateBuilder(settings), database, settings, adjust);

    /// <summary>The host with its configuration read, before any area is added: `serve` checks that configuration first.</summary>
    public static WebApplicationBuilder CreateBuilder(WebSettings settings)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            // Pages and assets travel with the binary, so `pathway serve` works from any folder.
            ContentRootPath = settings.ContentRoot ?? AppContext.BaseDirectory,
            EnvironmentName = Environments.Production,
            // Pages are found in the application's own assembly, whoever hosts it (tests included).
            ApplicationName = typeof(PathwayWeb).Assembly.GetName().Name,
        });
        if (settings.Urls is not null) builder.WebHost.UseUrls(settings.Urls);
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Information);
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Warning);
        builder.Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        return builder;
    }

    public static WebApplication Build(WebApplicationBuilder builder, DatabaseTarget database, WebSettings settings,
        Action<WebApplicationBuilder>? adjust = null)
    {
        // Tests and hosts adjust configuration before the areas read it.
        adjust?.Invoke(builder);
        builder.AddPathwayTelemetry();
        database.AddTo(builder.Services);
        builder.AddPathwaySignIn(settings.Demo);
        builder.AddPathwayAudit();
        builder.Services.AddRazorPages(pages => pages.RootDirectory = "/")
            .AddMvcOptions(mvc =>
            {
                mvc.Filters.AddService<AuditedRecordFilter>();
                mvc.Filters.Add<NoHandlerForPost>();
                // Dates arrive from the NHS.UK date input's three boxes (or as one ISO value from links and programs).
                mvc.ModelBinderProviders.Insert(0, new DateInputBinderProvider());
            });
        builder.AddPathwayHealth();
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<DatabaseUnavailableProblem>();
        builder.Services.AddSingleton(new DemoMode(settings.Demo));
        builder.Services.AddSingleton(services => new Exchange.UploadFolder(services.GetService<TimeProvider>() ?? TimeProvider.System));
        builder.AddPathwayApi(settings.Demo);
        builder.AddPathwayPrescribing();

        var app = builder.Build();
        app.UseForwardedHeaders();
        app.UseSecurityHeaders();
        // Each error page has a unit of work and sign-in of its own: the failed request's may be broken (a lost database).
        app.UseExceptionHandler("/error", createScopeForErrors: true);
        app.UseStatusCodePagesWithReExecute("/error", "?status={0}");
        app.UseAbortedRequestsQuietly();
        // Browsers ask for /favicon.ico whatever the page links to: answer with the NHS.UK frontend's own.
        app.Use((context, next) =>
        {
            if (context.Request.Path == "/favicon.ico") context.Request.Path = "/assets/images/favicon.ico";
            return next();
        });
        app.UseDatabaseOutageRetries();
        app.UseStaticFiles();
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseRequestSizeLimits();

        app.MapHealth();
        app.MapAudit();
        app.MapRazorPages();
        app.MapPathwayApi();
        app.MapBenchFloor();
        return app;
    }
}
