using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Pathway.Access;
using Pathway.Casework;
using Pathway.Data;
using Pathway.Episodes;

namespace Pathway.Appointments;

/// <summary>Books an appointment with the worker booking it: today or later, for an open episode. It becomes a contact only when its outcome is recorded.</summary>
public class BookModel(PathwayDb db, RecordAccess access) : CaseFormModel(db)
{
    [BindProperty, Display(Name = "Date of appointment")] public DateOnly? Date { get; set; }
    [BindProperty] public TimeOnly? Time { get; set; }
    [BindProperty] public ContactChannel? Channel { get; set; }
    [BindProperty] public ContactKind? Kind { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancel)
    {
        if (!await LoadAsync(cancel)) return NotFound();
        if (Episode.DischargeDate is not null) ModelState.AddModelError("", Bookings.EpisodeDischarged);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancel)
    {
        if (!await LoadAsync(cancel, keepPostedVersion: true)) return NotFound();
        return await ActAsync(mode => Bookings.BookAsync(Db, access, Worker, Id, Version, new BookingInput(Date, Time, Channel, Kind), cancel, mode), cancel);
    }
}
