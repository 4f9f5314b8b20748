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

    public sealed class ReferralInput
    {
        [Required(ErrorMessage = "Enter the given name")] public string? GivenName { get; set; }
        [Required(ErrorMessage = "Enter the family name")] public string? FamilyName { get; set; }
        [Display(Name = "Date of birth"), Required(ErrorMessage = "Enter the date of birth")] public DateOnly? DateOfBirth { get; set; }
        [Required(ErrorMessage = "Select sex")] public Sex? Sex { get; set; }
        public string? NhsNumber { get; set; }
        /// <summary>A full postcode or just its district: the council comes from it when the area is known.</summary>
        public string? Postcode { get; set; }
        /// <summary>Chosen by name from a list, only when the postcode does not say; never pre-selected.</summary>
        public string? LocalAuthorityCode { get; set; }
        public ContactDetails Contact { get; set; } = new();
        public bool ConsentNationalReporting { get; set; }
        [Display(Name = "Referral date"), Required(ErrorMessage = "Enter the referral date")] public DateOnly? ReferralDate { get; set; }
        [Required(ErrorMessage = "Select who made the referral")] public ReferralSource? Source { get; set; }
        [Required(ErrorMessage = "Select the main problem substance")] public Substance? Substance1 { get; set; }
        public bool ChoosesYoungPeoplesService { get; set; }
    }

    // Posted, never in the address: a name, date of birth or NHS number must not end up in logs and browser history.
    [BindProperty] public SearchInput Search { get; set; } = new();
    [BindProperty] public ReferralInput Input { get; set; } = new();
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
        var council = await CouncilAsync(cancel);
        if (ModelState.IsValid)
        {
            var request = ToRequest(council!);
            foreach (var error in ReferralIntake.Validate(request, Today))
                ModelState.AddModelError($"Input.{error.Field}", error.Message);
            // A referral while an episode is still open at this provider would be a duplicate.
            var open = await ReferralIntake.OpenEpisodeAsync(db, worker.ProviderCode, request, cancel);
            if (ModelState.IsValid && open is { } openId)
                ModelState.AddModelError("Input.GivenName", $"This person already has an open episode here: go to episode {openId} instead");
        }
        if (!ModelState.IsValid) return Page();

        // The new records and their audit event are one transaction: the episode's id is known only once it is saved.
        await using var transaction = await db.Database.BeginTransactionAsync(cancel);
        var outcome = await ReferralIntake.ReferAsync(db, ToRequest(council!), worker.ProviderCode, worker, cancel);
        await audit.RecordAsync(AuditActions.Change, AuditOutcomes.Succeeded, AuditedRecordTypes.Episode,
            outcome.Episode.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), outcome.Episode.PersonId, cancel: cancel);
        await transaction.CommitAsync(cancel);
        return Redirect($"/episodes/{outcome.Episode.Id}");
    }

    /// <summary>
    /// The council where the person lives: from the postcode's district when this deployment knows it, otherwise the
    /// one chosen by name. Null, with the reason beside the field, when neither says or they disagree.
    /// </summary>
    private async Task<string?> CouncilAsync(CancellationToken cancel)
    {
        var typed = ContactDetailsRules.Clean(Input.Postcode);
        var district = typed is null ? null : PublicSite.ServiceArea.DistrictOf(typed);
        if (typed is not null && (district is null || typed.Length > 10))
        {
            ModelState.AddModelError("Input.Postcode", "Postcode must be a full UK postcode, like SK1 3XE, or its first part, like SK1");
            return null;
        }
        var chosen = ContactDetailsRules.Clean(Input.LocalAuthorityCode);
        if (chosen is not null && Councils.All(c => c.Value != chosen))
        {
            ModelState.AddModelError("Input.LocalAuthorityCode", "Choose a council from the list");
            return null;
        }
        var derived = district is null ? null : await Organisations.Councils.OfDistrictAsync(db, district, cancel);
        if (derived is not null)
        {
            if (chosen is null || chosen == derived.Code) return derived.Code;
            ModelState.AddModelError("Input.LocalAuthorityCode",
                $"The postcode {district} is in {derived.Name}: choose {derived.Name}, or leave the council as 'Choose a council'");
            return null;
        }
        if (chosen is not null) return chosen;
        ModelState.AddModelError("Input.LocalAuthorityCode", district is null
            ? "Choose the council where the person lives, or enter their postcode"
            : $"We do not know which council the postcode {district} is in: choose the council where the person lives");
        return null;
    }

    private ReferralRequest ToRequest(string council)
    {
        var district = ContactDetailsRules.Clean(Input.Postcode) is { } typed ? PublicSite.ServiceArea.DistrictOf(typed) : null;
        // A full postcode is part of the address; a district alone is all the exchange format keeps anyway.
        Input.Contact.Postcode = ContactDetailsRules.Clean(Input.Postcode) is { } full ? ContactDetailsRules.NormalPostcode(full) : null;
        return new(
            Input.GivenName!.Trim(), Input.FamilyName!.Trim(), Input.DateOfBirth!.Value, Input.Sex!.Value,
            string.IsNullOrWhiteSpace(Input.NhsNumber) ? null : Input.NhsNumber.Replace(" ", ""),
            council, district, Input.ConsentNationalReporting,
            Input.ReferralDate!.Value, Input.Source!.Value, Input.Substance1!.Value, Input.ChoosesYoungPeoplesService, Input.Contact);
    }
}
