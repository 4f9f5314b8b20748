using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Pathway.Data;

namespace Pathway.Web;

public static class Health
{
    public sealed record DatabaseHealth(string Kind, bool Reachable, string? SchemaVersion, string ExpectedSchemaVersion, bool SchemaCurrent);
    public sealed record HealthReport(string Status, DatabaseHealth Database);

    private const string Ready = "ready";

    /// <summary>The checks behind <c>/health/ready</c>; <c>/health/live</c> runs none.</summary>
    public static void AddPathwayHealth(this WebApplicationBuilder builder) =>
        builder.Services.AddHealthChecks().AddCheck<DatabaseReady>("database", tags: [Ready]);

    /// <summary>
    /// <c>/health/live</c> (the process answers; no database), <c>/health/ready</c> (the database answers and its schema is
    /// this build's) for orchestrators, and <c>/health</c> as before for scripts. None says anything about anyone's records.
    /// </summary>
    public static void MapHealth(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous().WithName("Live");
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains(Ready) })
            .AllowAnonymous().WithName("Ready");
        app.MapGet("/health", async (PathwayDb db, DatabaseTarget target, CancellationToken cancel) =>
        {
            var kind = target.Kind == DatabaseKind.Postgres ? "postgresql" : "sqlite";
            try
            {
                var schema = await SchemaStatus.ReadAsync(db, cancel);
                var report = new HealthReport(schema.IsCurrent ? "ok" : "degraded",
                    new DatabaseHealth(kind, true, schema.Version, schema.Expected, schema.IsCurrent));
                return Results.Json(report, statusCode: schema.IsCurrent ? 200 : 503);
            }
            catch (Exception e) when (IsUnreachable(e))
            {
                var report = new HealthReport("unavailable", new DatabaseHealth(kind, false, null, "unknown", false));
                return Results.Json(report, statusCode: 503);
            }
        }).AllowAnonymous().WithName("Health");
    }

    private static bool IsUnreachable(Exception e) => e is System.Data.Common.DbException or InvalidOperationException or TimeoutException;

    /// <summary>Ready to serve: the database answers and holds exactly the schema this build expects.</summary>
    private sealed class DatabaseReady(PathwayDb db) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancel = default)
        {
            try
            {
                var schema = await SchemaStatus.ReadAsync(db, cancel);
                return schema.IsCurrent ? HealthCheckResult.Healthy()
                    : HealthCheckResult.Unhealthy($"The schema is {SchemaStatus.VersionName(schema.Version)}; this build needs {schema.Expected}.");
            }
            catch (Exception e) when (IsUnreachable(e))
            {
                // The description only: an exception's message can name hosts and users.
                return HealthCheckResult.Unhealthy("The database cannot be reached.");
            }
        }
    }
}
