using System.Data.Common;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using Pathway.Access.Audit;
using Pathway.Data;

namespace Pathway.Exchange;

/// <summary>What a load did to one file's records.</summary>
public sealed record FileCounts(string File, int Added, int Changed, int Unchanged, int Kept)
{
    /// <summary>Child rows have no refs: a changed set is counted as rows added and rows removed.</summary>
    public bool IsEpisodeChild => BundleFormat.EpisodeChildren.Any(f => f.Name == File);

    public override string ToString() => IsEpisodeChild
        ? $"{File}: {Added} added, {Changed} removed, {Unchanged} unchanged"
        : $"{File}: {Added} added, {Changed} changed, {Unchanged} unchanged" + (Kept > 0 ? $", {Kept} kept (not in this bundle)" : "");
}

public sealed record LoadResult(BundleCheck Check, IReadOnlyList<FileCounts> Counts, string Source)
{
    public bool Loaded => Check.Report.IsValid;

    /// <summary>
    /// The source held no client before: every client of the bundle is added as new. Under a mistyped source name that is a
    /// whole provider's caseload a second time, so a preview says so before anything is loaded.
    /// </summary>
    public bool NewSource => Counts.FirstOrDefault(c => c.File == BundleFormat.Clients.Name) is { Changed: 0, Unchanged: 0, Kept: 0 };

    private int ClientsAdded => Counts.FirstOrDefault(c => c.File == BundleFormat.Clients.Name)?.Added ?? 0;

    public string? NewSourceWarning => NewSource
        ? $"No records are held from source {Source} yet: loading adds {ClientsAdded} client{(ClientsAdded == 1 ? "" : "s")} as new" : null;

    public string? NewSourceNote => NewSource
        ? $"No records were held from source {Source} before: the load added {ClientsAdded} client{(ClientsAdded == 1 ? "" : "s")} as new." : null;
}

/// <summary>
/// The bulk path of a load, and the only SQL written by hand for it. The whole bundle is one transaction:
/// rows stream into temporary staging tables as they pass the rules (binary COPY on PostgreSQL, prepared
/// inserts on SQLite), then set-based statements upsert them. A problem anywhere, a crash or a kill rolls
/// everything back, so the database holds all of the bundle or none of it.
/// </summary>
public static partial class BulkLoad
{
    /// <param name="audit">
    /// Who is loading: written in the load's own transaction when the load succeeds, and on its own, as failed,
    /// when the bundle is refused.
    /// </param>
    public static async Task<LoadResult> LoadAsync(DatabaseTarget target, Bundle bundle, string source, DateOnly today,
        AuditEvent audit, TextWriter progress, CancellationToken cancel)
    {
        using var span = Infrastructure.Telemetry.Source.StartActivity("bundle load");
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var result = await RunAsync(target, bundle, source, today, audit, progress, cancel);
        if (result.Loaded) Infrastructure.Telemetry.Loaded(result.Check.RowsRead.Values.Sum(), System.Diagnostics.Stopwatch.GetElapsedTime(started));
        span?.SetTag("pathway.load.loaded", result.Loaded);
        return result;
    }

    /// <summary>
    /// What loading the bundle would do, per file, without keeping any of it: the load itself, counted by its own comparison,
    /// then rolled back. A preview is not audited: it changes nothing and shows only counts.
    /// </summary>
    public static Task<LoadResult> PreviewAsync(DatabaseTarget target, Bundle bundle, string source, DateOnly today,
        TextWriter progress, CancellationToken cancel) =>
        RunAsync(target, bundle, source, today, audit: null, progress, cancel);

