using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Pathway.Access;
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
    public bool NeedleAndSyringe { get; set; }
}

public sealed record PlaceRow(int Id, string Name, string OpeningTimes, int DropIns);

[Authorize(Policy = Policies.PublicInformation)]
public class ManageServicesModel(PathwayDb db) : PageModel
{
    [BindProperty] public PlaceForm Form { get; set; } = new();
    public List<PlaceRow> Places { get; private set; } = [];
    public List<LocalAuthority> Areas { get; private set; } = [];
    public Dictionary<string, string> Errors { get; } = [];

    public string? Value(string field) => field switch
    {
        "name" => Form.Name, "address" => Form.Address, "postcode" => Form.Postcode, "openingTimes" => Form.OpeningTimes, "phone" => Form.Phone,
        _ => null,
    };

    public Task OnGetAsync(CancellationToken cancel) => LoadAsync(cancel);

    public async Task<IActionResult> OnPostAddAsync(CancellationToken cancel)
    {
        await LoadAsync(cancel);
        Require("name", Form.Name, "Enter the name of the place", 200);
        Require("address", Form.Address, "Enter the address", 300);
        Require("postcode", Form.Postcode, "Enter the postcode", 8);
        Require("openingTimes", Form.OpeningTimes, "Enter the opening times", 300);
        if (Form.Phone is { Length: > 30 }) Errors["phone"] = "Phone number must be 30 characters or fewer";
        if (Areas.All(a => a.Code != Form.LocalAuthorityCode)) Errors["localAuthority"] = "Choose a council area";
        if (Errors.Count > 0) return Page();

        db.ServicePlaces.Add(new ServicePlace
        {
            Name = Form.Name!.Trim(), Address = Form.Address!.Trim(), Postcode = Form.Postcode!.Trim().ToUpperInvariant(),
            OpeningTimes = Form.OpeningTimes!.Trim(), Phone = string.IsNullOrWhiteSpace(Form.Phone) ? null : Form.Phone.Trim(),
            LocalAuthorityCode = Form.LocalAuthorityCode!, NeedleAndSyringe = Form.NeedleAndSyringe, Kind = PlaceKind.Clinic,
        });
        await db.SaveChangesAsync(cancel);
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRemoveAsync(int id, CancellationToken cancel)
    {
        await db.ServicePlaces.Where(p => p.Id == id).ExecuteDeleteAsync(cancel);
        return RedirectToPage();
    }

    private void Require(string field, string? value, string message, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value)) Errors[field] = message;
        else if (value.Trim().Length > maxLength) Errors[field] = $"Must be {maxLength} characters or fewer";
    }

    private async Task LoadAsync(CancellationToken cancel)
    {
        Areas = await db.LocalAuthorities.AsNoTracking().OrderBy(l => l.Name).ToListAsync(cancel);
        Places = await db.ServicePlaces.AsNoTracking().OrderBy(p => p.Name)
            .Select(p => new PlaceRow(p.Id, p.Name, p.OpeningTimes, p.DropIns.Count)).ToListAsync(cancel);
    }
}
