using Pathway.Infrastructure;
using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Pathway.Access;
using Pathway.Access.Audit;
using Pathway.Casework;
using Pathway.Data;
using Pathway.Episodes;
using Pathway.People;

namespace Pathway.Referrals;

/// <summary>The single point of entry: search first, then one referral form for every source.</summary>
[Authorize(Policy = Policies.CaseWork)]
public class NewReferralModel(PathwayDb db, AuditTrail audit, RecordAccess access) : PageModel
{
    public sealed class SearchInput
    {
        public string? Name { get; set; }
        [Display(Name = "Date of birth")] public DateOnly? DateOfBirth { get; set; }
        public string? NhsNumber { get; set; }
    }

    // Posted, never in the address: a name, date of birth or NHS number must not end up in logs and browser history.
    [BindProperty] public SearchInput Search { get; set; } = new();
    [BindProperty] public StaffReferralInput Input { get; set; } = new();
    public List<PersonMatch>? Matches { get; private set; }
    public List<SelectListItem> Councils { get; private set; } = [];

    private DateOnly Today => HttpContext.Today();

    public async Task OnGetAsync(CancellationToken cancel)
    {
        Input.ReferralDate = Today;
        await LoadCouncilsAsync(cancel);
    }

    private async Task LoadCouncilsAsync(CancellationToken cancel) =>
        Councils = (await Organisations.Councils.ByNameAsync(db, cancel)).Select(l => new SelectListItem(l.Name, l.Code)).ToList();

    public async Task OnPostSearchAsync(CancellationToken cancel)
    {
        // The referral form below is not being sent: its empty fields are not mistakes.
        ModelState.Clear();
        await OnGetAsync(cancel);
        if (string.IsNullOrWhiteSpace(Search.Name) && Search.DateOfBirth is null && string.IsNullOrWhiteSpace(Search.NhsNumber)) return;
        var worker = await Caseworker.CurrentAsync(db, User, cancel);
        var found = await PersonSearch.FindAsync(db.Episodes.VisibleTo(worker),
            new PersonQuery(Search.Name, Search.DateOfBirth, Search.NhsNumber), cancel);
        Matches = found.Matches;
        await access.SearchedAsync("person-search", found.People, cancel);
        // Carry what was searched into the form, so nothing is typed twice.
        var parts = (Search.Name ?? "").Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Input.GivenName = parts.FirstOrDefault();
        Input.FamilyName = parts.Length > 1 ? parts[^1] : null;
        Input.DateOfBirth = Search.DateOfBirth;
        Input.NhsNumber = Search.NhsNumber?.Replace(" ", "");
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancel)
    {
        var worker = await Caseworker.CurrentAsync(db, User, cancel);
        if (worker.ProviderCode is null) return Forbid();
        await LoadCouncilsAsync(cancel);
        // A value that did not bind keeps its own message; the action gives every other field its one, and saves nothing.
        var mode = ModelState.IsValid ? CaseActionMode.Save : CaseActionMode.CheckOnly;
        switch (await ReferralIntake.TakeAsync(db, audit, worker, Input, Today, mode, cancel))
        {
            case CaseOutcome.Saved saved:
                return Redirect($"/episodes/{saved.Id}");
            case CaseOutcome.Invalid invalid:
                ModelState.Show(invalid, nameof(Input));
                return Page();
            default:
                return Forbid();
        }
    }
}
