using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Pathway.Casework;
using Pathway.Data;

namespace Pathway.People;

/// <summary>
/// The client's contact details and demographics, seen and changed from their case. Scope and audit come from
/// <see cref="CaseFormModel"/>'s [AuditedRecord], the version check and the change history from its save.
/// </summary>
public class ContactDetailsPageModel(PathwayDb db) : CaseFormModel(db)
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
        // One message a field: what failed to bind (a tampered choice), or the first rule broken.
        foreach (var error in ContactDetailsRules.Check(Input))
            if (ModelState.GetFieldValidationState($"{nameof(Input)}.{error.Field}") != Microsoft.AspNetCore.Mvc.ModelBinding.ModelValidationState.Invalid)
                ModelState.AddModelError($"{nameof(Input)}.{error.Field}", error.Message);
        if (!ModelState.IsValid) return Page();
        var contact = await Db.ClientContacts.SingleOrDefaultAsync(c => c.ClientRecordId == Episode.ClientRecordId, cancel);
        if (contact is null)
        {
            // Records loaded from a bundle come without contact details: the first save makes them.
            contact = new ClientContact { ClientRecordId = Episode.ClientRecordId };
            Db.ClientContacts.Add(contact);
        }
        ContactDetailsRules.Apply(Input, contact);
        return await SaveAsync(cancel);
    }
}
