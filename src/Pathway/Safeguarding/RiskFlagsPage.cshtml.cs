using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Pathway.Casework;
using Pathway.Data;

namespace Pathway.Safeguarding;

/// <summary>
/// The client's risk and safeguarding flags, seen and changed from their case. Scope and audit come from
/// <see cref="CaseFormModel"/>'s [AuditedRecord], the version check and the change history from its save.
/// </summary>
public class RiskFlagsPageModel(PathwayDb db) : CaseFormModel(db)
{
    [BindProperty] public RiskFlagsInput Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(CancellationToken cancel)
    {
        if (!await LoadAsync(cancel)) return NotFound();
        var held = await Db.RiskFlags.AsNoTracking().SingleOrDefaultAsync(f => f.ClientRecordId == Episode.ClientRecordId, cancel);
        if (held is not null) Input = RiskFlagsInput.Of(held);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancel)
    {
        if (!await LoadAsync(cancel, keepPostedVersion: true)) return NotFound();
        foreach (var (field, message) in RiskFlagRules.Check(Input, Episode.Person.DateOfBirth, Today))
            if (ModelState.GetFieldValidationState($"{nameof(Input)}.{field}") != Microsoft.AspNetCore.Mvc.ModelBinding.ModelValidationState.Invalid)
                ModelState.AddModelError($"{nameof(Input)}.{field}", message);
        if (!ModelState.IsValid) return Page();
        var flags = await Db.RiskFlags.SingleOrDefaultAsync(f => f.ClientRecordId == Episode.ClientRecordId, cancel);
        if (flags is null)
        {
            flags = new RiskFlags { ClientRecordId = Episode.ClientRecordId };
            Db.RiskFlags.Add(flags);
        }
        RiskFlagRules.Apply(Input, flags);
        return await SaveAsync(cancel);
    }
}
