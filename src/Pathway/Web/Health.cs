using Pathway.Data;

namespace Pathway.Web;

public static class Health
{
    public sealed record DatabaseHealth(string Kind, bool Reachable, string? SchemaVersion, string ExpectedSchemaVersion, bool SchemaCurrent);
    public sealed record HealthReport(string Status, DatabaseHealth Database);

    /// <summary><c>/health</c>: for load balancers and operators; says nothing about anyone's records.</summary>
    public static void MapHealth(this WebApplication app) =>
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
            catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException or TimeoutException)
            {
                var report = new HealthReport("unavailable", new DatabaseHealth(kind, false, null, "unknown", false));
                return Results.Json(report, statusCode: 503);
            }
        }).AllowAnonymous().WithName("Health");
}
