using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Pathway.Access;
using Pathway.Casework;
using Pathway.Data;

namespace Pathway.Appointments;

/// <summary>Cancels or reschedules one open booking, with a reason that stays on the case page.</summary>
public class ChangeModel(PathwayDb db, RecordAccess access) : CaseFormModel(db)
{
    [BindProperty(SupportsGet = true)] public int Appointment { get; set; }
    [BindProperty] public BookingChange? Change { get; set; }
    [BindProperty, Display(Name = "New date")] public DateOnly? NewDate { get; set; }
    [BindProperty] public TimeOnly? NewTime { get; set; }
    [BindProperty] public string? Reason { get; set; }
    public global::Pathway.Appointments.Appointment Booking { get; private set; } = null!;

    public List<Microsoft.AspNetCore.Mvc.Rendering.SelectListItem> Changes { get; } =
        [new("Reschedule it", nameof(BookingChange.Reschedule)), new("Cancel it", nameof(BookingChange.Cancel))];

    private async Task<bool> FindAsync(CancellationToken cancel)
    {
        var booking = await Db.Appointments.SingleOrDefaultAsync(a => a.Id == Appointment && a.EpisodeId == Id, cancel);
        if (booking is null) return false;
        Booking = booking;
        return true;
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancel)
    {
        if (!await LoadAsync(cancel) || !await FindAsync(cancel)) return NotFound();
        if (!Booking.IsOpen()) ModelState.AddModelError("", Bookings.WhyNotRecordable(Booking)!);
        (NewDate, NewTime) = (Booking.Date, Booking.Time);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancel)
    {
        if (!await LoadAsync(cancel, keepPostedVersion: true) || !await FindAsync(cancel)) return NotFound();
        return await ActAsync(mode => Bookings.ChangeAsync(Db, access, Worker, Id, Version,
            new BookingChangeInput(Appointment, Change, NewDate, NewTime, Reason), cancel, mode), cancel, reloadForPage: () => FindAsync(cancel));
    }
}
