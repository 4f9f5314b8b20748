using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Pathway.Access;
using Pathway.Access.Audit;
using Pathway.Data;
using Pathway.Infrastructure;

namespace Pathway.People;

public sealed record ClientRecordRow(string Source, string ClientRef, string LocalAuthority);
public sealed record EpisodeRow(string Source, string EpisodeRef, string Provider, DateOnly Referral, DateOnly? Triage, string Substances, DateOnly? Discharge, string? Reason);

/// <summary>
/// A person's history as the user's provider holds it. People are matched across providers by their attributors
/// (for the national figures), but a match reveals nothing: not even that another provider knows them, since
/// anyone who types initials, a date of birth and a sex would otherwise learn who is in treatment elsewhere.
/// </summary>
[Authorize(Policy = Policies.CaseWork)]
[AuditedRecord(AuditedRecordTypes.Person)]
public class ClientHistoryModel(PathwayDb db, UserManager<StaffUser> users) : PageModel
{
    public string Initials { get; private set; } = "";
    public DateOnly DateOfBirth { get; private set; }
    public string Sex { get; private set; } = "";
    public IReadOnlyList<ClientRecordRow> Records { get; private set; } = [];
    public IReadOnlyList<EpisodeRow> Episodes { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancel)
    {
        var person = await db.People.AsNoTracking().Where(p => p.Id == id)
            .Select(p => new { p.Initials, p.DateOfBirth, p.Sex }).SingleOrDefaultAsync(cancel);
        if (person is null) return NotFound();
        (Initials, DateOfBirth, Sex) = (person.Initials, person.DateOfBirth, Codes<Sex>.Code(person.Sex));
        var visible = AccessScope.Of(await users.GetUserAsync(User), User).Episodes(db.Episodes.AsNoTracking()).Where(e => e.PersonId == id);
        Records = await db.ClientRecords.AsNoTracking().Where(c => c.PersonId == id && visible.Any(e => e.ClientRecordId == c.Id))
            .OrderBy(c => c.Source)
            .Select(c => new ClientRecordRow(c.Source, c.ClientRef, c.LocalAuthorityCode)).ToListAsync(cancel);
        var episodes = await visible
            .Select(e => new { e.Source, e.EpisodeRef, e.ProviderCode, e.ReferralDate, e.TriageDate, e.Substance1, e.Substance2, e.Substance3, e.DischargeDate, e.DischargeReason })
            .ToListAsync(cancel);
        Episodes = episodes.OrderBy(e => e.ReferralDate).ThenBy(e => e.EpisodeRef, StringComparer.Ordinal)
            .Select(e => new EpisodeRow(e.Source, e.EpisodeRef, e.ProviderCode, e.ReferralDate, e.TriageDate,
                string.Join(", ", new[] { e.Substance1, e.Substance2, e.Substance3 }.OfType<Episodes.Substance>().Select(Codes<Episodes.Substance>.Code)),
                e.DischargeDate, e.DischargeReason is { } r ? Codes<Episodes.DischargeReason>.Code(r) : null))
            .ToList();
        return Page();
    }
}
