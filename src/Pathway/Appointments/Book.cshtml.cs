using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Pathway.Casework;
using Pathway.Data;
using Pathway.Diary;
using Pathway.Episodes;

namespace Pathway.Appointments;

/// <summary>Books an appointment with the worker booking it: today or later, for an open episode. It becomes a contact only when its outcome is recorded.</summary>
public class BookModel(PathwayDb db, TimeProvider time) : CaseFormModel(db)
{
    [BindProperty, Display(Name = "Date of appointment"), Required(ErrorMessage = "Enter the date of the appointment")] public DateOnly? Date { get; set; }
    [BindProperty] public TimeOnly? Time { get; set; }
    [BindProperty, Required(ErrorMessage = "Select how the appointment happens")] public ContactChannel? Channel { get; set; }
    [BindProperty, Required(ErrorMessage = "Select what the appointment is for")] public ContactKind? Kind { get; set; }

    private DateOnly ServiceDay => London.Today(time);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancel)
    {
        if (!await LoadAsync(cancel)) return NotFound();
        if (Episode.DischargeDate is not null) ModelState.AddModelError("", Bookings.EpisodeDischarged);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancel)
    {
        if (!await LoadAsync(cancel, keepPostedVersion: true)) return NotFound();
        // Aftercare after discharge is recorded as contacts; a booking would outlive the episode it belongs to.
        if (Episode.DischargeDate is not null) ModelState.AddModelError("", Bookings.EpisodeDischarged);
        if (Date < ServiceDay) ModelState.AddModelError(nameof(Date), "Date of appointment must be today or in the future: record past ones as contacts");
        if (!ModelState.IsValid) return Page();
        Db.Appointments.Add(new Appointment { Episode = Episode, Date = Date!.Value, Time = Time, Channel = Channel!.Value, Kind = Kind!.Value, WorkerId = Worker.Id });
        return await SaveAsync(cancel);
    }
}
