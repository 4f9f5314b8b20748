using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;
using Pathway.Data;
using Pathway.Episodes;
using Pathway.People;

namespace Pathway.Indicators;

/// <summary>
/// Keeps the journey keys (<see cref="JourneyKeys"/>) current after every EF Core save that adds, changes or removes an
/// episode (its person, pathway, referral or discharge date, ref or source), or removes a client record or person (whose
/// episodes the database removes by cascade): the journeys of every person concerned, before and after (an episode moved
/// to another person changes both), are recomputed in the save's own transaction, so the keys commit with the change or
/// not at all. A save that opened no transaction of its own gets one here, committed after the recompute.
/// </summary>
public sealed class JourneyKeeping : SaveChangesInterceptor
{
    public static readonly JourneyKeeping Interceptor = new();

    private static readonly string[] Fold =
        [nameof(Episode.PersonId), nameof(Episode.Pathway), nameof(Episode.ReferralDate), nameof(Episode.DischargeDate),
         nameof(Episode.EpisodeRef), nameof(Episode.Source)];

    private sealed class Pending
    {
        public readonly HashSet<int> Persons = [];
        public readonly List<EntityEntry<Episode>> Saved = [];
        public IDbContextTransaction? Owned;
    }

    private static readonly ConditionalWeakTable<DbContext, Pending> Saves = new();

    private JourneyKeeping() { }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (Collect(eventData.Context) is { } pending && eventData.Context!.Database.CurrentTransaction is null)
            pending.Owned = eventData.Context.Database.BeginTransaction();
        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        if (Collect(eventData.Context) is { } pending && eventData.Context!.Database.CurrentTransaction is null)
            pending.Owned = await eventData.Context.Database.BeginTransactionAsync(cancellationToken);
        return result;
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (Take(eventData.Context) is not { } pending) return result;
        using (pending.Owned)
        {
            JourneyKeys.Recompute((PathwayDb)eventData.Context!, PersonsAfter(pending));
            pending.Owned?.Commit();
        }
        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result,
        CancellationToken cancellationToken = default)
    {
        if (Take(eventData.Context) is not { } pending) return result;
        await using (pending.Owned)
        {
            await JourneyKeys.RecomputeAsync((PathwayDb)eventData.Context!, PersonsAfter(pending), cancellationToken);
            if (pending.Owned is not null) await pending.Owned.CommitAsync(cancellationToken);
        }
        return result;
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Take(eventData.Context)?.Owned?.Dispose();

    public override async Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        if (Take(eventData.Context)?.Owned is { } owned) await owned.DisposeAsync();
    }

    public override void SaveChangesCanceled(DbContextEventData eventData) => Take(eventData.Context)?.Owned?.Dispose();

    public override async Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default)
    {
        if (Take(eventData.Context)?.Owned is { } owned) await owned.DisposeAsync();
    }

    /// <summary>
    /// The persons concerned before the save (original values: a deleted or moved episode's old person), and the entries
    /// whose person is read after it (a new person's id is known only then). Null when the save touches no journey.
    /// </summary>
    private static Pending? Collect(DbContext? context)
    {
        if (context is not PathwayDb) return null;
        Saves.Remove(context);
        var pending = new Pending();
        var any = false;
        foreach (var entry in context.ChangeTracker.Entries<Episode>())
        {
            switch (entry.State)
            {
                case EntityState.Added:
                    pending.Saved.Add(entry);
                    any = true;
                    break;
                case EntityState.Deleted:
                    pending.Persons.Add(entry.OriginalValues.GetValue<int>(nameof(Episode.PersonId)));
                    any = true;
                    break;
                case EntityState.Modified when Fold.Any(p => entry.Property(p).IsModified):
                    pending.Persons.Add(entry.OriginalValues.GetValue<int>(nameof(Episode.PersonId)));
                    pending.Saved.Add(entry);
                    any = true;
                    break;
            }
        }
        foreach (var entry in context.ChangeTracker.Entries<ClientRecord>().Where(e => e.State == EntityState.Deleted))
        {
            pending.Persons.Add(entry.OriginalValues.GetValue<int>(nameof(ClientRecord.PersonId)));
            any = true;
        }
        if (!any) return null;
        Saves.AddOrUpdate(context, pending);
        return pending;
    }

    private static Pending? Take(DbContext? context)
    {
        if (context is null || !Saves.TryGetValue(context, out var pending)) return null;
        Saves.Remove(context);
        return pending;
    }

    private static IEnumerable<int> PersonsAfter(Pending pending) =>
        pending.Persons.Concat(pending.Saved.Select(e => e.Entity.PersonId)).Where(id => id > 0);
}
