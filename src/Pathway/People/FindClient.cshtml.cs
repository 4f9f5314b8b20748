using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Pathway.Access;

namespace Pathway.People;

/// <summary>One search box for finding a client already known to the caller's provider, by name, date of birth, NHS number or client reference.</summary>
[Authorize(Policy = Policies.CaseWork)]
public class FindClientModel(RecordAccess access) : PageModel
{
    public const string EmptyMessage = "Enter a name, date of birth, NHS number or client reference";

    // Posted, never in the address: a name, date of birth or NHS number must not end up in logs and browser history.
    [BindProperty] public string? Search { get; set; }
    public List<PersonMatch>? Matches { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancel)
    {
        var query = PersonQuery.Parse(Search);
        if (query.IsEmpty)
        {
            ModelState.AddModelError(nameof(Search), EmptyMessage);
            return Page();
        }
        var found = await PersonSearch.FindAsync(await access.EpisodesAsync(cancel), query, cancel);
        await access.SearchedAsync("find-a-client", found.People, cancel);
        Matches = found.Matches;
        return Page();
    }
}
