using Pathway.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Pathway.Data;

namespace Pathway.PublicSite.Carers;

public sealed record CarerRequestRow(int Id, string Name, string? Phone, string? Email, bool VoicemailOk, string? SafeContactNote, DateTimeOffset RequestedAt);

/// <summary>Carers' requests for contact as staff see them: their own provider's, until marked contacted.</summary>
public static class CarerRequests
{
    public static Task<List<CarerRequestRow>> OpenForAsync(PathwayDb db, string? providerCode, CancellationToken cancel) =>
        db.CarerContactRequests.AsNoTracking().Where(r => providerCode != null && r.ProviderCode == providerCode && r.HandledAt == null)
            .OrderBy(r => r.Id).Select(r => new CarerRequestRow(r.Id, r.Name, r.Phone, r.Email, r.VoicemailOk, r.SafeContactNote, r.RequestedAt))
            .ToListAsync(cancel);

    /// <summary>The provider is in the predicate: another provider's request is simply not found.</summary>
    public static Task<int> MarkContactedAsync(PathwayDb db, int id, string? providerCode, CancellationToken cancel)
    {
        var now = db.Time().GetUtcNow();
        return db.CarerContactRequests.Where(r => r.Id == id && providerCode != null && r.ProviderCode == providerCode && r.HandledAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.HandledAt, now), cancel);
    }
}
