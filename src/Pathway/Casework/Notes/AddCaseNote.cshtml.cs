using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Pathway.Access;
using Pathway.Data;
using Pathway.Web;

namespace Pathway.Casework.Notes;

/// <summary>Adds a case note, optionally about one of the case's recorded contacts.</summary>
public class AddCaseNoteModel(PathwayDb db, RecordAccess access) : CaseFormModel(db)
{
    // Declared in the form's order, so the error summary lists the fields as the page does.
    [BindProperty, Display(Name = "Date")] public DateOnly? Date { get; set; }
    [BindProperty] public CaseNoteKind? Kind { get; set; }
    [BindProperty] public string? Text { get; set; }
    [BindProperty] public int? ContactId { get; set; }
    public List<SelectListItem> Contacts { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancel)
    {
        if (!await LoadAsync(cancel)) return NotFound();
        Date = Today;
        await LoadContactsAsync(cancel);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancel)
    {
        if (!await LoadAsync(cancel, keepPostedVersion: true)) return NotFound();
        return await ActAsync(mode => CaseNotes.AddAsync(Db, access, Worker, Id, Version, new CaseNoteInput(Date, Kind, Text, ContactId), cancel, mode),
            cancel, reloadForPage: () => LoadContactsAsync(cancel));
    }

    private async Task LoadContactsAsync(CancellationToken cancel) =>
        Contacts = (await Db.Contacts.AsNoTracking().Where(c => c.EpisodeId == Id).OrderByDescending(c => c.Date).ThenByDescending(c => c.Id)
                .Select(c => new { c.Id, c.Date, c.Kind, c.Channel, c.Attended }).ToListAsync(cancel))
            .Select(c => new SelectListItem($"{Words.Date(c.Date)} · {Words.Of(c.Kind)} · {Words.Of(c.Channel)}{(c.Attended ? "" : " (did not attend)")}",
                c.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            .ToList();
}
