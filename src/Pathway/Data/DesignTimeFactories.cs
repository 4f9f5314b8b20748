using Microsoft.EntityFrameworkCore.Design;

namespace Pathway.Data;

// Used only by `dotnet ef migrations add`: each provider's migrations are generated from its own context.
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqlitePathwayDb>
{
    public SqlitePathwayDb CreateDbContext(string[] args) =>
        (SqlitePathwayDb)DatabaseTarget.Parse("design-time.db").CreateDb();
}

public sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresPathwayDb>
{
    public PostgresPathwayDb CreateDbContext(string[] args) =>
        (PostgresPathwayDb)DatabaseTarget.Parse("Host=localhost;Database=pathway_design").CreateDb();
}
