using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Pathway.Access;
using Pathway.Access.Audit;
using Pathway.Api;
using Pathway.Data;

namespace Pathway.Admin;

public sealed record ApiClientRow(int Id, string ClientId, string Name, string Scopes, string Organisation, DateTimeOffset CreatedAt, bool Revoked);
public sealed record ShownSecret(string Name, string ClientId, string Secret);

/// <summary>
/// Administrators register client systems of the HTTP API, give them a new secret or revoke them (<see cref="ApiClients"/>,
/// the same rules as `pathway api-clients add`). A secret is shown in the response that made it, once, never through TempData.
/// </summary>
[Authorize(Policy = Policies.Administration)]
public class ApiClientsModel(PathwayDb db, AuditTrail audit, TimeProvider time) : PageModel
{
    public sealed class ClientInput
    {
        public string? Name { get; set; }
        public List<string> Scopes { get; set; } = [];
        public string? Provider { get; set; }
        public string? LocalAuthority { get; set; }
    }

    [BindProperty] public ClientInput Input { get; set; } = new();
    public ShownSecret? Shown { get; private set; }
    public string? Done { get; private set; }
    public List<ApiClientRow> Clients { get; private set; } = [];
    public List<SelectListItem> ProviderChoices { get; private set; } = [];
    public List<SelectListItem> LocalAuthorityChoices { get; private set; } = [];

    public Task OnGetAsync(CancellationToken cancel) => LoadAsync(cancel);

    public async Task<IActionResult> OnPostAddAsync(CancellationToken cancel)
    {
        var outcome = await ApiClients.AddAsync(db, new NewApiClient(Input.Name, string.Join(' ', Input.Scopes), Input.Provider, Input.LocalAuthority),
            time, cancel);
        if (outcome is ApiClientOutcome.Invalid invalid)
            foreach (var (field, message) in invalid.Messages)
                ModelState.AddModelError(field switch
                {
                    nameof(NewApiClient.Name) => "Input.Name",
                    nameof(NewApiClient.Scopes) => "Input.Scopes",
                    nameof(NewApiClient.LocalAuthorityCode) => "Input.LocalAuthority",
                    _ => "Input.Provider",
                }, message);
        else if (outcome is ApiClientOutcome.Issued issued)
        {
            await audit.RecordAsync(AuditActions.Change, AuditOutcomes.Succeeded, AuditedRecordTypes.ApiClient, issued.Client.ClientId, cancel: cancel);
            Shown = new ShownSecret(issued.Client.Name, issued.Client.ClientId, issued.Secret);
            ModelState.Clear();
            Input = new();
        }
        await LoadAsync(cancel);
        return Page();
    }

    public async Task<IActionResult> OnPostRotateAsync(int id, CancellationToken cancel)
    {
        if (await ApiClients.RotateAsync(db, id, cancel) is not ApiClientOutcome.Issued issued) return NotFound();
        await audit.RecordAsync(AuditActions.Change, AuditOutcomes.Succeeded, AuditedRecordTypes.ApiClient, issued.Client.ClientId, cancel: cancel);
        Shown = new ShownSecret(issued.Client.Name, issued.Client.ClientId, issued.Secret);
        await LoadAsync(cancel);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(int id, CancellationToken cancel)
    {
        var clientId = await db.ApiClients.Where(c => c.Id == id).Select(c => c.ClientId).SingleOrDefaultAsync(cancel);
        if (clientId is null || !await ApiClients.RevokeAsync(db, id, time, cancel)) return NotFound();
        await audit.RecordAsync(AuditActions.Change, AuditOutcomes.Succeeded, AuditedRecordTypes.ApiClient, clientId, cancel: cancel);
        Done = $"{clientId} is revoked: it gets no new tokens and its current ones are refused.";
        await LoadAsync(cancel);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancel)
    {
        Clients = (await db.ApiClients.AsNoTracking().OrderBy(c => c.Name).ThenBy(c => c.Id).ToListAsync(cancel))
            .Select(c => new ApiClientRow(c.Id, c.ClientId, c.Name, c.Scopes, c.ProviderCode ?? c.LocalAuthorityCode ?? "", c.CreatedAt, c.Revoked))
            .ToList();
        ProviderChoices = (await db.Providers.AsNoTracking().OrderBy(p => p.Name).Select(p => new { p.Code, p.Name }).ToListAsync(cancel))
            .Select(p => new SelectListItem($"{p.Name} ({p.Code})", p.Code)).ToList();
        LocalAuthorityChoices = (await db.LocalAuthorities.AsNoTracking().OrderBy(l => l.Name).Select(l => new { l.Code, l.Name }).ToListAsync(cancel))
            .Select(l => new SelectListItem($"{l.Name} ({l.Code})", l.Code)).ToList();
    }
}
