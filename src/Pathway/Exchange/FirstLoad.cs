namespace Pathway.Exchange;

public static partial class BulkLoad
{
    /// <summary>
    /// PostgreSQL, a database's first load (no client record or episode held yet, typically a new deployment taking a
    /// whole area's history): the tables the load fills lose their secondary indexes and foreign keys while it inserts, and get
    /// them back, built in one pass each and every reference checked in one join, before the same transaction commits.
    /// Maintaining eight indexes and two foreign-key checks per row was most of a national load's time
    /// (docs/decisions/010-first-load-without-indexes.md). Unique indexes stay: the upserts' ON CONFLICT needs them. All of it is
    /// one transaction, so a failure or a crash leaves the tables, indexes and keys exactly as they were.
    /// </summary>
    private static class FirstLoad
    {
        private static readonly string[] Tables =
            ["People", "ClientRecords", "Episodes", "Interventions", "Contacts", "OutcomeReviews", "Prescriptions", "HarmReductionEvents"];

        private static readonly string TableList = string.Join(", ", Tables.Select(t => $"'{t}'"));

        public sealed record SetAside(List<string[]> Indexes, List<string[]> ForeignKeys);

        /// <summary>Drops the secondary indexes and foreign keys when the database holds no records yet; null when it does.</summary>
        public static async Task<SetAside?> SetAsideAsync(Sql sql, CancellationToken cancel)
        {
            if (await HoldsRecordsAsync(sql, cancel)) return null;
            // Nobody else may add records meanwhile: a concurrent load waits here, then finds records and loads the usual way.
            await sql.RunAsync("""LOCK TABLE "ClientRecords", "Episodes" IN ACCESS EXCLUSIVE MODE""", cancel);
            if (await HoldsRecordsAsync(sql, cancel)) return null;

            var indexes = await sql.RowsAsync($"""
                SELECT c.relname, pg_get_indexdef(x.indexrelid)
                FROM pg_index x JOIN pg_class c ON c.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
                WHERE t.relnamespace = current_schema()::regnamespace AND t.relname IN ({TableList})
                  AND NOT x.indisunique AND NOT x.indisprimary
                ORDER BY c.relname
                """, cancel);
            var keys = await sql.RowsAsync($"""
                SELECT t.relname, k.conname, pg_get_constraintdef(k.oid)
                FROM pg_constraint k JOIN pg_class t ON t.oid = k.conrelid
                WHERE k.contype = 'f' AND t.relnamespace = current_schema()::regnamespace AND t.relname IN ({TableList})
                ORDER BY t.relname, k.conname
                """, cancel);
            foreach (var key in keys) await sql.RunAsync($"""ALTER TABLE "{key[0]}" DROP CONSTRAINT "{key[1]}" """, cancel);
            foreach (var index in indexes) await sql.RunAsync($"""DROP INDEX "{index[0]}" """, cancel);
            return new SetAside(indexes, keys);
        }

        /// <summary>Builds the indexes again and adds the foreign keys back, each checking every row it covers.</summary>
        public static async Task RebuildAsync(Sql sql, SetAside setAside, CancellationToken cancel)
        {
            // Index builds sort in memory this large rather than on disk; the load's own work_mem is for its joins.
            await sql.RunAsync("SET LOCAL maintenance_work_mem = '256MB'", cancel);
            foreach (var index in setAside.Indexes) await sql.RunAsync(index[1], cancel);
            foreach (var key in setAside.ForeignKeys) await sql.RunAsync($"""ALTER TABLE "{key[0]}" ADD CONSTRAINT "{key[1]}" {key[2]}""", cancel);
        }

        private static async Task<bool> HoldsRecordsAsync(Sql sql, CancellationToken cancel) =>
            await sql.ExistsAsync("""SELECT 1 FROM "ClientRecords" """, cancel) || await sql.ExistsAsync("""SELECT 1 FROM "Episodes" """, cancel);
    }
}
