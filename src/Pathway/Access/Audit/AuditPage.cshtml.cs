using System.Globalization;
using CsvHelper;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Pathway.Data;

namespace Pathway.Access.Audit;

public sealed record AuditRow(DateTimeOffset At, string? UserName, string Action, string? RecordType, string? RecordId, string Outcome,
    string? Address, string? RequestId);

/// <summary>
/// Answers "who looked at this person's record?" for a provider's managers (their own clients only, through
/// <see cref="RecordAccess.TrailOfAsync"/>), and "what did this account do?" for administrators, who have no
/// client records of their own. A person outside the manager's scope and a person who does not exist get the same
/// answer, so the page cannot be used to probe which ids exist.
/// </summary>
[Authorize(Policy = Policies.Audit)]
public class AuditPageModel(PathwayDb db, AuditTrail audit, RecordAccess access) : PageModel
{
    public const string NotFoundMessage = "Enter the number of a person your service holds";
    public const string NoAccountMessage = "Enter the email address of a member of staff";

    public string? Person { get; private set; }
    public string? Account { get; private set; }
    public bool ByAccount => User.IsInRole(Roles.Administrator) && !User.IsInRole(Roles.TeamManager);
    public string? Error { get; private set; }
    public List<AuditRow>? Events { get; private set; }

    public async Task OnGetAsync(string? person, string? account, CancellationToken cancel)
    {
        (Person, Account) = (person, account);
        var (events, error) = ByAccount ? await AccountTrailAsync(account, cancel) : await PersonTrailAsync(person, cancel);
        if (events is not null) Events = await events.ToListAsync(cancel);
        Error = error;
        if (error is not null) ModelState.AddModelError(ByAccount ? "account" : "person", error);
    }

    private async Task<(IQueryable<AuditRow>? Events, string? Error)> PersonTrailAsync(string? person, CancellationToken cancel)
    {
        if (person is null) return (null, null);
        var id = int.TryParse(person, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : (int?)null;
        var trail = id is { } p ? await access.TrailOfAsync(p, cancel) : null;
        if (trail is null)
        {
            await access.RefusedAsync(AuditedRecordTypes.Person, id?.ToString(CultureInfo.InvariantCulture), cancel);
            return (null, NotFoundMessage);
        }
        await audit.RecordAsync(AuditActions.Search, AuditOutcomes.Allowed, "AuditTrail", person, id, cancel: cancel);
        return (Rows(trail), null);
    }

    private async Task<(IQueryable<AuditRow>? Events, string? Error)> AccountTrailAsync(string? account, CancellationToken cancel)
    {
        if (account is null) return (null, null);
        var normalised = account.Trim().ToUpperInvariant();
        var userId = await db.Users.Where(u => u.NormalizedEmail == normalised).Select(u => u.Id).FirstOrDefaultAsync(cancel);
        if (userId is null) return (null, NoAccountMessage);
        await audit.RecordAsync(AuditActions.Search, AuditOutcomes.Allowed, "AuditTrail", "StaffUser:" + userId, cancel: cancel);
        return (Rows(db.AuditEvents.AsNoTracking().Where(e => e.UserId == userId)), null);
    }

    private static IQueryable<AuditRow> Rows(IQueryable<AuditEvent> events) => events
        .OrderByDescending(e => e.Id)
        .Select(e => new AuditRow(e.At, e.UserName, e.Action, e.RecordType, e.RecordId, e.Outcome, e.Address, e.RequestId));

    public static async Task<IResult> ExportAsync(string? person, string? account, HttpContext http, PathwayDb db, AuditTrail audit, RecordAccess access,
        CancellationToken cancel)
    {
        var page = new AuditPageModel(db, audit, access) { PageContext = new() { HttpContext = http } };
        var (events, _) = page.ByAccount ? await page.AccountTrailAsync(account, cancel) : await page.PersonTrailAsync(person, cancel);
        if (events is null) return Results.NotFound();
        var rows = await events.ToListAsync(cancel);
        await audit.RecordAsync(AuditActions.Export, AuditOutcomes.Allowed, "AuditTrail", person ?? "account",
            int.TryParse(person, NumberStyles.None, CultureInfo.InvariantCulture, out var p) ? p : null, cancel: cancel);
        await using var text = new StringWriter(CultureInfo.InvariantCulture);
        await using (var csv = CsvWriter.Create(text, new CsvWriterOptions(), leaveOpen: true))
        {
            csv.WriteHeader(["at_utc", "user", "action", "record_type", "record_id", "outcome", "address", "request_id"]);
            foreach (var r in rows)
                csv.WriteRecord([r.At.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture), r.UserName ?? "", r.Action,
                    r.RecordType ?? "", r.RecordId ?? "", r.Outcome, r.Address ?? "", r.RequestId ?? ""]);
        }
        var name = person is not null ? $"audit-person-{p}.csv" : "audit-account.csv";
        return Results.File(System.Text.Encoding.UTF8.GetBytes(text.ToString()), "text/csv", name);
    }
}

public static class AuditEndpoints
{
    public static void MapAudit(this WebApplication app) =>
        app.MapGet("/audit/export", AuditPageModel.ExportAsync).RequireAuthorization(Policies.Audit);
}
