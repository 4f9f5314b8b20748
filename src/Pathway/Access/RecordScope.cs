using Microsoft.EntityFrameworkCore;
using Pathway.Access.Audit;
using Pathway.Data;

namespace Pathway.Access;

/// <summary>
/// Whether one client record is inside a user's scope: the resource-based half of access control, in one
/// place for every page and endpoint that takes a record id. A record outside the scope and a record that
/// does not exist look the same to the user (404), so ids reveal nothing.
/// </summary>
public static class RecordScope
{
    public static async Task<bool> IsWithinAsync(PathwayDb db, AccessScope scope, string recordType, int id, CancellationToken cancel)
    {
        var visible = scope.Episodes(db.Episodes);
        return recordType switch
        {
            AuditedRecordTypes.Episode => await visible.AnyAsync(e => e.Id == id, cancel),
            AuditedRecordTypes.ClientRecord => await visible.AnyAsync(e => e.ClientRecordId == id, cancel),
            // A person matched across providers is visible to each provider that has an episode with them.
            AuditedRecordTypes.Person => await visible.AnyAsync(e => e.PersonId == id, cancel),
            // A group session is its provider's: its register names that provider's clients.
            AuditedRecordTypes.GroupSession => scope.Providers is { } providers && scope.LocalAuthorityCode is null
                && await db.GroupSessions.AnyAsync(g => g.Id == id && providers.Contains(g.ProviderCode), cancel),
            _ => false,
        };
    }
}