    /// <param name="audit">Null for a preview, whose transaction is always rolled back.</param>
    private static async Task<LoadResult> RunAsync(DatabaseTarget target, Bundle bundle, string source, DateOnly today,
        AuditEvent? audit, TextWriter progress, CancellationToken cancel)
    {
        await using var connection = Connect(target);
        await connection.OpenAsync(cancel);
        await using var transaction = await connection.BeginTransactionAsync(cancel);
        var sql = new Sql(connection, transaction, target.Kind, source, progress);
        if (target.Kind == DatabaseKind.Postgres)
        {
            await sql.RunAsync("SELECT pg_advisory_xact_lock(hashtext(@source))", cancel); // one load per source at a time
            // The default 4 MB makes the hash joins, sorts and EXCEPTs over a national bundle spill to disk.
            await sql.RunAsync("SET LOCAL work_mem = '64MB'", cancel);
        }

        foreach (var file in BundleFormat.Files) await sql.CreateStageAsync(file, cancel);

        BundleCheck check;
        var reading = System.Diagnostics.Stopwatch.GetTimestamp();
        using (var sink = new PipelinedStage(target.Kind == DatabaseKind.Postgres
                   ? new PostgresStage((NpgsqlConnection)connection)
                   : new SqliteStage((SqliteConnection)connection, (SqliteTransaction)transaction)))
        {
            check = BundleRules.Check(bundle, today, sink);
            if (check.Report.IsValid) sink.Complete();
        }
        foreach (var (file, rows) in check.RowsRead) progress.WriteLine($"{file}: {rows:N0} rows read");
        progress.WriteLine($"Read, checked and staged in {System.Diagnostics.Stopwatch.GetElapsedTime(reading).TotalSeconds:F1} s.");
        if (!check.Report.IsValid)
        {
            await transaction.RollbackAsync(cancel);
            if (audit is null) return new LoadResult(check, [], source);
            audit.Outcome = AuditOutcomes.Failed;
            await SaveAuditAsync(target, connection, null, audit, cancel);
            return new LoadResult(check, [], source);
        }

        progress.WriteLine(audit is null ? "Comparing with the records held." : "Writing records.");
        var setAside = audit is not null && target.Kind == DatabaseKind.Postgres ? await FirstLoad.SetAsideAsync(sql, cancel) : null;
        var counts = await UpsertAsync(sql, check.FilesPresent, cancel);
        if (audit is null)
        {
            await transaction.RollbackAsync(cancel);
            return new LoadResult(check, counts, source);
        }
        if (setAside is not null) await FirstLoad.RebuildAsync(sql, setAside, cancel);
        await sql.DropStagesAsync(cancel);
        await sql.RunAsync(Indicators.KeptFigures.RecordLoadSql, cancel); // every kept figure set is checked again
        // The records and the audit event saying who loaded them are one transaction: both or neither.
        await SaveAuditAsync(target, connection, transaction, audit, cancel);
        await transaction.CommitAsync(cancel);
        return new LoadResult(check, counts, source);
    }

    private static async Task SaveAuditAsync(DatabaseTarget target, DbConnection connection, DbTransaction? transaction, AuditEvent audit,
        CancellationToken cancel)
    {
        await using var db = target.CreateDb();
        db.Database.SetDbConnection(connection);
        if (transaction is not null) await db.Database.UseTransactionAsync(transaction, cancel);
        db.AuditEvents.Add(audit);
        await db.SaveChangesAsync(cancel);
    }

    private static DbConnection Connect(DatabaseTarget target) => target.Kind == DatabaseKind.Postgres
        ? new NpgsqlConnection(target.ConnectionString)
        : new SqliteConnection(target.ConnectionString);

