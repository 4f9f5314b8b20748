using Pathway.Infrastructure;
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
/// transaction as the change and cannot be skipped. Called only from <see cref="CaseSave"/> and referral intake. References to staff, group sessions and teams are
/// written as their names; other internal ids are left out.
/// Never writes to the application log: the content is health data.
/// </summary>
public static class ChangeHistory
{
    private static readonly HashSet<string> Hidden = ["Id", "Version", "EpisodeId", "PersonId", "ClientRecordId", "CarerId", "ContactId"];

    // Contact details and demographics (an address, a sexual orientation) are named, not repeated: the history says
    // which fields changed, and the record itself says what they are now.
    private static readonly HashSet<Type> NamesOnly = [typeof(ClientContact)];

    /// <summary>What a reference names, so the history says who or what rather than an internal id.</summary>
    private enum Names { Staff, GroupSession, Team }

    private static readonly Dictionary<string, Names> References = new()
    {
        ["KeyWorkerId"] = Names.Staff, ["MentorId"] = Names.Staff, ["WorkerId"] = Names.Staff, ["AuthorId"] = Names.Staff,
        ["RaisedById"] = Names.Staff, ["SeenById"] = Names.Staff, ["GroupSessionId"] = Names.GroupSession, ["TeamId"] = Names.Team,
    };

    private static readonly Dictionary<string, string> Labels = new() { ["MentorId"] = "Peer mentor", ["WorkerId"] = "With" };

    public static async Task CaptureAsync(PathwayDb db, Caseworker who, Person person, Episode? episode, CancellationToken cancel)
    {
        db.ChangeTracker.DetectChanges();
        var now = db.Time().GetUtcNow();
        var entries = db.ChangeTracker.Entries()
            // The audit event saved with a change is about the request (address, request id), not the client's record.
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted
                        && e.Entity is not ChangeRecord and not Access.Audit.AuditEvent)
            .ToList();
        var names = await NamesAsync(db, entries, cancel);
        foreach (var entry in entries)
        {
            var changes = Describe(entry, names);
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

    /// <summary>
    /// Whether a property is a reference shown by name (null: a plain value), or hidden: an id whose record carries the
    /// name beside it (MentorId and MentorName) is not repeated, and any other id means nothing to a reader.
    /// </summary>
    private static Names? Reference(EntityEntry entry, string name, out bool hidden)
    {
        hidden = Hidden.Contains(name);
        if (hidden || !name.EndsWith("Id", StringComparison.Ordinal)) return null;
        var named = entry.Metadata.FindProperty(name[..^2] + "Name") is not null;
        if (!named && References.TryGetValue(name, out var kind)) return kind;
        hidden = true;
        return null;
    }

    private static string Key(object value) => Convert.ToString(value, CultureInfo.InvariantCulture)!;

    /// <summary>The names of everything the entries refer to, looked up once for the whole save.</summary>
    private static async Task<Dictionary<(Names, string), string>> NamesAsync(PathwayDb db, List<EntityEntry> entries, CancellationToken cancel)
    {
        var wanted = new HashSet<(Names Kind, string Key)>();
        foreach (var entry in entries)
            foreach (var property in entry.Properties)
                if (Reference(entry, property.Metadata.Name, out _) is { } kind)
                    foreach (var value in new[] { property.OriginalValue, property.CurrentValue }.OfType<object>())
                        wanted.Add((kind, Key(value)));
        var names = new Dictionary<(Names, string), string>();
        List<string> Keys(Names kind) => wanted.Where(w => w.Kind == kind).Select(w => w.Key).ToList();
        List<int> Numbers(Names kind) => Keys(kind).Select(k => int.TryParse(k, CultureInfo.InvariantCulture, out var n) ? n : 0).Where(n => n > 0).ToList();

        if (Keys(Names.Staff) is { Count: > 0 } staff)
            foreach (var u in await db.Users.AsNoTracking().Where(u => staff.Contains(u.Id)).Select(u => new { u.Id, u.DisplayName }).ToListAsync(cancel))
                names[(Names.Staff, u.Id)] = u.DisplayName;
        if (Numbers(Names.GroupSession) is { Count: > 0 } sessions)
            foreach (var g in await db.GroupSessions.AsNoTracking().Where(g => sessions.Contains(g.Id)).Select(g => new { g.Id, g.Title, g.Date }).ToListAsync(cancel))
                names[(Names.GroupSession, Key(g.Id))] = $"{g.Title}, {Web.Words.Date(g.Date)}";
        if (Numbers(Names.Team) is { Count: > 0 } teams)
            foreach (var t in await db.Teams.AsNoTracking().Where(t => teams.Contains(t.Id)).Select(t => new { t.Id, t.Name }).ToListAsync(cancel))
                names[(Names.Team, Key(t.Id))] = t.Name;
        return names;
    }

    private static List<string> Describe(EntityEntry entry, Dictionary<(Names, string), string> names)
    {
        var lines = new List<string>();
        var namesOnly = NamesOnly.Contains(entry.Metadata.ClrType);
        foreach (var property in entry.Properties)
        {
            var name = property.Metadata.Name;
            var reference = Reference(entry, name, out var hidden);
            if (hidden || property.Metadata.IsShadowProperty()) continue;
            var label = namesOnly && ContactDetailsRules.Labels.TryGetValue(name, out var shown) ? shown
                : Labels.GetValueOrDefault(name) ?? Web.Words.Of(reference is null ? name : name[..^2]);
            string Value(object? value) => reference is { } kind && value is not null
                // A reference not found (a former member of staff, a record removed since) says so rather than showing its id.
                ? names.GetValueOrDefault((kind, Key(value)), kind == Names.Staff ? "former member of staff" : "(removed)")
                : Show(value);
            switch (entry.State)
            {
                case EntityState.Added when property.CurrentValue is not null and not false:
                    lines.Add(namesOnly ? label : $"{label}: {Value(property.CurrentValue)}");
                    break;
                case EntityState.Modified when property.IsModified && !Equals(property.OriginalValue, property.CurrentValue):
                    lines.Add(namesOnly ? label : $"{label}: {Value(property.OriginalValue)} → {Value(property.CurrentValue)}");
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
