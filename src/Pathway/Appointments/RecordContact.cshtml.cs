using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Pathway.Access;
using Pathway.Casework;
using Pathway.Data;
using Pathway.Diary;
using Pathway.Episodes;

namespace Pathway.Appointments;

/// <summary>
/// Records a contact that happened (or was missed): a row of the exchange format's contacts.csv. Recorded against a
/// booking, it closes that booking in the same save; the open bookings of the day are offered so none is left open.
/// </summary>
public class RecordContactModel(PathwayDb db, RecordAccess access, TimeProvider time) : CaseFormModel(db)
{
    [BindProperty(SupportsGet = true)] public int? Appointment { get; set; }
    [BindProperty, Display(Name = "Date of contact")] public DateOnly? Date { get; set; }
    [BindProperty] public ContactChannel? Channel { get; set; }
    [BindProperty] public ContactKind? Kind { get; set; }
    [BindProperty] public bool? Attended { get; set; }
    /// <summary>True when the booking came in the address (from the case page or diary), so it is not offered as a choice.</summary>
    public bool FromBooking { get; private set; }
    public List<SelectListItem> Offered { get; private set; } = [];

    private DateOnly ServiceDay => London.Today(time);

    public async Task<IActionResult> OnGetAsync(ContactKind? kind, CancellationToken cancel)
    {
        if (!await LoadAsync(cancel)) return NotFound();
        if (Appointment is { } aid)
        {
            var booked = await Db.Appointments.AsNoTracking().SingleOrDefaultAsync(a => a.Id == aid && a.EpisodeId == Id, cancel);
            if (booked is null) return NotFound();
            FromBooking = true;
            if (Bookings.WhyNotRecordable(booked) is { } why) ModelState.AddModelError(nameof(Appointment), why);
            (Date, Channel, Kind) = (booked.Date, booked.Channel, booked.Kind);
        }
        else
        {
            (Date, Kind) = (ServiceDay, kind);
            await OfferAsync(cancel);
            // One open booking today is almost always the contact being recorded.
            if (Offered.Count == 2) Appointment = int.Parse(Offered[0].Value, System.Globalization.CultureInfo.InvariantCulture);
        }
        return Page();
    }

    private async Task OfferAsync(CancellationToken cancel)
    {
        var today = await Db.Appointments.AsNoTracking().Open().Where(a => a.EpisodeId == Id && a.Date == ServiceDay)
            .OrderBy(a => a.Time).ToListAsync(cancel);
        Offered = today.Select(a => new SelectListItem(
            $"Booked {(a.Time is { } t ? t.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture) + " " : "")}{Web.Words.Of(a.Channel).ToLowerInvariant()}, {Web.Words.Of(a.Kind).ToLowerInvariant()}",
            a.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToList();
        if (Offered.Count > 0) Offered.Add(new SelectListItem("Not one of these bookings", ""));
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancel)
    {
        if (!await LoadAsync(cancel, keepPostedVersion: true)) return NotFound();
        FromBooking = Request.Query.ContainsKey("appointment");
        return await ActAsync(mode => Bookings.RecordContactAsync(Db, access, Worker, Id, Version,
            new ContactInput(Appointment, Date, Channel, Kind, Attended), cancel, mode), cancel,
            reloadForPage: async () => { if (!FromBooking) await OfferAsync(cancel); });
    }
}