    private static async Task<List<FileCounts>> UpsertAsync(Sql sql, IReadOnlySet<string> present, CancellationToken cancel)
    {
        await sql.IndexAsync("stage_clients", "client_ref", cancel);
        await sql.IndexAsync("stage_episodes", "episode_ref", cancel);
        var counts = new List<FileCounts>();

        // Clients: compare with what this source sent before, then one upsert. People are matched by the
        // attributor triple, so the same person under another source joins the same history.
        var (added, changed, total) = await sql.CountChangesAsync("""
            SELECT COUNT(*),
                   COALESCE(SUM(CASE WHEN c."Id" IS NULL THEN 1 ELSE 0 END), 0),
                   COALESCE(SUM(CASE WHEN c."Id" IS NOT NULL AND (p."Initials" <> s.initials OR p."DateOfBirth" <> s.date_of_birth
                       OR p."Sex" <> s.sex OR c."LocalAuthorityCode" <> s.local_authority
                       OR c."PostcodeDistrict" IS DISTINCT FROM s.postcode_district OR c."NhsNumber" IS DISTINCT FROM s.nhs_number
                       OR c."ConsentNationalReporting" <> s.consent_national_reporting) THEN 1 ELSE 0 END), 0)
            FROM stage_clients s
            LEFT JOIN "ClientRecords" c ON c."Source" = @source AND c."ClientRef" = s.client_ref
            LEFT JOIN "People" p ON p."Id" = c."PersonId"
            """, cancel);
        var kept = await sql.ScalarAsync("""
            SELECT COUNT(*) FROM "ClientRecords" c
            WHERE c."Source" = @source AND NOT EXISTS (SELECT 1 FROM stage_clients s WHERE s.client_ref = c."ClientRef")
            """, cancel);
        counts.Add(new FileCounts(BundleFormat.Clients.Name, added, changed, total - added - changed, kept));
        await sql.RunAsync("""
            INSERT INTO "People" ("Initials", "DateOfBirth", "Sex")
            SELECT DISTINCT s.initials, s.date_of_birth, s.sex FROM stage_clients s
            WHERE NOT EXISTS (SELECT 1 FROM "People" p WHERE p."Initials" = s.initials AND p."DateOfBirth" = s.date_of_birth AND p."Sex" = s.sex)
            ORDER BY 1, 2, 3
            ON CONFLICT ("Initials", "DateOfBirth", "Sex") DO NOTHING
            """, cancel);
        await sql.RunAsync("""
            INSERT INTO "ClientRecords" ("Source", "ClientRef", "PersonId", "LocalAuthorityCode", "PostcodeDistrict", "NhsNumber", "ConsentNationalReporting")
            SELECT @source, s.client_ref, p."Id", s.local_authority, s.postcode_district, s.nhs_number, s.consent_national_reporting
            FROM stage_clients s
            JOIN "People" p ON p."Initials" = s.initials AND p."DateOfBirth" = s.date_of_birth AND p."Sex" = s.sex
            WHERE true
            ORDER BY s.client_ref
            ON CONFLICT ("Source", "ClientRef") DO UPDATE SET
                "PersonId" = excluded."PersonId", "LocalAuthorityCode" = excluded."LocalAuthorityCode",
                "PostcodeDistrict" = excluded."PostcodeDistrict", "NhsNumber" = excluded."NhsNumber",
                "ConsentNationalReporting" = excluded."ConsentNationalReporting"
            WHERE "ClientRecords"."PersonId" <> excluded."PersonId" OR "ClientRecords"."LocalAuthorityCode" <> excluded."LocalAuthorityCode"
                OR "ClientRecords"."PostcodeDistrict" IS DISTINCT FROM excluded."PostcodeDistrict"
                OR "ClientRecords"."NhsNumber" IS DISTINCT FROM excluded."NhsNumber"
                OR "ClientRecords"."ConsentNationalReporting" <> excluded."ConsentNationalReporting"
            """, cancel);
        await sql.AnalyzeAsync("\"People\"", cancel);
        await sql.AnalyzeAsync("\"ClientRecords\"", cancel);

        // Episodes: the same refs update (their version moves on, so a case-management save based on the
        // old version is refused); refs this bundle leaves out are kept.
        (added, changed, total) = await sql.CountChangesAsync("""
            SELECT COUNT(*),
                   COALESCE(SUM(CASE WHEN e."Id" IS NULL THEN 1 ELSE 0 END), 0),
                   COALESCE(SUM(CASE WHEN e."Id" IS NOT NULL AND (c."ClientRef" <> s.client_ref OR e."ProviderCode" <> s.provider_code
                       OR e."Pathway" <> s.pathway OR e."ReferralDate" <> s.referral_date OR e."ReferralSource" <> s.referral_source
                       OR e."TriageDate" IS DISTINCT FROM s.triage_date OR e."Substance1" <> s.substance_1
                       OR e."Substance2" IS DISTINCT FROM s.substance_2 OR e."Substance3" IS DISTINCT FROM s.substance_3
                       OR e."InjectingStatus" <> s.injecting_status OR e."DischargeDate" IS DISTINCT FROM s.discharge_date
                       OR e."DischargeReason" IS DISTINCT FROM s.discharge_reason) THEN 1 ELSE 0 END), 0)
            FROM stage_episodes s
            LEFT JOIN "Episodes" e ON e."Source" = @source AND e."EpisodeRef" = s.episode_ref
            LEFT JOIN "ClientRecords" c ON c."Id" = e."ClientRecordId"
            """, cancel);
        kept = await sql.ScalarAsync("""
            SELECT COUNT(*) FROM "Episodes" e
            WHERE e."Source" = @source AND NOT EXISTS (SELECT 1 FROM stage_episodes s WHERE s.episode_ref = e."EpisodeRef")
            """, cancel);
        counts.Add(new FileCounts(BundleFormat.Episodes.Name, added, changed, total - added - changed, kept));
        await sql.RunAsync("""
            INSERT INTO "Episodes" ("Source", "EpisodeRef", "ClientRecordId", "PersonId", "ProviderCode", "Pathway", "ReferralDate",
                "ReferralSource", "TriageDate", "Substance1", "Substance2", "Substance3", "InjectingStatus", "DischargeDate",
                "DischargeReason", "Version")
            SELECT @source, s.episode_ref, c."Id", c."PersonId", s.provider_code, s.pathway, s.referral_date,
                s.referral_source, s.triage_date, s.substance_1, s.substance_2, s.substance_3, s.injecting_status, s.discharge_date,
                s.discharge_reason, 0
            FROM stage_episodes s
            JOIN "ClientRecords" c ON c."Source" = @source AND c."ClientRef" = s.client_ref
            WHERE true
            ORDER BY s.episode_ref
            ON CONFLICT ("Source", "EpisodeRef") DO UPDATE SET
                "ClientRecordId" = excluded."ClientRecordId", "PersonId" = excluded."PersonId", "ProviderCode" = excluded."ProviderCode",
                "Pathway" = excluded."Pathway", "ReferralDate" = excluded."ReferralDate", "ReferralSource" = excluded."ReferralSource",
                "TriageDate" = excluded."TriageDate", "Substance1" = excluded."Substance1", "Substance2" = excluded."Substance2",
                "Substance3" = excluded."Substance3", "InjectingStatus" = excluded."InjectingStatus",
                "DischargeDate" = excluded."DischargeDate", "DischargeReason" = excluded."DischargeReason",
                "Version" = "Episodes"."Version" + 1
            WHERE "Episodes"."ClientRecordId" <> excluded."ClientRecordId" OR "Episodes"."PersonId" <> excluded."PersonId"
                OR "Episodes"."ProviderCode" <> excluded."ProviderCode" OR "Episodes"."Pathway" <> excluded."Pathway"
                OR "Episodes"."ReferralDate" <> excluded."ReferralDate" OR "Episodes"."ReferralSource" <> excluded."ReferralSource"
                OR "Episodes"."TriageDate" IS DISTINCT FROM excluded."TriageDate" OR "Episodes"."Substance1" <> excluded."Substance1"
                OR "Episodes"."Substance2" IS DISTINCT FROM excluded."Substance2" OR "Episodes"."Substance3" IS DISTINCT FROM excluded."Substance3"
                OR "Episodes"."InjectingStatus" <> excluded."InjectingStatus"
                OR "Episodes"."DischargeDate" IS DISTINCT FROM excluded."DischargeDate"
                OR "Episodes"."DischargeReason" IS DISTINCT FROM excluded."DischargeReason"
            """, cancel);
        // A client whose attributors changed now belongs to another person: so do the episodes this bundle left out.
        await sql.RunAsync("""
            UPDATE "Episodes" SET "PersonId" = (SELECT c."PersonId" FROM "ClientRecords" c WHERE c."Id" = "Episodes"."ClientRecordId")
            WHERE "Source" = @source AND "PersonId" <> (SELECT c."PersonId" FROM "ClientRecords" c WHERE c."Id" = "Episodes"."ClientRecordId")
            """, cancel);

        await sql.AnalyzeAsync("\"Episodes\"", cancel);
        await sql.TempTableAsync("bundle_episodes", """
            SELECT e."Id" AS episode_id, e."EpisodeRef" AS episode_ref
            FROM stage_episodes s JOIN "Episodes" e ON e."Source" = @source AND e."EpisodeRef" = s.episode_ref
            """, cancel);
        await sql.IndexAsync("bundle_episodes", "episode_ref", cancel);
        await sql.IndexAsync("bundle_episodes", "episode_id", cancel);

        // Child rows have no refs: each episode's set is compared as a multiset (row_number tells duplicates
        // apart) and replaced only when it differs, so an unchanged bundle changes nothing. Prescriptions have refs,
        // so they are upserted like episodes. A file the bundle does not have leaves those records as they are.
        foreach (var file in BundleFormat.Files.SkipWhile(f => f != BundleFormat.Interventions))
        {
            if (!present.Contains(file.Name)) continue;
            counts.Add(file == BundleFormat.Prescriptions
                ? await UpsertPrescriptionsAsync(sql, cancel)
                : await ReplaceChildrenAsync(sql, file, cancel));
        }
        return counts;
    }

