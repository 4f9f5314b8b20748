using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Pathway.Casework;
using Pathway.Data;
using Pathway.Diary;
using Pathway.Episodes;

namespace Pathway.Appointments;

/// <summary>
/// Records a contact that happened (or was missed): a row of the exchange format's contacts.csv. Recorded against a
/// booking, it closes that booking in the same save; the open bookings of the day are offered so none is left open.
/// </summary>
public class RecordContactModel(PathwayDb db, TimeProvider time) : CaseFormModel(db)
{
    [BindProperty(SupportsGet = true)] public int? Appointment { get; set; }
    [BindProperty, Display(Name = "Date of contact"), Required(ErrorMessage = "Enter the date of the contact")] public DateOnly? Date { get; set; }
    [BindProperty, Required(ErrorMessage = "Select how the contact happened")] public ContactChannel? Channel { get; set; }
    [BindProperty, Required(ErrorMessage = "Select what the contact was for")] public ContactKind? Kind { get; set; }
    [BindProperty, Required(ErrorMessage = "Select whether they attended")] public bool? Attended { get; set; }
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
        global::Pathway.Appointments.Appointment? booked = null;
        if (Appointment is { } aid)
        {
            booked = await Db.Appointments.SingleOrDefaultAsync(a => a.Id == aid && a.EpisodeId == Id, cancel);
            if (booked is null) return NotFound();
            if (Bookings.WhyNotRecordable(booked) is { } why) ModelState.AddModelError(nameof(Appointment), why);
        }
        if (Date is { } day) Check(nameof(Date), "Date of contact", Infrastructure.RecordRules.NotFuture(day, ServiceDay) ?? ContactRules.Date(day, Episode.ReferralDate));
        if (!ModelState.IsValid)
        {
            if (!FromBooking) await OfferAsync(cancel);
            return Page();
        }
        var contact = new Contact { Date = Date!.Value, Channel = Channel!.Value, Kind = Kind!.Value, Attended = Attended!.Value };
        Episode.Contacts.Add(contact);
        // Closed in the same save as the contact: the version check refuses a second save made from the same form.
        if (booked is not null) booked.Contact = contact;
        return await SaveAsync(cancel, async () => { if (!FromBooking) await OfferAsync(cancel); });
    }
}
