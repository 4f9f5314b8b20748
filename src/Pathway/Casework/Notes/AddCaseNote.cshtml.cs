using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Pathway.Data;
using Pathway.Infrastructure;
using Pathway.Web;

namespace Pathway.Casework.Notes;

/// <summary>Adds a case note, optionally about one of the case's recorded contacts.</summary>
public class AddCaseNoteModel(PathwayDb db) : CaseFormModel(db)
{
    // Declared in the form's order, so the error summary lists the fields as the page does.
    [BindProperty, Display(Name = "Date"), Required(ErrorMessage = "Enter the date the note is about")] public DateOnly? Date { get; set; }
    [BindProperty, Required(ErrorMessage = "Select what kind of note this is")] public CaseNoteKind? Kind { get; set; }
    [BindProperty, Required(ErrorMessage = "Enter the note")] public string? Text { get; set; }
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
        // A contact must be one of this case's own: any other id is treated as not found, like a record outside the scope.
        if (ContactId is { } contact && !await Db.Contacts.AnyAsync(c => c.Id == contact && c.EpisodeId == Id, cancel)) return NotFound();
        var text = Text is null ? null : CaseNoteRules.Normalise(Text);
        if (Date is { } day) Check(nameof(Date), "Date", HappenedInJourney(day));
        if (text is not null) Check(nameof(Text), "Note", CaseNoteRules.Length(text));
        if (!ModelState.IsValid)
        {
            await LoadContactsAsync(cancel);
            return Page();
        }
        Db.CaseNotes.Add(new CaseNote
        {
            Episode = Episode, Date = Date!.Value, Kind = Kind!.Value, Text = text!, ContactId = ContactId,
            AuthorId = Worker.Id, AuthorName = Worker.Name, WrittenAt = HttpContext.Time().GetUtcNow(),
        });
        return await SaveAsync(cancel, () => LoadContactsAsync(cancel));
    }

    private async Task LoadContactsAsync(CancellationToken cancel) =>
        Contacts = (await Db.Contacts.AsNoTracking().Where(c => c.EpisodeId == Id).OrderByDescending(c => c.Date).ThenByDescending(c => c.Id)
                .Select(c => new { c.Id, c.Date, c.Kind, c.Channel, c.Attended }).ToListAsync(cancel))
            .Select(c => new SelectListItem($"{Words.Date(c.Date)} · {Words.Of(c.Kind)} · {Words.Of(c.Channel)}{(c.Attended ? "" : " (did not attend)")}",
                c.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            .ToList();
}
