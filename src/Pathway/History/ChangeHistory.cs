using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Pathway.Casework;
using Pathway.Data;
using Pathway.Episodes;
using Pathway.People;

namespace Pathway.History;

/// <summary>
/// Turns what is about to be saved into <see cref="ChangeRecord"/>s, so history is written in the same
/// transaction as the change and cannot be skipped. Called only from <see cref="CaseSave"/> and referral intake.
/// Never writes to the application log: the content is health data.
/// </summary>
public static class ChangeHistory
{
    private static readonly HashSet<string> Hidden = ["Id", "Version", "EpisodeId", "PersonId", "ClientRecordId", "CarerId", "ContactId"];

    // Contact details and demographics (an address, a sexual orientation) are named, not repeated: the history says
    // which fields changed, and the record itself says what they are now.
    private static readonly HashSet<Type> NamesOnly = [typeof(ClientContact)];

    public static void Capture(PathwayDb db, Caseworker who, Person person, Episode? episode)
    {
        db.ChangeTracker.DetectChanges();
        var now = DateTimeOffset.UtcNow;
        var entries = db.ChangeTracker.Entries()
            // The audit event saved with a change is about the request (address, request id), not the client's record.
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted
                        && e.Entity is not ChangeRecord and not Access.Audit.AuditEvent)
            .ToList();
        foreach (var entry in entries)
        {
            var changes = Describe(entry);
            if (entry.State == EntityState.Modified && changes.Count == 0) continue;
            var verb = entry.State switch { EntityState.Added => "added", EntityState.Deleted => "removed", _ => "changed" };
            db.ChangeRecords.Add(new ChangeRecord
            {
                Person = person,
                Episode = episode,
                At = now,
                ByUserId = who.Id,
                ByName = who.Name,
                Summary = $"{Web.Words.Of(entry.Metadata.ClrType.Name)} {verb}",
                Changes = Truncate(string.Join("; ", changes), 8000),
            });
        }
    }

    private static List<string> Describe(EntityEntry entry)
    {
        var lines = new List<string>();
        var namesOnly = NamesOnly.Contains(entry.Metadata.ClrType);
        foreach (var property in entry.Properties)
        {
            var name = property.Metadata.Name;
            if (Hidden.Contains(name) || property.Metadata.IsShadowProperty()) continue;
            // "KeyWorkerId" reads "Key worker": the value is shown as the person's name (see ChangeNames).
            var label = namesOnly && ContactDetailsRules.Labels.TryGetValue(name, out var shown) ? shown
                : Web.Words.Of(name.EndsWith("Id", StringComparison.Ordinal) && name.Length > 2 ? name[..^2] : name);
            switch (entry.State)
            {
                case EntityState.Added when property.CurrentValue is not null and not false:
                    lines.Add(namesOnly ? label : $"{label}: {Show(property.CurrentValue)}");
                    break;
                case EntityState.Modified when property.IsModified && !Equals(property.OriginalValue, property.CurrentValue):
                    lines.Add(namesOnly ? label : $"{label}: {Show(property.OriginalValue)} → {Show(property.CurrentValue)}");
                    break;
            }
        }
        return lines;
    }

    private static string Show(object? value) => value switch
    {
        null => "(none)",
        DateOnly d => Web.Words.Date(d),
        DateTimeOffset at => Web.Words.Time(at),
        bool b => b ? "yes" : "no",
        Enum e => Web.Words.Of(e.ToString()),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static string Truncate(string s, int max) => s.Length <= max ? s : s[..(max - 1)] + "…";
}
