using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Pathway.Data;
using Pathway.Infrastructure;

namespace Pathway.Indicators;

public enum KeptKind { Full, Headlines }

/// <summary>
/// A computed report kept for its exact query, the build that computed it and the change horizon it saw
/// (docs/decisions/008-kept-figures.md). Served again only while no change it may not have seen can move it.
/// </summary>
public class KeptFigureSet
{
    public long Id { get; set; }
    public DateOnly From { get; set; }
    public DateOnly To { get; set; }
    public DateOnly AsOf { get; set; }
    /// <summary>Empty for "every local authority" / "every provider", so the key is unique without nulls.</summary>
    public string LocalAuthority { get; set; } = "";
    public string Provider { get; set; } = "";
    public KeptKind Kind { get; set; }
    public string Build { get; set; } = "";
    /// <summary>PostgreSQL: the computing snapshot's xmin; SQLite: the last <see cref="FigureChange.Id"/> committed before computing.</summary>
    public long Horizon { get; set; }
    /// <summary>PostgreSQL only: that whole snapshot (<c>pg_snapshot</c> as text), so a change is judged seen or unseen exactly.</summary>
    public string? Snapshot { get; set; }
    public DateTimeOffset ComputedAt { get; set; }
    public string Figures { get; set; } = "";
}

/// <summary>
/// One committed change that could move a figure, written in the changing transaction: the earliest date it can affect
/// (null: any date, e.g. a bundle load, an erasure, a change of local authority). Counts only, no client data.
/// </summary>
public class FigureChange
{
    public long Id { get; set; }
    public DateOnly? Earliest { get; set; }
    /// <summary>PostgreSQL only: the writing transaction's id (<c>pg_current_xact_id()</c>), filled by the column default.</summary>
    public long? Xid { get; set; }
}

public class KeptFigureSetConfiguration : IEntityTypeConfiguration<KeptFigureSet>
{
    public void Configure(EntityTypeBuilder<KeptFigureSet> set)
    {
        set.Property(s => s.LocalAuthority).HasMaxLength(9);
        set.Property(s => s.Provider).HasMaxLength(20);
        set.Property(s => s.Kind).HasConversion<string>().HasMaxLength(20);
        set.Property(s => s.Build).HasMaxLength(200);
        // xmin:xmax:in-progress xids; no length limit, as the in-progress list has none.
        set.Property(s => s.Snapshot);
        set.HasIndex(s => new { s.From, s.To, s.AsOf, s.LocalAuthority, s.Provider, s.Kind, s.Build }).IsUnique();
    }
}

public class FigureChangeConfiguration : IEntityTypeConfiguration<FigureChange>
{
    public void Configure(EntityTypeBuilder<FigureChange> change) => change.HasIndex(c => c.Xid);
}

/// <summary>
/// Figures that answer at once and are never stale. Every page that shows indicators calls <see cref="ComputeAsync"/>;
/// <c>pathway report</c> alone computes afresh (it is the reference).
///
/// Why a kept set cannot be stale: every committed change that could move a figure writes a <see cref="FigureChange"/>
/// in its own transaction (<see cref="Interceptor"/> for every EF Core save; <see cref="Changed"/> and
/// <see cref="RecordLoadSql"/> for the raw-SQL writers). A report as of D reads only records dated on or before D, so a
/// change whose every date is after D cannot move it. A set is served only if no change it might not have seen has an
/// earliest date on or before its as-of date (or none). "Might not have seen":
/// <list type="bullet">
/// <item>PostgreSQL: writers commit out of id order, so a change id read before computing can miss a lower id committed
/// later. Instead the set keeps a snapshot taken before computing: a change visible in it is visible to every later
/// statement of the computation; any other change is unseen. (Comparing with the snapshot's xmin alone was too coarse:
/// xids are server-wide, so one long transaction anywhere on the server, a backup's or another database's, kept every
/// set stale for as long as it ran.)</item>
/// <item>SQLite: one writer at a time, so change ids are assigned in commit order; the largest id read before computing
/// bounds exactly what the computation saw (a change committed during it has a larger id, so again at worst unseen).</item>
/// </list>
/// </summary>
public static class KeptFigures
{
    /// <summary>The build: a new release (or any other compiled code) recomputes rather than trust older definitions.</summary>
    /// The module id is a hash of the compiled code (deterministic builds), so it changes with any change to a definition.
    public static readonly string Build = BuildOf(typeof(KeptFigures).Assembly);

