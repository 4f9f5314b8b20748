using Pathway.Infrastructure;
using System.Net.Mail;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Pathway.Data;

namespace Pathway.PublicSite.Carers;

public sealed record CarersGroupTime(string Place, string Address, DayOfWeek Day, TimeOnly Starts, TimeOnly Ends, string Description);

public sealed class CarerRequestForm
{
    public string? Name { get; set; }
    public string? Phone { get; set; }
    public string? Email { get; set; }
    public string? Postcode { get; set; }
    public string? Voicemail { get; set; }
    public string? SafeContactNote { get; set; }
    public string? Website { get; set; }
}

/// <summary>
/// Support for family members and carers in their own right: the carers' groups (drop-in sessions marked for
/// carers, managed with the service places) and a request to be contacted, which lands on the staff carers' page.
/// </summary>
[AllowAnonymous]
[RequestSizeLimit(PublicForms.MaxRequestBytes)]
public class CarersSupportModel(PathwayDb db) : PageModel
{
    [BindProperty] public CarerRequestForm Input { get; set; } = new();
    public List<CarersGroupTime> Groups { get; private set; } = [];
    public bool Sent { get; private set; }

    public async Task OnGetAsync(bool sent, CancellationToken cancel)
    {
        Sent = sent;
        await LoadAsync(cancel);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancel)
    {
        // A robot filled the hidden field: thank it, keep nothing.
        if (!string.IsNullOrEmpty(Input.Website)) return Redirect("/carers?sent=true");
        var name = Text(nameof(Input.Name), Input.Name, CarerContactRequest.NameLength, "Enter your name");
        var phone = Text(nameof(Input.Phone), Input.Phone, CarerContactRequest.PhoneLength, null);
        if (phone is not null && (phone.Count(char.IsAsciiDigit) is < 10 or > 13 || phone.Any(c => !char.IsAsciiDigit(c) && c is not (' ' or '+' or '(' or ')' or '-'))))
            Error(nameof(Input.Phone), "Enter a phone number, like 07700 900 982");
        var email = Text(nameof(Input.Email), Input.Email, CarerContactRequest.EmailLength, null);
        if (email is not null && !(MailAddress.TryCreate(email, out var parsed) && parsed.Address == email && email.Contains('.')))
            Error(nameof(Input.Email), "Enter an email address in the correct format, like name@example.com");
        // Every posted field has a ModelState entry, so "already refused" means an entry with errors, not any entry.
        if (phone is null && email is null && !HasError(nameof(Input.Phone)) && !HasError(nameof(Input.Email)))
            Error(nameof(Input.Phone), "Enter a phone number or an email address so we can contact you");
        if (phone is not null && Input.Voicemail is not ("yes" or "no")) Error(nameof(Input.Voicemail), "Select whether we may leave a voicemail");
        var note = Text(nameof(Input.SafeContactNote), Input.SafeContactNote, CarerContactRequest.NoteLength, null);
        ServiceFor? service = null;
        var district = ServiceArea.DistrictOf(Input.Postcode);
        if (string.IsNullOrWhiteSpace(Input.Postcode)) Error(nameof(Input.Postcode), "Enter your postcode");
        else if (Input.Postcode.Length > 10 || district is null) Error(nameof(Input.Postcode), "Enter a real postcode, like SK1 3XE");
        else if ((service = await ServiceArea.FindAsync(db, district, HttpContext.Today(), cancel)) is null)
            Error(nameof(Input.Postcode), "We cannot take requests for this postcode. Find a service near you on the 'Where to get help' page, or call 111");
        if (!ModelState.IsValid)
        {
            await LoadAsync(cancel);
            return Page();
        }
        db.CarerContactRequests.Add(new CarerContactRequest
        {
            Name = name!, Phone = phone, Email = email, LocalAuthorityCode = service!.LocalAuthorityCode, ProviderCode = service.ProviderCode,
            VoicemailOk = Input.Voicemail == "yes", SafeContactNote = note, RequestedAt = HttpContext.Time().GetUtcNow(),
        });
        await db.SaveChangesAsync(cancel);
        // Redirect after the post, so a refresh cannot send the request twice.
        return Redirect("/carers?sent=true");
    }

    private async Task LoadAsync(CancellationToken cancel)
    {
        var sessions = await db.Set<DropInSession>().AsNoTracking().Where(d => d.ForCarers)
            .Join(db.ServicePlaces, d => d.ServicePlaceId, p => p.Id, (d, p) => new { p.Name, p.Address, p.Postcode, d.Day, d.Starts, d.Ends, d.Description })
            .ToListAsync(cancel);
        Groups = sessions.OrderBy(s => ((int)s.Day + 6) % 7).ThenBy(s => s.Starts)
            .Select(s => new CarersGroupTime(s.Name, $"{s.Address}, {s.Postcode}", s.Day, s.Starts, s.Ends, s.Description)).ToList();
    }

    private void Error(string field, string message) => ModelState.AddModelError($"Input.{field}", message);

    private bool HasError(string field) => ModelState.TryGetValue($"Input.{field}", out var entry) && entry.Errors.Count > 0;

    private string? Text(string field, string? value, int max, string? missing)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            if (missing is not null) Error(field, missing);
            return null;
        }
        if (trimmed.Length > max) { Error(field, $"{PublicForms.Label(field)} must be {max} characters or fewer"); return null; }
        return trimmed;
    }
}
