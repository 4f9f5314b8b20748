using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Pathway.Casework;
using Pathway.Data;
using Pathway.Episodes;

namespace Pathway.Appointments;

/// <summary>Records a contact that happened (or was missed): a row of the exchange format's contacts.csv.</summary>
public class RecordContactModel(PathwayDb db) : CaseFormModel(db)
{
    [BindProperty(SupportsGet = true)] public int? Appointment { get; set; }
    [BindProperty, Required(ErrorMessage = "Enter the date of the contact")] public DateOnly? Date { get; set; }
    [BindProperty, Required(ErrorMessage = "Select how the contact happened")] public ContactChannel? Channel { get; set; }
    [BindProperty, Required(ErrorMessage = "Select what the contact was for")] public ContactKind? Kind { get; set; }
    [BindProperty, Required(ErrorMessage = "Select whether they attended")] public bool? Attended { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancel)
    {
        if (!await LoadAsync(cancel)) return NotFound();
        if (Appointment is { } aid)
        {
            var booked = await Db.Appointments.SingleOrDefaultAsync(a => a.Id == aid && a.EpisodeId == Id && a.ContactId == null, cancel);
            if (booked is null) return NotFound();
            (Date, Channel, Kind) = (booked.Date, booked.Channel, booked.Kind);
        }
        else Date = Today;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancel)
    {
        if (!await LoadAsync(cancel, keepPostedVersion: true)) return NotFound();
        if (Date is { } day) Check(nameof(Date), "Contact date", Infrastructure.RecordRules.NotFuture(day, Today) ?? ContactRules.Date(day, Episode.ReferralDate));
        if (!ModelState.IsValid) return Page();
        var contact = new Contact { Date = Date!.Value, Channel = Channel!.Value, Kind = Kind!.Value, Attended = Attended!.Value };
        Episode.Contacts.Add(contact);
        if (Appointment is { } aid)
        {
            var booked = await Db.Appointments.SingleOrDefaultAsync(a => a.Id == aid && a.EpisodeId == Id && a.ContactId == null, cancel);
            if (booked is null) return NotFound();
            booked.Contact = contact;
        }
        return await SaveAsync(cancel);
    }
}
