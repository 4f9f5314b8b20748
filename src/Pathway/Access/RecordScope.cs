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
        // Commissioners never open a named record, whatever its council.
        if (scope.LocalAuthorityCode is not null) return false;
        var provider = scope.ProviderCode;
        return recordType switch
        {
            AuditedRecordTypes.Episode => await db.Episodes.AnyAsync(e => e.Id == id && (provider == null || e.ProviderCode == provider), cancel),
            AuditedRecordTypes.ClientRecord => await db.ClientRecords.AnyAsync(
                c => c.Id == id && (provider == null || c.Episodes.Any(e => e.ProviderCode == provider)), cancel),
            // A person matched across providers is visible to each provider that has an episode with them.
            AuditedRecordTypes.Person => await db.People.AnyAsync(
                p => p.Id == id && (provider == null || p.Episodes.Any(e => e.ProviderCode == provider)), cancel),
            _ => false,
        };
    }
}
