using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Pathway.Casework;
using Pathway.Data;
using Pathway.Diary;

namespace Pathway.Appointments;

public enum BookingChange { Reschedule, Cancel }

/// <summary>Cancels or reschedules one open booking, with a reason that stays on the case page.</summary>
public class ChangeModel(PathwayDb db, TimeProvider time) : CaseFormModel(db)
{
    [BindProperty(SupportsGet = true)] public int Appointment { get; set; }
    [BindProperty, Required(ErrorMessage = "Select whether to reschedule or cancel the appointment")] public BookingChange? Change { get; set; }
    [BindProperty, Display(Name = "New date")] public DateOnly? NewDate { get; set; }
    [BindProperty] public TimeOnly? NewTime { get; set; }
    [BindProperty, Required(ErrorMessage = "Enter the reason"), StringLength(200, ErrorMessage = "The reason must be 200 characters or fewer")]
    public string? Reason { get; set; }
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
        if (!Booking.IsOpen()) ModelState.AddModelError("", Bookings.WhyNotRecordable(Booking)!);
        if (Change == BookingChange.Reschedule)
        {
            if (Episode.DischargeDate is not null) ModelState.AddModelError("", Bookings.EpisodeDischarged);
            if (NewDate is null) ModelState.AddModelError(nameof(NewDate), "Enter the new date");
            else if (NewDate < London.Today(time)) ModelState.AddModelError(nameof(NewDate), "New date must be today or in the future");
            else if (NewDate == Booking.Date && NewTime == Booking.Time) ModelState.AddModelError(nameof(NewDate), "Enter a date or time different from the booking's");
        }
        if (!ModelState.IsValid) return Page();
        var now = time.GetUtcNow();
        if (Change == BookingChange.Cancel) Bookings.Cancel(Booking, Reason!, now);
        else Db.Appointments.Add(Bookings.Reschedule(Booking, NewDate!.Value, NewTime, Reason!, now));
        return await SaveAsync(cancel, () => FindAsync(cancel));
    }
}
