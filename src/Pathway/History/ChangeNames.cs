using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Pathway.Data;

namespace Pathway.History;

/// <summary>
/// A change shows people by name: a staff member's id (a GUID) recorded in a change, as older records hold them,
/// is replaced by their name when the history is shown; an id matching nobody reads "a former member of staff".
/// </summary>
public static partial class ChangeNames
{
    [GeneratedRegex("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")]
    private static partial Regex StaffId();

    public static async Task<List<ChangeRecord>> WithNamesAsync(PathwayDb db, List<ChangeRecord> records, CancellationToken cancel)
    {
        var ids = records.SelectMany(r => StaffId().Matches(r.Changes).Select(m => m.Value)).Distinct().ToList();
        if (ids.Count == 0) return records;
        var names = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancel);
        foreach (var r in records)
            r.Changes = StaffId().Replace(r.Changes, m => names.TryGetValue(m.Value, out var name) ? name : "a former member of staff");
        return records;
    }
}