    /// <summary>
    /// Prescriptions by (source, prescription_ref), as episodes are: a changed row is updated in place and keeps its id, so what
    /// will hang off a prescription (doses dispensed, issued forms) survives a reload; a ref the bundle leaves out is kept.
    /// </summary>
    private static async Task<FileCounts> UpsertPrescriptionsAsync(Sql sql, CancellationToken cancel)
    {
        await sql.IndexAsync("stage_prescriptions", "prescription_ref", cancel);
        const string differs = """
            p."EpisodeId" <> b.episode_id OR p."Medicine" <> s.medicine OR p."DoseMg" <> s.dose_mg
                OR p."DoseIntervalDays" <> s.dose_interval_days OR p."StartDate" <> s.start_date OR p."EndDate" IS DISTINCT FROM s.end_date
                OR p."SupervisedDaysPerWeek" <> s.supervised_days_per_week OR p."PharmacyOdsCode" IS DISTINCT FROM s.pharmacy_ods_code
            """;
        var (added, changed, total) = await sql.CountChangesAsync($"""
            SELECT COUNT(*),
                   COALESCE(SUM(CASE WHEN p."Id" IS NULL THEN 1 ELSE 0 END), 0),
                   COALESCE(SUM(CASE WHEN p."Id" IS NOT NULL AND ({differs}) THEN 1 ELSE 0 END), 0)
            FROM stage_prescriptions s
            JOIN bundle_episodes b ON b.episode_ref = s.episode_ref
            LEFT JOIN "Prescriptions" p ON p."Source" = @source AND p."PrescriptionRef" = s.prescription_ref
            """, cancel);
        var kept = await sql.ScalarAsync("""
            SELECT COUNT(*) FROM "Prescriptions" p
            WHERE p."Source" = @source AND NOT EXISTS (SELECT 1 FROM stage_prescriptions s WHERE s.prescription_ref = p."PrescriptionRef")
            """, cancel);
        await sql.RunAsync("""
            INSERT INTO "Prescriptions" ("Source", "PrescriptionRef", "EpisodeId", "Medicine", "DoseMg", "DoseIntervalDays", "StartDate",
                "EndDate", "SupervisedDaysPerWeek", "PharmacyOdsCode")
            SELECT @source, s.prescription_ref, b.episode_id, s.medicine, s.dose_mg, s.dose_interval_days, s.start_date,
                s.end_date, s.supervised_days_per_week, s.pharmacy_ods_code
            FROM stage_prescriptions s
            JOIN bundle_episodes b ON b.episode_ref = s.episode_ref
            WHERE true
            ORDER BY s.prescription_ref
            ON CONFLICT ("Source", "PrescriptionRef") DO UPDATE SET
                "EpisodeId" = excluded."EpisodeId", "Medicine" = excluded."Medicine", "DoseMg" = excluded."DoseMg",
                "DoseIntervalDays" = excluded."DoseIntervalDays", "StartDate" = excluded."StartDate", "EndDate" = excluded."EndDate",
                "SupervisedDaysPerWeek" = excluded."SupervisedDaysPerWeek", "PharmacyOdsCode" = excluded."PharmacyOdsCode"
            WHERE "Prescriptions"."EpisodeId" <> excluded."EpisodeId" OR "Prescriptions"."Medicine" <> excluded."Medicine"
                OR "Prescriptions"."DoseMg" <> excluded."DoseMg" OR "Prescriptions"."DoseIntervalDays" <> excluded."DoseIntervalDays"
                OR "Prescriptions"."StartDate" <> excluded."StartDate" OR "Prescriptions"."EndDate" IS DISTINCT FROM excluded."EndDate"
                OR "Prescriptions"."SupervisedDaysPerWeek" <> excluded."SupervisedDaysPerWeek"
                OR "Prescriptions"."PharmacyOdsCode" IS DISTINCT FROM excluded."PharmacyOdsCode"
            """, cancel);
        await sql.AnalyzeAsync("\"Prescriptions\"", cancel);
        return new FileCounts(BundleFormat.Prescriptions.Name, added, changed, total - added - changed, kept);
    }

