using Pathway.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Pathway.Access;
using Pathway.Access.Audit;
using Pathway.Data;
using Pathway.Episodes;

namespace Pathway.Casework;

public sealed record CaseHeading(int EpisodeId, string Name, string EpisodeRef, string ClientRef, DateOnly ReferralDate, bool Discharged);

/// <summary>
/// What every form of a case shares: finding the episode within the worker's scope for the page, carrying the version
/// the form was filled in from, and answering its action's <see cref="CaseOutcome"/> (a stale save refused with the
/// NHS.UK error summary and the person's input kept on the page). The rules and the save are the action's, never the page's.
/// </summary>
[Authorize(Policy = Policies.CaseWork)]
[AuditedRecord(AuditedRecordTypes.Episode)]
public abstract class CaseFormModel(PathwayDb db) : PageModel
{
    protected PathwayDb Db => db;
    [BindProperty(SupportsGet = true)] public int Id { get; set; }
    [BindProperty] public int Version { get; set; }
    public CaseHeading Heading { get; private set; } = null!;
    protected Caseworker Worker { get; private set; } = null!;
    protected Episode Episode { get; private set; } = null!;

    public DateOnly Today => HttpContext.Today();

    /// <summary>Loads the episode (tracked) with its person and client record; false when it is not in scope.</summary>
    protected async Task<bool> LoadAsync(CancellationToken cancel, bool keepPostedVersion = false)
    {
        Worker = await Caseworker.CurrentAsync(db, User, cancel);
        var episode = await db.Episodes.VisibleTo(Worker).Include(e => e.Person).Include(e => e.ClientRecord)
            .SingleOrDefaultAsync(e => e.Id == Id, cancel);
        if (episode is null) return false;
        Episode = episode;
        if (!keepPostedVersion) Version = episode.Version;
        Heading = new CaseHeading(episode.Id, $"{episode.ClientRecord.GivenName} {episode.ClientRecord.FamilyName}".Trim(),
            episode.EpisodeRef, episode.ClientRecord.ClientRef, episode.ReferralDate, episode.DischargeDate is not null);
        return true;
    }

    /// <summary>
    /// Runs a case-work action: saving when everything bound, only checking when a value did not (its binding message stands
    /// and the action's rules give the other fields theirs), then answers with <see cref="AnswerAsync"/>.
    /// </summary>
    protected async Task<IActionResult> ActAsync(Func<CaseActionMode, Task<CaseOutcome>> action, CancellationToken cancel,
        string prefix = "", string? fragment = null, Func<Task>? reloadForPage = null)
    {
        var mode = ModelState.IsValid ? CaseActionMode.Save : CaseActionMode.CheckOnly;
        return await AnswerAsync(await action(mode), cancel, prefix, fragment, reloadForPage);
    }

    /// <summary>
    /// The page's answer to an action's outcome, the one place every case form turns one into a response. Saved: back to the
    /// case (at <paramref name="fragment"/>). Invalid: each message beside its field (under <paramref name="prefix"/>), unless
    /// the field already has a binding error, and the form again. Stale: the message, and the form as the person filled it in.
    /// </summary>
    protected async Task<IActionResult> AnswerAsync(CaseOutcome outcome, CancellationToken cancel, string prefix = "",
        string? fragment = null, Func<Task>? reloadForPage = null)
    {
        switch (outcome)
        {
            case CaseOutcome.Saved:
                return Redirect(fragment is null ? $"/episodes/{Id}" : $"/episodes/{Id}#{fragment}");
            case CaseOutcome.Invalid invalid:
                ModelState.Show(invalid, prefix);
                if (reloadForPage is not null) await reloadForPage();
                return Page();
            case CaseOutcome.Stale:
                ModelState.AddModelError("", CaseSave.StaleMessage);
                db.ChangeTracker.Clear();
                await LoadAsync(cancel);
                if (reloadForPage is not null) await reloadForPage();
                return Page();
            default:
                return NotFound();
        }
    }
}

/// <summary>How every page shows an action's invalid outcome: each message beside its field, unless that field already has a binding error.</summary>
public static class CaseOutcomeMessages
{
    public static void Show(this ModelStateDictionary state, CaseOutcome.Invalid invalid, string prefix = "")
    {
        foreach (var message in invalid.Messages)
        {
            var field = prefix.Length == 0 || message.Field.Length == 0 ? message.Field : $"{prefix}.{message.Field}";
            if (state.GetFieldValidationState(field) != ModelValidationState.Invalid) state.AddModelError(field, message.Message);
        }
    }
}