    private static string BuildOf(Assembly assembly)
    {
        var build = $"{IndicatorReport.SpecVersion}:{assembly.ManifestModule.ModuleVersionId:N}:"
            + assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        return build.Length > 200 ? build[..200] : build;
    }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.General);

    public static readonly ChangeRecorder Interceptor = new();

    /// <summary>Provider-specific part of the model: on PostgreSQL a change records its transaction id.</summary>
    public static void ConfigureModel(ModelBuilder builder, bool postgres)
    {
        if (postgres) builder.Entity<FigureChange>().Property(c => c.Xid).HasDefaultValueSql("pg_current_xact_id()::text::bigint");
    }

    /// <summary>The query's figures: the kept set when it is still valid, else computed (and kept for next time).</summary>
    public static async Task<IndicatorReport> ComputeAsync(PathwayDb db, IndicatorQuery query, KeptKind kind, CancellationToken cancel = default)
    {
        if (await KeptAsync(db, query, kind, cancel) is { } kept) return kept;
        // One computation of a query at a time in this process: fifty people opening the same dashboard after a load wait for
        // one computation and read its set, rather than making fifty (bench/run web measured the herd).
        var key = $"{db.Database.GetConnectionString()}|{query}|{kind}";
        var gate = Computing.GetOrAdd(key, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancel);
        try
        {
            if (await KeptAsync(db, query, kind, cancel) is { } keptMeanwhile) return keptMeanwhile;
            long horizon;
            string? snapshot = null;
            if (db.Kind == DatabaseKind.Postgres)
            {
                var taken = await db.Database.SqlQueryRaw<Taken>("""
                    SELECT pg_current_snapshot()::text AS "Snapshot", pg_snapshot_xmin(pg_current_snapshot())::text::bigint AS "Xmin"
                    """).SingleAsync(cancel);
                (snapshot, horizon) = (taken.Snapshot, taken.Xmin);
            }
            else horizon = await db.Set<FigureChange>().MaxAsync(c => (long?)c.Id, cancel) ?? 0;
            var report = kind == KeptKind.Full ? await IndicatorEngine.ComputeAsync(db, query, cancel) : await IndicatorEngine.HeadlinesAsync(db, query, cancel);
            await KeepAsync(db, query, kind, horizon, snapshot, report, cancel);
            return report;
        }
        finally
        {
            gate.Release();
            // Nobody waiting: forget the gate, so the table does not grow with every query ever asked (a late arrival holding
            // it still computes correctly, at worst beside another).
            if (gate.CurrentCount == 1) Computing.TryRemove(KeyValuePair.Create(key, gate));
        }
    }

    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Computing = new();

    /// <summary>The kept set of the query, when no change it may not have seen could move it; else null.</summary>
    private static async Task<IndicatorReport?> KeptAsync(PathwayDb db, IndicatorQuery query, KeptKind kind, CancellationToken cancel)
    {
        var (la, provider) = (query.LocalAuthority ?? "", query.Provider ?? "");
        var kept = await db.Set<KeptFigureSet>().AsNoTracking()
            .Where(s => s.From == query.From && s.To == query.To && s.AsOf == query.AsOf && s.LocalAuthority == la && s.Provider == provider
                        && s.Kind == kind && s.Build == Build)
            .Select(s => new { s.Horizon, s.Snapshot, s.Figures }).FirstOrDefaultAsync(cancel);
        return kept is not null && !await AnyUnseenChangeAsync(db, db.Kind == DatabaseKind.Postgres, kept.Horizon, kept.Snapshot, query.AsOf, cancel)
            ? new IndicatorReport(query, JsonSerializer.Deserialize<List<Figure>>(kept.Figures, Json)!)
            : null;
    }

    private sealed class Taken
    {
        public string Snapshot { get; set; } = "";
        public long Xmin { get; set; }
    }

    private static Task<bool> AnyUnseenChangeAsync(PathwayDb db, bool postgres, long horizon, string? snapshot, DateOnly asOf, CancellationToken cancel)
    {
        var changes = db.Set<FigureChange>().AsNoTracking().Where(c => c.Earliest == null || c.Earliest <= asOf);
        if (!postgres) return changes.AnyAsync(c => c.Id > horizon, cancel);
        // A set kept before snapshots were kept: the xmin alone, conservatively.
        if (snapshot is null) return changes.AnyAsync(c => c.Xid >= horizon, cancel);
        // Below xmin every change had committed (seen); from xmin on, the snapshot says which had.
        return db.Database.SqlQuery<bool>($"""
            SELECT EXISTS (SELECT 1 FROM "FigureChanges"
                           WHERE ("Earliest" IS NULL OR "Earliest" <= {asOf}) AND "Xid" >= {horizon}
                             AND NOT pg_visible_in_snapshot("Xid"::text::xid8, {snapshot}::pg_snapshot)) AS "Value"
            """).SingleAsync(cancel);
    }

    private static async Task KeepAsync(PathwayDb db, IndicatorQuery query, KeptKind kind, long horizon, string? snapshot, IndicatorReport report,
        CancellationToken cancel)
    {
        // Inside a caller's transaction a failed insert would abort it (PostgreSQL): keep nothing, the figures stand.
        if (db.Database.CurrentTransaction is not null) return;
        var (la, provider) = (query.LocalAuthority ?? "", query.Provider ?? "");
        var figures = JsonSerializer.Serialize(report.Figures, Json);
        var kindName = kind.ToString();
        var now = db.Time().GetUtcNow();
        try
        {
            // Raw statements, so nothing else the caller has tracked is saved with the set.
            await db.Set<KeptFigureSet>()
                .Where(s => s.From == query.From && s.To == query.To && s.AsOf == query.AsOf && s.LocalAuthority == la && s.Provider == provider && s.Kind == kind)
                .ExecuteDeleteAsync(cancel);
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO "KeptFigureSets" ("From", "To", "AsOf", "LocalAuthority", "Provider", "Kind", "Build", "Horizon", "Snapshot", "ComputedAt", "Figures")
                VALUES ({query.From}, {query.To}, {query.AsOf}, {la}, {provider}, {kindName}, {Build}, {horizon}, {snapshot}, {now}, {figures})
                ON CONFLICT DO NOTHING
                """, cancel);
        }
        catch (System.Data.Common.DbException)
        {
            // A lost database mid-way: the figures stand, unkept. (Another request keeping the same query at the same moment is
            // not an error: ON CONFLICT keeps its set, as good as this one, without a failed statement in the log.)
        }
    }

    /// <summary>
    /// Records a change made by raw SQL through this unit of work (an ExecuteUpdate/ExecuteDelete): saved by the caller's
    /// next SaveChanges, which must be in the same transaction as the raw statements. Null: it can move any date's figures.
    /// </summary>
    public static void Changed(PathwayDb db, DateOnly? earliest) => db.Add(new FigureChange { Earliest = earliest });

    /// <summary>The statement a bundle load runs in its own transaction: a load can move every figure.</summary>
    public const string RecordLoadSql = """INSERT INTO "FigureChanges" ("Earliest") VALUES (NULL)""";

    /// <summary>
    /// Records of no figure: an indicator reads episodes, interventions, contacts, outcome reviews, prescriptions, client
    /// records and people (Indicators/*.cs). Everything else counts, so a new kind of record cannot be forgotten; only these
    /// busy, plainly figure-free ones are left out.
    /// </summary>
    public static readonly IReadOnlySet<Type> FigureFree = new HashSet<Type>
    {
        typeof(KeptFigureSet), typeof(FigureChange),
        typeof(Pathway.Access.Audit.AuditEvent), typeof(Pathway.Access.SignInSession), typeof(Pathway.Access.DataProtectionKey), typeof(Api.ApiClient),
        typeof(Pathway.Access.StaffUser), typeof(IdentityRole), typeof(IdentityUserRole<string>), typeof(IdentityUserClaim<string>),
        typeof(IdentityUserLogin<string>), typeof(IdentityUserToken<string>), typeof(IdentityRoleClaim<string>),
        typeof(History.ChangeRecord), typeof(Casework.Notes.CaseNote),
        typeof(PublicSite.SelfReferral.SelfReferralDraft), typeof(PublicSite.SelfReferral.AlcoholCheckCount),
        typeof(PublicSite.Carers.CarerContactRequest), typeof(PublicSite.ServicePlace), typeof(Commissioning.BenchmarkFigure),
    };

    /// <summary>
    /// The earliest date a set of tracked changes can affect, or null for any date; <c>Found</c> false when none counts.
    /// Per row: the minimum over its dates, old and new (a row without any date can move every figure). A row whose only
    /// change is its concurrency token (a case's version bumped beside a new contact) changes no figure.
    /// </summary>
    public static (bool Found, DateOnly? Earliest) EarliestOf(IEnumerable<EntityEntry> entries)
    {
        var found = false;
        DateOnly? earliest = DateOnly.MaxValue;
        foreach (var entry in entries)
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted) || FigureFree.Contains(entry.Metadata.ClrType))
                continue;
            if (entry.State == EntityState.Modified && entry.Properties.Where(p => p.IsModified).All(p => p.Metadata.IsConcurrencyToken))
                continue;
            found = true;
            var rowEarliest = DateOnly.MaxValue;
            var dated = false;
            foreach (var property in entry.Properties)
            {
                if (entry.State != EntityState.Deleted) Take(property.CurrentValue);
                if (entry.State != EntityState.Added) Take(property.OriginalValue);
            }
            if (!dated) return (true, null);
            if (rowEarliest < earliest) earliest = rowEarliest;

            void Take(object? value)
            {
                DateOnly? day = value switch { DateOnly d => d, DateTime t => DateOnly.FromDateTime(t), _ => null };
                if (day is not { } d2) return;
                dated = true;
                if (d2 < rowEarliest) rowEarliest = d2;
            }
        }
        return found ? (true, earliest) : (false, null);
    }

    /// <summary>Adds the save's <see cref="FigureChange"/> to the save itself, so it commits with the change or not at all.</summary>
    public sealed class ChangeRecorder : SaveChangesInterceptor
    {
        internal ChangeRecorder() { }

        public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
        {
            Record(eventData.Context);
            return result;
        }

        public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
            CancellationToken cancellationToken = default)
        {
            Record(eventData.Context);
            return ValueTask.FromResult(result);
        }

        private static void Record(DbContext? context)
        {
            if (context is not PathwayDb db) return;
            var entries = db.ChangeTracker.Entries().ToList();
            var (found, earliest) = EarliestOf(entries);
            if (found) Changed(db, earliest);
        }
    }
}
