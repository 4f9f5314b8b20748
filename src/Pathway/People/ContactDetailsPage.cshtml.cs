using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Pathway.Access;
using Pathway.Casework;
using Pathway.Data;

namespace Pathway.People;

/// <summary>
/// The client's contact details and demographics, seen and changed from their case. The page binds and shows; the
/// rules, scope and save are the action's.
/// </summary>
public class ContactDetailsPageModel(PathwayDb db, RecordAccess access) : CaseFormModel(db)
{
    [BindProperty] public ContactDetails Input { get; set; } = new();
    public bool Recorded { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancel)
    {
        if (!await LoadAsync(cancel)) return NotFound();
        var held = await Db.ClientContacts.AsNoTracking().SingleOrDefaultAsync(c => c.ClientRecordId == Episode.ClientRecordId, cancel);
        Recorded = held is not null;
        if (held is not null) Input = ContactDetails.Of(held);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancel)
    {
        if (!await LoadAsync(cancel, keepPostedVersion: true)) return NotFound();
        return await ActAsync(mode => ContactDetailsRecords.SaveAsync(Db, access, Worker, Id, Version, Input, cancel, mode), cancel, nameof(Input));
    }
}