    private static async Task<FileCounts> ReplaceChildrenAsync(Sql sql, BundleFile file, CancellationToken cancel)
    {
        var table = TableOf(file);
        var columns = file.Columns.Skip(1).Select(c => c.Name).ToList();
        var stageColumns = string.Join(", ", columns.Select(c => "s." + c));
        var dbColumns = string.Join(", ", columns.Select(c => $"t.\"{DbColumn(c)}\" AS {c}"));
        var plain = string.Join(", ", columns);
        var insert = $"""INSERT INTO "{table}" ("EpisodeId", {string.Join(", ", columns.Select(c => $"\"{DbColumn(c)}\""))})""";
        if (!await sql.ExistsAsync($"""SELECT 1 FROM "{table}" t JOIN bundle_episodes b ON b.episode_id = t."EpisodeId" """, cancel))
        {
            // The usual first load: nothing to compare with, so the rows go straight in, in the order of the
            // (EpisodeId, …) index so that it and the foreign-key checks touch pages in sequence.
            await sql.RunAsync($"""
                {insert}
                SELECT b.episode_id, {stageColumns} FROM {file.StageTable} s JOIN bundle_episodes b ON b.episode_ref = s.episode_ref
                ORDER BY b.episode_id
                """, cancel);
            var rows = await sql.ScalarAsync($"SELECT COUNT(*) FROM {file.StageTable}", cancel);
            await sql.AnalyzeAsync($"\"{table}\"", cancel);
            return new FileCounts(file.Name, rows, 0, 0, 0);
        }
        await sql.TempTableAsync("new_rows", $"""
            SELECT b.episode_id, {stageColumns}, ROW_NUMBER() OVER (PARTITION BY b.episode_id, {stageColumns}) AS n
            FROM {file.StageTable} s JOIN bundle_episodes b ON b.episode_ref = s.episode_ref
            """, cancel);
        await sql.TempTableAsync("old_rows", $"""
            SELECT t."EpisodeId" AS episode_id, {dbColumns},
                   ROW_NUMBER() OVER (PARTITION BY t."EpisodeId", {string.Join(", ", columns.Select(c => $"t.\"{DbColumn(c)}\""))}) AS n
            FROM "{table}" t JOIN bundle_episodes b ON b.episode_id = t."EpisodeId"
            """, cancel);
        var total = await sql.ScalarAsync("SELECT COUNT(*) FROM new_rows", cancel);
        var all = $"episode_id, {plain}, n";
        await sql.TempTableAsync("added_rows", $"SELECT {all} FROM new_rows EXCEPT SELECT {all} FROM old_rows", cancel);
        await sql.TempTableAsync("removed_rows", $"SELECT {all} FROM old_rows EXCEPT SELECT {all} FROM new_rows", cancel);
        var added = await sql.ScalarAsync("SELECT COUNT(*) FROM added_rows", cancel);
        var removed = await sql.ScalarAsync("SELECT COUNT(*) FROM removed_rows", cancel);
        await sql.TempTableAsync("changed_episodes",
            "SELECT episode_id FROM added_rows UNION SELECT episode_id FROM removed_rows", cancel);
        await sql.DropAsync("added_rows", cancel);
        await sql.DropAsync("removed_rows", cancel);
        await sql.RunAsync($"""DELETE FROM "{table}" WHERE "EpisodeId" IN (SELECT episode_id FROM changed_episodes)""", cancel);
        await sql.RunAsync($"""
            {insert}
            SELECT episode_id, {plain} FROM new_rows WHERE episode_id IN (SELECT episode_id FROM changed_episodes)
            ORDER BY episode_id
            """, cancel);
        await sql.DropAsync("new_rows", cancel);
        await sql.DropAsync("old_rows", cancel);
        await sql.DropAsync("changed_episodes", cancel);
        return new FileCounts(file.Name, added, removed, total - added, 0);
    }

