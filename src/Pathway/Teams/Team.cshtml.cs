using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Pathway.Access;
using Pathway.Access.Audit;
using Pathway.Casework;
using Pathway.Data;
using Pathway.Infrastructure;

namespace Pathway.Teams;

/// <summary>
/// A team manager's view: every open episode, by key worker and by whether it is triaged yet; the cases themselves with
/// who holds each, sorted and filtered; the unallocated ones; and moving several cases to another key worker at once.
/// </summary>
[Authorize(Policy = Policies.CaseWork, Roles = Roles.TeamManager)]
public class TeamModel(PathwayDb db, RecordAccess access, AuditTrail audit, TimeProvider time) : PageModel
{
    public const string NoneFilter = "none";
    public static readonly IReadOnlyList<(string Key, string Label)> Sorts =
        [("client", "Client"), ("keyworker", "Key worker"), ("start", "Start date"), ("lastcontact", "Last contact")];

    public TeamCaseloads Caseloads { get; private set; } = null!;
    /// <summary>The cases listed under the filter and sort chosen.</summary>
    public List<TeamCase> Cases { get; private set; } = [];
    public List<(string Id, string Name)> KeyWorkers { get; private set; } = [];
    public List<SelectListItem> KeyWorkerChoices => KeyWorkers.Select(k => new SelectListItem(k.Name, k.Id)).ToList();

    [BindProperty(SupportsGet = true)] public string? KeyWorkerId { get; set; }
    [BindProperty(SupportsGet = true)] public string? Sort { get; set; }
    [BindProperty] public List<int> EpisodeIds { get; set; } = [];
    [BindProperty] public List<int> Versions { get; set; } = [];
    [BindProperty] public string? ToWorkerId { get; set; }
    [TempData] public string? Done { get; set; }

    /// <summary>The confirmation being asked for ("You are moving …"), or null while choosing.</summary>
    public string? Confirming { get; private set; }
    public List<TeamCase> Chosen { get; private set; } = [];

    private async Task LoadAsync(CancellationToken cancel)
    {
        var manager = await Caseworker.CurrentAsync(db, User, cancel);
        Caseloads = await TeamCaseloads.OfAsync(db, await access.EpisodesAsync(cancel), manager.ProviderCode, HttpContext.Today(), cancel);
        KeyWorkers = await Reallocation.KeyWorkersAsync(db, manager.ProviderCode, cancel);
        IEnumerable<TeamCase> cases = Caseloads.Cases;
        if (KeyWorkerId == NoneFilter) cases = cases.Where(c => c.KeyWorkerId is null);
        else if (!string.IsNullOrEmpty(KeyWorkerId)) cases = cases.Where(c => c.KeyWorkerId == KeyWorkerId);
        Sort = Sorts.Any(s => s.Key == Sort) ? Sort : "client";
        Cases = (Sort switch
        {
            "keyworker" => cases.OrderBy(c => c.KeyWorkerId is null).ThenBy(c => c.KeyWorker, StringComparer.OrdinalIgnoreCase).ThenBy(c => c.Client, StringComparer.OrdinalIgnoreCase),
            "start" => cases.OrderBy(c => c.Start).ThenBy(c => c.Client, StringComparer.OrdinalIgnoreCase),
            // Longest without a contact first: those are the cases a manager looks for.
            "lastcontact" => cases.OrderBy(c => c.LastContact is not null).ThenBy(c => c.LastContact).ThenBy(c => c.Client, StringComparer.OrdinalIgnoreCase),
            _ => cases.OrderBy(c => c.Client, StringComparer.OrdinalIgnoreCase).ThenBy(c => c.EpisodeRef, StringComparer.Ordinal),
        }).ToList();
        await access.ListedAsync("team-cases", Cases.Count + Caseloads.Unallocated.Count(), cancel);
    }

    public async Task OnGetAsync(CancellationToken cancel) => await LoadAsync(cancel);

    /// <summary>Checks the choice and asks for confirmation; nothing changes yet.</summary>
    public async Task<IActionResult> OnPostCheckAsync(CancellationToken cancel)
    {
        await LoadAsync(cancel);
        var ticked = EpisodeIds.Distinct().ToList();
        if (Reallocation.Refuse(ticked, ToWorkerId, KeyWorkers, out var field) is { } why)
        {
            ModelState.AddModelError(field, why);
            return Page();
        }
        Chosen = Caseloads.Cases.Where(c => ticked.Contains(c.EpisodeId)).ToList();
        if (Chosen.Count != ticked.Count)
        {
            await access.RefusedAsync(AuditedRecordTypes.Episode, ticked.FirstOrDefault(id => Chosen.All(c => c.EpisodeId != id)).ToString(), cancel);
            ModelState.AddModelError("", Reallocation.OutsideScope);
            return Page();
        }
        var to = KeyWorkers.Single(k => k.Id == ToWorkerId).Name;
        Confirming = $"You are moving {Reallocation.Describe(Chosen, to)}.";
        return Page();
    }

    /// <summary>Moves the confirmed cases, all or none.</summary>
    public async Task<IActionResult> OnPostMoveAsync(CancellationToken cancel)
    {
        var manager = await Caseworker.CurrentAsync(db, User, cancel);
        var ticked = EpisodeIds.Select((id, i) => new TickedCase(id, i < Versions.Count ? Versions[i] : -1)).ToList();
        var outcome = await Reallocation.MoveAsync(db, await access.EpisodesAsync(cancel), audit, manager, ticked, ToWorkerId, time.GetUtcNow(), cancel);
        if (outcome is ReallocationOutcome.Moved moved)
        {
            Done = $"{moved.Count} {(moved.Count == 1 ? "case" : "cases")} moved to {moved.To}.";
            return RedirectToPage(new { KeyWorkerId, Sort });
        }
        var refused = (ReallocationOutcome.Refused)outcome;
        db.ChangeTracker.Clear();
        if (refused.Message is Reallocation.OutsideScope or Reallocation.Stale)
            await audit.RecordAsync(AuditActions.Change, AuditOutcomes.Refused, AuditedRecordTypes.List, $"team-reallocation:{EpisodeIds.Count}", cancel: cancel);
        await LoadAsync(cancel);
        ModelState.AddModelError(refused.Field, refused.Message);
        return Page();
    }

    /// <summary>The address of this page with another sort, keeping the filter.</summary>
    public string SortLink(string sort) =>
        $"/team?sort={sort}" + (string.IsNullOrEmpty(KeyWorkerId) ? "" : $"&keyWorkerId={Uri.EscapeDataString(KeyWorkerId)}") + "#cases";
}
