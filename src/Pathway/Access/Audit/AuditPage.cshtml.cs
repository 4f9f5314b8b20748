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

/// <summary>Answers "who looked at this person's record?" for managers, and exports the answer.</summary>
[Authorize(Policy = Policies.Audit)]
public class AuditPageModel(PathwayDb db, AuditTrail audit) : PageModel
{
    public string? Person { get; private set; }
    public string? Error { get; private set; }
    public List<AuditRow>? Events { get; private set; }

    public async Task OnGetAsync(string? person, CancellationToken cancel)
    {
        Person = person;
        if (person is null) return;
        if (!int.TryParse(person, NumberStyles.None, CultureInfo.InvariantCulture, out var id) || !await db.People.AnyAsync(p => p.Id == id, cancel))
        {
            Error = "Enter the number of a person Pathway holds";
            return;
        }
        Events = await TrailOf(id).ToListAsync(cancel);
        await audit.RecordAsync(AuditActions.Search, AuditOutcomes.Allowed, "AuditTrail", id.ToString(CultureInfo.InvariantCulture), id, cancel: cancel);
    }

    private IQueryable<AuditRow> TrailOf(int person) => db.AuditEvents.AsNoTracking()
        .Where(e => e.PersonId == person)
        .OrderByDescending(e => e.Id)
        .Select(e => new AuditRow(e.At, e.UserName, e.Action, e.RecordType, e.RecordId, e.Outcome, e.Address, e.RequestId));

    public static async Task<IResult> ExportAsync(int person, PathwayDb db, AuditTrail audit, CancellationToken cancel)
    {
        if (!await db.People.AnyAsync(p => p.Id == person, cancel)) return Results.NotFound();
        var rows = await new AuditPageModel(db, audit).TrailOf(person).ToListAsync(cancel);
        await audit.RecordAsync(AuditActions.Export, AuditOutcomes.Allowed, "AuditTrail", person.ToString(CultureInfo.InvariantCulture), person, cancel: cancel);
        await using var text = new StringWriter(CultureInfo.InvariantCulture);
        await using (var csv = CsvWriter.Create(text, new CsvWriterOptions(), leaveOpen: true))
        {
            csv.WriteHeader(["at_utc", "user", "action", "record_type", "record_id", "outcome", "address", "request_id"]);
            foreach (var r in rows)
                csv.WriteRecord([r.At.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture), r.UserName ?? "", r.Action,
                    r.RecordType ?? "", r.RecordId ?? "", r.Outcome, r.Address ?? "", r.RequestId ?? ""]);
        }
        return Results.File(System.Text.Encoding.UTF8.GetBytes(text.ToString()), "text/csv", $"audit-person-{person}.csv");
    }
}

public static class AuditEndpoints
{
    public static void MapAudit(this WebApplication app) =>
        app.MapGet("/audit/export", AuditPageModel.ExportAsync).RequireAuthorization(Policies.Audit);
}