    private static string TableOf(BundleFile file) =>
        file == BundleFormat.Interventions ? "Interventions"
        : file == BundleFormat.Contacts ? "Contacts"
        : file == BundleFormat.Reviews ? "OutcomeReviews"
        : file == BundleFormat.HarmReduction ? "HarmReductionEvents"
        : throw new ArgumentException(file.Name);

    /// <summary>The entity's column for a bundle column: start_date is StartDate.</summary>
    public static string DbColumn(string bundleColumn) =>
        string.Concat(bundleColumn.Split('_').Select(w => char.ToUpperInvariant(w[0]) + w[1..]));

    /// <summary>Runs the hand-written statements on the load's connection and transaction.</summary>
    private sealed class Sql(DbConnection connection, DbTransaction transaction, DatabaseKind kind, string source, TextWriter progress)
    {
        /// <summary>Slow statements are named on the progress stream, so a slow load shows where its time goes.</summary>
        private void Timed(string text, long started)
        {
            var seconds = System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds;
            if (seconds < 1) return;
            var statement = string.Join(' ', text.Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries));
            progress.WriteLine($"  {seconds,6:F1} s  {statement[..Math.Min(90, statement.Length)]}");
        }

        private DbCommand Command(string text)
        {
            var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = text;
            command.CommandTimeout = 0; // a national bundle takes as long as it takes
            var parameter = command.CreateParameter();
            parameter.ParameterName = "source";
            parameter.Value = source;
            command.Parameters.Add(parameter);
            return command;
        }

        public async Task RunAsync(string text, CancellationToken cancel)
        {
            await using var command = Command(text);
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            await command.ExecuteNonQueryAsync(cancel);
            Timed(text, started);
        }

        /// <summary>Every row of a query, each column as text.</summary>
        public async Task<List<string[]>> RowsAsync(string text, CancellationToken cancel)
        {
            await using var command = Command(text);
            await using var reader = await command.ExecuteReaderAsync(cancel);
            var rows = new List<string[]>();
            while (await reader.ReadAsync(cancel))
                rows.Add(Enumerable.Range(0, reader.FieldCount).Select(i => reader.GetString(i)).ToArray());
            return rows;
        }

