using Microsoft.AspNetCore.Mvc;
using Pathway.Access.Audit;
using Pathway.Data;

namespace Pathway.Casework.Notes;

/// <summary>Every note on a case, newest first, with a search within them.</summary>
public class CaseNotesPageModel(PathwayDb db) : CaseFormModel(db)
{
    // Posted, never in the address: a note's words can say who the client is.
    [BindProperty] public string? Search { get; set; }
    public List<CaseNoteView> Notes { get; private set; } = [];
    public int Total { get; private set; }
    public bool Searched => !string.IsNullOrWhiteSpace(Search);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancel) => await ShowAsync(cancel);

    [PostedSearch]
    public async Task<IActionResult> OnPostSearchAsync(CancellationToken cancel) => await ShowAsync(cancel);

    private async Task<IActionResult> ShowAsync(CancellationToken cancel)
    {
        if (!await LoadAsync(cancel)) return NotFound();
        Total = await CaseNotes.CountAsync(Db, Id, cancel);
        Notes = await CaseNotes.OfEpisodeAsync(Db, Id, Search, take: null, cancel);
        return Page();
    }
}
