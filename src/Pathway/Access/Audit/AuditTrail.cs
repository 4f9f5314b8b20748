using Pathway.Infrastructure;
using System.Diagnostics;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Pathway.Data;

namespace Pathway.Access.Audit;

/// <summary>
/// Writes audit events. <see cref="Add"/> puts the event into the caller's unit of work, so it is saved in
/// the same transaction as the change it describes; <see cref="RecordAsync"/> saves at once (views, refusals).
/// </summary>
public sealed class AuditTrail(PathwayDb db, IHttpContextAccessor http, TimeProvider time)
{
    public AuditEvent Add(string action, string outcome, string? recordType = null, string? recordId = null, int? personId = null,
        string? userName = null) => db.AuditEvents.Add(Describe(action, outcome, recordType, recordId, personId, userName)).Entity;

    /// <summary>
    /// An event of this request, for a caller that writes it on a connection of its own (a bundle load). Values are cut to
    /// their columns here, once, so no caller has to shorten a record id or a typed email itself.
    /// </summary>
    public AuditEvent Describe(string action, string outcome, string? recordType = null, string? recordId = null, int? personId = null,
        string? userName = null)
    {
        var context = http.HttpContext;
        var user = context?.User;
        return new AuditEvent
        {
            At = time.GetUtcNow(),
            UserId = user?.FindFirstValue(ClaimTypes.NameIdentifier),
            UserName = Truncate(userName ?? user?.Identity?.Name, 256),
            ActorProvider = user?.FindFirstValue(StaffClaims.Provider),
            Action = action,
            Outcome = outcome,
            RecordType = recordType,
            RecordId = Truncate(recordId, 40),
            PersonId = personId,
            Address = context?.Connection.RemoteIpAddress?.ToString(),
            RequestId = Activity.Current?.TraceId.ToString() ?? context?.TraceIdentifier,
            Path = context is null ? null : Truncate(PasswordResetLinks.WithoutToken(context.Request.Path.Value), 400),
        };
    }

    public async Task RecordAsync(string action, string outcome, string? recordType = null, string? recordId = null, int? personId = null,
        string? userName = null, CancellationToken cancel = default)
    {
        Add(action, outcome, recordType, recordId, personId, userName);
        await db.SaveChangesAsync(cancel);
    }

    /// <summary>An event for work done with the `pathway` command, outside any request: the operating-system account is the "who".</summary>
    public static AuditEvent CommandLine(string action, string outcome, string recordType, string recordId) => new()
    {
        At = TimeProvider.System.GetUtcNow(),
        UserName = Truncate($"{Environment.UserName} (command line)", 256),
        Action = action,
        Outcome = outcome,
        RecordType = recordType,
        RecordId = Truncate(recordId, 40),
        Address = Truncate(Environment.MachineName, 64),
        RequestId = Activity.Current?.TraceId.ToString() ?? Guid.NewGuid().ToString("N"),
    };

    /// <summary>The person a record belongs to, so "who looked at this person?" finds views of any of their records.</summary>
    public async Task<int?> PersonOfAsync(string recordType, string recordId, CancellationToken cancel)
    {
        if (!int.TryParse(recordId, out var id)) return null;
        return recordType switch
        {
            AuditedRecordTypes.Person => id,
            AuditedRecordTypes.ClientRecord => await db.ClientRecords.Where(c => c.Id == id).Select(c => (int?)c.PersonId).FirstOrDefaultAsync(cancel),
            AuditedRecordTypes.Episode => await db.Episodes.Where(e => e.Id == id).Select(e => (int?)e.PersonId).FirstOrDefaultAsync(cancel),
            _ => null,
        };
    }

    private static string? Truncate(string? value, int length) => value is null || value.Length <= length ? value : value[..length];
}

public static class AuditedRecordTypes
{
    public const string Person = nameof(Person);
    public const string ClientRecord = nameof(ClientRecord);
    public const string Episode = nameof(Episode);
    /// <summary>Every record of one source system, as a bundle is loaded or exported.</summary>
    public const string Source = nameof(Source);
    /// <summary>A list of named clients (caseload, waiting list, search results); the id names the list and its length.</summary>
    public const string List = nameof(List);
    /// <summary>A member of staff's account.</summary>
    public const string StaffUser = nameof(StaffUser);
    /// <summary>An authorised handover between providers; a transition export's id is "handover:source".</summary>
    public const string Handover = nameof(Handover);
    /// <summary>A further provider granted to a data officer.</summary>
    public const string ProviderGrant = nameof(ProviderGrant);
    /// <summary>One council's comparator figures; the id names the council (and the indicator for a removal).</summary>
    public const string BenchmarkFigures = nameof(BenchmarkFigures);
    public const string ContractSpend = nameof(ContractSpend);
    public const string ServicePlace = nameof(ServicePlace);
    /// <summary>A provider's client group session and its register.</summary>
    public const string GroupSession = nameof(GroupSession);
    /// <summary>The whole database, copied by `pathway backup` (an export of every record) or written by `pathway restore`.</summary>
    public const string Database = nameof(Database);
    /// <summary>A client system of the HTTP API; the id is its client_id.</summary>
    public const string ApiClient = nameof(ApiClient);
    /// <summary>An indicators report asked for through the HTTP API; the id names the period and selection, never a person.</summary>
    public const string Indicators = nameof(Indicators);
}