        public async Task<bool> ExistsAsync(string select, CancellationToken cancel) =>
            await ScalarAsync($"SELECT CASE WHEN EXISTS ({select}) THEN 1 ELSE 0 END", cancel) == 1;

        /// <summary>Statistics for tables that just grew a lot, so the statements after them plan for their real size.</summary>
        public async Task AnalyzeAsync(string table, CancellationToken cancel)
        {
            if (kind == DatabaseKind.Postgres) await RunAsync($"ANALYZE {table}", cancel);
        }

        public async Task<int> ScalarAsync(string text, CancellationToken cancel)
        {
            await using var command = Command(text);
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            var value = Convert.ToInt32(await command.ExecuteScalarAsync(cancel));
            Timed(text, started);
            return value;
        }

        public async Task<(int Added, int Changed, int Total)> CountChangesAsync(string text, CancellationToken cancel)
        {
            await using var command = Command(text);
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            await using var reader = await command.ExecuteReaderAsync(cancel);
            await reader.ReadAsync(cancel);
            Timed(text, started);
            return (Convert.ToInt32(reader.GetValue(1)), Convert.ToInt32(reader.GetValue(2)), Convert.ToInt32(reader.GetValue(0)));
        }

        private string Temp => kind == DatabaseKind.Postgres ? "TEMP" : "TEMP";
        private string OnCommit => kind == DatabaseKind.Postgres ? " ON COMMIT DROP" : "";

        public async Task CreateStageAsync(BundleFile file, CancellationToken cancel)
        {
            await DropAsync(file.StageTable, cancel);
            var columns = string.Join(", ", file.Columns.Select(c => $"{c.Name} {TypeOf(c.Kind)}"));
            await RunAsync($"CREATE {Temp} TABLE {file.StageTable} ({columns}){OnCommit}", cancel);
        }

        public async Task TempTableAsync(string name, string select, CancellationToken cancel)
        {
            await DropAsync(name, cancel);
            await RunAsync($"CREATE {Temp} TABLE {name}{OnCommit} AS {select}", cancel);
            if (kind == DatabaseKind.Postgres) await RunAsync($"ANALYZE {name}", cancel);
        }

        public async Task IndexAsync(string table, string column, CancellationToken cancel)
        {
            await RunAsync($"CREATE INDEX ix_{table}_{column} ON {table} ({column})", cancel);
            // Temporary tables are never analysed automatically; without statistics the planner guesses badly.
            if (kind == DatabaseKind.Postgres) await RunAsync($"ANALYZE {table}", cancel);
        }

        public Task DropAsync(string table, CancellationToken cancel) => RunAsync($"DROP TABLE IF EXISTS {table}", cancel);

        public async Task DropStagesAsync(CancellationToken cancel)
        {
            foreach (var file in BundleFormat.Files) await DropAsync(file.StageTable, cancel);
            await DropAsync("bundle_episodes", cancel);
        }

