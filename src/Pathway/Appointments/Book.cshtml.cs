using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Pathway.Casework;
using Pathway.Data;
using Pathway.Episodes;

namespace Pathway.Appointments;

/// <summary>Books an appointment: today or later. It becomes a contact only when its outcome is recorded.</summary>
public class BookModel(PathwayDb db) : CaseFormModel(db)
{
    [BindProperty, Required(ErrorMessage = "Enter the date of the appointment")] public DateOnly? Date { get; set; }
    [BindProperty] public TimeOnly? Time { get; set; }
    [BindProperty, Required(ErrorMessage = "Select how the appointment happens")] public ContactChannel? Channel { get; set; }
    [BindProperty, Required(ErrorMessage = "Select what the appointment is for")] public ContactKind? Kind { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancel) => await LoadAsync(cancel) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancel)
    {
        if (!await LoadAsync(cancel, keepPostedVersion: true)) return NotFound();
        if (Date < Today) ModelState.AddModelError(nameof(Date), "An appointment being booked must be today or later: record past ones as contacts");
        if (!ModelState.IsValid) return Page();
        Db.Appointments.Add(new Appointment { Episode = Episode, Date = Date!.Value, Time = Time, Channel = Channel!.Value, Kind = Kind!.Value });
        return await SaveAsync(cancel);
    }
}
