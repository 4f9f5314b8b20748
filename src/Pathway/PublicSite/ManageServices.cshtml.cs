using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Pathway.Access;
using Pathway.Access.Audit;
using Pathway.Data;
using Pathway.Organisations;

namespace Pathway.PublicSite;

public sealed class PlaceForm
{
    public string? Name { get; set; }
    public string? Address { get; set; }
    public string? Postcode { get; set; }
    public string? OpeningTimes { get; set; }
    public string? Phone { get; set; }
    public string? LocalAuthorityCode { get; set; }
    /// <summary>Chosen only by an administrator; a team manager's places are always their own provider's.</summary>
    public string? ProviderCode { get; set; }
    public bool NeedleAndSyringe { get; set; }
}

public sealed record PlaceRow(int Id, string Name, string OpeningTimes, int DropIns);

/// <summary>
/// The public listing of service places: a team manager keeps their own provider's places, an administrator every one
/// (<see cref="AccessScope.ServicePlaces"/>); each addition and removal is audited in the same save as the change.
/// </summary>
[Authorize(Policy = Policies.PublicInformation)]
public class ManageServicesModel(PathwayDb db, RecordAccess access, AuditTrail audit) : PageModel
{
    [BindProperty] public PlaceForm Form { get; set; } = new();
    public List<PlaceRow> Places { get; private set; } = [];
    public List<LocalAuthority> Areas { get; private set; } = [];
    /// <summary>The providers an administrator may list a place for; empty for a team manager, whose provider is fixed.</summary>
    public List<Provider> Providers { get; private set; } = [];
    /// <summary>The place whose removal waits for a second click: removal is never one click.</summary>
    public PlaceRow? Removing { get; private set; }

    public Task OnGetAsync(CancellationToken cancel) => LoadAsync(cancel);

    public async Task<IActionResult> OnPostAddAsync(CancellationToken cancel)
    {
        await LoadAsync(cancel);
        Require(nameof(PlaceForm.Name), Form.Name, "Enter the name of the place", "Name", 200);
        Require(nameof(PlaceForm.Address), Form.Address, "Enter the address", "Address", 300);
        Require(nameof(PlaceForm.Postcode), Form.Postcode, "Enter the postcode", "Postcode", 8);
        Require(nameof(PlaceForm.OpeningTimes), Form.OpeningTimes, "Enter the opening times", "Opening times", 300);
        if (Form.Phone is { Length: > 30 }) ModelState.AddModelError("Form.Phone", "Phone number must be 30 characters or fewer");
        if (Areas.All(a => a.Code != Form.LocalAuthorityCode)) ModelState.AddModelError("Form.LocalAuthorityCode", "Choose a council area");
        var provider = (await access.ScopeAsync(cancel)).ProviderCode ?? Providers.FirstOrDefault(p => p.Code == Form.ProviderCode)?.Code;
        if (provider is null) ModelState.AddModelError("Form.ProviderCode", "Choose the provider that runs the place");
        if (!ModelState.IsValid) return Page();

        var place = db.ServicePlaces.Add(new ServicePlace
        {
            ProviderCode = provider,
            Name = Form.Name!.Trim(), Address = Form.Address!.Trim(), Postcode = Form.Postcode!.Trim().ToUpperInvariant(),
            OpeningTimes = Form.OpeningTimes!.Trim(), Phone = string.IsNullOrWhiteSpace(Form.Phone) ? null : Form.Phone.Trim(),
            LocalAuthorityCode = Form.LocalAuthorityCode!, NeedleAndSyringe = Form.NeedleAndSyringe, Kind = PlaceKind.Clinic,
        }).Entity;
        // The id exists only once saved, so place and event are saved in one transaction of two saves.
        await using var transaction = await db.Database.BeginTransactionAsync(cancel);
        await db.SaveChangesAsync(cancel);
        audit.Add(AuditActions.Change, AuditOutcomes.Succeeded, AuditedRecordTypes.ServicePlace, place.Id.ToString(CultureInfo.InvariantCulture));
        await db.SaveChangesAsync(cancel);
        await transaction.CommitAsync(cancel);
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRemoveAsync(int id, bool confirmed, CancellationToken cancel)
    {
        if (!confirmed)
        {
            await LoadAsync(cancel);
            // Another provider's place is not among this user's places: not found, as below.
            Removing = Places.FirstOrDefault(p => p.Id == id);
            if (Removing is null)
            {
                await access.RefusedAsync(AuditedRecordTypes.ServicePlace, id.ToString(CultureInfo.InvariantCulture), cancel);
                return NotFound();
            }
            return Page();
        }
        // Another provider's place is not found, as if it did not exist; the attempt is on the trail.
        await using var transaction = await db.Database.BeginTransactionAsync(cancel);
        var removed = await (await access.ScopeAsync(cancel)).ServicePlaces(db.ServicePlaces).Where(p => p.Id == id).ExecuteDeleteAsync(cancel);
        var recordId = id.ToString(CultureInfo.InvariantCulture);
        if (removed == 0)
        {
            await transaction.RollbackAsync(cancel);
            await access.RefusedAsync(AuditedRecordTypes.ServicePlace, recordId, cancel);
            return NotFound();
        }
        audit.Add(AuditActions.Change, AuditOutcomes.Succeeded, AuditedRecordTypes.ServicePlace, recordId);
        await db.SaveChangesAsync(cancel);
        await transaction.CommitAsync(cancel);
        return RedirectToPage();
    }

    private void Require(string field, string? value, string message, string label, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value)) ModelState.AddModelError("Form." + field, message);
        else if (value.Trim().Length > maxLength)
            ModelState.AddModelError("Form." + field, $"{label} must be {maxLength} characters or fewer (this one has {value.Trim().Length})");
    }

    private async Task LoadAsync(CancellationToken cancel)
    {
        var scope = await access.ScopeAsync(cancel);
        Areas = await db.LocalAuthorities.AsNoTracking().OrderBy(l => l.Name).ToListAsync(cancel);
        Providers = scope.ProviderCode is null ? await db.Providers.AsNoTracking().OrderBy(p => p.Name).ToListAsync(cancel) : [];
        Places = await scope.ServicePlaces(db.ServicePlaces.AsNoTracking()).OrderBy(p => p.Name)
            .Select(p => new PlaceRow(p.Id, p.Name, p.OpeningTimes, p.DropIns.Count)).ToListAsync(cancel);
    }
}