        private string TypeOf(ColumnKind column) => (kind, column) switch
        {
            (DatabaseKind.Postgres, ColumnKind.Text) => "text",
            (DatabaseKind.Postgres, ColumnKind.Date) => "date",
            (DatabaseKind.Postgres, ColumnKind.Flag) => "boolean",
            (DatabaseKind.Postgres, ColumnKind.Number) => "integer",
            (DatabaseKind.Postgres, ColumnKind.Decimal) => "numeric",
            // SQLite holds dates as ISO text and flags as 0/1, as EF Core stores them.
            (_, ColumnKind.Number or ColumnKind.Flag) => "INTEGER",
            _ => "TEXT",
        };
    }

    private interface IStageWriter : IBundleSink, IDisposable
    {
        void Complete();
    }

    /// <summary>
    /// Checking the rules and encoding rows for the database each take a core's worth of time, so they run on
    /// two threads: the rules on the caller's, the staging writes on one of their own, handed rows in batches.
    /// The queue is bounded, so memory stays flat whatever the bundle's size.
    /// </summary>
    private sealed class PipelinedStage : IStageWriter
    {
        private const int BatchRows = 2_000;
        private readonly IStageWriter inner;
        private readonly System.Collections.Concurrent.BlockingCollection<List<(BundleFile File, object?[] Values)>> queue = new(boundedCapacity: 8);
        private readonly CancellationTokenSource writerFailed = new();
        private readonly Task writer;
        private List<(BundleFile, object?[])> batch = new(BatchRows);

        public PipelinedStage(IStageWriter inner)
        {
            this.inner = inner;
            writer = Task.Factory.StartNew(() =>
            {
                try
                {
                    foreach (var rows in queue.GetConsumingEnumerable())
                        foreach (var (file, values) in rows) inner.Write(file, values);
                }
                catch
                {
                    writerFailed.Cancel(); // unblocks the reader; the exception surfaces from Complete or Write
                    throw;
                }
            }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }

        public void Write(BundleFile file, object?[] values)
        {
            batch.Add((file, values));
            if (batch.Count < BatchRows) return;
            Hand();
        }

        private void Hand()
        {
            try
            {
                queue.Add(batch, writerFailed.Token);
            }
            catch (OperationCanceledException)
            {
                writer.GetAwaiter().GetResult(); // throws the writer's own exception
                throw;
            }
            batch = new(BatchRows);
        }

        public void Complete()
        {
            if (batch.Count > 0) Hand();
            queue.CompleteAdding();
            writer.GetAwaiter().GetResult();
            inner.Complete();
        }

        public void Dispose()
        {
            if (!queue.IsAddingCompleted) queue.CompleteAdding();
            // The writer must be done with the connection before the transaction rolls back on it.
            try { writer.Wait(); } catch (AggregateException) { }
            inner.Dispose();
            queue.Dispose();
            writerFailed.Dispose();
        }
    }

    /// <summary>PostgreSQL: binary COPY into the staging tables, one file at a time on the load's connection.</summary>
    private sealed class PostgresStage(NpgsqlConnection connection) : IStageWriter
    {
        private BundleFile? current;
        private NpgsqlBinaryImporter? importer;

        public void Write(BundleFile file, object?[] values)
        {
            if (file != current)
            {
                Complete();
                current = file;
                importer = connection.BeginBinaryImport(
                    $"COPY {file.StageTable} ({string.Join(", ", file.Columns.Select(c => c.Name))}) FROM STDIN (FORMAT BINARY)");
            }
            importer!.StartRow();
            var columns = file.Columns;
            for (var i = 0; i < values.Length; i++)
            {
                switch (values[i])
                {
                    case null: importer.WriteNull(); break;
                    case string s: importer.Write(s, NpgsqlDbType.Text); break;
                    case DateOnly d: importer.Write(d, NpgsqlDbType.Date); break;
                    case bool b: importer.Write(b, NpgsqlDbType.Boolean); break;
                    case int n: importer.Write(n, NpgsqlDbType.Integer); break;
                    case decimal m: importer.Write(m, NpgsqlDbType.Numeric); break;
                    default: throw new InvalidOperationException($"{file.Name} {columns[i].Name}: unexpected {values[i]!.GetType().Name}.");
                }
            }
        }

        public void Complete()
        {
            importer?.Complete();
            importer?.Dispose();
            importer = null;
            current = null;
        }

        // Without Complete the COPY is cancelled; the transaction rolls back anyway.
        public void Dispose() => importer?.Dispose();
    }

    /// <summary>SQLite: one prepared insert per staging table, inside the load's transaction.</summary>
    private sealed class SqliteStage(SqliteConnection connection, SqliteTransaction transaction) : IStageWriter
    {
        private readonly Dictionary<BundleFile, SqliteCommand> inserts = [];

        public void Write(BundleFile file, object?[] values)
        {
            if (!inserts.TryGetValue(file, out var insert))
            {
                insert = connection.CreateCommand();
                insert.Transaction = transaction;
                var names = file.Columns.Select(c => c.Name).ToList();
                insert.CommandText = $"INSERT INTO {file.StageTable} ({string.Join(", ", names)}) VALUES ({string.Join(", ", names.Select((_, i) => "$p" + i))})";
                for (var i = 0; i < names.Count; i++) insert.Parameters.Add(new SqliteParameter("$p" + i, null));
                insert.Prepare();
                inserts[file] = insert;
            }
            for (var i = 0; i < values.Length; i++)
            {
                insert.Parameters[i].Value = values[i] switch
                {
                    null => DBNull.Value,
                    DateOnly d => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                    bool b => b ? 1 : 0,
                    // As EF Core stores a decimal in SQLite (text), so the load's comparisons see the same text for the same dose.
                    decimal m => SqliteDecimal(m),
                    var v => v,
                };
            }
            insert.ExecuteNonQuery();
        }

        public void Complete() { }

        public void Dispose()
        {
            foreach (var insert in inserts.Values) insert.Dispose();
        }

        /// <summary>Microsoft.Data.Sqlite's own text for a decimal parameter, which is what EF Core saves.</summary>
        private static string SqliteDecimal(decimal value) =>
            value.ToString("0.0###########################", System.Globalization.CultureInfo.InvariantCulture);
    }
}
