using Microsoft.AspNetCore.Diagnostics;
using Pathway.Data;

namespace Pathway.Web;

/// <summary>
/// How the site rides through a database failover (the primary dies, a standby is promoted; see docs/operations.md).
/// A page view that fails because the database is unavailable is tried again, twice, after a short wait: a failed
/// attempt committed nothing (its audit event included), and each attempt has a unit of work of its own, so nothing is
/// written twice. A form post is never repeated here (whether its commit reached the server may be unknown); it is
/// answered 503 "try again" by the error page, with Retry-After, and programs get ProblemDetails.
/// </summary>
public static partial class DatabaseOutage
{
    public const int RetryAfterSeconds = 30;
    private static readonly TimeSpan[] Waits = [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)];

    /// <summary>Retries page views; goes after the exception handler, before routing and authentication.</summary>
    public static void UseDatabaseOutageRetries(this WebApplication app)
    {
        var scopes = app.Services.GetRequiredService<IServiceScopeFactory>();
        var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatabaseOutage));
        var time = app.Services.GetService<TimeProvider>() ?? TimeProvider.System;
        app.Use(async (context, next) =>
        {
            var method = context.Request.Method;
            if (!HttpMethods.IsGet(method) && !HttpMethods.IsHead(method))
            {
                await next(context);
                return;
            }
            var original = context.RequestServices;
            for (var attempt = 0; ; attempt++)
            {
                AsyncServiceScope? scope = null;
                try
                {
                    if (attempt > 0)
                    {
                        scope = scopes.CreateAsyncScope();
                        context.RequestServices = scope.Value.ServiceProvider;
                    }
                    await next(context);
                    return;
                }
                catch (Exception e) when (attempt < Waits.Length && DatabaseFailures.IsUnavailable(e) && !context.Response.HasStarted
                                          && !context.RequestAborted.IsCancellationRequested)
                {
                    RetryingPageView(log, attempt + 1, Waits[attempt].TotalMilliseconds);
                    context.Response.Clear();
                }
                finally
                {
                    context.RequestServices = original;
                    if (scope is { } used) await used.DisposeAsync();
                }
                await Task.Delay(Waits[attempt], time, context.RequestAborted);
            }
        });
    }

    /// <summary>The error page explaining that the database is unavailable: it must not need that database itself.</summary>
    public static bool IsUnavailableErrorPage(HttpContext context) =>
        context.Features.Get<IExceptionHandlerFeature>()?.Error is { } error && DatabaseFailures.IsUnavailable(error);

    /// <summary>Whether the caller is a program (asks for JSON, or calls /api), which gets ProblemDetails instead of a page.</summary>
    public static bool IsProgram(HttpRequest request) =>
        request.Path.StartsWithSegments("/api")
        || request.GetTypedHeaders().Accept.Any(a => a.MediaType.Value is { } type
                                                    && (type.Equals("application/json", StringComparison.OrdinalIgnoreCase)
                                                        || type.EndsWith("+json", StringComparison.OrdinalIgnoreCase)));

    [LoggerMessage(EventId = 9101, Level = LogLevel.Warning, Message = "The database is unavailable; page view attempt {Attempt} is retried in {WaitMs} ms")]
    private static partial void RetryingPageView(ILogger log, int attempt, double waitMs);

    [LoggerMessage(EventId = 9102, Level = LogLevel.Warning, Message = "The database is unavailable; a {Method} request was answered 503")]
    public static partial void AnsweredUnavailable(ILogger log, string method);
}

/// <summary>ProblemDetails 503 for programs when the database is unavailable; people get the error page.</summary>
public sealed class DatabaseUnavailableProblem(IProblemDetailsService problems, ILogger<DatabaseUnavailableProblem> log) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancel)
    {
        if (!DatabaseFailures.IsUnavailable(exception)) return false;
        DatabaseOutage.AnsweredUnavailable(log, context.Request.Method);
        if (!DatabaseOutage.IsProgram(context.Request)) return false;
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers.RetryAfter = DatabaseOutage.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails =
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "The database is unavailable just now.",
                Detail = HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)
                    ? "Try again in a minute."
                    : "Nothing was saved. Try again in a minute.",
            },
        });
    }
}
